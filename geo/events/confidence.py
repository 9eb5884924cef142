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

confidence = 1 / (1 + exp(-(bias + sum of the weights of the cues present))).

Where each weight comes from: ``confidence_weights.json``, written by
``scripts/fit_event_confidence.py``: a maximum a posteriori logistic regression on the events
extracted from ``shared/eval/events-dev.jsonl``, each labelled correct when it matches a gold
event (same type, place within 25 km, date within its precision: the evaluation's rule). The
prior of each weight (a Gaussian around the value the JSON's ``prior`` lists, sd 1) is the
rule of thumb that every part of who/what/where/when the sentence leaves to inference halves
the odds (-0.69), second-hand words cut them to a third (-1.1), one side's word alone to
two thirds (-0.4) and a second telling doubles them (+0.69); the annotated events then move
each weight as far as their evidence goes. ``geo events eval`` prints how the confidence is
calibrated (fraction correct per confidence bin).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import cache
from pathlib import Path

__all__ = ["CUES", "WEIGHTS_FILE", "confidence", "weights"]

CUES = ("generic_trigger", "weapon_earlier", "place_inherited", "area_only", "no_date_cue",
        "actor_inferred", "hearsay", "claimed", "retold")
WEIGHTS_FILE = Path(__file__).with_name("confidence_weights.json")


@cache
def weights() -> dict[str, float]:
    """The fitted weights by cue name, plus ``bias``."""
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data["weights"].items()}


def confidence(cues: Iterable[str]) -> float:
    """The probability that an event with these cues is right, rounded to 3 places."""
    return _of(frozenset(cues))


@cache
def _of(cues: frozenset[str]) -> float:  # a few dozen combinations occur
    w = weights()
    z = w["bias"] + sum(w.get(c, 0.0) for c in cues)
    return round(1.0 / (1.0 + math.exp(-z)), 3)
