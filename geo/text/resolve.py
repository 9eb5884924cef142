"""Resolution: choose, for every recognised span, the place it means, and say why.

Scored candidates, not the most populous match. A candidate's score adds:

- its prior from the gazetteer (name match quality, kind, population);
- the span's cues: "X region" wants an admin unit, "the city of X" a settlement;
- an explicit qualifier: "Paris, Texas" wants a Paris inside Texas;
- the article's other places: countries and admin-1 units it names, the countries of its other
  places ("one sense per discourse" and spatial coherence: Kramatorsk beside Pokrovsk);
- the article's language (a Ukrainian article's places are likelier in Ukraine).

The same name gets the same place throughout an article. Two passes: a first choice from the
local evidence, then a rescoring in the context of everything else chosen. Distances between
candidates use the great-circle formula: these are scoring features, not reported figures.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from geo.model import Candidate, Mention, Place, Span
from geo.text import _lexicon as lex


class CandidateIndex(Protocol):
    """What resolution needs of a gazetteer."""

    def candidates(self, key: str) -> tuple[Candidate, ...]: ...


#: Scores are in log10 units of odds: a place starts from the log of its (effective) population
#: and each piece of evidence multiplies its odds (+1.0 = ten times likelier).
ALTERNATE_NAME = -0.8  # historic or foreign name (Pokrovsk as Engels' old name)
COUNTRY_BONUS = 1.0  # a country's name in news nearly always means the country
POP_SCALE = 0.8  # weight of a place's log population against the context evidence
CAPITAL_BONUS = 1.0  # national capitals stand for their governments ("talks with Washington")
AREA_POPULATION = 1_000_000  # seas, regions, continents and units without a population
W_CUE_KIND = 2.0
W_CUE_MISMATCH = -1.5
W_QUALIFIER = 4.0
W_COUNTRY_NAMED = 1.0
W_ADMIN1_NAMED = 1.5
W_COUNTRY_SHARE = 2.5
W_CONTAINS = 1.5
W_SAME_ADMIN1 = 1.5
W_PROXIMITY = 2.5
W_LANGUAGE = 0.7
PROXIMITY_KM = 250.0
W_PAIR = 1.0  # some sense of another name lies right next to this candidate
PAIR_KM = 40.0
#: a settlement whose name is a common English word needs evidence beyond its name
WEAK_NAME_MAX_POP = 100_000
SUPPORT_KM = 50.0
NAMESAKE_UNIT = -1.5  # "Kherson" is the city unless the text says "Kherson region"
NAMESAKE_CITY_MIN_POP = 10_000  # another place this close vouches for a weak name
SURNAME_SHARE = 0.002  # percent of people (1990 US census): about the 3,000 commonest surnames
WORD_FREQUENCY = 2000  # occurrences in the English frequency list
MIN_SCORE = 3.0
MAX_ALTERNATIVES = 3
MAX_CANDIDATES = 30  # senses scored per name ("Springfield" has ~40)
MAX_PRIOR_GAP = 5.0  # a sense this far below the likeliest one cannot win on context
_LANG_COUNTRY = {"uk": "UA", "ru": "RU", "be": "BY", "pl": "PL", "de": "DE", "fr": "FR"}
_POINT_KINDS = frozenset({"city", "admin2", "site"})
_AREA_KINDS = frozenset({"country", "admin1", "admin2", "region", "water", "continent"})


@dataclass(frozen=True, slots=True)
class _Scored:
    candidate: Candidate
    score: float
    reasons: tuple[str, ...]
    supported: bool = False  # the article's other places vouch for it (close by, or its unit)


def _context(totals: _Totals, own: _Scored, language_cc: str | None) -> _Context:
    return _Context(totals, own.candidate.place, language_cc)


class _Context:
    """What the rest of an article says, as one name sees it: the pass's totals minus its own."""

    __slots__ = ("_admin1s", "_ccs", "_countries", "_n_ccs", "_n_points", "_own_admin1",
                 "_own_cc", "_own_country", "_own_unit", "_units", "language_cc")

    def __init__(self, totals: _Totals | None, own: Place | None, language_cc: str | None):
        self.language_cc = language_cc
        empty: Counter = Counter()
        self._countries = totals.countries if totals else empty
        self._admin1s = totals.admin1s if totals else empty
        self._ccs = totals.ccs if totals else empty
        self._units = totals.units if totals else empty
        mine = dict(_contributions(own)) if own is not None else {}
        self._own_country = mine.get("countries")
        self._own_admin1 = mine.get("admin1s")
        self._own_cc = mine.get("ccs")
        self._own_unit = mine.get("units")
        self._n_ccs = (totals.n_ccs - (self._own_cc is not None)) if totals else 0
        self._n_points = (totals.n_points - (own is not None and own.kind in _POINT_KINDS)
                          if totals else 0)

    def country_named(self, cc: str) -> bool:
        return self._countries.get(cc, 0) - (self._own_country == cc) > 0

    def admin1_named(self, unit: tuple[str, str]) -> bool:
        return self._admin1s.get(unit, 0) - (self._own_admin1 == unit) > 0

    def country_share(self, cc: str) -> float:
        """Share of the other chosen places that lie in (or are) country ``cc``."""
        if self._n_ccs <= 0:
            return 0.0
        return (self._ccs.get(cc, 0) - (self._own_cc == cc)) / self._n_ccs

    def admin1_share(self, unit: tuple[str, str]) -> float:
        """Share of the other chosen settlements that lie in admin-1 ``unit``."""
        if self._n_points <= 0:
            return 0.0
        return (self._units.get(unit, 0) - (self._own_unit == unit)) / self._n_points


def resolve(
    spans: Sequence[Span], gazetteer: CandidateIndex, *, article_id: str, text: str,
    sentence_of=None, lang: str | None = None,
) -> list[Mention]:
    """Resolve recognised spans of one article to mentions (dropping those with no good place)."""
    if not spans:
        return []
    cands_of = {s.key: gazetteer.candidates(s.key) for s in spans}
    qualifiers = {s.qualifier: gazetteer.candidates(s.qualifier) for s in spans if s.qualifier}
    by_key: dict[str, list[Span]] = defaultdict(list)
    for s in spans:
        if cands_of[s.key]:
            by_key[s.key].append(s)
    language_cc = _LANG_COUNTRY.get((lang or "").lower()[:2])
    # a name used as a qualifier ("South Bend, Ind.") means a unit that contains the other name
    qualified: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for s in spans:
        if s.qualifier:
            for c in cands_of[s.key]:
                qualified[s.qualifier].add((c.place.cc, c.place.admin1))

    keys = list(by_key)
    cands_of = {key: _shortlist(cands_of[key]) for key in keys}
    geometry = _Geometry(keys, cands_of)
    pair_km = geometry.pair_km()

    # pass 1: local evidence only
    empty = _Context(None, None, language_cc)
    no_points = {key: [math.inf] * len(cands_of[key]) for key in keys}
    statics: dict[str, list[float]] = {}  # per name: the context-free part of each score
    rankings = {
        key: _ranked(key, by_key[key], cands_of[key], qualifiers, empty, qualified.get(key),
                     pair_km[key], no_points[key], statics)
        for key in keys
    }
    choice: dict[str, _Scored] = {key: ranked[0] for key, ranked in rankings.items()}
    # passes 2 and 3: rescore each name in the context of all the others (twice, to settle);
    # a name with a single candidate cannot change, so it only needs its final score
    ambiguous = [key for key in keys if len(cands_of[key]) > 1]
    for todo in (ambiguous, keys):
        totals = _Totals.of(choice)
        nearest = geometry.nearest_chosen_km(choice)
        rankings.update({
            key: _ranked(key, by_key[key], cands_of[key], qualifiers,
                         _context(totals, choice[key], language_cc), qualified.get(key),
                         pair_km[key], nearest[key], statics)
            for key in todo
        })
        choice = {key: ranked[0] for key, ranked in rankings.items()}

    accepted = {key: _accepted(by_key[key], chosen) for key, chosen in choice.items()}
    mentions = []
    for s in spans:
        if not accepted.get(s.key):
            continue
        ranked = rankings[s.key]
        chosen = ranked[0]
        alternatives = tuple(
            Candidate(place=r.candidate.place, score=r.score, matched=r.candidate.matched,
                      match=r.candidate.match)
            for r in ranked[1 : 1 + MAX_ALTERNATIVES]
        )
        sentence = sentence_of(s.start) if sentence_of else ""
        mentions.append(
            Mention(
                article_id=article_id, start=s.start, end=s.end, surface=s.surface,
                sentence=sentence, place=chosen.candidate.place,
                confidence=_confidence(ranked), reason="; ".join(chosen.reasons),
                alternatives=alternatives,
            )
        )
    return mentions


# --- scoring ----------------------------------------------------------------------------------


def _shortlist(cands: Sequence[Candidate]) -> tuple[Candidate, ...]:
    """The candidates worth scoring: all within reach of the best prior, at most MAX_CANDIDATES."""
    if len(cands) <= MAX_CANDIDATES:
        return tuple(cands)
    ranked = sorted(cands, key=_prior, reverse=True)
    best = _prior(ranked[0])
    return tuple(c for c in ranked[:MAX_CANDIDATES] if _prior(c) >= best - MAX_PRIOR_GAP)


class _Geometry:
    """Great-circle distances between an article's candidates, computed as whole matrices."""

    def __init__(self, keys: list[str], cands_of: dict[str, tuple[Candidate, ...]]):
        import numpy as np

        self.keys = keys
        self.slices: dict[str, slice] = {}
        rows, owner, point = [], [], []
        for i, key in enumerate(keys):
            start = len(rows)
            for c in cands_of[key]:
                rows.append((c.place.lat, c.place.lon))
                owner.append(i)
                point.append(c.place.kind in _POINT_KINDS)
            self.slices[key] = slice(start, len(rows))
        self.index = {id(c): j for key in keys
                      for j, c in zip(range(self.slices[key].start, self.slices[key].stop),
                                      cands_of[key], strict=True)}
        self.rad = np.radians(np.array(rows, dtype=float).reshape(-1, 2))
        self.owner = np.array(owner, dtype=int)
        self.point = np.array(point, dtype=bool)

    def _km(self, a, b):
        import numpy as np

        dlat = a[:, None, 0] - b[None, :, 0]
        dlon = a[:, None, 1] - b[None, :, 1]
        cos = np.cos(a[:, None, 0]) * np.cos(b[None, :, 0])
        h = np.sin(dlat / 2) ** 2 + cos * np.sin(dlon / 2) ** 2
        return 12742.0 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))

    def pair_km(self) -> dict[str, list[float]]:
        """For each candidate: km to the nearest point-like candidate of another name."""
        import numpy as np

        cols = np.flatnonzero(self.point)
        if not len(cols) or len(self.keys) < 2:
            return {k: [math.inf] * (s.stop - s.start) for k, s in self.slices.items()}
        km = self._km(self.rad, self.rad[cols])
        km[self.owner[:, None] == self.owner[cols][None, :]] = np.inf
        best = km.min(axis=1)
        return {k: best[s].tolist() for k, s in self.slices.items()}

    def nearest_chosen_km(self, choice: dict[str, _Scored]) -> dict[str, list[float]]:
        """For each candidate: km to the nearest chosen settlement of another name."""
        import numpy as np

        cols = [self.index[id(sc.candidate)] for sc in choice.values()
                if sc.candidate.place.kind in _POINT_KINDS and id(sc.candidate) in self.index]
        if not cols:
            return {k: [math.inf] * (s.stop - s.start) for k, s in self.slices.items()}
        cols_arr = np.array(cols, dtype=int)
        km = self._km(self.rad, self.rad[cols_arr])
        km[self.owner[:, None] == self.owner[cols_arr][None, :]] = np.inf
        best = km.min(axis=1)
        return {k: best[s].tolist() for k, s in self.slices.items()}


def _ranked(key, group, cands, qualifiers, ctx, contains, pair, nearest,
            statics: dict[str, list[float]]) -> list[_Scored]:
    cues = Counter(s.cue for s in group if s.cue)
    quals = [q for q in (s.qualifier for s in group) if q]
    distance_of = {id(c): (d, dp) for c, d, dp in zip(cands, nearest, pair, strict=True)}
    static = statics.get(key)
    if static is None:
        static = statics[key] = [
            _static_score(c, cues, quals, qualifiers, contains, ctx.language_cc, None)
            for c in cands]
    scored = [_score(c, cues, quals, qualifiers, ctx, contains, d, dp, static=st)
              for c, d, dp, st in zip(cands, nearest, pair, static, strict=True)]
    # a unit's bare name ("Kherson" for Kherson Oblast) normally means its namesake city
    city_units = {(c.place.cc, c.place.admin1) for c in cands
                  if c.place.kind == "city" and c.place.population >= NAMESAKE_CITY_MIN_POP}
    if city_units and not cues.keys() & {"admin1", "admin2"}:
        scored = [
            _Scored(r.candidate, r.score + NAMESAKE_UNIT, r.reasons, r.supported)
            if r.candidate.place.kind == "admin1" and r.candidate.match != "primary"
            and (r.candidate.place.cc, r.candidate.place.admin1) in city_units else r
            for r in scored
        ]
    scored.sort(key=lambda r: (-r.score, -r.candidate.place.population, r.candidate.place.id))
    top = scored[0]
    d, dp = distance_of[id(top.candidate)]
    why = _score(top.candidate, cues, quals, qualifiers, ctx, contains, d, dp, explain=True)
    scored[0] = _Scored(top.candidate, top.score, why.reasons, top.supported)
    return scored


_PRIORS: dict[tuple[int, str], float] = {}


def _prior(c: Candidate) -> float:
    """log10 odds of a place before context (memoised per place and match type)."""
    key = (c.place.id, c.match)
    value = _PRIORS.get(key)
    if value is None:
        if len(_PRIORS) > 500_000:
            _PRIORS.clear()
        value = _PRIORS[key] = _compute_prior(c)
    return value


def _compute_prior(c: Candidate) -> float:
    """log10 odds of a place before context: its effective population and the name match."""
    p = c.place
    if p.kind == "country":
        base = POP_SCALE * math.log10(max(p.population, AREA_POPULATION)) + COUNTRY_BONUS
    elif p.kind in ("admin1", "continent", "water", "region") or (
            p.kind == "admin2" and not p.population):
        base = POP_SCALE * math.log10(max(p.population, AREA_POPULATION))
    else:
        base = POP_SCALE * math.log10(max(p.population, 1) + 10)
        if lex.is_capital(p.name, p.cc):
            base += CAPITAL_BONUS
    if c.match != "primary":
        base += ALTERNATE_NAME
    return base


def _score(c: Candidate, cues: Counter, quals: list[str], qualifiers, ctx: _Context,
           contains: set[tuple[str, str]] | None, d: float, d_pair: float, *,
           explain: bool = False, static: float | None = None) -> _Scored:
    """A candidate's score; with ``explain`` also the reasons (only the chosen one needs them).

    ``static`` is the part that does not depend on the other names' choices (prior, cues,
    qualifiers, language), when already known from an earlier pass.
    """
    reasons: list[str] = []
    if static is None or explain:
        static = _static_score(c, cues, quals, qualifiers, contains, ctx.language_cc,
                               reasons if explain else None)
    score, supported = _context_score(c.place, ctx, d, d_pair, bool(contains),
                                      reasons if explain else None)
    return _Scored(c, static + score, tuple(reasons), supported)


def _static_score(c: Candidate, cues: Counter, quals: list[str], qualifiers,
                  contains: set[tuple[str, str]] | None, language_cc: str | None,
                  reasons: list[str] | None) -> float:
    p = c.place
    score = _prior(c)
    explain = reasons is not None
    if explain:
        reasons.append(f"{c.match} name '{c.matched}'")
        if p.population and p.kind not in _AREA_KINDS:
            reasons.append(f"population {p.population:,}")
    if contains and (
        (p.kind == "admin1" and (p.cc, p.admin1) in contains)
        or (p.kind == "country" and any(cc == p.cc for cc, _ in contains))
    ):
        score += W_QUALIFIER
        if explain:
            reasons.append("qualifies a place inside it")
    for cue in cues:
        if _kind_fits(cue, p.kind):
            score += W_CUE_KIND
            if explain:
                reasons.append(f"'{cue}' cue")
        else:
            score += W_CUE_MISMATCH
    for q in quals:
        if any(_inside(p, qc.place) for qc in qualifiers.get(q, ())):
            score += W_QUALIFIER
            if explain:
                reasons.append(f"qualified by '{q}'")
            break
    if language_cc and p.cc == language_cc:
        score += W_LANGUAGE
    return score


def _context_score(p: Place, ctx: _Context, d: float, d_pair: float, contains: bool,
                   reasons: list[str] | None) -> tuple[float, bool]:
    """What the article's other names add to a candidate, and whether they vouch for it."""
    explain = reasons is not None
    score = 0.0
    if p.cc and p.kind != "country" and ctx.country_named(p.cc):
        score += W_COUNTRY_NAMED
        if explain:
            reasons.append(f"{p.cc} named in article")
    unit_named = bool(p.admin1) and ctx.admin1_named((p.cc, p.admin1))
    if unit_named and p.kind != "admin1":
        score += W_ADMIN1_NAMED
        if explain:
            reasons.append(f"in {p.admin1_name or p.admin1}, named in article")
    share = ctx.country_share(p.cc) if p.cc else 0.0
    if share:
        score += W_COUNTRY_SHARE * share
        if share >= 0.5 and p.kind != "country" and explain:
            reasons.append(f"most places in article are in {p.cc}")
    if p.admin1:
        inside = ctx.admin1_share((p.cc, p.admin1))
        if inside and p.kind == "admin1":
            score += W_CONTAINS * inside
            if explain:
                reasons.append("contains other places in article")
        elif inside and p.kind != "country":
            score += W_SAME_ADMIN1 * inside
            if inside >= 0.5 and explain:
                reasons.append(f"in the same admin-1 unit as other places ({p.admin1_name})")
    if p.kind not in ("country", "continent", "water", "admin1") and d < 4 * PROXIMITY_KM:
        score += W_PROXIMITY * math.exp(-d / PROXIMITY_KM)
        if d < PROXIMITY_KM and explain:
            reasons.append(f"{d:.0f} km from other places in article")
    if p.kind in _POINT_KINDS and d_pair < 3 * PAIR_KM:
        score += W_PAIR * math.exp(-d_pair / PAIR_KM)
        if d_pair < PAIR_KM and explain:
            reasons.append(f"{d_pair:.0f} km from a place of another name in article")
    supported = d < SUPPORT_KM or d_pair < SUPPORT_KM / 2 or unit_named or contains
    return score, supported


def _kind_fits(cue: str, kind: str) -> bool:
    if cue == "city":
        return kind == "city"
    if cue == "admin1":
        return kind in ("admin1", "region")
    if cue == "admin2":
        return kind in ("admin2", "admin1")
    return True


def _inside(place: Place, container: Place) -> bool:
    if container.kind == "country":
        return place.cc == container.cc and place.id != container.id
    if container.kind == "admin1":
        return place.cc == container.cc and place.admin1 == container.admin1 \
            and place.id != container.id
    return False


@dataclass(frozen=True, slots=True)
class _Totals:
    """What all chosen places of an article add up to, once per pass."""

    countries: Counter
    admin1s: Counter
    ccs: Counter
    units: Counter
    n_points: int

    @classmethod
    def of(cls, choice: dict[str, _Scored]) -> _Totals:
        counts: dict[str, Counter] = {name: Counter() for name in _CONTRIBUTIONS}
        for scored in choice.values():
            for name, item in _contributions(scored.candidate.place):
                counts[name][item] += 1
        n_points = sum(sc.candidate.place.kind in _POINT_KINDS for sc in choice.values())
        return cls(**counts, n_points=n_points)

    @property
    def n_ccs(self) -> int:
        return self.ccs.total()


_CONTRIBUTIONS = ("countries", "admin1s", "ccs", "units")


def _contributions(p: Place) -> list[tuple[str, object]]:
    """What one chosen place adds to an article's context."""
    out: list[tuple[str, object]] = []
    if p.kind == "country":
        out.append(("countries", p.cc))
    elif p.kind == "admin1":
        out.append(("admin1s", (p.cc, p.admin1)))
    if p.cc:
        out.append(("ccs", p.cc))
    if p.kind in _POINT_KINDS and p.admin1:
        out.append(("units", (p.cc, p.admin1)))
    return out


def _accepted(group: list[Span], chosen: _Scored) -> bool:
    """Whether the evidence for a name is enough to call it a place at all.

    A small settlement whose name is also a surname, a given name or a common English word
    ("Johnson", "Patrick", "Chase") needs the text to treat it as a place somewhere in the
    article: a preposition before it, a unit word, a qualifier, or other places near it.
    """
    # the floor is about the place, not the spelling: an alternate name is not held against it
    name_penalty = ALTERNATE_NAME if chosen.candidate.match != "primary" else 0.0
    if chosen.score < MIN_SCORE + name_penalty:
        return False
    p = chosen.candidate.place
    key = group[0].key
    # an acronym ("UN", "EU", "NATO") names an organisation unless it is a country or a unit
    if p.kind in ("city", "site") and all(
            s.surface.isupper() and len(s.surface) <= 5 for s in group):
        return False
    if " " in key or p.kind not in ("city", "site") or p.population >= WEAK_NAME_MAX_POP:
        return True
    ambiguous_word = (lex.surname_share(key) >= SURNAME_SHARE or lex.is_given_name(key)
                      or lex.english_frequency(key) >= WORD_FREQUENCY)
    if not ambiguous_word:
        return True
    if any(s.locative or s.cue or s.qualifier for s in group):
        return True
    return chosen.supported or any(r.startswith("qualified") for r in chosen.reasons)


def _confidence(ranked: list[_Scored]) -> float:
    """Probability of the chosen candidate, reading scores as log10 odds among the candidates."""
    top = ranked[0].score
    z = sum(10.0 ** (r.score - top) for r in ranked)
    return 1.0 / z
