"""Score extracted events against annotated ones (``shared/eval/README.md``, "Events").

Matching, within one article: a predicted event can pair with a gold event of the same
``event_type`` whose place is within 25 km (150 km when the gold ``geo_precision`` is 3: only
the oblast is known) and whose date is within 1 day (gold ``time_precision`` 1), 7 days (2) or
31 days (3). Pairs are taken greedily, closest date first, then nearest point; each event pairs
at most once. Paired = true positive; unpaired prediction = false positive; unpaired gold =
false negative. A false positive of the same type within 25 km of a trap sentence's place (a
denial, a plan, a threat) is also counted as a trap hit.

Over the pairs: accuracy of ``sub_event_type``, exact ``date``, ``actor1`` and ``actor2``
(compared as country side + category - "Military Forces of Russia (2000-)" and "Military
Forces of Russia" agree; the two parties of Diplomacy in either order) and ``fatalities``
(pairs whose gold figure is not null) and the ``claimed`` flag. Figures overall, per language
and per event type; and the calibration of the events' confidence: over ten bins, the mean
confidence against the fraction of events that match a gold one, and the expected calibration
error (:func:`geo.evaluation.calibration`, as ``geo eval`` reports for places).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.errors import InputError
from geo.evaluation import calibration, read_gold_jsonl
from geo.events.corroborate import days_apart
from geo.geodesy import distance_km
from geo.model import Article, Event

__all__ = ["EventGold", "GoldEventArticle", "Scored", "format_event_report",
           "load_event_gold", "score_events"]

#: match radius in km by the gold geo precision (the README's rule)
NEAR_KM = 25.0
OBLAST_KM = 150.0
#: allowed date difference in days by the gold time precision
DATE_SLACK = {1: 1, 2: 7, 3: 31}
DIPLOMACY = "Diplomacy"


@dataclass(frozen=True, slots=True)
class EventGold:
    """One annotated event (or, with ``trap=True``, a sentence that reports none)."""

    event_type: str
    sub_event_type: str
    date: str | None
    time_precision: int
    lat: float
    lon: float
    geo_precision: int
    actor1: str = ""
    actor2: str = ""
    fatalities: int | None = None
    claimed: bool = False
    trigger: str = ""
    trap: bool = False


@dataclass(frozen=True, slots=True)
class GoldEventArticle:
    id: str
    text: str
    date: str | None
    lang: str
    title: str | None
    events: tuple[EventGold, ...]
    traps: tuple[EventGold, ...]

    def to_article(self) -> Article:
        return Article(id=self.id, text=self.text, title=self.title, date=self.date,
                       lang=self.lang or None)


def load_event_gold(path: str | Path) -> list[GoldEventArticle]:
    """Annotated articles from JSON Lines; a bad line raises :class:`InputError` naming it."""
    return read_gold_jsonl(path, _gold_article, key="events")


def _gold_article(obj: Any, where: str) -> GoldEventArticle:
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected a JSON object")
    if not isinstance(obj.get("text"), str) or obj.get("id") in (None, ""):
        raise InputError(f"{where}: missing 'id' or 'text'")
    events = []
    for i, e in enumerate(obj.get("events") or []):
        try:
            events.append(EventGold(
                event_type=str(e["event_type"]), sub_event_type=str(e.get("sub_event_type", "")),
                date=_iso(e["date"]), time_precision=int(e.get("time_precision") or 1),
                lat=float(e["lat"]), lon=float(e["lon"]),
                geo_precision=int(e.get("geo_precision") or 1),
                actor1=str(e.get("actor1") or ""), actor2=str(e.get("actor2") or ""),
                fatalities=None if e.get("fatalities") is None else int(e["fatalities"]),
                claimed=bool(e.get("claimed", False)), trigger=str(e.get("trigger") or "")))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(f"{where}: event {i + 1}: bad or missing field ({exc})") from exc
    traps = []
    for n in obj.get("non_events") or []:
        if isinstance(n, dict) and n.get("lat") is not None and n.get("lon") is not None:
            traps.append(EventGold(
                event_type=str(n.get("event_type") or ""), sub_event_type="", date=None,
                time_precision=3, lat=float(n["lat"]), lon=float(n["lon"]), geo_precision=1,
                trigger=str(n.get("trigger") or ""), trap=True))
    return GoldEventArticle(id=str(obj["id"]), text=obj["text"], date=_iso(obj.get("date")),
                            lang=str(obj.get("lang") or ""), title=obj.get("title"),
                            events=tuple(events), traps=tuple(traps))


def _iso(value: Any) -> str | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError as exc:
        raise InputError(f"not an ISO date: {value!r}") from exc


# --- actors ---------------------------------------------------------------------------------

_CATEGORIES = (("military", r"military forces|\barmy\b|armed forces"),
               ("police", r"police forces|security service"),
               ("government", r"government"), ("civilians", r"civilians"),
               ("protesters", r"protesters"), ("rioters", r"rioters"))


def actor_key(name: str) -> tuple[str, str]:
    """(country side, category) of an ACLED-style actor name; ("", "") for none.

    "Military Forces of Russia (2000-)" -> ("russia", "military"); "Civilians (Ukraine)" ->
    ("ukraine", "civilians"); "Government of the United States (2025-)" -> ("united states",
    "government"). Names of other kinds compare by their lower-cased text.
    """
    low = name.strip().lower()
    if not low:
        return ("", "")
    low = re.sub(r"\s*\(\d{4}-\d{0,4}\)\s*$", "", low)  # ACLED's period suffix
    for category, pattern in _CATEGORIES:
        if re.search(pattern, low):
            m = re.search(r"\bof\s+(?:the\s+)?(.+)$", low) or re.search(r"\(([^)]+)\)", low)
            side = m.group(1).strip() if m else ""
            return (re.sub(r"\s*\(.*$", "", side), category)
    return ("", low)


# --- matching and figures -------------------------------------------------------------------


@dataclass
class Scored:
    """Counts for one slice (overall, a language, an event type)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    traps: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_FIELDS, 0))
    asked: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_FIELDS, 0))

    def figures(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        out: dict[str, Any] = {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                               "precision": round(p, 4), "recall": round(r, 4),
                               "f1": round(f1, 4), "trap_hits": self.traps}
        for f in _FIELDS:
            out[f"{f}_accuracy"] = (round(self.right[f] / self.asked[f], 4)
                                    if self.asked[f] else None)
        return out


_FIELDS = ("sub_event_type", "date", "actor1", "actor2", "fatalities", "claimed")


def score_events(gold: list[GoldEventArticle], predicted: Mapping[str, Iterable[Event]]
                 ) -> dict[str, Any]:
    """The report: ``overall``, ``by_language``, ``by_type`` figures and the ``errors``."""
    overall = Scored()
    by_lang: dict[str, Scored] = {}
    by_type: dict[str, Scored] = {}
    errors: list[dict[str, Any]] = []
    judged: list[tuple[float, bool]] = []  # (confidence, matched) of every prediction
    for article in gold:
        preds = list(predicted.get(article.id, ()))
        pairs = _pairs(article.events, preds)
        slices = (overall, by_lang.setdefault(article.lang or "?", Scored()))
        paired_gold = {g for g, _ in pairs}
        paired_pred = {p for _, p in pairs}
        judged += [(p.confidence, pi in paired_pred) for pi, p in enumerate(preds)
                   if p.confidence is not None]
        for gi, pi in pairs:
            g, p = article.events[gi], preds[pi]
            checks = _checks(g, p)
            for s in (*slices, by_type.setdefault(g.event_type, Scored())):
                s.tp += 1
                for f, ok in checks.items():
                    s.asked[f] += 1
                    s.right[f] += ok
            wrong = [f for f, ok in checks.items() if not ok]
            if wrong:
                errors.append({"article": article.id, "kind": "wrong " + ", ".join(wrong),
                               "gold": _gold_brief(g), "predicted": _pred_brief(p)})
        for gi, g in enumerate(article.events):
            if gi not in paired_gold:
                for s in (*slices, by_type.setdefault(g.event_type, Scored())):
                    s.fn += 1
                errors.append({"article": article.id, "kind": "missed", "gold": _gold_brief(g)})
        for pi, p in enumerate(preds):
            if pi in paired_pred:
                continue
            trap = any(t.event_type == p.event_type and _km(t, p) <= NEAR_KM
                       for t in article.traps)
            for s in (*slices, by_type.setdefault(p.event_type, Scored())):
                s.fp += 1
                s.traps += trap
            errors.append({"article": article.id, "kind": "trap" if trap else "spurious",
                           "predicted": _pred_brief(p)})
    ece, bins = calibration(judged)
    return {"overall": overall.figures(),
            "by_language": {k: v.figures() for k, v in sorted(by_lang.items())},
            "by_type": {k: v.figures() for k, v in sorted(by_type.items())},
            "calibration": {"ece": None if ece is None else round(ece, 4),
                            "bins": [{"from": lo, "events": n, "mean_confidence": round(c, 4),
                                      "correct": round(r, 4)} for lo, n, c, r in bins]},
            "articles": len(gold), "errors": errors}


def _pairs(gold: tuple[EventGold, ...], preds: list[Event]) -> list[tuple[int, int]]:
    candidates = []
    for gi, g in enumerate(gold):
        radius = OBLAST_KM if g.geo_precision >= 3 else NEAR_KM
        slack = DATE_SLACK.get(g.time_precision, 31)
        for pi, p in enumerate(preds):
            if p.event_type != g.event_type:
                continue
            days = days_apart(g.date, p.date)
            km = _km(g, p)
            if days is not None and days <= slack and km <= radius:
                candidates.append((days, km, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def _checks(g: EventGold, p: Event) -> dict[str, bool]:
    a1 = p.actors[0] if p.actors else ""
    a2 = p.actors[1] if len(p.actors) > 1 else ""
    if g.event_type == DIPLOMACY:
        same = {actor_key(g.actor1), actor_key(g.actor2)} == {actor_key(a1), actor_key(a2)}
        actors = {"actor1": same, "actor2": same}
    else:
        actors = {"actor1": actor_key(g.actor1) == actor_key(a1),
                  "actor2": actor_key(g.actor2) == actor_key(a2)}
    out = {"sub_event_type": g.sub_event_type == p.sub_event_type, "date": g.date == p.date,
           **actors, "claimed": g.claimed == p.claimed}
    if g.fatalities is not None:
        out["fatalities"] = g.fatalities == p.fatalities
    return out


def _km(g: EventGold, p: Event) -> float:
    """Geodesic distance between the gold event and the prediction."""
    return distance_km(g.lat, g.lon, p.lat, p.lon)


def _gold_brief(g: EventGold) -> dict[str, Any]:
    return {"type": g.event_type, "sub": g.sub_event_type, "date": g.date,
            "actor1": g.actor1, "actor2": g.actor2, "fatalities": g.fatalities,
            "claimed": g.claimed,
            "trigger": g.trigger[:120]}


def _pred_brief(p: Event) -> dict[str, Any]:
    return {"type": p.event_type, "sub": p.sub_event_type, "date": p.date,
            "place": p.location, "actors": list(p.actors), "fatalities": p.fatalities,
            "claimed": p.claimed, "claimant": p.claimant, "confidence": p.confidence,
            "text": p.text[:120]}


def format_event_report(report: dict[str, Any], *, max_errors: int = 20) -> str:
    """The report as a table: one row per slice, then the first error cases."""
    cols = ("tp", "fp", "fn", "precision", "recall", "f1", "trap_hits")
    accs = tuple(f"{f}_accuracy" for f in _FIELDS)
    head = ["slice", "P", "R", "F1", "tp", "fp", "fn", "traps",
            "sub", "date", "actor1", "actor2", "killed", "claim"]
    rows = [("overall", report["overall"])]
    rows += [(f"lang {k}", v) for k, v in report["by_language"].items()]
    rows += [(f"type {k}", v) for k, v in report["by_type"].items()]
    lines = ["  ".join(f"{h:>7}" if i else f"{h:<40}" for i, h in enumerate(head))]
    for name, fig in rows:
        cells = [f"{fig[c]:.3f}" for c in cols[3:6]] + [str(fig[c]) for c in cols[:3]]
        cells.append(str(fig["trap_hits"]))
        cells += ["-" if fig[a] is None else f"{fig[a]:.3f}" for a in accs]
        lines.append("  ".join([f"{name[:40]:<40}", *(f"{c:>7}" for c in cells)]))
    cal = report.get("calibration") or {}
    if cal.get("bins"):
        n = sum(b["events"] for b in cal["bins"])
        lines.append(f"\nconfidence calibration ({n} extracted events; correct = matches a gold "
                     f"event): ECE {cal['ece']:.3f}")
        lines.append(f"  {'confidence':<12} {'events':>6} {'mean':>6} {'correct':>8}")
        for b in cal["bins"]:
            lines.append(f"  {b['from']:.1f}-{b['from'] + 0.1:.1f}{'':<5} {b['events']:>6} "
                         f"{b['mean_confidence']:>6.3f} {b['correct']:>8.3f}")
    errors = report["errors"][:max_errors]
    if errors:
        lines.append(f"\nfirst {len(errors)} of {len(report['errors'])} error cases:")
        for e in errors:
            what = e.get("predicted") or e.get("gold")
            lines.append(f"  {e['article']}  {e['kind']}: {json.dumps(what, ensure_ascii=False)}")
            if "gold" in e and "predicted" in e:
                lines.append(f"      gold: {json.dumps(e['gold'], ensure_ascii=False)}")
    return "\n".join(lines)
