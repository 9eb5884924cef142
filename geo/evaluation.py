"""Score a geoparser against annotated articles (the format of ``shared/eval/README.md``).

Conventions (shared with the annotations' README):

Recognition
    A prediction matches a gold span when the two overlap. Each gold span is matched at most
    once and each prediction at most once; overlapping pairs are taken greedily by overlap
    length (then exact boundaries, then text order). A non-optional gold span matched by a
    prediction is a true positive; a gold span nobody matched is a false negative. A prediction
    overlapping no gold span at all is a false positive. Optional gold spans cost nothing: a
    prediction matched to one is neither a true nor a false positive, and an unmatched optional
    span is not a miss. A second prediction overlapping an already matched gold span is not
    counted either way (it is listed among the error cases as ``"duplicate"``).

Resolution (of each true positive), by the gold ``kind``
    * ``country``: right when the prediction is a country with the same ISO code;
    * ``admin1``/``admin2``: right when the country codes match, the prediction is not a
      settlement, and its point is within 300 km of the gold point;
    * ``water``/``region``/``continent``: the same with 500 km;
    * anything else (``city``: any populated place, ``site``, ``other``...): within 161 km.
    With ``distance_only=True`` every kind is right within 161 km (the literature's plain
    Acc@161).

Figures
    ``precision``, ``recall``, ``f1`` (recognition); ``resolution_accuracy``: right / true
    positives under the rules above; ``acc161``: true positives whose point is within 161 km of
    the gold point, whatever the kind (always the plain distance figure, so it can be compared
    with published results); ``end_to_end``: gold toponyms found *and* resolved right / all
    non-optional gold toponyms; ``mean_error_km``, ``median_error_km`` and ``auc`` over the
    true positives' errors.

Confidence
    A prediction with a confidence is *right* when it is a true positive resolved right (kind
    rules) and *wrong* when it is resolved wrong or names no gold toponym; predictions on
    optional spans and duplicates are left out. ``ece`` is the expected calibration error over
    ten equal-width bins (Guo et al. 2017, "On calibration of modern neural networks"): the
    mean over predictions of |mean confidence - share right| of their bin; ``reliability``
    holds the bins (lower edge, predictions, mean confidence, share right).

Distances are geodesic on the WGS-84 ellipsoid (:func:`geo.geodesy.distance_km`, Karney's
algorithm; about 20 µs each, negligible next to parsing). A true positive whose prediction has
no coordinates counts as the maximum error, 20,039 km; gold toponyms without coordinates are
left out of the distance figures (and can then only be right as countries).
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from itertools import pairwise
from pathlib import Path
from typing import Any, Protocol, TypeVar

from geo.errors import InputError, InputFileError
from geo.model import Article, Mention


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_G = TypeVar("_G", bound=_HasId)

__all__ = [
    "MAX_ERROR_KM",
    "NO_LANGUAGE",
    "ErrorCase",
    "GoldArticle",
    "GoldToponym",
    "Prediction",
    "Report",
    "auc_of_errors",
    "calibration",
    "format_report",
    "is_right",
    "load_gold",
    "predictions_from_parsed",
    "score",
]

#: half the Earth's equatorial circumference: the largest possible error (Gritta et al. 2018)
MAX_ERROR_KM = 20039.0
ACC_KM = 161.0  # 100 miles
ADMIN_KM = 300.0
AREA_KM = 500.0

_ADMIN_KINDS = frozenset({"admin1", "admin2"})
_AREA_KINDS = frozenset({"water", "region", "continent"})
_SETTLEMENT_KINDS = frozenset({"city", "site"})


@dataclass(frozen=True)
class GoldToponym:
    """One annotated toponym: a span of the article text and the place it names."""

    surface: str
    start: int
    end: int
    kind: str
    cc: str
    lat: float | None
    lon: float | None
    geonameid: int | None
    optional: bool = False


@dataclass(frozen=True)
class GoldArticle:
    """An annotated article."""

    id: str
    text: str
    date: str | None
    lang: str | None
    toponyms: tuple[GoldToponym, ...]

    def to_article(self) -> Article:
        """The article as the parser reads it (text and metadata, no annotations)."""
        return Article(id=self.id, text=self.text, date=self.date, lang=self.lang)


@dataclass(frozen=True)
class Prediction:
    """One toponym a system found and the place it resolved it to."""

    start: int
    end: int
    surface: str
    kind: str
    cc: str
    lat: float | None
    lon: float | None
    place_id: int | None = None
    confidence: float | None = None

    @classmethod
    def from_mention(cls, m: Mention) -> Prediction:
        """The prediction a resolved :class:`geo.model.Mention` makes."""
        p = m.place
        return cls(start=m.start, end=m.end, surface=m.surface, kind=p.kind, cc=p.cc,
                   lat=p.lat, lon=p.lon, place_id=p.id, confidence=m.confidence)


@dataclass(frozen=True)
class ErrorCase:
    """A mistake, for debugging: ``false_positive``, ``missed``, ``wrong_resolution`` or
    ``duplicate`` (a second prediction on an already matched gold span)."""

    type: str
    article_id: str
    start: int
    end: int
    surface: str
    context: str
    gold_kind: str | None = None
    gold_cc: str | None = None
    gold_geonameid: int | None = None
    pred_kind: str | None = None
    pred_cc: str | None = None
    pred_place_id: int | None = None
    distance_km: float | None = None


@dataclass(frozen=True)
class Report:
    """Scores of one run (see the module docstring for definitions)."""

    n_articles: int
    n_gold: int  # non-optional gold toponyms
    n_pred: int  # all predictions on the scored articles
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float
    acc161: float  # plain distance Acc@161 over true positives
    resolution_accuracy: float  # right (by the kind rules, or distance_only) / true positives
    end_to_end: float  # found and right / n_gold
    mean_error_km: float | None
    median_error_km: float | None
    auc: float | None  # area under the log error curve, 0 (perfect) .. 1
    per_kind: dict[str, dict[str, Any]] = field(default_factory=dict)
    errors: tuple[ErrorCase, ...] = ()
    distance_only: bool = False
    n_optional: int = 0  # optional gold toponyms (neither rewarded nor penalised)
    n_right: int = 0  # true positives resolved right
    ece: float | None = None  # expected calibration error of the predictions' confidences
    reliability: tuple[tuple[float, int, float, float], ...] = ()
    #: the same figures for the articles of each ``lang`` ("?" for articles without one);
    #: empty when no article carries a language. Their ``errors`` are left empty: the
    #: overall list names every case with its article.
    per_language: dict[str, Report] = field(default_factory=dict)

    def to_dict(self, *, errors: bool = True) -> dict[str, Any]:
        """A JSON-ready dict (figures rounded to 4 places); ``per_language`` holds the same
        figures per language, without error cases."""
        d = {key: round(value, 4) if isinstance(value, float) else value
             for key, value in asdict(self).items() if key != "per_language"}
        # The text report prints "Acc@161" (kind rules) and "plain"; these two keys carry the
        # same labels so that a reader of the JSON need not know the field names' history.
        d["acc161_kind_rules"] = d["resolution_accuracy"]
        d["acc161_plain"] = d["acc161"]
        d["errors"] = [asdict(e) for e in self.errors] if errors else len(self.errors)
        d["per_language"] = {
            lang: {k: v for k, v in r.to_dict(errors=False).items()
                   if k not in ("errors", "per_language")}
            for lang, r in self.per_language.items()}
        return d


# --- reading ------------------------------------------------------------------------------


def load_gold(path: str | Path) -> list[GoldArticle]:
    """Annotated articles from a JSON Lines file.

    Gold data must be exact, so a bad line is not skipped: it raises :class:`InputError`
    naming the file and line (invalid JSON, a missing field, offsets that do not select the
    surface in the text). A missing file raises :class:`InputFileError`.
    """
    return read_gold_jsonl(path, _gold_article, key="toponyms")


def read_gold_jsonl(path: str | Path, parse: Callable[[Any, str], _G], *,
                    key: str | None = None) -> list[_G]:
    """Each non-blank line of a gold JSON Lines file through ``parse(obj, "FILE:LINE")``: a
    bad line, a repeated ``id`` or a file with no article raises, naming where (places and
    events gold files share this). ``key``: the annotations field; a file where no record
    has it is plain articles, not gold, and raises too (not a score of 0)."""
    path = Path(path)
    try:
        handle = open(path, encoding="utf-8-sig")  # noqa: SIM115 - closed by the with below
    except FileNotFoundError as exc:
        raise InputFileError(f"no such gold file: {path}") from exc
    except OSError as exc:
        raise InputFileError(f"cannot read gold file {path}: {exc.strerror or exc}") from exc
    articles: list[_G] = []
    seen: set[str] = set()
    annotated = False
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{where}: invalid JSON ({exc.msg})") from exc
                article = parse(obj, where)
                annotated = annotated or (key is None or key in obj)
                if article.id in seen:
                    raise InputError(f"{where}: duplicate article id {article.id!r}")
                seen.add(article.id)
                articles.append(article)
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    if not articles:
        raise InputError(f"{path}: no annotated articles")
    if not annotated:
        raise InputError(f"{path}: no annotated articles (no record has {key!r}: articles, "
                         "not a gold file)")
    return articles


def _gold_article(obj: Any, where: str) -> GoldArticle:
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected a JSON object")
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: missing or non-string 'text'")
    if obj.get("id") in (None, ""):
        raise InputError(f"{where}: missing 'id'")
    raw = obj.get("toponyms", [])
    if not isinstance(raw, list):
        raise InputError(f"{where}: 'toponyms' must be a list")
    toponyms = []
    for i, t in enumerate(raw):
        try:
            start, end = int(t["start"]), int(t["end"])
            surface = str(t["surface"])
            lat, lon = t.get("lat"), t.get("lon")
            gid = t.get("geonameid")
            top = GoldToponym(
                surface=surface, start=start, end=end, kind=str(t.get("kind") or "other"),
                cc=str(t.get("cc") or "").upper(),
                lat=None if lat is None else float(lat), lon=None if lon is None else float(lon),
                geonameid=None if gid in (None, "") else int(gid),
                optional=bool(t.get("optional", False)),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(f"{where}: toponym {i + 1}: bad or missing field ({exc})") from exc
        if not 0 <= start < end <= len(text) or text[start:end] != surface:
            raise InputError(f"{where}: toponym {i + 1} ({surface!r}): offsets {start}:{end} "
                             f"select {text[start:end]!r}")
        toponyms.append(top)
    toponyms.sort(key=lambda t: (t.start, t.end))
    return GoldArticle(id=str(obj["id"]), text=text, date=obj.get("date") or None,
                       lang=obj.get("lang") or None, toponyms=tuple(toponyms))


def predictions_from_parsed(parsed: Iterable[Any]) -> dict[str, list[Prediction]]:
    """``{article id: predictions}`` from :class:`geo.model.ParsedArticle` records."""
    out: dict[str, list[Prediction]] = {}
    for pa in parsed:
        out.setdefault(pa.article.id, []).extend(Prediction.from_mention(m) for m in pa.mentions)
    return out


# --- distances and rules ------------------------------------------------------------------


def distance_km(lat1: float | None, lon1: float | None, lat2: float | None,
                lon2: float | None) -> float | None:
    """Geodesic distance in km, or ``None`` when a point is missing."""
    if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
        return None
    from geo.geodesy import distance_km as geodesic_km

    return geodesic_km(lat1, lon1, lat2, lon2)


def is_right(gold: GoldToponym, pred: Prediction, dist: float | None, *,
             distance_only: bool = False) -> bool:
    """Whether *pred* resolves *gold* right (rules in the module docstring)."""
    if distance_only:
        return dist is not None and dist <= ACC_KM
    kind = gold.kind
    if kind == "country":
        return pred.kind == "country" and pred.cc.upper() == gold.cc
    if kind in _ADMIN_KINDS or kind in _AREA_KINDS:
        limit = ADMIN_KM if kind in _ADMIN_KINDS else AREA_KM
        return (pred.cc.upper() == gold.cc and pred.kind not in _SETTLEMENT_KINDS
                and dist is not None and dist <= limit)
    return dist is not None and dist <= ACC_KM


def auc_of_errors(errors_km: Iterable[float]) -> float | None:
    """Area under the curve of sorted log errors, normalised to 0 (perfect) .. 1.

    The standard definition of Gritta, Pilehvar, Limsopatham and Collier (2018), "What's
    missing in geographical parsing?", Language Resources and Evaluation 52(2), 603-623: the
    errors ``e`` are sorted, mapped to ``log(1 + e)``, integrated by the trapezoid rule over
    unit steps and divided by ``log(MAX_ERROR_KM) * (n - 1)`` (their code:
    ``np.trapz(log_errors) / (np.log(20039) * (len(errors) - 1))``). For one error it is
    ``log(1 + e) / log(20039)``. ``None`` when there are no errors.
    """
    logs = sorted(math.log1p(min(max(e, 0.0), MAX_ERROR_KM)) for e in errors_km)
    if not logs:
        return None
    scale = math.log(MAX_ERROR_KM)
    if len(logs) == 1:
        return logs[0] / scale
    area = sum((a + b) / 2 for a, b in pairwise(logs))
    return area / (scale * (len(logs) - 1))


# --- scoring ------------------------------------------------------------------------------


def _match(gold: tuple[GoldToponym, ...], preds: list[Prediction]) -> tuple[
        dict[int, int], set[int]]:
    """Greedy one-to-one matching of overlapping spans: ({gold index: pred index}, preds
    overlapping some gold span)."""
    pairs = []
    overlapping: set[int] = set()
    for gi, g in enumerate(gold):
        for pi, p in enumerate(preds):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                exact = g.start == p.start and g.end == p.end
                pairs.append((-overlap, not exact, g.optional, g.start, p.start, gi, pi))
                overlapping.add(pi)
    pairs.sort()
    g_used: dict[int, int] = {}
    p_used: set[int] = set()
    for *_, gi, pi in pairs:
        if gi in g_used or pi in p_used:
            continue
        g_used[gi] = pi
        p_used.add(pi)
    return g_used, overlapping


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    return " ".join(f"{left}[{text[start:end]}]{right}".split())


#: the language key of gold articles that carry no ``lang``
NO_LANGUAGE = "?"


def score(gold: list[GoldArticle], predictions: Mapping[str, list[Prediction]], *,
          distance_only: bool = False) -> Report:
    """Score *predictions* (``{article id: [Prediction]}``) against *gold*.

    Articles missing from *predictions* count as having no predictions; predictions for
    articles not in *gold* are ignored. When some article carries a ``lang``, the report
    also holds every figure per language (``per_language``), each scored on that language's
    articles alone, as a language's reader would see them.
    """
    report = _score(gold, predictions, distance_only=distance_only)
    if not any(a.lang for a in gold):
        return report
    by_lang: dict[str, list[GoldArticle]] = {}
    for article in gold:
        by_lang.setdefault(article.lang or NO_LANGUAGE, []).append(article)
    per_language = {lang: replace(_score(articles, predictions, distance_only=distance_only),
                                  errors=())
                    for lang, articles in sorted(by_lang.items())}
    return replace(report, per_language=per_language)


def _score(gold: list[GoldArticle], predictions: Mapping[str, list[Prediction]], *,
           distance_only: bool) -> Report:
    """The figures of one set of articles (see :func:`score`)."""
    tp = fp = fn = n_gold = n_pred = n_optional = n_right = n_within = 0
    errors_km: list[float] = []
    judged: list[tuple[float, bool]] = []  # (confidence, right) of scored predictions
    cases: list[ErrorCase] = []
    per_kind: dict[str, dict[str, Any]] = {}
    for article in gold:
        preds = sorted(predictions.get(article.id, ()), key=lambda p: (p.start, p.end))
        n_pred += len(preds)
        matched, overlapping = _match(article.toponyms, preds)
        text = article.text
        matched_preds = set(matched.values())
        for gi, g in enumerate(article.toponyms):
            if g.optional:
                n_optional += 1
                continue
            n_gold += 1
            stats = per_kind.setdefault(g.kind, {"gold": 0, "found": 0, "right": 0})
            stats["gold"] += 1
            pi = matched.get(gi)
            if pi is None:
                fn += 1
                cases.append(ErrorCase("missed", article.id, g.start, g.end, g.surface,
                                       _context(text, g.start, g.end), gold_kind=g.kind,
                                       gold_cc=g.cc, gold_geonameid=g.geonameid))
                continue
            tp += 1
            stats["found"] += 1
            p = preds[pi]
            dist = distance_km(g.lat, g.lon, p.lat, p.lon)
            if dist is None and g.lat is not None and g.lon is not None:
                dist = MAX_ERROR_KM  # the prediction has no point: the largest error
            if dist is not None:
                errors_km.append(dist)
                n_within += dist <= ACC_KM
            right = is_right(g, p, dist, distance_only=distance_only)
            if p.confidence is not None:
                judged.append((p.confidence, right))
            if right:
                n_right += 1
                stats["right"] += 1
            else:
                cases.append(ErrorCase(
                    "wrong_resolution", article.id, g.start, g.end, g.surface,
                    _context(text, g.start, g.end), gold_kind=g.kind, gold_cc=g.cc,
                    gold_geonameid=g.geonameid, pred_kind=p.kind, pred_cc=p.cc,
                    pred_place_id=p.place_id,
                    distance_km=None if dist is None else round(dist, 1)))
        for pi, p in enumerate(preds):
            if pi in matched_preds:
                continue
            if pi in overlapping:
                # overlaps a gold span matched by another prediction (or an optional one)
                if any(min(g.end, p.end) > max(g.start, p.start) and not g.optional
                       for g in article.toponyms):
                    cases.append(ErrorCase("duplicate", article.id, p.start, p.end, p.surface,
                                           _context(text, p.start, p.end), pred_kind=p.kind,
                                           pred_cc=p.cc, pred_place_id=p.place_id))
                continue
            fp += 1
            if p.confidence is not None:
                judged.append((p.confidence, False))
            cases.append(ErrorCase("false_positive", article.id, p.start, p.end, p.surface,
                                   _context(text, p.start, p.end), pred_kind=p.kind,
                                   pred_cc=p.cc, pred_place_id=p.place_id))
    for stats in per_kind.values():
        stats["recall"] = _ratio(stats["found"], stats["gold"])
        stats["accuracy"] = _ratio(stats["right"], stats["found"])
        stats["end_to_end"] = _ratio(stats["right"], stats["gold"])
    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, tp + fn)
    f1 = _ratio(2 * precision * recall, precision + recall)
    ece, bins = calibration(judged)
    return Report(
        n_articles=len(gold), n_gold=n_gold, n_pred=n_pred, tp=tp, fp=fp, fn=fn,
        precision=precision, recall=recall, f1=f1,
        acc161=_ratio(n_within, len(errors_km)),
        resolution_accuracy=_ratio(n_right, tp),
        end_to_end=_ratio(n_right, n_gold),
        mean_error_km=statistics.fmean(errors_km) if errors_km else None,
        median_error_km=statistics.median(errors_km) if errors_km else None,
        auc=auc_of_errors(errors_km),
        per_kind=dict(sorted(per_kind.items(), key=lambda kv: -kv[1]["gold"])),
        errors=tuple(cases), distance_only=distance_only, n_optional=n_optional,
        n_right=n_right, ece=ece, reliability=bins,
    )


def calibration(judged: Iterable[tuple[float, bool]], bins: int = 10) -> tuple[
        float | None, tuple[tuple[float, int, float, float], ...]]:
    """Expected calibration error and reliability bins of (confidence, right) pairs.

    >>> round(calibration([(0.9, True), (0.9, True), (0.2, False), (0.25, True)])[0], 4)
    0.3
    """
    pairs = list(judged)
    if not pairs:
        return None, ()
    rows, ece = [], 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, r) for c, r in pairs if lo <= c < hi or (b == bins - 1 and c == hi)]
        if not inside:
            continue
        mean_conf = statistics.fmean(c for c, _ in inside)
        share = statistics.fmean(float(r) for _, r in inside)
        ece += len(inside) / len(pairs) * abs(mean_conf - share)
        rows.append((lo, len(inside), mean_conf, share))
    return ece, tuple(rows)


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


# --- output -------------------------------------------------------------------------------


def format_report(report: Report, *, max_errors: int = 20) -> str:
    """A human-readable table of the figures, per kind, and the first error cases."""
    r = report
    rule = "distance only (161 km, every kind)" if r.distance_only else "kind rules"

    def km(v: float | None) -> str:
        return "-" if v is None else f"{v:,.1f} km"

    lines = [
        f"articles {r.n_articles}   gold toponyms {r.n_gold} (+{r.n_optional} optional)   "
        f"predictions {r.n_pred}",
        "",
        "recognition",
        f"  precision   {r.precision:6.3f}   (tp {r.tp}, fp {r.fp})",
        f"  recall      {r.recall:6.3f}   (fn {r.fn})",
        f"  F1          {r.f1:6.3f}",
        "resolution",
        f"  Acc@161     {r.resolution_accuracy:6.3f}   ({rule}: {r.n_right}/{r.tp} true "
        "positives)",
        f"  plain       {r.acc161:6.3f}   (Acc@161 by distance alone, every kind)",
        f"  end-to-end  {r.end_to_end:6.3f}   (found and right / gold)",
        f"  mean error  {km(r.mean_error_km)}",
        f"  median err  {km(r.median_error_km)}",
        f"  AUC         {'-' if r.auc is None else f'{r.auc:6.3f}'}   (log error curve, lower is "
        "better)",
    ]
    if r.ece is not None:
        n = sum(b[1] for b in r.reliability)
        lines.append(f"  ECE         {r.ece:6.3f}   (expected calibration error of the confidence, "
                     f"{n} predictions, 10 bins)")
    if r.per_kind:
        lines += ["", f"  {'kind':<10} {'gold':>5} {'found':>6} {'right':>6} {'recall':>7} "
                      f"{'acc':>6} {'e2e':>6}"]
        for kind, s in r.per_kind.items():
            lines.append(f"  {kind:<10} {s['gold']:>5} {s['found']:>6} {s['right']:>6} "
                         f"{s['recall']:>7.3f} {s['accuracy']:>6.3f} {s['end_to_end']:>6.3f}")
    if r.per_language:
        lines += ["", *_language_table(r.per_language)]
    shown = [e for e in r.errors if e.type != "duplicate"][:max_errors]
    if shown:
        lines += ["", f"errors (first {len(shown)} of {len(r.errors)})"]
        for e in shown:
            extra = ""
            if e.type == "wrong_resolution":
                dist = "-" if e.distance_km is None else f"{e.distance_km:,.0f} km"
                extra = f" -> {e.pred_kind} {e.pred_cc} #{e.pred_place_id} ({dist} off)"
            elif e.type == "missed":
                extra = f" ({e.gold_kind} {e.gold_cc})"
            else:
                extra = f" -> {e.pred_kind} {e.pred_cc} #{e.pred_place_id}"
            lines.append(f"  {e.type:<16} {e.article_id}  {e.surface!r}{extra}")
    return "\n".join(lines)


def _language_table(per_language: Mapping[str, Report]) -> list[str]:
    """Every figure per language, one column a language (they are few; figures are many)."""
    def num(v: float | None, fmt: str = "{:.3f}") -> str:
        return "-" if v is None else fmt.format(v)

    rows: list[tuple[str, Callable[[Report], str]]] = [
        ("articles", lambda r: str(r.n_articles)),
        ("gold (+opt)", lambda r: f"{r.n_gold} (+{r.n_optional})"),
        ("predictions", lambda r: str(r.n_pred)),
        ("tp / fp / fn", lambda r: f"{r.tp}/{r.fp}/{r.fn}"),
        ("precision", lambda r: num(r.precision)),
        ("recall", lambda r: num(r.recall)),
        ("F1", lambda r: num(r.f1)),
        ("Acc@161", lambda r: num(r.resolution_accuracy)),
        ("plain", lambda r: num(r.acc161)),
        ("end-to-end", lambda r: num(r.end_to_end)),
        ("mean km", lambda r: num(r.mean_error_km, "{:,.1f}")),
        ("median km", lambda r: num(r.median_error_km, "{:,.1f}")),
        ("AUC", lambda r: num(r.auc)),
        ("ECE", lambda r: num(r.ece)),
    ]
    langs = list(per_language)
    width = max(11, *(len(lang) + 2 for lang in langs))
    lines = ["per language (each scored on its own articles; Acc@161 by the same rule as above)",
             f"  {'':<13}" + "".join(f"{lang:>{width}}" for lang in langs)]
    for label, cell in rows:
        cells = [cell(per_language[lang]) for lang in langs]
        if any(c != "-" for c in cells):  # no ECE row where nothing carried a confidence
            lines.append(f"  {label:<13}" + "".join(f"{c:>{width}}" for c in cells))
    return lines
