"""Resolution: choose, for every recognised span, the place it means, and say why.

Scored candidates, not the most populous match. Each candidate of a name gets a row of named
features (:mod:`geo.text.scoring`):

- on its own: population, kind, name match, national capital;
- from the span: "X region" wants an admin unit, "the city of X" a settlement; "Paris, Texas"
  wants a Paris inside Texas; the article's language (a Ukrainian article's places are
  likelier in Ukraine);
- from the article's other places: countries and admin-1 units it names, the share of its
  places in each country, containment and distance ("one sense per discourse" and spatial
  coherence: Kramatorsk beside Pokrovsk).

The score is the dot product with weights fitted on annotated news (``scripts/
fit_resolver.py``); the reason lists the same contributions. The same name gets the same place
throughout an article. Three passes: a first choice from the local evidence, then two
rescorings in the context of everything else chosen; each pass scores every candidate of the
article at once, as numpy arrays. Distances between candidates use the great-circle formula:
these are scoring features, not reported figures. A name whose calibrated confidence falls
below the fitted floor is not reported as a place.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np

from geo.geodesy import EARTH_RADIUS_KM
from geo.model import KINDS, Candidate, Mention, Place, Span
from geo.text import _lexicon as lex
from geo.text import scoring as sc
from geo.text._memory import memory_of


class CandidateIndex(Protocol):
    """What resolution needs of a gazetteer. Its answers must not change while it is alive:
    a name's senses are remembered per candidate tuple it hands out (``_senses``)."""

    def candidates(self, key: str) -> tuple[Candidate, ...]:
        """A name's candidates, best prior first (the order ``lookup`` shows)."""
        ...


MAX_ALTERNATIVES = 3
MAX_CANDIDATES = 30  # senses scored per name ("Springfield" has ~40): the gazetteer's first
#: a settlement whose name is a common English word needs evidence beyond its name
WEAK_NAME_MAX_POP = 100_000
SUPPORT_KM = 50.0  # another place this close vouches for a weak name
NAMESAKE_CITY_MIN_POP = 10_000  # "Kherson" the oblast vs Kherson the city
SURNAME_SHARE = 0.002  # percent of people (1990 US census): about the 3,000 commonest surnames
WORD_FREQUENCY = 2000  # occurrences in the English frequency list
_LANG_COUNTRY = {"uk": "UA", "ru": "RU", "be": "BY", "pl": "PL", "de": "DE", "fr": "FR"}
_POINT_KINDS = frozenset({"city", "admin2", "site"})
_SETTLEMENT_KINDS = frozenset({"city", "site"})
_AREA_KINDS = frozenset({"region", "water", "continent"})
_NAMED_AREA_KINDS = frozenset({"country", "admin1", "region", "water", "continent"})
_S = {name: i for i, name in enumerate(sc.STATIC_NAMES)}


@dataclass(frozen=True)
class ArticleScores:
    """Everything resolution computed for one article (also what the weight fit reads).

    Index ``j`` runs over all candidates, ``owner[j]`` is the name (index into ``keys``) it
    belongs to; ``features`` are the rows of the last pass (RANKING_NAMES order).
    """

    keys: tuple[str, ...]
    groups: dict[str, list[Span]]
    candidates: tuple[Candidate, ...]
    owner: np.ndarray
    starts: tuple[int, ...]
    features: np.ndarray
    total: np.ndarray
    choice: np.ndarray  # chosen candidate index of each name
    probability: np.ndarray  # softmax of ``total`` within each name
    confidence_features: np.ndarray  # one row per name (CONFIDENCE_NAMES order)
    confidence: np.ndarray  # one per name
    pair_km: np.ndarray  # per candidate: km to the nearest sense of another name
    d_km: np.ndarray  # per candidate: km to the nearest place the other names chose
    tiebreak: np.ndarray  # per candidate: its rank by population (larger first), then id

    def facts(self, j: int) -> dict:
        """What the reasons of candidate ``j`` quote."""
        c = self.candidates[j]
        return {"population": f"{c.place.population:,}", "matched": c.matched,
                "cc": c.place.cc, "kind": c.place.kind,
                "admin1_name": c.place.admin1_name or c.place.admin1,
                "pair_km": float(self.pair_km[j]), "d_km": float(self.d_km[j])}


def resolve(
    spans: Sequence[Span], gazetteer: CandidateIndex, *, article_id: str, sentence_of=None,
    lang: str | None = None, weights: sc.Weights | None = None, text: str = "",
) -> list[Mention]:
    """Resolve recognised spans of one article to mentions (dropping those with no good place).

    ``text`` is the article the spans' offsets point into (the words around a name are
    evidence: "the Dnipro", "Iskander missile"); without it those features are off.
    """
    w = weights or sc.fitted()
    scored = score_article(spans, gazetteer, lang=lang, weights=w, text=text)
    if scored is None:
        return []
    results: dict[str, tuple[Candidate, str, float, tuple[Candidate, ...]]] = {}
    acronym = sc.CONFIDENCE_NAMES.index("acronym")
    # an acronym taken for a settlement ("UN", "EU") is an organisation: the training data
    # holds too few to weigh it (its fitted weight alone does not drop "The EU"), so the
    # former rule stays
    kept = [k for k in range(len(scored.keys)) if scored.confidence[k] >= w.accept
            and not scored.confidence_features[k, acronym]]
    chosen = [int(scored.choice[k]) for k in kept]
    why_of = sc.reasons_of(scored.features[chosen], w, lambda i: scored.facts(chosen[i]))
    cands = scored.candidates
    ranked = _ranked(scored)
    for k, j, (score, why) in zip(kept, chosen, why_of, strict=True):
        c = cands[j]
        reason = f"{c.match} name '{c.matched}': score {score:.2f} = " + "; ".join(why or ["0"])
        lo, hi = scored.starts[k], scored.starts[k + 1]
        shown = [i for i in ranked[lo:hi] if i != j][:MAX_ALTERNATIVES]
        # the sense ``lookup`` puts first is always shown when it lost: a reader checking
        # "Geneva, New York" wants to see Geneva in Switzerland, not three more American
        # Genevas the article's context lifted above it (review item 19)
        if lo != j and lo not in shown and shown:
            shown[-1] = lo
        alternatives = tuple(
            Candidate(place=cands[i].place, score=float(scored.probability[i]),
                      matched=cands[i].matched, match=cands[i].match)
            for i in shown)
        results[scored.keys[k]] = (c, reason, float(scored.confidence[k]), alternatives)
    mentions = []
    for s in spans:
        found = results.get(s.key)
        if found is None:
            continue
        c, reason, conf, alternatives = found
        mentions.append(Mention(
            article_id=article_id, start=s.start, end=s.end, surface=s.surface,
            sentence=sentence_of(s.start) if sentence_of else "", place=_as_unit(c.place, s),
            confidence=conf, reason=reason, alternatives=alternatives))
    return mentions


def _ranked(scored: ArticleScores) -> list[int]:
    """Every candidate index, name by name, each name's best first (score, then the larger
    population, then the smaller id): one sort for the article's alternatives."""
    return np.lexsort((scored.tiebreak, -scored.total, scored.owner)).tolist()


def score_article(spans: Sequence[Span], gazetteer: CandidateIndex, *, lang: str | None,
                  weights: sc.Weights, text: str = "") -> ArticleScores | None:
    """Score every candidate of every name in one article; None when no name has one."""
    if not spans:
        return None
    found = {key: gazetteer.candidates(key) for key in {s.key: None for s in spans}}
    qualifiers = {q: gazetteer.candidates(q) for q in {s.qualifier for s in spans} if q}
    by_key: dict[str, list[Span]] = defaultdict(list)
    for s in spans:
        if found[s.key]:
            by_key[s.key].append(s)
    if not by_key:
        return None
    # a name used as a qualifier ("South Bend, Ind.") means a unit that contains the other name
    qualified: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for s in spans:
        if s.qualifier:
            for c in found[s.key]:
                qualified[s.qualifier].add((c.place.cc, c.place.admin1))
    language_cc = _LANG_COUNTRY.get((lang or "").lower()[:2])
    runs = _list_runs(spans, text)
    listed = set().union(*runs)  # names written in a list with another name
    board = _Board(by_key, {k: _senses(found[k], gazetteer) for k in by_key}, qualifiers,
                   qualified, language_cc, text, _Containment.of(gazetteer),
                   [r for r in runs if len(r) > 1])
    w_static, w_context = weights.static(), weights.context()
    static_score = board.weigh_unit_senses(board.static @ w_static, w_static)
    choice = board.best(static_score)  # pass 1: local evidence only
    for _ in range(2):  # passes 2 and 3: in the context of everything else chosen
        context = board.context(choice)
        total = static_score + context @ w_context
        choice, before = board.best(total), choice
        if np.array_equal(choice, before):
            break  # the same choices make the same context: pass 3 would repeat pass 2
    features = np.empty((len(board.cands), len(sc.RANKING_NAMES)))
    features[:, sc._STATIC_COLUMNS] = board.static
    features[:, sc._CONTEXT_COLUMNS] = context
    probability = board.softmax(total)
    supported = board.supported(context)
    conf_rows = _confidence_rows(board, choice, probability, supported, context, listed)
    return ArticleScores(
        keys=tuple(board.keys), groups=dict(by_key), candidates=tuple(board.cands),
        owner=board.owner, starts=tuple(board.starts), features=features, total=total,
        choice=choice, probability=probability, confidence_features=conf_rows,
        confidence=sc.confidence(conf_rows, weights), pair_km=board.pair_km,
        d_km=board.last_d, tiebreak=board.tiebreak)


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


@dataclass(frozen=True)
class _Containment:
    """What a gazetteer records of admin-2 containment: the units it knows the settlements
    of, and the units a settlement lies in."""

    units: frozenset[int]
    admin2_of: object  # Callable[[int], tuple[int, ...]]

    @classmethod
    def of(cls, gazetteer) -> _Containment | None:
        units = getattr(gazetteer, "admin2_units", None)
        admin2_of = getattr(gazetteer, "admin2_of", None)
        if units is None or admin2_of is None:
            return None
        known = units()
        return cls(known, admin2_of) if known else None



#: place kinds as small integers (``geo.model.KINDS``; any other kind a test's gazetteer
#: holds shares the last code, which is none of the kinds the flags below single out)
_KIND_CODES = {kind: code for code, kind in enumerate(KINDS)}
_OTHER_KIND = len(KINDS)
_COUNTRY, _ADMIN1, _ADMIN2 = (_KIND_CODES[k] for k in ("country", "admin1", "admin2"))


def _kind_flags(kinds: frozenset[str] | set[str]) -> np.ndarray:
    """Per kind code: whether the kind is one of ``kinds`` (read-only, shared by threads)."""
    flags = np.array([k in kinds for k in KINDS] + [False])
    flags.flags.writeable = False
    return flags


_IS_POINT = _kind_flags(_POINT_KINDS)
_IS_SETTLEMENT = _kind_flags(_SETTLEMENT_KINDS)
#: kinds whose distance to the article's other places counts (``proximity``); an unknown
#: kind counts, as every kind but these four did before codes
_IS_NEAR = ~_kind_flags({"country", "continent", "water", "admin1"})


class _ValueCodes:
    """Small integer codes for the country codes and (country, admin-1) units candidates are
    compared by, the same for every article of a process: a board then compares integers in
    numpy instead of strings candidate by candidate. A lock guards the handing out of a new
    code (a gazetteer may serve several threads); a known value is a plain dict read."""

    def __init__(self) -> None:
        self._codes: dict[object, int] = {}
        self._lock = threading.Lock()

    def __call__(self, value: object) -> int:
        code = self._codes.get(value)
        if code is None:
            with self._lock:
                code = self._codes.setdefault(value, len(self._codes))
        return code


_value_code = _ValueCodes()
#: columns of a name's sense table (``_Senses.table``)
_T_KIND, _T_CC, _T_UNIT, _T_POPULATION, _T_ID, _T_OTHER_NAME, _T_PRIMARY = range(7)
_T_XYZ = slice(7, 10)


@dataclass(frozen=True)
class _Senses:
    """One name's shortlisted candidates, and what a board reads of each as one numeric table
    (``_T_*`` columns): built once per name, since news names the same places again and
    again and the gazetteer hands out one tuple per name."""

    cands: tuple[Candidate, ...]
    table: np.ndarray
    names_country: bool  # has a country sense by its own name (read by ``_listed_kind``)
    #: static feature rows by span facts (see :func:`_static_rows`): a name is written
    #: with few combinations of them, so this stays small
    rows: dict[tuple, np.ndarray] = field(default_factory=dict, compare=False)


def _senses(found: tuple[Candidate, ...], gazetteer: CandidateIndex) -> _Senses:
    """The shortlisted senses of a name, memoised per candidate tuple of ``gazetteer`` (its
    memory goes with it: a closed index keeps no tuples alive)."""
    memory = memory_of(gazetteer, _SENSES)
    hit = memory.get(id(found))
    if hit is not None and hit[0] is found:
        return hit[1]
    if len(memory) >= _MAX_SENSES:
        memory.clear()
    cands = _shortlist(found)
    table = np.empty((len(cands), 10))
    table[:, :9] = np.array([
        (_KIND_CODES.get(c.place.kind, _OTHER_KIND),
         _value_code(c.place.cc) if c.place.cc else -1,
         _value_code((c.place.cc, c.place.admin1)) if c.place.admin1 else -1,
         c.place.population, c.place.id, _other_name(c), c.match == "primary",
         c.place.lat, c.place.lon) for c in cands], dtype=float).reshape(-1, 9)
    lat, lon = np.radians(table[:, 7]), np.radians(table[:, 8])
    table[:, _T_XYZ] = np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon),
                                        np.sin(lat)))
    table.flags.writeable = False
    senses = _Senses(cands, table, any(c.place.kind == "country" and not _other_name(c)
                                       for c in cands))
    memory[id(found)] = (found, senses)  # holding ``found`` keeps its id from being reused
    return senses


#: per gazetteer (``memory_of``): id of a candidate tuple -> (the tuple, its senses)
_SENSES: dict[int, dict[int, tuple[tuple[Candidate, ...], _Senses]]] = {}
#: names remembered per gazetteer: the distinct names of a large news archive are of this
#: order (the index's own candidate cache holds 200,000 names); at the bound it starts anew
_MAX_SENSES = 100_000


def _local_ids(codes: np.ndarray) -> tuple[np.ndarray, int]:
    """Process-wide codes (-1 for none) renumbered 0..n-1 within one article, and n (at
    least 1): the article's count arrays stay as small as its own countries and units."""
    codes = codes.astype(np.intp)
    known = codes >= 0
    if not known.any():
        return codes, 1
    present = np.flatnonzero(np.bincount(codes[known]))  # ascending, as np.unique's
    local = np.zeros(int(present[-1]) + 1, dtype=np.intp)
    local[present] = np.arange(len(present))
    return np.where(known, local[np.maximum(codes, 0)], -1), len(present)


class _Board:
    """Every candidate of every name in one article, with the article-wide evidence as arrays.

    Index ``j`` runs over all candidates; ``owner[j]`` is the name it belongs to. A choice is
    one candidate index per name. The context a name sees is everything chosen for the
    *other* names: totals over all choices minus its own.
    """

    def __init__(self, by_key: dict[str, list[Span]], senses: dict[str, _Senses],
                 qualifiers: dict[str, tuple[Candidate, ...]],
                 qualified: dict[str, set[tuple[str, str]]], language_cc: str | None,
                 text: str = "", containment: _Containment | None = None,
                 list_runs: Sequence[set[str]] = ()):
        self.keys = list(by_key)
        self.text = text
        self.by_key = by_key
        self.qualified = qualified
        blocks = [senses[key] for key in self.keys]
        self.cands: list[Candidate] = list(itertools.chain.from_iterable(
            b.cands for b in blocks))
        sizes = [len(b.cands) for b in blocks]
        self.starts = [0, *itertools.accumulate(sizes)]
        self.owner = np.repeat(np.arange(len(blocks), dtype=np.intp), sizes)
        self.static = np.vstack([
            _static_rows(b, by_key[key], qualifiers, qualified.get(key), language_cc, text)
            for key, b in zip(self.keys, blocks, strict=True)])
        table = np.concatenate([b.table for b in blocks])
        kind = table[:, _T_KIND].astype(np.intp)
        self.kind_class = kind
        self.point = _IS_POINT[kind]
        self.is_country = kind == _COUNTRY
        self.is_admin1 = kind == _ADMIN1
        self.settlement = _IS_SETTLEMENT[kind]
        self.near_kind = _IS_NEAR[kind]
        self.other_name = table[:, _T_OTHER_NAME] > 0
        self.primary = table[:, _T_PRIMARY] > 0
        self.population = table[:, _T_POPULATION]
        self.ids = table[:, _T_ID]
        self.cc, self.n_cc = _local_ids(table[:, _T_CC])
        self.unit, self.n_unit = _local_ids(table[:, _T_UNIT])
        self.xyz = table[:, _T_XYZ]
        # ties between equal scores go to the larger population, then the smaller id
        order = np.lexsort((self.ids, -self.population))
        self.tiebreak = np.empty(len(order), dtype=float)
        self.tiebreak[order] = np.arange(len(order), dtype=float)
        self.pair_km = self._nearest_km(np.flatnonzero(self.point))
        near = self.point & (self.pair_km < 3 * sc.PAIR_KM)
        self.static[:, _S["pair"]] = np.where(near, np.exp(-np.minimum(self.pair_km, 1e6)
                                                            / sc.PAIR_KM), 0.0)
        self._listed_kind(list_runs, np.array([b.names_country for b in blocks]))
        self.last_d = np.full(len(self.cands), np.inf)
        self._containment(containment)

    def _unit_senses(self, likely: np.ndarray) -> None:
        """Containment between the senses of different names, before any choice: a state
        that holds a sense of another name ("Virginia" with "Alexandria" in the text), and
        a settlement inside a state another name may mean. The first pass then starts
        from the reading in which the names fit together, as ``pair`` does for distance.

        Each counts as the probability of the other sense on its own evidence (``likely``,
        one per candidate): a Geneva, Washington of 2,000 people should not make
        "Washington" the state beside "talks in Geneva" (review item 19). Without a
        first-level unit among the senses both stay 0."""
        unit_admin1 = self.is_admin1 & (self.unit >= 0)
        if not unit_admin1.any():
            return
        point = self.point & (self.unit >= 0)
        u = np.maximum(self.unit, 0)
        self.static[:, _S["holds_sense"]] = np.where(
            unit_admin1, self._best_other(point, likely, u), 0.0)
        self.static[:, _S["in_sense"]] = np.where(
            point, self._best_other(unit_admin1, likely, u), 0.0)

    def _best_other(self, mask: np.ndarray, p: np.ndarray, u: np.ndarray) -> np.ndarray:
        """Per candidate: the largest ``p`` of a ``mask`` candidate of another name in its
        unit (``u``)."""
        n_keys = len(self.keys)
        if n_keys < 2:
            return np.zeros(len(self.cands))
        best = np.zeros((n_keys, self.n_unit))
        np.maximum.at(best, (self.owner[mask], self.unit[mask]), p[mask])
        # per unit: the best name and its value, and the best value of any other name (a tie
        # gives both the same value, whichever name argmax takes)
        cols = np.arange(self.n_unit)
        top1 = best.argmax(axis=0)
        v1 = best[top1, cols]
        best[top1, cols] = -np.inf
        v2 = best.max(axis=0)
        return np.where(top1[u] == self.owner, v2[u], v1[u])

    def weigh_unit_senses(self, static_score: np.ndarray, w_static: np.ndarray) -> np.ndarray:
        """Set ``holds_sense`` and ``in_sense``, each other sense weighed by how likely it is
        on its own evidence (``static_score``, made while those two columns are still 0);
        return the static scores anew."""
        self._unit_senses(self.softmax(static_score))
        return self.static @ w_static

    def _listed_kind(self, list_runs: Sequence[set[str]], names_country: np.ndarray) -> None:
        """Per country candidate: the share of the names written in one list with its name
        ("Poland, Lebanon and Jordan") that have a country sense; per settlement of such a
        name, minus that share (``names_country``: per name, whether it has one).
        A list names things of one kind; read from the senses, before any choice, so that a
        list of countries is not first read as the towns of a state named nearby and then
        kept so by the context that reading makes (issue 14, review item 18). Countries
        only: with first-level units too, a list of Ukrainian cities ("Kherson, Zaporizhzhia
        and Mykolaiv", each also the bare name of its oblast) counted for the oblasts, and
        the fit gave the feature half the weight."""
        if not list_runs:
            return
        k_of = {key: k for k, key in enumerate(self.keys)}
        share = np.zeros(len(self.keys))
        for run in list_runs:  # each of two names or more
            members = [k_of[key] for key in run if key in k_of]
            countries = int(names_country[members].sum())
            for k in members:
                share[k] = max(share[k], (countries - names_country[k]) / (len(run) - 1))
        mine = share[self.owner]
        # the settlement of a name that also means a country counts the same evidence
        # against it: one weight reads the list both ways
        v = np.where(self.is_country, mine,
                     np.where(self.settlement & names_country[self.owner], -mine, 0.0))
        hit = v != 0
        self.static[hit, _S["listed_kind"]] = v[hit]

    def _containment(self, containment: _Containment | None) -> None:
        """Which admin-2 candidates (raions, hromadas, okrugs) contain which other candidates,
        as (candidate, unit candidate) index pairs; and which candidates have a known unit.
        Only units whose settlements the gazetteer records count (not US counties)."""
        n = len(self.cands)
        self.is_admin2 = np.zeros(n, dtype=bool)
        self.has_admin2 = np.zeros(n, dtype=bool)
        pairs_c: list[int] = []
        pairs_u: list[int] = []
        unit_cols: dict[int, list[int]] = defaultdict(list)
        if containment is not None:
            for j in np.flatnonzero(self.kind_class == _ADMIN2):
                uid = self.cands[j].place.id
                if uid in containment.units:
                    self.is_admin2[j] = True
                    unit_cols[uid].append(int(j))
        if unit_cols:
            for j in np.flatnonzero(self.settlement):
                units = containment.admin2_of(self.cands[j].place.id)
                self.has_admin2[j] = bool(units)
                for uid in units:
                    for u in unit_cols.get(uid, ()):
                        pairs_c.append(int(j))
                        pairs_u.append(u)
        self.within_c = np.array(pairs_c, dtype=np.intp)
        self.within_u = np.array(pairs_u, dtype=np.intp)

    def _admin2_named(self, choice: np.ndarray) -> np.ndarray:
        """Per candidate: whether another name chose an admin-2 unit that contains it."""
        out = np.zeros(len(self.cands), dtype=bool)
        if not len(self.within_c):
            return out
        chosen = np.zeros(len(self.cands), dtype=bool)
        chosen[choice] = True
        hit = chosen[self.within_u] & (self.owner[self.within_u] != self.owner[self.within_c])
        out[self.within_c[hit]] = True
        return out

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
        km = EARTH_RADIUS_KM * np.arccos(np.clip(best, -1.0, 1.0))
        return np.where(best < -1.5, np.inf, km)

    # --- choosing ---

    def best(self, scores: np.ndarray) -> np.ndarray:
        """The best candidate index of each name (ties: larger population, smaller id)."""
        starts = np.asarray(self.starts[:-1])
        top = np.maximum.reduceat(scores, starts)
        rank = np.where(scores == top[self.owner], self.tiebreak, np.inf)
        first = np.minimum.reduceat(rank, starts)
        return np.flatnonzero(rank == first[self.owner])

    def softmax(self, scores: np.ndarray) -> np.ndarray:
        """Each candidate's probability among its name's candidates."""
        starts = np.asarray(self.starts[:-1])
        top = np.maximum.reduceat(scores, starts)
        e = np.exp(scores - top[self.owner])
        return e / np.add.reduceat(e, starts)[self.owner]

    # --- context ---

    def context(self, choice: np.ndarray) -> np.ndarray:
        """Per candidate: the evidence the other names' choices give (CONTEXT_NAMES columns)."""
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
        # a raion, hromada or okrug named is evidence of the same kind: for the settlements it
        # contains, and, for those whose unit the gazetteer does not know, of its admin-1 unit
        own_admin2_unit = np.where(self.is_admin2[choice], own_unit, -1)
        admin2_units = others(counts(own_admin2_unit, self.n_unit), own_admin2_unit, unit)
        in_named_unit = (admin1s > 0) | self._admin2_named(choice) | (
            (admin2_units > 0) & ~self.has_admin2 & ~self.is_admin2)
        # countries named count through country_named; the share is of the other places
        own_place_cc = np.where(self.is_country[choice], -1, own_cc)
        ccs = others(counts(own_place_cc, self.n_cc), own_place_cc, cc)
        units = others(counts(own_point_unit, self.n_unit), own_point_unit, unit)
        n_ccs = int((own_place_cc >= 0).sum()) - (own_place_cc[self.owner] >= 0)
        n_points = int(own_point.sum()) - own_point[self.owner]
        d = self._nearest_km(choice[own_point])
        self.last_d = d
        inside = np.where((unit >= 0) & (n_points > 0), units / np.maximum(n_points, 1), 0.0)
        near = self.near_kind & (d < 4 * sc.PROXIMITY_KM)
        kinds = self._kind_share(choice)
        return np.column_stack((
            (cc >= 0) & ~self.is_country & (countries > 0),  # country_named
            (unit >= 0) & in_named_unit & ~self.is_admin1,  # unit_named
            np.where((cc >= 0) & (n_ccs > 0), ccs / np.maximum(n_ccs, 1), 0.0),  # share
            np.where(self.is_admin1, inside, 0.0),  # contains_others
            np.where(self.is_admin1 | self.is_country, 0.0, inside),  # same_unit
            np.where(near, np.exp(-np.minimum(d, 4 * sc.PROXIMITY_KM) / sc.PROXIMITY_KM),
                     0.0),  # proximity
            kinds,  # kind_share
        )).astype(float)

    def _kind_share(self, choice: np.ndarray) -> np.ndarray:
        """Per country or first-level unit: the share of the other names that chose a place
        of its kind. International news names countries together, national news states or
        oblasts together: "Lebanon" beside Syria, Israel and Iran is the country even when
        the United States, and with it every American Lebanon, is named too. (Over every
        kind it also made a river of a city named beside the river: issue 14.)"""
        n = len(self.keys)
        if n < 2:
            return np.zeros(len(self.cands))
        chosen = self.kind_class[choice]
        counts = np.bincount(chosen, minlength=int(self.kind_class.max()) + 1)
        others = counts[self.kind_class] - (chosen[self.owner] == self.kind_class)
        return np.where(self.is_country | self.is_admin1, others / (n - 1), 0.0)

    def supported(self, context: np.ndarray) -> np.ndarray:
        """Whether the other names vouch for each candidate (close by, or its unit named)."""
        contains = np.array([bool(self.qualified.get(key)) for key in self.keys])[self.owner]
        unit_named = context[:, sc.CONTEXT_NAMES.index("unit_named")] > 0
        return (self.last_d < SUPPORT_KM) | (self.pair_km < SUPPORT_KM / 2) | unit_named \
            | contains


# --- features ---------------------------------------------------------------------------------


def _shortlist(cands: Sequence[Candidate]) -> tuple[Candidate, ...]:
    """The candidates worth scoring: the first MAX_CANDIDATES in the gazetteer's order.

    The gazetteer hands out a name's candidates best prior first (name match and importance:
    ``geo.gazetteer._format.score``), the order ``geo lookup`` shows; that is the one prior,
    so the resolver scores the senses a reader of ``lookup`` sees first. (A second prior from
    the fitted static weights, used here before, put New York State before the city and
    Artemovsk before Bakhmut for "Artemivsk" when tried for ``lookup``; shortlisting by the
    index's order instead changed no prediction on LGL, dev or dev-uk-ru: issue 14.)"""
    return tuple(cands[:MAX_CANDIDATES])


_PLACE_COLUMNS = ("log_population", "no_population", "country", "admin1", "admin2", "area",
                  "site", "alternate_name", "native_name", "capital")
#: historic, foreign and fuzzy names (any other match, "native" or "variant", spells the
#: place's own name)
_OTHER_NAME = frozenset({"alternate", "fuzzy"})


def _other_name(c: Candidate) -> bool:
    """A historic, foreign or misspelt name in Latin script ("Pokrovsk" for Engels).

    An alternate in another script ("Стамбул", "Эр-Рияд") is the place's name in the
    language of the article that uses it, so it counts as the place's own spelling; the
    English data the weights are fitted on cannot weigh it apart from that. Nor is the
    short form of a sea's, region's or continent's own name ("the Atlantic" for the Atlantic
    Ocean, "the Mediterranean") another name: news drops the generic word."""
    return c.match in _OTHER_NAME and _latin(c.matched) and not _short_form(c)


def _short_form(c: Candidate) -> bool:
    """Whether an area's matched name is its own name without the words after it."""
    own, matched = c.place.name.casefold(), c.matched.casefold().removeprefix("the ")
    return c.place.kind in _AREA_KINDS and own.startswith(matched + " ")


def _latin(name: str) -> bool:
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in name)
assert sc.STATIC_NAMES[: len(_PLACE_COLUMNS)] == _PLACE_COLUMNS
_PLACE_ROWS: dict[tuple[Place, str, str], tuple[float, ...]] = {}


def _place_row(c: Candidate) -> tuple[float, ...]:
    """The features a candidate has on its own (memoised per place record, match type and
    name: two gazetteers may hold the same id with other figures)."""
    key = (c.place, c.match, c.matched)
    row = _PLACE_ROWS.get(key)
    if row is None:
        if len(_PLACE_ROWS) > 500_000:
            _PLACE_ROWS.clear()
        p = c.place
        row = _PLACE_ROWS[key] = (
            math.log10(max(p.population, 0) + 10), float(p.population <= 0),
            float(p.kind == "country"), float(p.kind == "admin1"), float(p.kind == "admin2"),
            float(p.kind in _AREA_KINDS), float(p.kind == "site"),
            float(_other_name(c)), float(not _other_name(c) and c.match != "primary"),
            float(p.kind in _SETTLEMENT_KINDS and lex.is_capital(p.name, p.cc)))
    return row


def _static_rows(senses: _Senses, group: list[Span], qualifiers, contains,
                 language_cc: str | None, text: str) -> np.ndarray:
    """The static feature rows (STATIC_NAMES order) of one name's candidates.

    Rows without a qualifier are memoised with the name's senses, by span facts: news names
    the same places again and again."""
    cands = senses.cands
    definite = _definite(group, text)
    cues = {s.cue for s in group if s.cue}
    # "the left bank of the Dnipro": the words before the name cue water as a unit noun cues
    # a unit, so the English cue and «на березі Дніпра» share one fitted weight (cue_fits)
    if any(_WATER_BEFORE.search(before) for s in group
           if _ends_with_the(before := text[max(0, s.start - 30) : s.start])):
        cues.add("water")
    # a name that ends in "Sea" or "Ocean" says what it is as "X region" does: the Red Sea,
    # not Sudan's Red Sea State named after it (review item 19). Not "Bay", "Lake" or
    # "River": Green Bay, Lake Charles and Fall River are towns
    if group and group[0].key.rsplit(" ", 1)[-1] in _WATER_WORDS:
        cues.add("water")
    quals = [s.qualifier for s in group if s.qualifier]
    if quals or contains:
        return _rows(cands, definite, cues, quals, qualifiers, contains, language_cc)
    memo_key = (definite, frozenset(cues), language_cc)
    rows = senses.rows.get(memo_key)
    if rows is None:
        rows = _rows(cands, definite, cues, quals, qualifiers, contains, language_cc)
        rows.flags.writeable = False
        senses.rows[memo_key] = rows
    return rows


def _rows(cands: Sequence[Candidate], definite: bool, cues: set[str], quals: list[str],
          qualifiers, contains, language_cc: str | None) -> np.ndarray:
    unit_cue = bool(cues & {"admin1", "admin2"})
    city_units = {(c.place.cc, c.place.admin1) for c in cands
                  if c.place.kind == "city" and c.place.population >= NAMESAKE_CITY_MIN_POP}
    # a settlement named like a first-level unit or area ("New York", "Kherson") and one named
    # like a country (Poland, Ohio; Lebanon, Pennsylvania) are weighed apart: the city is the
    # usual sense of the first, the country of the second (issue 14, review item 18)
    area_named = any(c.place.kind in _NAMED_AREA_KINDS - {"country"} and c.match == "primary"
                     for c in cands)
    country_named = any(c.place.kind == "country" and c.match == "primary" for c in cands)
    # the capital is one place: of the settlements bearing its name, the most populous
    capital_col = _PLACE_COLUMNS.index("capital")
    capitals: dict[str, Candidate] = {}
    for c in cands:
        if _place_row(c)[capital_col]:
            best = capitals.get(c.place.cc)
            if best is None or c.place.population > best.place.population:
                capitals[c.place.cc] = c
    rows = []
    for c in cands:
        p = c.place
        fits = sum(_kind_fits(cue, p.kind) for cue in cues) if cues else 0
        qualifies = bool(contains) and (
            (p.kind == "admin1" and (p.cc, p.admin1) in contains)
            or (p.kind == "country" and any(cc == p.cc for cc, _ in contains)))
        qualified = bool(quals) and any(_inside(p, qc.place) for q in quals
                                        for qc in qualifiers.get(q, ()))
        own = list(_place_row(c))
        if own[capital_col] and capitals.get(p.cc) is not c:
            own[capital_col] = 0.0
        rows.append([
            *own, fits, len(cues) - fits, float(qualified), float(qualifies),
            float(bool(language_cc) and p.cc == language_cc),
            float(not unit_cue and p.kind == "admin1" and c.match != "primary"
                  and (p.cc, p.admin1) in city_units),
            float(area_named and p.kind in _SETTLEMENT_KINDS),
            float(country_named and p.kind in _SETTLEMENT_KINDS),
            float(definite and p.kind in _SETTLEMENT_KINDS),
            float(definite and p.kind in _AREA_KINDS),
            0.0, 0.0, 0.0, 0.0,  # pair, holds_sense, in_sense, listed_kind: by the board
        ])
    return np.array(rows, dtype=float).reshape(-1, len(sc.STATIC_NAMES))


_DEFINITE = re.compile(r"\bthe\s+$", re.IGNORECASE)
#: "the left bank of the Dnipro", "the mouth of the Don": the name is a river or a sea
_WATER_BEFORE = re.compile(
    r"\b(?:banks?|shores?|coast|mouth|waters|estuary|delta|across|crossing) of the\s+$|"
    r"\bacross the\s+$", re.IGNORECASE)
_WATER_WORDS = frozenset({"sea", "ocean", "море", "океан"})
_NEXT_WORD = re.compile(r"[ \t]+([a-z][a-z-]*)\b")
#: a following word this common is a function word or a common verb ("and", "said", "has"),
#: not a noun the name modifies; pyspellchecker's English list: "said" 2.0 M, "police" 0.4 M
FUNCTION_WORD_FREQUENCY = 1_000_000


def _definite(group: list[Span], text: str) -> bool:
    """Whether the text puts "the" before the name ("the Dnipro", "the Atlantic"): seas,
    rivers and regions take the article, settlements seldom do. "the" before a longer name
    ("the Minnesota House", "the Douglas County Sheriff") counts too: on LGL that use is
    commoner for states and counties than for towns, and leaving it out (tried in issue 14)
    lowered the cross-validated accuracy."""
    return any(_DEFINITE.search(text[max(0, s.start - 6) : s.start]) for s in group)


def _ends_with_the(before: str) -> bool:
    """Whether ``before`` ends in "the" and white space, as every _WATER_BEFORE phrase does
    (a string test that spares most names the regex)."""
    word = before.rstrip()
    return len(word) < len(before) and word[-3:].casefold() == "the"


def _modifies_noun(group: list[Span], text: str) -> bool:
    """Whether every use of the name modifies a lower-case noun after it ("Iskander missile",
    "Toyota dealership"): the usage of a brand or a weapon more often than of a place."""
    if not text:
        return False
    for s in group:
        m = _NEXT_WORD.match(text, s.end)
        if m is None or lex.english_frequency(m.group(1)) >= FUNCTION_WORD_FREQUENCY:
            return False
    return True


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


def _list_runs(spans: Sequence[Span], text: str) -> list[set[str]]:
    """The keys of each run of names written as one list ("Lyman, Siversk and Bakhmut"),
    a run of one name repeated ("Kyiv and Kyiv") included: news lists places with places,
    rarely with people or firms."""
    runs: list[set[str]] = []
    if not text:
        return runs
    ordered = sorted(spans, key=lambda s: s.start)
    current: set[str] = set()
    for a, b in itertools.pairwise(ordered):
        if _LIST_GAP.fullmatch(text[a.end : b.start]):
            current.update((a.key, b.key))
        elif current:
            runs.append(current)
            current = set()
    if current:
        runs.append(current)
    return runs


_LIST_GAP = re.compile(r"\s*(?:,|;|/|,?\s+(?:and|or|та|і|й|и|или|або)\s+|\s+-\s+)\s*")
_C = {name: i for i, name in enumerate(sc.CONTEXT_NAMES)}


def _confidence_rows(board: _Board, choice: np.ndarray, probability: np.ndarray,
                     supported: np.ndarray, context: np.ndarray,
                     listed: set[str]) -> np.ndarray:
    """The confidence features (CONFIDENCE_NAMES order) of every name, resolved to ``choice``.

    A small settlement whose name is also a surname, a given name or a common English word
    ("Johnson", "Patrick", "Chase") is an ambiguous word; the text treats a name as a place
    with a preposition before it, a unit word or a qualifier; an acronym taken for a
    settlement ("UN", "EU") names an organisation more often than a place.
    """
    point = board.settlement[choice]
    population = np.maximum(board.population[choice], 0)
    other_name = board.other_name[choice]
    keys = board.keys
    per_name = np.array([_name_facts(key, board.by_key[key], board.text) for key in keys],
                        dtype=float).reshape(-1, 6)
    ambiguous_key, treated, all_caps, multiword, repeated, modifies = per_name.T
    # log odds clipped to +-10 (p within 4.5e-5 of 0 or 1), so that a lone candidate's
    # probability of 1 stays finite
    p = np.clip(probability[choice], 4.5e-5, 1.0 - 4.5e-5)
    return np.column_stack((
        np.ones(len(keys)), np.log(p / (1.0 - p)), point,
        np.where(point, np.log10(population + 10), 0.0),
        other_name, ~other_name & ~board.primary[choice],
        point & (population < WEAK_NAME_MAX_POP) & (ambiguous_key > 0),
        treated, supported[choice], point & (all_caps > 0), multiword, repeated, modifies,
        np.array([key in listed for key in keys]),
        np.exp(-np.minimum(board.last_d[choice], 1e4) / SUPPORT_KM),  # near_other
        context[choice, _C["country_share"]], context[choice, _C["unit_named"]],
        # how much context there was to agree: none in a one-line post, a lot in a report
        np.full(len(keys), math.log1p(len(keys) - 1)),
    )).astype(float)


def _name_facts(key: str, group: list[Span], text: str) -> tuple[float, ...]:
    """What the confidence reads of a name and its uses, whatever it resolved to: a
    one-word name that is also a common surname, given name or English word; whether
    any use treats it as a place; all uses short capitals (an acronym); several words;
    how often used; every use modifying a noun."""
    return (
        " " not in key and _ambiguous_word(key),
        any(s.locative or s.cue or s.qualifier for s in group),
        all(s.surface.isupper() and len(s.surface) <= 5 for s in group),
        " " in key, math.log(len(group)), _modifies_noun(group, text),
    )


@functools.lru_cache(maxsize=65_536)
def _ambiguous_word(key: str) -> bool:
    """Whether a one-word name is also a common surname, a given name or a common English
    word: the word lists are fixed, so the answer is remembered per name."""
    return (lex.surname_share(key) >= SURNAME_SHARE or lex.is_given_name(key)
            or lex.english_frequency(key) >= WORD_FREQUENCY)
