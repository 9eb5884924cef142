"""What the builder writes and the reader expects: file names, format version, scoring."""

from __future__ import annotations

import math

#: bump when the on-disk layout changes; a reader refuses other versions
FORMAT_VERSION = 1

KEYS_FILE = "keys.marisa"
FUZZY_FILE = "fuzzy.marisa"
DB_FILE = "gazetteer.sqlite"
MANIFEST_FILE = "manifest.json"

#: posting match codes (stored, best first) -> Candidate.match (reported).
#: NATIVE: an alternate that spells the primary name in another script or romanisation
#: ("Покровськ", "Sloviansk" for Slovyansk); VARIANT: a romanisation the builder derived;
#: ALTERNATE: another name (historic, foreign, a nickname). The resolver weighs them apart:
#: a native spelling is the place's own name, a historic one often another place's.
PRIMARY, NATIVE, ALTERNATE, VARIANT = 0, 1, 2, 3
MATCH_NAMES = ("primary", "native", "alternate", "variant")

#: weight of the name match in a candidate's score: a primary name beats a historic or foreign
#: alternate unless the alternate's place is ~40 times more populous (Pokrovsk vs Engels)
MATCH_WEIGHT = {PRIMARY: 1.0, NATIVE: 0.95, ALTERNATE: 0.8, VARIANT: 0.75}
#: a primary name that is also a common English word ("Police", "Media") is no stronger than an
#: alternate: a geoparser should want more evidence before taking it
WORD_PRIMARY_WEIGHT = 0.6
FUZZY_WEIGHT = 0.5

#: importance of a place by kind, for kinds whose population does not decide it
KIND_IMPORTANCE = {
    "continent": 1.0,
    "country": 1.0,
    "water": 0.7,
    "region": 0.7,
    "admin1": 0.65,
    "admin2": 0.55,
}


def importance(kind: str, population: int) -> float:
    """A prior in [0, 1] for how likely a place is meant, before context: kind and population."""
    fixed = KIND_IMPORTANCE.get(kind)
    if fixed is not None:
        return fixed
    return min(0.95, math.log10(max(population, 0) + 1) / 8.0)


def score(importance_: float, match_weight: float) -> float:
    """A candidate's score in [0, 1]: half name match quality, half place importance.

    The one prior: ``lookup`` orders by it and the resolver shortlists by it (issue 14)."""
    return 0.5 * match_weight + 0.5 * importance_
