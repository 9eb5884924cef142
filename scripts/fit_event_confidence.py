"""Fit the weights of the events' confidence (geo/events/confidence_weights.json).

    python scripts/fit_event_confidence.py ../shared/eval/events-dev.jsonl [--write]

Extracts the events of the annotated articles, labels each correct when it matches a gold
event (the rule of ``geo events eval``) and fits a maximum a posteriori logistic regression of
that label on the events' cues: a Gaussian prior (sd :data:`PRIOR_SD`) around the rule-of-thumb
weights that ``geo/events/confidence.py`` explains, Newton's method. Prints the weights, and
the calibration both in sample and out of fold (leave one article out), so that what the
figures in ``geo events eval`` owe to fitting on the same articles shows. ``--write``
replaces the JSON.
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
from geo.events.confidence import CUES, WEIGHTS_FILE
from geo.events.evaluation import _pairs, load_event_gold
from geo.pipeline import default_gazetteer, parse_articles

PRIOR_SD = 1.0
NAMES = ("bias", *CUES)


def collect(gold_path: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features, labels, article index) of every extracted event."""
    gold = load_event_gold(gold_path)
    gaz = default_gazetteer()
    parsed = list(parse_articles((g.to_article() for g in gold), gazetteer=gaz))
    by_article: dict[str, list] = {}
    for ev in extract_from_articles(parsed, gazetteer=gaz):
        by_article.setdefault(ev.article_id or "", []).append(ev)
    rows, labels, groups = [], [], []
    for k, article in enumerate(gold):
        preds = by_article.get(article.id, [])
        matched = {p for _, p in _pairs(article.events, preds)}
        for i, ev in enumerate(preds):
            rows.append([1.0] + [float(c in ev.cues) for c in CUES])
            labels.append(float(i in matched))
            groups.append(k)
    return np.array(rows), np.array(labels), np.array(groups)


def fit(x: np.ndarray, y: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """MAP weights: log-likelihood plus a Gaussian log-prior around ``prior``."""
    w = prior.copy()
    precision = np.eye(len(w)) / PRIOR_SD ** 2
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (y - p) - precision @ (w - prior)
        hess = -(x.T * (p * (1 - p))) @ x - precision
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("--write", action="store_true", help=f"replace {WEIGHTS_FILE.name}")
    args = ap.parse_args(argv)
    current = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    prior = np.array([current["prior"][n] for n in NAMES])
    x, y, groups = collect(args.gold)
    w = fit(x, y, prior)
    out_of_fold = np.zeros(len(y))
    for k in np.unique(groups):
        held = groups == k
        wk = fit(x[~held], y[~held], prior)
        out_of_fold[held] = 1 / (1 + np.exp(-x[held] @ wk))
    in_sample = 1 / (1 + np.exp(-x @ w))
    print(f"{len(y)} events, {int(y.sum())} correct; cue counts: "
          + ", ".join(f"{n} {int(x[:, i].sum())}" for i, n in enumerate(NAMES) if i))
    for n, p0, wi in zip(NAMES, prior, w, strict=True):
        print(f"  {n:<16} prior {p0:+.2f}  fitted {wi:+.3f}")
    for label, probs in (("in sample", in_sample), ("leave one article out", out_of_fold)):
        ece, _ = calibration(zip(probs.tolist(), (y > 0).tolist(), strict=True))
        print(f"ECE {label}: {ece:.3f}")
    if args.write:
        current["weights"] = {n: round(float(v), 4) for n, v in zip(NAMES, w, strict=True)}
        current["source"] = (f"scripts/fit_event_confidence.py on {Path(args.gold).name}: "
                             f"{len(y)} extracted events, {int(y.sum())} matching a gold event; "
                             f"MAP logistic regression, Gaussian prior sd {PRIOR_SD} around "
                             "'prior'")
        WEIGHTS_FILE.write_text(json.dumps(current, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
