"""Scoring extracted events against annotated ones (the rules of shared/eval/README.md),
on gold lines and predictions written here."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from geo.errors import InputError, InputFileError
from geo.events.evaluation import actor_key, load_event_gold, score_events
from geo.model import Event

ROOT = Path(__file__).resolve().parent.parent


def gold_line(aid="g1", lang="en", date="2025-03-14", events=(), traps=()):
    return json.dumps({"id": aid, "date": date, "lang": lang, "title": "t",
                       "text": "Some text.", "events": list(events),
                       "non_events": list(traps)}, ensure_ascii=False)


def gold_event(**kw):
    e = {"event_type": "Explosions/Remote violence",
         "sub_event_type": "Shelling/artillery/missile attack", "date": "2025-03-14",
         "time_precision": 1, "lat": 50.0, "lon": 36.0, "geo_precision": 1,
         "actor1": "Military Forces of Russia (2000-)", "actor2": "Civilians (Ukraine)",
         "fatalities": 2, "claimed": False}
    e.update(kw)
    return e


def pred(aid="g1", **kw):
    d = {"id": f"{aid}:{kw.get('lat', 50.0)}", "event_type": "Explosions/Remote violence",
         "sub_event_type": "Shelling/artillery/missile attack", "date": "2025-03-14",
         "time_precision": 1, "lat": 50.0, "lon": 36.0, "geo_precision": 1,
         "actors": ("Military Forces of Russia", "Civilians (Ukraine)"), "fatalities": 2,
         "article_id": aid}
    d.update(kw)
    return Event(**d)


def write(tmp_path, *lines):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_perfect_prediction_scores_one_everywhere(tmp_path):
    gold = load_event_gold(write(tmp_path, gold_line(events=[gold_event()])))
    r = score_events(gold, {"g1": [pred()]})
    o = r["overall"]
    assert (o["precision"], o["recall"], o["f1"]) == (1.0, 1.0, 1.0)
    assert all(o[f"{f}_accuracy"] == 1.0
               for f in ("sub_event_type", "date", "actor1", "actor2", "fatalities"))


@pytest.mark.parametrize(("change", "matched"), [
    ({"lat": 50.2}, True),  # 22 km north: within 25 km
    ({"lat": 50.3}, False),  # 33 km
    ({"date": "2025-03-13"}, True),  # a day off at time precision 1
    ({"date": "2025-03-12"}, False),
    ({"event_type": "Battles"}, False),
])
def test_matching_radius_date_and_type(tmp_path, change, matched):
    gold = load_event_gold(write(tmp_path, gold_line(events=[gold_event()])))
    o = score_events(gold, {"g1": [pred(**change)]})["overall"]
    assert (o["tp"], o["fp"], o["fn"]) == ((1, 0, 0) if matched else (0, 1, 1))


def test_oblast_precision_and_week_precision_widen_the_match(tmp_path):
    g = gold_event(geo_precision=3, time_precision=2)
    gold = load_event_gold(write(tmp_path, gold_line(events=[g])))
    o = score_events(gold, {"g1": [pred(lat=51.0, date="2025-03-09")]})["overall"]
    assert o["tp"] == 1 and o["date_accuracy"] == 0.0  # 111 km, 5 days: matched, date wrong


def test_greedy_pairing_takes_the_closest_date_first(tmp_path):
    g1 = gold_event(date="2025-03-13")
    g2 = gold_event(date="2025-03-14")
    gold = load_event_gold(write(tmp_path, gold_line(events=[g1, g2])))
    o = score_events(gold, {"g1": [pred(date="2025-03-14")]})["overall"]
    assert (o["tp"], o["fn"], o["date_accuracy"]) == (1, 1, 1.0)


def test_actor_names_compare_by_side_and_category():
    assert actor_key("Military Forces of Russia (2000-)") == actor_key("Military Forces of Russia")
    assert actor_key("Civilians (Ukraine)") == ("ukraine", "civilians")
    assert actor_key("Government of the United States (2025-)") == \
        actor_key("Government of United States")
    assert actor_key("Police Forces of Russia (2000-)") != actor_key("Military Forces of Russia")
    assert actor_key("") == ("", "")


def test_diplomacy_parties_in_either_order(tmp_path):
    g = gold_event(event_type="Diplomacy", sub_event_type="Talks",
                   actor1="Government of Russia (2000-)", actor2="Government of Ukraine (2019-)",
                   fatalities=None)
    gold = load_event_gold(write(tmp_path, gold_line(events=[g])))
    p = pred(event_type="Diplomacy", sub_event_type="Talks", fatalities=None,
             actors=("Government of Ukraine", "Government of Russia"))
    o = score_events(gold, {"g1": [p]})["overall"]
    assert o["actor1_accuracy"] == o["actor2_accuracy"] == 1.0
    assert o["fatalities_accuracy"] is None  # gold null: not asked


def test_false_positive_on_a_trap_is_counted(tmp_path):
    trap = {"trigger": "denied that ...", "lat": 50.0, "lon": 36.0, "event_type": "Battles"}
    gold = load_event_gold(write(tmp_path, gold_line(traps=[trap])))
    r = score_events(gold, {"g1": [pred(event_type="Battles")]})
    assert (r["overall"]["fp"], r["overall"]["trap_hits"]) == (1, 1)
    assert r["errors"][0]["kind"] == "trap"


def test_figures_per_language(tmp_path):
    gold = load_event_gold(write(tmp_path, gold_line("a", "uk", events=[gold_event()]),
                                 gold_line("b", "ru", events=[gold_event()])))
    r = score_events(gold, {"a": [pred("a")]})
    assert r["by_language"]["uk"]["f1"] == 1.0 and r["by_language"]["ru"]["recall"] == 0.0
    assert r["overall"]["recall"] == 0.5


@pytest.mark.parametrize(("content", "message"), [
    ("{not json\n", "invalid JSON"),
    ('{"id": "x"}\n', "missing 'id' or 'text'"),
    (gold_line(events=[{"event_type": "Battles"}]) + "\n", "event 1: bad or missing field"),
    ("\n\n", "no annotated articles"),
])
def test_bad_gold_lines_name_the_line(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_event_gold(path)


def test_missing_gold_file(tmp_path):
    with pytest.raises(InputFileError):
        load_event_gold(tmp_path / "nope.jsonl")


def test_cli_eval_of_a_missing_file_is_a_one_line_error(tmp_path):
    from tests.test_store_fixtures import geo_cmd

    out = subprocess.run(geo_cmd("events", "eval", str(tmp_path / "nope.jsonl")),
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 2
    assert out.stderr.strip().startswith("geo: error:") and len(out.stderr.splitlines()) == 1


@pytest.mark.real_gazetteer
def test_cli_eval_end_to_end(tmp_path):
    from tests.test_store_fixtures import geo_cmd

    text = ("Russian drones attacked Kharkiv overnight, killing two people. "
            "The governor denied that Russian troops had captured Vovchansk.")
    line = {"id": "e1", "date": "2025-03-14", "lang": "en", "title": "t", "text": text,
            "events": [gold_event(lat=49.98, lon=36.25, sub_event_type="Air/drone strike")],
            "non_events": [{"trigger": "denied", "lat": 50.29, "lon": 36.94,
                            "event_type": "Battles"}]}
    path = write(tmp_path, json.dumps(line))
    out = subprocess.run(geo_cmd("events", "eval", str(path), "--json"), capture_output=True,
                         text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["overall"]["tp"] == 1 and report["overall"]["trap_hits"] == 0
    assert report["overall"]["fatalities_accuracy"] == 1.0


def test_claim_flag_accuracy_over_matched_events(tmp_path):
    gold = load_event_gold(write(tmp_path, gold_line(events=[
        gold_event(claimed=True), gold_event(lat=51.0, claimed=False)])))
    r = score_events(gold, {"g1": [pred(claimed=True), pred(lat=51.0, claimed=True)]})
    assert r["overall"]["claimed_accuracy"] == 0.5


def test_calibration_of_the_confidence_is_reported(tmp_path):
    gold = load_event_gold(write(tmp_path, gold_line(events=[gold_event()])))
    r = score_events(gold, {"g1": [pred(confidence=0.9), pred(lat=52.0, confidence=0.35),
                                   pred(lat=53.0)]})  # no confidence: not judged
    cal = r["calibration"]
    assert [(b["from"], b["events"], b["correct"]) for b in cal["bins"]] == [
        (0.3, 1, 0.0), (0.9, 1, 1.0)]
    assert cal["ece"] == pytest.approx((0.35 + 0.1) / 2)
    from geo.events.evaluation import format_event_report

    text = format_event_report(r)
    assert "confidence calibration (2 extracted events" in text and "ECE 0.225" in text
