"""Fit the resolver's weights on annotated articles and print the cross-validated figures.

    python scripts/fit_resolver.py [GOLD.jsonl ...] [--folds 5] [--write] [--plot FILE.png]

Default data: ../shared/eval/lgl.jsonl and ../shared/eval/dev.jsonl (beside the checkout).
Three fits, all with a small numpy Newton solver (no new dependency):

1. ranking: conditional logistic regression over each name's candidates (softmax of the
   weighted features of :mod:`geo.text.scoring`); the right candidates of a name are those
   ``geo.evaluation.is_right`` accepts for its gold toponym (kind rules). Context features
   depend on the other names' choices, so the fit is repeated: features from the previous
   weights, fit, again (``ROUNDS``).
2. confidence: logistic regression over one row per recognised span (right = a gold toponym
   resolved right; wrong = resolved wrong or no toponym at all; spans on optional gold left
   out);
3. the acceptance floor: the confidence below which a name is dropped, the one that gives the
   best F1 on the training articles.

Cross-validation: the articles are split into ``--folds`` folds by a hash of their id (an
article's names never sit on both sides); each fold is resolved with weights fitted on the
others, and the figures printed (F1, Acc@161, ECE, reliability table) are of those held-out
predictions only. ``--write`` then fits on everything and writes
``geo/text/resolve_weights.json`` with the figures and the data it came from.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.evaluation import (  # noqa: E402
    GoldArticle,
    GoldToponym,
    Prediction,
    distance_km,
    is_right,
    load_gold,
    score,
)
from geo.text import scoring as sc  # noqa: E402
from geo.text.recognise import recognise  # noqa: E402
from geo.text.resolve import score_article  # noqa: E402

SHARED = ROOT.parent.parent / "shared" if (ROOT.parent.parent / "shared").is_dir() \
    else ROOT.parent / "shared"
DEFAULT_GOLD = [SHARED / "eval" / "lgl.jsonl", SHARED / "eval" / "dev.jsonl"]
ROUNDS = 3  # refits with context features from the previous weights (2 -> 3 changed < 0.1 %)
RANKING_L2 = 1.0  # ridge on the ranking weights (log-likelihood summed over ~4,000 names)
CONFIDENCE_L2 = 1.0
BINS = 10  # reliability bins of width 0.1


@dataclass
class Item:
    """One gold article with its recognised spans (recognition does not depend on weights)."""

    gold: GoldArticle
    corpus: str
    spans: list


@dataclass
class Collected:
    """Rows for the fits, and the predictions the weights made (per span, with confidence)."""

    X: np.ndarray  # ranking rows of names with a right candidate
    y: np.ndarray  # 1 for a right candidate
    group: np.ndarray  # name id of each row (rows of one name are contiguous)
    C: np.ndarray  # confidence rows, one per span with a label
    c: np.ndarray  # 1 right, 0 wrong or not a toponym
    predictions: dict[str, list[tuple[Prediction, float]]]


def overlapping(t: GoldToponym, start: int, end: int) -> int:
    return min(t.end, end) - max(t.start, start)


def collect(items: list[Item], weights: sc.Weights, gaz) -> Collected:
    X, y, group, C, c = [], [], [], [], []
    predictions: dict[str, list[tuple[Prediction, float]]] = {}
    n_group = 0
    for item in items:
        g = item.gold
        preds = predictions.setdefault(g.id, [])
        s = score_article(item.spans, gaz, lang=g.lang, weights=weights)
        if s is None:
            continue
        for k, key in enumerate(s.keys):
            spans = s.groups[key]
            j = int(s.choice[k])
            place = s.candidates[j].place
            conf = float(s.confidence[k])
            golds = []
            for sp in spans:
                preds.append((Prediction(sp.start, sp.end, sp.surface, place.kind, place.cc,
                                         place.lat, place.lon, place.id), conf))
                hits = sorted((t for t in g.toponyms if overlapping(t, sp.start, sp.end) > 0),
                              key=lambda t: -overlapping(t, sp.start, sp.end))
                golds.append(hits[0] if hits else None)
            lo, hi = s.starts[k], s.starts[k + 1]
            right = np.array([_right(golds, s.candidates[i].place) for i in range(lo, hi)])
            for t in golds:
                if t is not None and t.optional:
                    continue
                C.append(s.confidence_features[k])
                c.append(float(t is not None and right[j - lo]))
            if any(t is not None and not t.optional for t in golds) and right.any():
                X.append(s.features[lo:hi])
                y.append(right.astype(float))
                group.append(np.full(hi - lo, n_group))
                n_group += 1
    return Collected(np.vstack(X), np.concatenate(y), np.concatenate(group), np.array(C),
                     np.array(c), predictions)


def _right(golds: list[GoldToponym | None], place) -> bool:
    t = next((t for t in golds if t is not None and not t.optional), None)
    if t is None:
        return False
    pred = Prediction(0, 0, "", place.kind, place.cc, place.lat, place.lon, place.id)
    return is_right(t, pred, distance_km(t.lat, t.lon, place.lat, place.lon))


# --- the two fits ---------------------------------------------------------------------------


def fit_ranking(X: np.ndarray, y: np.ndarray, group: np.ndarray, w0: np.ndarray) -> np.ndarray:
    """Conditional logit: maximise sum over names of log P(a right candidate) - L2/2 |w|^2."""
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])

    def objective(w):
        s = X @ w
        top = np.maximum.reduceat(s, starts)[group]
        e = np.exp(s - top)
        z_all = np.add.reduceat(e, starts)
        z_pos = np.add.reduceat(e * y, starts)
        ll = float(np.sum(np.log(z_pos) - np.log(z_all)))
        return ll - RANKING_L2 / 2 * float(w @ w), e, z_all, z_pos

    w = w0.copy()
    value, e, z_all, z_pos = objective(w)
    for _ in range(100):
        p = e / z_all[group]
        q = e * y / z_pos[group]
        grad = X.T @ (q - p) - RANKING_L2 * w
        m = np.add.reduceat(p[:, None] * X, starts)
        fisher = X.T @ (p[:, None] * X) - m.T @ m + RANKING_L2 * np.eye(len(w))
        step = np.linalg.solve(fisher, grad)
        t = 1.0
        while t > 1e-4:
            candidate = objective(w + t * step)
            if candidate[0] >= value:
                break
            t /= 2
        else:
            break
        gain = candidate[0] - value
        w = w + t * step
        value, e, z_all, z_pos = candidate
        if gain < 1e-6:
            break
    return w


def fit_confidence(C: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Logistic regression (IRLS with a ridge that spares the bias)."""
    w = np.zeros(C.shape[1])
    ridge = CONFIDENCE_L2 * np.eye(C.shape[1])
    ridge[0, 0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(C @ w, -30, 30)))
        grad = C.T @ (c - p) - ridge @ w
        hess = C.T @ ((p * (1 - p))[:, None] * C) + ridge + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w = w + step
        if np.abs(step).max() < 1e-8:
            break
    return w


def fit(items: list[Item], gaz, start: sc.Weights, log=print) -> sc.Weights:
    """All three fits on ``items``."""
    w = start
    for r in range(ROUNDS):
        data = collect(items, w, gaz)
        ranking = fit_ranking(data.X, data.y, data.group, w.ranking)
        w = sc.Weights(ranking=ranking, confidence=w.confidence, accept=w.accept)
        log(f"  round {r + 1}: {len(np.unique(data.group))} names, {len(data.y)} candidates")
    data = collect(items, w, gaz)
    conf = fit_confidence(data.C, data.c)
    w = sc.Weights(ranking=w.ranking, confidence=conf, accept=w.accept)
    data = collect(items, w, gaz)
    gold = [i.gold for i in items]
    best = max(np.arange(0.0, 0.61, 0.025),
               key=lambda t: (score(gold, _kept(data.predictions, t)).f1, -t))
    return sc.Weights(ranking=w.ranking, confidence=w.confidence, accept=float(best))


def _kept(predictions, floor: float) -> dict[str, list[Prediction]]:
    return {a: [p for p, conf in ps if conf >= floor] for a, ps in predictions.items()}


# --- figures ----------------------------------------------------------------------------------


def reliability(conf: np.ndarray, right: np.ndarray) -> tuple[float, list[tuple]]:
    """Expected calibration error and the per-bin table (lo, hi, n, mean confidence, accuracy)."""
    rows, ece = [], 0.0
    for b in range(BINS):
        lo, hi = b / BINS, (b + 1) / BINS
        sel = (conf >= lo) & ((conf < hi) if b < BINS - 1 else (conf <= hi))
        n = int(sel.sum())
        if n:
            mc, acc = float(conf[sel].mean()), float(right[sel].mean())
            ece += n / len(conf) * abs(mc - acc)
            rows.append((lo, hi, n, mc, acc))
    return ece, rows


def fold_of(article_id: str, folds: int) -> int:
    return int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % folds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true", help="write geo/text/resolve_weights.json")
    args = ap.parse_args(argv)

    from geo.pipeline import default_gazetteer

    gaz = default_gazetteer()
    items = []
    for path in args.gold:
        for g in load_gold(path):
            items.append(Item(g, path.stem, recognise(g.text, gaz)))
    # a neutral start, independent of any earlier fit: population alone picks the first context
    start = sc.Weights(ranking=np.array([float(n == "log_population") for n in sc.RANKING_NAMES]),
                       confidence=np.zeros(len(sc.CONFIDENCE_NAMES)), accept=0.0)
    print(f"{len(items)} articles from {', '.join(p.name for p in args.gold)}; "
          f"{args.folds} folds by article")

    held: dict[str, list[tuple[Prediction, float]]] = {}
    conf_rows, conf_labels = [], []
    floors = []
    for f in range(args.folds):
        train = [i for i in items if fold_of(i.gold.id, args.folds) != f]
        test = [i for i in items if fold_of(i.gold.id, args.folds) == f]
        print(f"fold {f + 1}: fit on {len(train)} articles, test on {len(test)}")
        w = fit(train, gaz, start, log=print)
        floors.append(w.accept)
        data = collect(test, w, gaz)
        held.update(_kept(data.predictions, w.accept))
        conf_rows.append(sc.confidence(data.C, w))
        conf_labels.append(data.c)
    figures = {}
    for corpus in sorted({i.corpus for i in items}):
        gold = [i.gold for i in items if i.corpus == corpus]
        kinds = score(gold, held)
        plain = score(gold, held, distance_only=True)
        figures[corpus] = {"articles": len(gold), "precision": round(kinds.precision, 4),
                           "recall": round(kinds.recall, 4), "f1": round(kinds.f1, 4),
                           "acc161_kind_rules": round(kinds.resolution_accuracy, 4),
                           "acc161_plain": round(plain.resolution_accuracy, 4)}
    conf, right = np.concatenate(conf_rows), np.concatenate(conf_labels)
    ece, table = reliability(conf, right)
    figures["confidence"] = {"spans": len(conf), "ece": round(ece, 4),
                             "note": "before the acceptance floor, every span with a label"}
    print("\ncross-validated (held-out folds only):")
    for corpus, d in figures.items():
        print(f"  {corpus}: {json.dumps(d)}")
    print(f"  acceptance floors chosen per fold: {', '.join(f'{x:.3f}' for x in floors)}")
    print("  reliability: bin, spans, mean confidence, share right")
    for lo, hi, n, mc, acc in table:
        print(f"    {lo:.1f}-{hi:.1f} {n:6d} {mc:6.3f} {acc:6.3f}")

    if args.write:
        print("fit on all articles ...")
        w = fit(items, gaz, start, log=print)
        out = {
            "fitted_by": "scripts/fit_resolver.py",
            "fitted_on": dt.date.today().isoformat(),
            "data": {p.name: sum(1 for i in items if i.corpus == p.stem) for p in args.gold},
            "method": "ranking: conditional logit, L2 %.1f, %d rounds; confidence: logistic "
                      "regression, L2 %.1f; accept: floor with the best F1 on the same data"
                      % (RANKING_L2, ROUNDS, CONFIDENCE_L2),
            "cross_validated": {"folds": args.folds, **figures},
            **w.to_dict(),
        }
        sc.WEIGHTS_FILE.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n",
                                   encoding="utf-8")
        print(f"wrote {sc.WEIGHTS_FILE}")
        print(json.dumps(w.to_dict(), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
