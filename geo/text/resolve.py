"""Resolution: choose, for every recognised span, the place it means, and say why.

Scored candidates, not the most populous match. A candidate's score adds:

- its prior from the gazetteer (name match quality, kind, population);
- the span's cues: "X region" wants an admin unit, "the city of X" a settlement;
- an explicit qualifier: "Paris, Texas" wants a Paris inside Texas;
- the article's other places: countries and admin-1 units it names, the countries of its other
  places ("one sense per discourse" and spatial coherence: Kramatorsk beside Pokrovsk);
- the article's language (a Ukrainian article's places are likelier in Ukraine).

The same name gets the same place throughout an article. Three passes: a first choice from the
local evidence, then two rescorings in the context of everything else chosen. Each pass scores
every candidate of the article at once, as numpy arrays. Distances between candidates use the
great-circle formula: these are scoring features, not reported figures.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

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
SUPPORT_KM = 50.0  # another place this close vouches for a weak name
NAMESAKE_UNIT = -1.5  # "Kherson" is the city unless the text says "Kherson region"
NAMESAKE_CITY_MIN_POP = 10_000
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
    reasons: tuple[str, ...] = ()
    supported: bool = False  # the article's other places vouch for it (close by, or its unit)


def resolve(
    spans: Sequence[Span], gazetteer: CandidateIndex, *, article_id: str, sentence_of=None,
    lang: str | None = None,
) -> list[Mention]:
    """Resolve recognised spans of one article to mentions (dropping those with no good place)."""
    if not spans:
        return []
    found = {s.key: gazetteer.candidates(s.key) for s in spans}
    qualifiers = {s.qualifier: gazetteer.candidates(s.qualifier) for s in spans if s.qualifier}
    by_key: dict[str, list[Span]] = defaultdict(list)
    for s in spans:
        if found[s.key]:
            by_key[s.key].append(s)
    if not by_key:
        return []
    # a name used as a qualifier ("South Bend, Ind.") means a unit that contains the other name
    qualified: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for s in spans:
        if s.qualifier:
            for c in found[s.key]:
                qualified[s.qualifier].add((c.place.cc, c.place.admin1))
    language_cc = _LANG_COUNTRY.get((lang or "").lower()[:2])

    board = _Board(by_key, {k: _shortlist(found[k]) for k in by_key}, qualifiers, qualified,
                   language_cc)
    choice = board.best(board.static + board.pair_bonus)  # pass 1: local evidence only
    for _ in range(2):  # passes 2 and 3: in the context of everything else chosen
        features = board.context(choice)
        total = board.total(features)
        choice = board.best(total)
    supported = board.supported(features)

    results: dict[str, tuple[_Scored, list[_Scored], bool]] = {}
    for k, key in enumerate(board.keys):
        j = int(choice[k])
        chosen = board.explain(features, k, j, float(total[j]), bool(supported[j]))
        ranked = board.ranked(k, total)
        results[key] = (chosen, ranked, _accepted(by_key[key], chosen))

    mentions = []
    for s in spans:
        if s.key not in results or not results[s.key][2]:
            continue
        chosen, ranked, _ = results[s.key]
        alternatives = tuple(
            Candidate(place=r.candidate.place, score=r.score, matched=r.candidate.matched,
                      match=r.candidate.match)
            for r in ranked[1 : 1 + MAX_ALTERNATIVES]
        )
        sentence = sentence_of(s.start) if sentence_of else ""
        mentions.append(
            Mention(
                article_id=article_id, start=s.start, end=s.end, surface=s.surface,
                sentence=sentence, place=_as_unit(chosen.candidate.place, s),
                confidence=_confidence(ranked), reason="; ".join(chosen.reasons),
                alternatives=alternatives,
            )
        )
    return mentions


def _as_unit(place: Place, span: Span) -> Place:
    """A district, raion, hromada or okrug the gazetteer lacks, read from its name as its
    administrative centre («у Краматорському районі»: recognition gives the centre with an
    ``unit_centre`` cue): the unit, placed at its centre, not the town."""
    if span.cue != lex.UNIT_CENTRE or place.kind != "city":
        return place
    return replace(place, id=-(_DERIVED_UNIT_IDS + abs(place.id)), name=f"{place.name} district",
                   kind="admin2", population=0)


#: ids of units derived from their centre: far below every GeoNames and supplement id
_DERIVED_UNIT_IDS = 1 << 40


# --- the candidates of one article, as arrays ----------------------------------------------------


class _Board:
    """Every candidate of every name in one article, with the article-wide evidence as arrays.

    Index ``j`` runs over all candidates; ``owner[j]`` is the name it belongs to. A choice is
    one candidate index per name. The context a name sees is everything chosen for the
    *other* names: totals over all choices minus its own.
    """

    def __init__(self, by_key: dict[str, list[Span]], cands_of: dict[str, tuple[Candidate, ...]],
                 qualifiers: dict[str, tuple[Candidate, ...]],
                 qualified: dict[str, set[tuple[str, str]]], language_cc: str | None):
        self.keys = list(by_key)
        self.by_key = by_key
        self.qualifiers = qualifiers
        self.qualified = qualified
        self.language_cc = language_cc
        self.cands: list[Candidate] = []
        owner, static, starts = [], [], []
        for k, key in enumerate(self.keys):
            starts.append(len(self.cands))
            cues, quals = _cues(by_key[key])
            row = [_static_score(c, cues, quals, qualifiers, qualified.get(key), language_cc,
                                 None) for c in cands_of[key]]
            _namesake(cands_of[key], cues, row)
            self.cands.extend(cands_of[key])
            owner.extend([k] * len(cands_of[key]))
            static.extend(row)
        starts.append(len(self.cands))
        self.starts = starts
        self.owner = np.array(owner, dtype=np.intp)
        self.static = np.array(static, dtype=float)
        places = [c.place for c in self.cands]
        self.point = np.array([p.kind in _POINT_KINDS for p in places])
        self.is_country = np.array([p.kind == "country" for p in places])
        self.is_admin1 = np.array([p.kind == "admin1" for p in places])
        self.near_kind = np.array([p.kind not in ("country", "continent", "water", "admin1")
                                   for p in places])
        cc_ids: dict[str, int] = {}
        unit_ids: dict[tuple[str, str], int] = {}
        self.cc = np.array([cc_ids.setdefault(p.cc, len(cc_ids)) if p.cc else -1
                            for p in places], dtype=np.intp)
        self.unit = np.array([unit_ids.setdefault((p.cc, p.admin1), len(unit_ids))
                              if p.admin1 else -1 for p in places], dtype=np.intp)
        self.n_cc, self.n_unit = max(len(cc_ids), 1), max(len(unit_ids), 1)
        rad = np.radians(np.array([(p.lat, p.lon) for p in places], dtype=float).reshape(-1, 2))
        lat, lon = rad[:, 0], rad[:, 1]
        self.xyz = np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon),
                                    np.sin(lat)))
        # ties between equal scores go to the larger population, then the smaller id
        order = sorted(range(len(places)), key=lambda j: (-places[j].population, places[j].id))
        self.tiebreak = np.empty(len(places), dtype=float)
        self.tiebreak[order] = np.arange(len(places), dtype=float)
        self.pair_km = self._nearest_km(np.flatnonzero(self.point))
        self.pair_bonus = np.where(self.point & (self.pair_km < 3 * PAIR_KM),
                                   W_PAIR * np.exp(-self.pair_km / PAIR_KM), 0.0)

    # --- geometry ---

    def _nearest_km(self, cols: np.ndarray) -> np.ndarray:
        """For each candidate: km to the nearest of candidates ``cols`` of another name.

        On unit vectors the nearest point has the largest dot product, so one matrix product
        finds it and only the winners are turned into great-circle kilometres.
        """
        if not len(cols):
            return np.full(len(self.cands), np.inf)
        dot = self.xyz @ self.xyz[cols].T
        dot[self.owner[:, None] == self.owner[cols][None, :]] = -2.0
        best = dot.max(axis=1)
        km = 6371.0 * np.arccos(np.clip(best, -1.0, 1.0))
        return np.where(best < -1.5, np.inf, km)

    # --- choosing ---

    def best(self, scores: np.ndarray) -> np.ndarray:
        """The best candidate index of each name (ties: larger population, smaller id)."""
        starts = np.asarray(self.starts[:-1])
        top = np.maximum.reduceat(scores, starts)
        rank = np.where(scores == top[self.owner], self.tiebreak, np.inf)
        first = np.minimum.reduceat(rank, starts)
        return np.flatnonzero(rank == first[self.owner])

    def _order(self, scores: np.ndarray, j: int) -> tuple[float, int, int]:
        p = self.cands[j].place
        return (-float(scores[j]), -p.population, p.id)

    def ranked(self, k: int, scores: np.ndarray) -> list[_Scored]:
        lo, hi = self.starts[k], self.starts[k + 1]
        order = sorted(range(lo, hi), key=lambda j: self._order(scores, j))
        return [_Scored(self.cands[j], float(scores[j])) for j in order]

    # --- context ---

    def context(self, choice: np.ndarray) -> dict[str, np.ndarray]:
        """Per candidate: the evidence the other names' choices give (each feature's value)."""
        own_cc, own_unit = self.cc[choice], self.unit[choice]
        own_country = np.where(self.is_country[choice], own_cc, -1)
        own_admin1 = np.where(self.is_admin1[choice], own_unit, -1)
        own_point_unit = np.where(self.point[choice], own_unit, -1)
        own_point = self.point[choice]

        def counts(ids: np.ndarray, n: int) -> np.ndarray:
            ids = ids[ids >= 0]
            return np.bincount(ids, minlength=n) if len(ids) else np.zeros(n, dtype=np.intp)

        def others(total: np.ndarray, own: np.ndarray, idx: np.ndarray) -> np.ndarray:
            """How many *other* names chose something with this cc/unit."""
            mine = own[self.owner]
            count = np.where(idx >= 0, total[np.maximum(idx, 0)], 0)
            return count - ((mine == idx) & (idx >= 0))

        cc, unit = self.cc, self.unit
        countries = others(counts(own_country, self.n_cc), own_country, cc)
        admin1s = others(counts(own_admin1, self.n_unit), own_admin1, unit)
        ccs = others(counts(own_cc, self.n_cc), own_cc, cc)
        units = others(counts(own_point_unit, self.n_unit), own_point_unit, unit)
        n_ccs = int((own_cc >= 0).sum()) - (own_cc[self.owner] >= 0)
        n_points = int(own_point.sum()) - own_point[self.owner]
        chosen_points = choice[own_point]
        return {
            "country_named": (cc >= 0) & ~self.is_country & (countries > 0),
            "unit_named": (unit >= 0) & (admin1s > 0),
            "share": np.where((cc >= 0) & (n_ccs > 0), ccs / np.maximum(n_ccs, 1), 0.0),
            "inside": np.where((unit >= 0) & (n_points > 0), units / np.maximum(n_points, 1),
                               0.0),
            "d": self._nearest_km(chosen_points),
        }

    def total(self, f: dict[str, np.ndarray]) -> np.ndarray:
        """Every candidate's score given the evidence of the other names' choices."""
        d = f["d"]
        score = self.static + self.pair_bonus
        score = score + np.where(f["country_named"], W_COUNTRY_NAMED, 0.0)
        score = score + np.where(f["unit_named"] & ~self.is_admin1, W_ADMIN1_NAMED, 0.0)
        score = score + W_COUNTRY_SHARE * f["share"]
        score = score + np.where(self.is_admin1, W_CONTAINS * f["inside"],
                                 np.where(self.is_country, 0.0, W_SAME_ADMIN1 * f["inside"]))
        near = self.near_kind & (d < 4 * PROXIMITY_KM)
        return score + np.where(near, W_PROXIMITY * np.exp(-np.minimum(d, 4 * PROXIMITY_KM)
                                                           / PROXIMITY_KM), 0.0)

    def supported(self, f: dict[str, np.ndarray]) -> np.ndarray:
        """Whether the other names vouch for each candidate (close by, or its unit named)."""
        contains = np.array([bool(self.qualified.get(self.keys[k])) for k in self.owner])
        return (f["d"] < SUPPORT_KM) | (self.pair_km < SUPPORT_KM / 2) | f["unit_named"] \
            | contains

    def explain(self, features: dict[str, np.ndarray], k: int, j: int, score: float,
                supported: bool) -> _Scored:
        """Candidate ``j`` of name ``k`` with the reasons for it."""
        c, p = self.cands[j], self.cands[j].place
        key = self.keys[k]
        cues, quals = _cues(self.by_key[key])
        reasons: list[str] = []
        _static_score(c, cues, quals, self.qualifiers, self.qualified.get(key),
                      self.language_cc, reasons)
        f = {name: value[j] for name, value in features.items()}
        if f["country_named"]:
            reasons.append(f"{p.cc} named in article")
        if f["unit_named"] and p.kind != "admin1":
            reasons.append(f"in {p.admin1_name or p.admin1}, named in article")
        if f["share"] >= 0.5 and p.kind != "country":
            reasons.append(f"most places in article are in {p.cc}")
        if f["inside"] and p.kind == "admin1":
            reasons.append("contains other places in article")
        elif f["inside"] >= 0.5 and p.kind != "country":
            reasons.append(f"in the same admin-1 unit as other places ({p.admin1_name})")
        if self.near_kind[j] and f["d"] < PROXIMITY_KM:
            reasons.append(f"{f['d']:.0f} km from other places in article")
        if self.point[j] and self.pair_km[j] < PAIR_KM:
            reasons.append(f"{self.pair_km[j]:.0f} km from a place of another name in article")
        return _Scored(c, score, tuple(reasons), supported)


def _cues(group: list[Span]) -> tuple[Counter, list[str]]:
    return Counter(s.cue for s in group if s.cue), [s.qualifier for s in group if s.qualifier]


def _namesake(cands: Sequence[Candidate], cues: Counter, row: list[float]) -> None:
    """A unit's bare name ("Kherson" for Kherson Oblast) normally means its namesake city."""
    if cues.keys() & {"admin1", "admin2"}:
        return
    city_units = {(c.place.cc, c.place.admin1) for c in cands
                  if c.place.kind == "city" and c.place.population >= NAMESAKE_CITY_MIN_POP}
    for i, c in enumerate(cands):
        p = c.place
        if p.kind == "admin1" and c.match != "primary" and (p.cc, p.admin1) in city_units:
            row[i] += NAMESAKE_UNIT


# --- scoring ----------------------------------------------------------------------------------


def _shortlist(cands: Sequence[Candidate]) -> tuple[Candidate, ...]:
    """The candidates worth scoring: all within reach of the best prior, at most MAX_CANDIDATES."""
    if len(cands) <= MAX_CANDIDATES:
        return tuple(cands)
    ranked = sorted(cands, key=_prior, reverse=True)
    best = _prior(ranked[0])
    return tuple(c for c in ranked[:MAX_CANDIDATES] if _prior(c) >= best - MAX_PRIOR_GAP)


_PRIORS: dict[tuple[Place, str], float] = {}


def _prior(c: Candidate) -> float:
    """log10 odds of a place before context (memoised per place record and match type: two
    gazetteers may hold the same id with other figures)."""
    key = (c.place, c.match)
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


def _static_score(c: Candidate, cues: Counter, quals: list[str], qualifiers,
                  contains: set[tuple[str, str]] | None, language_cc: str | None,
                  reasons: list[str] | None) -> float:
    """What a candidate scores on its own: prior, cues, qualifiers and language (with reasons
    appended to ``reasons`` when given)."""
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


def _kind_fits(cue: str, kind: str) -> bool:
    if cue == "city":
        return kind == "city"
    if cue == "admin1":
        return kind in ("admin1", "region")
    if cue == "admin2":
        return kind in ("admin2", "admin1")
    if cue == "water":  # «на березі Дніпра»: the river, not the city
        return kind == "water"
    if cue == lex.UNIT_CENTRE:  # "Краматорський район" read as Kramatorsk: the centre is a town
        return kind == "city"
    if cue == "unit":  # "the capital of X": a country or a unit, not a settlement
        return kind in ("country", "admin1", "admin2", "region")
    return True


def _inside(place: Place, container: Place) -> bool:
    if container.kind == "country":
        return place.cc == container.cc and place.id != container.id
    if container.kind == "admin1":
        return place.cc == container.cc and place.admin1 == container.admin1 \
            and place.id != container.id
    return False


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
    return chosen.supported


def _confidence(ranked: list[_Scored]) -> float:
    """Probability of the chosen candidate, reading scores as log10 odds among the candidates."""
    top = ranked[0].score
    z = sum(10.0 ** (r.score - top) for r in ranked)
    return 1.0 / z
