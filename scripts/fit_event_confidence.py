"""Fit the weights of the events' confidence (geo/events/confidence_weights.json).

    python scripts/fit_event_confidence.py ../shared/eval/events-dev.jsonl \
        [--labels scripts/data/event_labels.jsonl] [--write]

Extracts the events of the annotated articles, labels each correct when it matches a gold
event (the rule of ``geo events eval``); with ``--labels``, also extracts the events of the
ordinary news the hand labels name (``dev.jsonl``, ``lgl.jsonl``, looked for next to the gold
file) and takes their right/wrong labels. Then fits a maximum a posteriori logistic regression
of that label on the events' cues and the log-odds of their place's confidence: a Gaussian
prior (sd :data:`PRIOR_SD`) around the rule-of-thumb weights that
``geo/events/confidence.py`` explains, Newton's method with bounds (a cue of inference or
hearsay stays <= 0, the place's weight >= 0: a weight that would cross its bound is held at 0
while the others refit, and released when the gradient pulls it back inside). Prints the
weights, then for the current weights and the new fit: the calibration error in sample and out
of fold (leave one article out), the confidence of right and wrong events (mean and quartiles)
and how many wrong events fall below 0.5 and 0.7, and the AUC (how often a right event is
rated above a wrong one). ``--write`` replaces the JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geo.evaluation import calibration
from geo.events import extract_from_articles
from geo.events.confidence import CUES, FEATURES, LOWERING, WEIGHTS_FILE, place_logodds
from geo.events.evaluation import _pairs, load_event_gold
from geo.model import Article, Event
from geo.pipeline import default_gazetteer, parse_articles

PRIOR_SD = 1.0
NAMES = ("bias", *FEATURES)
#: (lower, upper) of each weight: the cues' meaning, kept whatever the data say
BOUNDS = {**{c: (-np.inf, 0.0) for c in LOWERING}, "place_logodds": (0.0, np.inf)}


def features(ev: Event) -> list[float]:
    return [1.0] + [float(c in ev.cues) for c in CUES] + [place_logodds(ev.place_confidence)]


def _extract(articles: list[Article], gaz) -> dict[str, list[Event]]:
    parsed = list(parse_articles(articles, gazetteer=gaz))
    by_article: dict[str, list[Event]] = {}
    for ev in extract_from_articles(parsed, gazetteer=gaz):
        by_article.setdefault(ev.article_id or "", []).append(ev)
    return by_article


def collect(gold_path: str, gaz) -> tuple[list[list[float]], list[float], list[str]]:
    """(features, labels, article) of every event extracted from the gold articles."""
    gold = load_event_gold(gold_path)
    by_article = _extract([g.to_article() for g in gold], gaz)
    rows, labels, groups = [], [], []
    for article in gold:
        preds = by_article.get(article.id, [])
        matched = {p for _, p in _pairs(article.events, preds)}
        for i, ev in enumerate(preds):
            rows.append(features(ev))
            labels.append(float(i in matched))
            groups.append(f"gold:{article.id}")
    return rows, labels, groups


def collect_labelled(labels_path: str, corpora: Path,
                     gaz) -> tuple[list[list[float]], list[float], list[str]]:
    """(features, labels, article) of the hand-labelled events, re-extracted from their corpora
    and joined by event id (or by article, type and place when an offset moved)."""
    labels = [json.loads(line) for line in Path(labels_path).read_text("utf-8").splitlines()
              if line.strip()]
    rows, ys, groups, missing = [], [], [], 0
    for corpus in sorted({lab["corpus"] for lab in labels}):
        wanted = {lab["article_id"] for lab in labels if lab["corpus"] == corpus}
        articles = []
        with (corpora / corpus).open(encoding="utf-8") as f:
            for line in f:
                obj = json.loads(line)
                if obj["id"] in wanted:
                    articles.append(Article(id=obj["id"], text=obj["text"], date=obj.get("date"),
                                            title=obj.get("title"),
                                            lang=obj.get("lang") or None))
        by_article = _extract(articles, gaz)
        for lab in (lab for lab in labels if lab["corpus"] == corpus):
            evs = by_article.get(lab["article_id"], [])
            hit = [e for e in evs if e.id.split("@")[0] == lab["event"]] or [
                e for e in evs if e.event_type == lab["event_type"]
                and e.place is not None and e.place.id == lab["place_id"]]
            if not hit:
                missing += 1
                continue
            rows.append(features(hit[0]))
            ys.append(float(lab["right"]))
            groups.append(f"{corpus}:{lab['article_id']}")
    print(f"{len(ys)} hand-labelled events found again, {missing} no longer extracted")
    return rows, ys, groups


def fit(x: np.ndarray, y: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """MAP weights within :data:`BOUNDS`: log-likelihood plus a Gaussian log-prior around
    ``prior``, Newton's method on the free weights, the others held at their bound."""
    lo = np.array([BOUNDS.get(n, (-np.inf, np.inf))[0] for n in NAMES])
    hi = np.array([BOUNDS.get(n, (-np.inf, np.inf))[1] for n in NAMES])
    w = np.clip(prior.copy(), lo, hi)
    precision = np.eye(len(w)) / PRIOR_SD ** 2
    held = np.zeros(len(w), dtype=bool)
    for _ in range(len(w) + 1):  # each round holds or releases at least one weight
        free = ~held
        for _ in range(100):
            p = 1 / (1 + np.exp(-x @ w))
            grad = x.T @ (y - p) - precision @ (w - prior)
            hess = -(x.T * (p * (1 - p))) @ x - precision
            step = np.zeros(len(w))
            step[free] = np.linalg.solve(hess[np.ix_(free, free)], grad[free])
            w = w - step
            over = free & ((w < lo) | (w > hi))
            if over.any():  # crossed a bound: hold it there and refit the rest
                w = np.clip(w, lo, hi)
                held |= over
                free = ~held
                continue
            if np.abs(step).max() < 1e-9:
                break
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (y - p) - precision @ (w - prior)
        # a held weight whose gradient points back inside its bounds is released
        release = held & (((w <= lo) & (grad > 1e-9)) | ((w >= hi) & (grad < -1e-9)))
        if not release.any():
            return w
        held &= ~release
    return w


def _probs(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x @ w))


def report(label: str, probs: np.ndarray, y: np.ndarray) -> None:
    ece, _ = calibration(zip(probs.tolist(), (y > 0).tolist(), strict=True))
    right, wrong = probs[y > 0], probs[y == 0]

    def spread(v: np.ndarray) -> str:
        if not len(v):
            return "none"
        q1, q2, q3 = np.percentile(v, [25, 50, 75])
        return f"mean {v.mean():.3f} q1 {q1:.3f} median {q2:.3f} q3 {q3:.3f}"

    # AUC: how often a right event is rated above a wrong one (ties half)
    above = (right[:, None] > wrong[None, :]).sum() + 0.5 * (right[:, None] == wrong[None, :]).sum()
    auc = above / (len(right) * len(wrong)) if len(right) and len(wrong) else float("nan")
    print(f"{label}: ECE {ece:.3f}, AUC {auc:.3f}; right ({len(right)}) {spread(right)}; "
          f"wrong ({len(wrong)}) {spread(wrong)}; wrong below 0.5: "
          f"{int((wrong < 0.5).sum())}, below 0.7: {int((wrong < 0.7).sum())}; "
          f"right below 0.5: {int((right < 0.5).sum())}, below 0.7: {int((right < 0.7).sum())}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("--labels", help="hand labels of events from ordinary news (JSONL)")
    ap.add_argument("--corpora", help="folder of the labelled corpora (default: the gold's)")
    ap.add_argument("--write", action="store_true", help=f"replace {WEIGHTS_FILE.name}")
    args = ap.parse_args(argv)
    current = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    prior = np.array([current["prior"][n] for n in NAMES])
    old = np.array([current["weights"].get(n, 0.0) for n in NAMES])
    gaz = default_gazetteer()
    rows, labels, groups = collect(args.gold, gaz)
    sources = [Path(args.gold).name]
    if args.labels:
        more = collect_labelled(args.labels, Path(args.corpora or Path(args.gold).parent), gaz)
        rows, labels, groups = rows + more[0], labels + more[1], groups + more[2]
        sources.append(Path(args.labels).name)
    x, y, group = np.array(rows), np.array(labels), np.array(groups)
    w = fit(x, y, prior)
    out_of_fold = np.zeros(len(y))
    for k in np.unique(group):
        held = group == k
        out_of_fold[held] = _probs(x[held], fit(x[~held], y[~held], prior))
    print(f"{len(y)} events, {int(y.sum())} correct; cue counts: "
          + ", ".join(f"{n} {int(x[:, i + 1].sum())}" for i, n in enumerate(CUES))
          + f"; place log-odds mean {x[:, -1].mean():.2f}")
    for n, p0, w0, wi in zip(NAMES, prior, old, w, strict=True):
        print(f"  {n:<16} prior {p0:+.2f}  current {w0:+.3f}  fitted {wi:+.3f}")
    gold_rows = np.array([g.startswith("gold:") for g in groups])
    for name, probs in (("current weights", _probs(x, old)), ("fit, in sample", _probs(x, w)),
                        ("fit, leave one article out", out_of_fold)):
        report(name, probs, y)
        if args.labels:
            report(f"  {name}, events-dev only", probs[gold_rows], y[gold_rows])
            report(f"  {name}, hand-labelled only", probs[~gold_rows], y[~gold_rows])
    if args.write:
        current["weights"] = {n: round(float(v), 4) for n, v in zip(NAMES, w, strict=True)}
        current["source"] = (f"scripts/fit_event_confidence.py on {' + '.join(sources)}: "
                             f"{len(y)} extracted events, {int(y.sum())} right; "
                             f"MAP logistic regression, Gaussian prior sd {PRIOR_SD} around "
                             "'prior'; inference/hearsay cues <= 0, place log-odds >= 0")
        WEIGHTS_FILE.write_text(json.dumps(current, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
