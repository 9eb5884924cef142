"""The resolver's scorer: named features, weights fitted on annotated news, reasons, confidence.

A candidate's score is the dot product of its feature values and the fitted ranking weights;
the candidates of one name compete through a softmax (natural-log odds). Every weight comes
from ``resolve_weights.json``, written by ``scripts/fit_resolver.py`` (conditional logistic
regression on LGL and the dev set, folds that keep articles apart); nothing here is set by
hand. A reason is the list of the same contributions (weight x value) that make the score, so
it can never disagree with it. The confidence is a second fitted logistic model over the
chosen candidate's softmax odds and a few span facts, calibrated on held-out folds.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

#: ranking features, in column order: (name, what it measures, how a reason reads it)
RANKING_FEATURES: tuple[tuple[str, str], ...] = (
    ("log_population", "population {population}"),
    ("no_population", "an area without a population figure"),
    ("country", "a country"),
    ("admin1", "a first-level unit"),
    ("admin2", "a second-level unit"),
    ("area", "a sea, region or continent"),
    ("site", "a site"),
    ("alternate_name", "alternate name '{matched}'"),
    ("native_name", "its name in another script or spelling '{matched}'"),
    ("capital", "national capital"),
    ("cue_fits", "cue fits its kind"),
    ("cue_conflicts", "cue conflicts with its kind"),
    ("qualified", "qualified by the unit after it"),
    ("qualifies", "qualifies a place inside it"),
    ("article_language", "in the country of the article's language"),
    ("unit_of_namesake_city", "a unit whose bare name means its city"),
    ("settlement_named_like_area", "a settlement sharing its name with a first-level unit or area"),
    ("settlement_named_like_country", "a settlement sharing its name with a country"),
    ("definite_settlement", "a settlement named after 'the'"),
    ("definite_area", "a sea, region or continent named after 'the'"),
    ("pair", "{pair_km:.0f} km from a sense of another name"),
    ("holds_sense", "holds a sense of another name"),
    ("in_sense", "inside a unit another name may mean"),
    ("listed_kind", "listed with names of a country or first-level unit (its kind: {kind})"),
    ("country_named", "{cc} named in article"),
    ("unit_named", "in {admin1_name}, named in article"),
    ("country_share", "share of article's places in {cc}"),
    ("contains_others", "contains other places in article"),
    ("same_unit", "in the same unit as other places ({admin1_name})"),
    ("proximity", "{d_km:.0f} km from other places in article"),
    ("kind_share", "share of article's other places of its kind ({kind})"),
)
RANKING_NAMES: tuple[str, ...] = tuple(n for n, _ in RANKING_FEATURES)
#: the features that depend on what the article's other names resolved to
CONTEXT_NAMES: tuple[str, ...] = ("country_named", "unit_named", "country_share",
                                  "contains_others", "same_unit", "proximity",
                                  "kind_share")
STATIC_NAMES: tuple[str, ...] = tuple(n for n in RANKING_NAMES if n not in CONTEXT_NAMES)

#: confidence features of a resolved name, in column order (the first is the constant)
CONFIDENCE_NAMES: tuple[str, ...] = (
    "bias", "choice_log_odds", "point", "point_log_population", "alternate_name", "native_name",
    "ambiguous_word", "treated_as_place", "supported", "acronym", "multiword", "repeated",
    "modifies_noun", "in_list", "near_other", "country_share", "unit_named", "other_names",
)

_STATIC_COLUMNS = np.array([RANKING_NAMES.index(n) for n in STATIC_NAMES])
_CONTEXT_COLUMNS = np.array([RANKING_NAMES.index(n) for n in CONTEXT_NAMES])
WEIGHTS_FILE = Path(__file__).with_name("resolve_weights.json")
#: parameters of the distance features (km): decay lengths, not fitted (the weights are)
PAIR_KM = 40.0
PROXIMITY_KM = 250.0


@dataclass(frozen=True)
class Weights:
    """Fitted weights: ranking (per feature), confidence (per feature) and the acceptance floor."""

    ranking: np.ndarray  # aligned with RANKING_NAMES
    confidence: np.ndarray  # aligned with CONFIDENCE_NAMES
    accept: float  # a name with a lower confidence is not reported as a place
    source: str = ""

    @classmethod
    def from_dict(cls, d: dict, source: str = "") -> Weights:
        rank, conf = d["ranking"], d["confidence"]
        missing = [n for n in RANKING_NAMES if n not in rank] + \
                  [n for n in CONFIDENCE_NAMES if n not in conf]
        if missing:
            raise ValueError(f"weights file {source} lacks {', '.join(missing)}: refit with "
                             "scripts/fit_resolver.py")
        return cls(ranking=np.array([float(rank[n]) for n in RANKING_NAMES]),
                   confidence=np.array([float(conf[n]) for n in CONFIDENCE_NAMES]),
                   accept=float(d["accept"]), source=source)

    def to_dict(self) -> dict:
        return {
            "ranking": {n: round(float(w), 4) for n, w in zip(RANKING_NAMES, self.ranking,
                                                              strict=True)},
            "confidence": {n: round(float(w), 4) for n, w in zip(CONFIDENCE_NAMES,
                                                                 self.confidence, strict=True)},
            "accept": round(self.accept, 4),
        }

    def static(self) -> np.ndarray:
        """The weights of the static columns (in STATIC_NAMES order)."""
        return self.ranking[_STATIC_COLUMNS]

    def context(self) -> np.ndarray:
        """The weights of the context columns (in CONTEXT_NAMES order)."""
        return self.ranking[_CONTEXT_COLUMNS]


@cache
def fitted() -> Weights:
    """The weights shipped with the package (``resolve_weights.json``)."""
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    return Weights.from_dict(data, source=str(WEIGHTS_FILE))


def confidence(features: np.ndarray, weights: Weights) -> np.ndarray:
    """Probability that each resolved name is a place resolved right (rows of features)."""
    z = features @ weights.confidence
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


def reasons(values: np.ndarray, weights: Weights, facts: dict) -> tuple[float, list[str]]:
    """The score of one candidate and its reasons, one per non-zero contribution, largest first.

    ``values`` is the candidate's feature row (RANKING_NAMES order); ``facts`` fills the
    labels ("population {population}"). The contributions shown add up to the score.
    """
    return reasons_of(values[None, :], weights, lambda _: facts)[0]


def reasons_of(rows: np.ndarray, weights: Weights,
               facts: Callable[[int], dict]) -> list[tuple[float, list[str]]]:
    """:func:`reasons` of each row of ``rows``, with one product for all of them (an article
    has dozens of names); ``facts(i)`` is asked only for a row whose reasons quote it."""
    contrib = rows * weights.ranking
    size = np.abs(contrib)
    # largest first, ties in feature order (a stable sort); the shown ones lead each row
    order = np.argsort(-size, axis=1, kind="stable").tolist()
    counts = (size >= 0.005).sum(axis=1).tolist()
    scores = contrib.sum(axis=1).tolist()
    out = []
    for i, terms in enumerate(contrib.tolist()):
        shown = order[i][: counts[i]]
        known = facts(i) if any(_QUOTES_FACTS[f] for f in shown) else {}
        out.append((scores[i], [f"{_label(f, known) if _QUOTES_FACTS[f] else _LABELS[f]} "
                                f"({terms[f]:+.2f})" for f in shown]))
    return out


_LABELS = tuple(label for _, label in RANKING_FEATURES)
#: which labels quote facts of the candidate ("{population}")
_QUOTES_FACTS = tuple("{" in label for label in _LABELS)


def _label(feature: int, facts: dict) -> str:
    try:
        return _LABELS[feature].format(**facts)
    except (KeyError, ValueError):
        return RANKING_NAMES[feature]
