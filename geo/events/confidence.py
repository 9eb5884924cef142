"""How far an extracted event can be trusted: a logistic model over the cues that made it.

Each cue says what the sentence left to inference or to someone else's word:

======================  ============================================================
``generic_trigger``     the action word does not name the act ("hit", "attacked",
                        "explosions", "fighting"): its type came from the clause
``weapon_earlier``      the weapon that typed it was named in an earlier sentence
``place_inherited``     no place in the clause: "the city", "над областю" took the
                        previous event's place
``area_only``           located only to an oblast, a country or a sea (geo precision 3)
``no_date_cue``         the sentence names no time: dated from the article or context
``actor_inferred``      no side named as the one acting: actor 1 comes from where it
                        happened (the other side of the place's country)
``hearsay``             "reportedly", "according to", "нібито", "по данным"
``claimed``             one belligerent's claim about its own act (:mod:`.claims`)
``retold``              the article tells the event twice (a second sentence adds to it)
======================  ============================================================

The place the event sits on brings its own doubt: ``place_logodds`` is the log-odds of the
resolver's confidence in the mention (clipped to 0.01..0.99; 0, even odds, when the place came
from an earlier event or no mention), so an event on a place resolved at 0.65 cannot be surer
than one on a place resolved at 0.99.

confidence = 1 / (1 + exp(-(bias + sum of the weights of the cues present
                            + place weight x place_logodds))).

Where each weight comes from: ``confidence_weights.json``, written by
``scripts/fit_event_confidence.py``: a maximum a posteriori logistic regression on the events
extracted from ``shared/eval/events-dev.jsonl``, each labelled correct when it matches a gold
event (same type, place within 25 km, date within its precision: the evaluation's rule), and
on the events extracted from ordinary news (``shared/eval/dev.jsonl`` and ``lgl.jsonl``),
labelled right or wrong by hand (``scripts/data/event_labels.jsonl``): war reports alone are
almost all right and taught the model nothing about wrong events. The prior of each weight (a
Gaussian around the value the JSON's ``prior`` lists, sd 1) is the rule of thumb that every
part of who/what/where/when the sentence leaves to inference halves the odds (-0.69),
second-hand words cut them to a third (-1.1), one side's word alone to two thirds (-0.4), a
second telling doubles them (+0.69) and the place's own log-odds carry over at half weight
(+0.5). The fit is constrained to keep the cues' meaning: a cue of inference or hearsay
(:data:`LOWERING`) never raises the odds (weight <= 0) and a surer place never lowers them
(weight >= 0); a weight the data push across its bound stays at 0. ``geo events eval``
prints how the confidence is calibrated (fraction correct per confidence bin).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

__all__ = ["CUES", "FEATURES", "LOWERING", "WEIGHTS_FILE", "confidence", "place_logodds",
           "weights"]

CUES = ("generic_trigger", "weapon_earlier", "place_inherited", "area_only", "no_date_cue",
        "actor_inferred", "hearsay", "claimed", "retold")
#: the cues that say something was left to inference or to someone's word: never above 0
LOWERING = tuple(c for c in CUES if c != "retold")
#: every input of the model: the cues, then the place's log-odds
FEATURES = (*CUES, "place_logodds")
_CLIP = 0.01  # a resolver's 0.999 is no surer than 0.99 here: keeps one term from ruling
WEIGHTS_FILE = Path(__file__).with_name("confidence_weights.json")


@cache
def weights() -> dict[str, float]:
    """The fitted weights by cue name, plus ``bias``."""
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data["weights"].items()}


def place_logodds(place_confidence: float | None) -> float:
    """The log-odds of the place's confidence, clipped; 0 (even odds) when unknown (None, or
    not a number: a damaged record must not turn every confidence into NaN)."""
    if place_confidence is None or not math.isfinite(place_confidence):
        return 0.0
    p = min(max(float(place_confidence), _CLIP), 1.0 - _CLIP)
    return math.log(p / (1.0 - p))


def confidence(cues: Iterable[str], place_confidence: float | None = None) -> float:
    """The probability that an event with these cues, on a place resolved with this
    confidence, is right, rounded to 3 places."""
    return _of(frozenset(cues), round(place_logodds(place_confidence), 3))


@lru_cache(maxsize=4096)
def _of(cues: frozenset[str], logodds: float) -> float:  # cue sets x rounded log-odds
    w = weights()
    z = w["bias"] + sum(w.get(c, 0.0) for c in cues) + w.get("place_logodds", 0.0) * logodds
    return round(1.0 / (1.0 + math.exp(-z)), 3)
