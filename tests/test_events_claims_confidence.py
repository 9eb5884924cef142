"""One side's claims and the events' confidence, on sentences written for these tests (the
places resolved by hand, as the geoparser would)."""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from geo.events import extract_events
from geo.events.claims import claim_of, hearsay, speaker
from geo.events.confidence import FEATURES, LOWERING, confidence, weights
from tests.test_events_extract import events, one, parsed


@pytest.mark.parametrize(("text", "claimant"), [
    ("Russia's defence ministry said on Tuesday that its forces had captured Kupiansk.",
     "Ministry of Defence of Russia"),
    ("Ukraine's General Staff said its troops recaptured Kupiansk on Monday.",
     "General Staff of Ukraine"),
    ("Міноборони РФ заявило, що російські війська захопили Kupiansk.",
     "Ministry of Defence of Russia"),
    ("По данным Минобороны России, российские подразделения освободили Kupiansk.",
     "Ministry of Defence of Russia"),
])
def test_a_side_telling_its_own_capture_is_its_claim(text, claimant):
    e = one(text)
    assert e.event_type == "Battles"
    assert (e.claimed, e.claimant) == (True, claimant)
    assert "claimed" in e.cues


@pytest.mark.parametrize("text", [
    "Russian missiles struck Kharkiv on Monday, killing three people, the governor said.",
    "Ukraine's air force said Russian drones hit Odesa overnight, killing two civilians.",
    "A Russian missile struck the centre of Kharkiv on Monday, killing four people.",
])
def test_the_victim_side_or_a_wire_report_is_no_claim(text):
    e = one(text)
    assert e.event_type == "Explosions/Remote violence"
    assert (e.claimed, e.claimant) == (False, "")


def test_an_interception_tally_is_the_intercepting_sides_claim():
    e = one("Ukrainian air defences shot down 40 drones over Odesa overnight.")
    assert e.sub_event_type == "Disrupted weapons use"
    assert e.claimed and e.claimant == "Military Forces of Ukraine"


def test_a_report_in_the_language_of_the_side_that_acted_is_its_claim():
    # a Russian channel telling its own troops' advance; the same act told from the side that
    # was hit is no claim
    own = one("Наши штурмовые группы вошли в Kupiansk в понедельник.", aid="ru1")
    assert own.claimed and own.claimant == "Russian sources"
    hit = one("Російські війська атакували Kupiansk у понеділок.", aid="uk1")
    assert not hit.claimed


def test_speaker_reads_the_body_and_its_side_before_or_after_the_verb():
    assert speaker("the general staff said ukrainian drones struck the refinery.", "UA") \
        .body == "General Staff"
    s = speaker("подверглись обстрелу со стороны всу, сообщил губернатор.", "RU")
    assert s is None  # a governor is no party's army or ministry
    s = speaker("по данным минобороны, сбиты 20 беспилотников.", "RU")
    assert (s.side, s.body) == ("RU", "Ministry of Defence")


def test_a_speaker_of_unknown_side_leaves_the_other_rules_to_decide():
    said = "the ministry said drones were shot down over the region."
    assert claim_of(said, event_type="Strategic developments",
                    sub_event_type="Disrupted weapons use", actor_side="UA", lang="en",
                    home="") == (True, "Military Forces of Ukraine")


def test_claim_of_needs_an_act_of_war_and_a_known_actor():
    args = {"sub_event_type": "Talks", "lang": "en", "home": ""}
    said = "russia's defence ministry said talks were held."
    assert claim_of(said, event_type="Diplomacy", actor_side="RU", **args) == (False, "")
    assert claim_of(said, event_type="Battles", actor_side="", **args) == (False, "")


@pytest.mark.parametrize("word", ["reportedly", "according to officials", "нібито",
                                  "по данным", "якобы", "allegedly"])
def test_hearsay_words(word):
    assert hearsay(f"x {word} y")
    assert not hearsay("troops shelled the town")


def test_hearsay_and_inferred_parts_lower_the_confidence():
    plain = one("Russian artillery shelled Kharkiv on Monday, killing two people.")
    hedged = one("Russian artillery reportedly shelled Kharkiv on Monday, killing two people.")
    assert "hearsay" in hedged.cues and "hearsay" not in plain.cues
    assert 0.0 <= hedged.confidence < plain.confidence <= 1.0
    # no time word, no side named: the date comes from the article, actor 1 from the place
    vague = one("Explosions were heard in Kharkiv.")
    assert {"no_date_cue", "actor_inferred", "generic_trigger"} <= set(vague.cues)
    assert vague.confidence < plain.confidence


def test_an_event_told_twice_is_retold_and_keeps_only_shared_weaknesses():
    found = events("Russian drones attacked Odesa on Monday. Later the drone strike on Odesa "
                   "killed three people, officials said.")
    assert len(found) == 1
    assert "retold" in found[0].cues


def test_confidence_follows_the_fitted_weights():
    w = weights()
    assert set(w) == {"bias", *FEATURES}  # every input has a weight, and nothing else
    assert confidence([]) == pytest.approx(1 / (1 + 2.718281828 ** -w["bias"]), abs=1e-3)
    assert confidence(["hearsay"]) < confidence([])
    assert confidence(["hearsay", "hearsay"]) == confidence(["hearsay"])  # a cue counts once


def _with_place_confidence(text: str, p: float):
    article = parsed(text)
    article = replace(article, mentions=tuple(replace(m, confidence=p) for m in article.mentions))
    found = extract_events(article)
    assert len(found) == 1
    return found[0]


def test_a_less_certain_place_makes_a_less_certain_event():
    text = "Russian artillery shelled Kharkiv on Monday, killing two people."
    sure, doubtful, unlikely = (_with_place_confidence(text, p) for p in (0.99, 0.65, 0.3))
    assert (sure.place_confidence, doubtful.place_confidence) == (0.99, 0.65)
    assert sure.cues == doubtful.cues == unlikely.cues  # only the place's confidence differs
    assert unlikely.confidence < doubtful.confidence < sure.confidence
    assert confidence([], 0.3) < confidence([], 0.65) < confidence([], 0.99)


@pytest.mark.parametrize("cue", LOWERING)
@pytest.mark.parametrize("others", [(), ("claimed",), ("retold", "area_only"),
                                    ("no_date_cue", "actor_inferred", "generic_trigger")])
@pytest.mark.parametrize("place", [None, 0.3, 0.95])
def test_a_cue_of_inference_or_hearsay_never_raises_the_confidence(cue, others, place):
    base = {c for c in others if c != cue}
    assert confidence(base | {cue}, place) <= confidence(base, place)


def test_the_written_weights_keep_the_cues_meaning():
    w = weights()
    assert all(w[c] <= 0 for c in LOWERING), {c: w[c] for c in LOWERING}
    assert w["place_logodds"] >= 0


def test_sentences_that_leave_more_to_inference_are_never_surer():
    plain = one("Russian artillery shelled Kharkiv on Monday, killing two people.")
    undated = one("Russian artillery shelled Kharkiv, killing two people.")
    unnamed = one("Artillery shelled Kharkiv on Monday, killing two people.")
    hearsay_ = one("Russian artillery reportedly shelled Kharkiv on Monday, killing two people.")
    assert set(undated.cues) - set(plain.cues) == {"no_date_cue"}
    assert set(unnamed.cues) - set(plain.cues) == {"actor_inferred"}
    assert set(hearsay_.cues) - set(plain.cues) == {"hearsay"}
    for weaker in (undated, unnamed, hearsay_):
        assert weaker.confidence <= plain.confidence


def _fitter():
    path = Path(__file__).resolve().parents[1] / "scripts" / "fit_event_confidence.py"
    spec = importlib.util.spec_from_file_location("fit_event_confidence", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_fit_holds_a_cue_at_zero_when_the_data_would_make_it_raise_the_odds():
    fit = _fitter()
    names = fit.NAMES
    rng = np.random.default_rng(7)
    n = 400
    x = np.zeros((n, len(names)))
    x[:, 0] = 1.0
    col = {name: i for i, name in enumerate(names)}
    x[:, col["hearsay"]] = rng.random(n) < 0.5
    x[:, col["place_logodds"]] = rng.normal(1.0, 1.5, n)
    # hearsay events right more often, wrong places wrong more often: the data push hearsay
    # up (against its meaning) and the place's weight up
    z = -0.5 + 2.0 * x[:, col["hearsay"]] + 1.0 * x[:, col["place_logodds"]]
    y = (rng.random(n) < 1 / (1 + np.exp(-z))).astype(float)
    prior = np.zeros(len(names))
    w = fit.fit(x, y, prior)
    assert w[col["hearsay"]] == 0.0  # held at its bound
    assert w[col["place_logodds"]] > 0.5  # free, found from the data
    unbounded = {**fit.BOUNDS}
    try:
        fit.BOUNDS.clear()
        assert fit.fit(x, y, prior)[col["hearsay"]] > 1.0  # what it would have been
    finally:
        fit.BOUNDS.update(unbounded)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -5.0, 7.0])
def test_a_place_confidence_out_of_range_gives_a_confidence_in_range(bad):
    c = confidence(["hearsay"], bad)
    assert 0.0 <= c <= 1.0
    assert c == confidence(["hearsay"], None) or c in (confidence(["hearsay"], 0.0),
                                                       confidence(["hearsay"], 1.0))


def test_an_event_told_twice_keeps_its_place_confidence():
    article = parsed("Russian drones attacked Odesa on Monday. Later the drone strike on Odesa "
                     "killed three people, officials said.")
    article = replace(article, mentions=tuple(replace(m, confidence=0.6)
                                              for m in article.mentions))
    (event,) = extract_events(article)
    assert "retold" in event.cues and event.place_confidence == 0.6
    assert event.confidence == confidence(event.cues, 0.6)
