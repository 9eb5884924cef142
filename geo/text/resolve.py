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
_LANG_COUNTRY = {"uk": "UA", "ru": "RU", "be": "BY", "pl": "PL", "de": "DE", "fr": "FR"}
_POINT_KINDS = frozenset({"city", "admin2", "site"})
_AREA_KINDS = frozenset({"country", "admin1", "admin2", "region", "water", "continent"})


@dataclass(frozen=True, slots=True)
class _Scored:
    candidate: Candidate
    score: float
    reasons: tuple[str, ...]
    supported: bool = False  # the article's other places vouch for it (close by, or its unit)


@dataclass(frozen=True, slots=True)
class _Context:
    """What the rest of an article says, for one span's rescoring."""

    countries_named: frozenset[str]
    admin1_named: frozenset[tuple[str, str]]
    country_share: dict[str, float]
    admin1_share: dict[tuple[str, str], float]
    points: tuple[tuple[float, float], ...]
    language_cc: str | None


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

    # every candidate point of every other name, for "some sense of B is right next to A"
    cand_points = {
        key: [(c.place.lat, c.place.lon) for c in cands_of[key] if c.place.kind in _POINT_KINDS]
        for key in by_key
    }
    pair_km = {
        key: _nearest_km(cands_of[key], tuple(pt for other, pts in cand_points.items()
                                              if other != key for pt in pts))
        for key in by_key
    }

    # pass 1: local evidence only
    empty = _Context(frozenset(), frozenset(), {}, {}, (), language_cc)
    choice: dict[str, _Scored] = {
        key: _best(key, group, cands_of[key], qualifiers, empty, qualified.get(key))
        for key, group in by_key.items()
    }
    # pass 2 (and a third to settle): rescore each name in the context of all the others
    rankings: dict[str, list[_Scored]] = {}
    for _ in range(2):
        rankings = {
            key: _ranked(key, group, cands_of[key], qualifiers,
                         _context(choice, exclude=key, language_cc=language_cc),
                         qualified.get(key), pair_km[key])
            for key, group in by_key.items()
        }
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


def _best(key, group, cands, qualifiers, ctx, contains=None) -> _Scored:
    return _ranked(key, group, cands, qualifiers, ctx, contains)[0]


def _ranked(key, group, cands, qualifiers, ctx, contains=None, pair=None) -> list[_Scored]:
    cues = Counter(s.cue for s in group if s.cue)
    quals = [q for q in (s.qualifier for s in group) if q]
    nearest = _nearest_km(cands, ctx.points)
    pair = pair if pair is not None else [math.inf] * len(cands)
    scored = [_score(c, cues, quals, qualifiers, ctx, contains, d, dp)
              for c, d, dp in zip(cands, nearest, pair, strict=True)]
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
           contains: set[tuple[str, str]] | None, d: float, d_pair: float) -> _Scored:
    p = c.place
    score = _prior(c)
    reasons = [f"{c.match} name '{c.matched}'"]
    if contains and (
        (p.kind == "admin1" and (p.cc, p.admin1) in contains)
        or (p.kind == "country" and any(cc == p.cc for cc, _ in contains))
    ):
        score += W_QUALIFIER
        reasons.append("qualifies a place inside it")
    if p.population and p.kind not in _AREA_KINDS:
        reasons.append(f"population {p.population:,}")
    for cue in cues:
        if _kind_fits(cue, p.kind):
            score += W_CUE_KIND
            reasons.append(f"'{cue}' cue")
        else:
            score += W_CUE_MISMATCH
    for q in quals:
        if any(_inside(p, qc.place) for qc in qualifiers.get(q, ())):
            score += W_QUALIFIER
            reasons.append(f"qualified by '{q}'")
            break
    if p.cc and p.cc in ctx.countries_named and p.kind != "country":
        score += W_COUNTRY_NAMED
        reasons.append(f"{p.cc} named in article")
    if p.admin1 and (p.cc, p.admin1) in ctx.admin1_named and p.kind != "admin1":
        score += W_ADMIN1_NAMED
        reasons.append(f"in {p.admin1_name or p.admin1}, named in article")
    share = ctx.country_share.get(p.cc, 0.0) if p.cc else 0.0
    if share:
        score += W_COUNTRY_SHARE * share
        if share >= 0.5 and p.kind != "country":
            reasons.append(f"most places in article are in {p.cc}")
    if ctx.admin1_share and p.admin1:
        inside = ctx.admin1_share.get((p.cc, p.admin1), 0.0)
        if inside and p.kind == "admin1":
            score += W_CONTAINS * inside
            reasons.append("contains other places in article")
        elif inside and p.kind != "country":
            score += W_SAME_ADMIN1 * inside
            if inside >= 0.5:
                reasons.append(f"in the same admin-1 unit as other places ({p.admin1_name})")
    if p.kind not in ("country", "continent", "water", "admin1") and d < 4 * PROXIMITY_KM:
        score += W_PROXIMITY * math.exp(-d / PROXIMITY_KM)
        if d < PROXIMITY_KM:
            reasons.append(f"{d:.0f} km from other places in article")
    if p.kind in _POINT_KINDS and d_pair < 3 * PAIR_KM:
        score += W_PAIR * math.exp(-d_pair / PAIR_KM)
        if d_pair < PAIR_KM:
            reasons.append(f"{d_pair:.0f} km from a place of another name in article")
    if ctx.language_cc and p.cc == ctx.language_cc:
        score += W_LANGUAGE
    supported = (d < SUPPORT_KM or d_pair < SUPPORT_KM / 2
                 or (p.admin1 and (p.cc, p.admin1) in ctx.admin1_named) or bool(contains))
    return _Scored(c, score, tuple(reasons), bool(supported))


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


def _context(choice: dict[str, _Scored], *, exclude: str, language_cc: str | None) -> _Context:
    countries, admin1s, points = set(), set(), []
    ccs: Counter[str] = Counter()
    units: Counter[tuple[str, str]] = Counter()
    for key, scored in choice.items():
        if key == exclude:
            continue
        p = scored.candidate.place
        if p.kind == "country":
            countries.add(p.cc)
        elif p.kind == "admin1":
            admin1s.add((p.cc, p.admin1))
        if p.cc:
            ccs[p.cc] += 1
        if p.kind in ("city", "admin2", "site"):
            points.append((p.lat, p.lon))
            if p.admin1:
                units[(p.cc, p.admin1)] += 1
    total = sum(ccs.values())
    share = {cc: n / total for cc, n in ccs.items()} if total else {}
    n_points = len(points)
    inside = {u: n / n_points for u, n in units.items()} if n_points else {}
    return _Context(frozenset(countries), frozenset(admin1s), share, inside, tuple(points),
                    language_cc)


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


def _nearest_km(cands: Sequence[Candidate], points: tuple[tuple[float, float], ...]) -> list[float]:
    """Great-circle km from each candidate to the nearest context point (inf if none)."""
    if not points:
        return [math.inf] * len(cands)
    import numpy as np

    c = np.radians(np.array([(x.place.lat, x.place.lon) for x in cands], dtype=float))
    q = np.radians(np.array(points, dtype=float))
    dlat = c[:, None, 0] - q[None, :, 0]
    dlon = c[:, None, 1] - q[None, :, 1]
    cos = np.cos(c[:, None, 0]) * np.cos(q[None, :, 0])
    a = np.sin(dlat / 2) ** 2 + cos * np.sin(dlon / 2) ** 2
    km = 12742.0 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return km.min(axis=1).tolist()
