"""The evaluation scorer: matching, resolution rules, figures computed by hand."""

from __future__ import annotations

import json
import math

import pytest
from geopy.distance import geodesic

from geo.errors import InputError, InputFileError
from geo.evaluation import (
    MAX_ERROR_KM,
    GoldArticle,
    GoldToponym,
    Prediction,
    auc_of_errors,
    format_report,
    load_gold,
    predictions_from_parsed,
    score,
)
from geo.model import Article, Mention, ParsedArticle, Place

TEXT = "Troops left Pokrovsk for Kramatorsk and Toulon. Reading the news."
POKROVSK = (48.28014, 37.17706)
KRAMATORSK = (48.72305, 37.55629)
TOULON = (43.12442, 5.92836)


def gold(surface, kind="city", cc="UA", point=(0.0, 0.0), *, text=TEXT, optional=False,
         nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return GoldToponym(surface, start, start + len(surface), kind, cc, point[0], point[1],
                       None, optional)


def pred(surface, kind="city", cc="UA", point=(0.0, 0.0), *, text=TEXT, place_id=1):
    start = text.index(surface)
    return Prediction(start, start + len(surface), surface, kind, cc, point[0], point[1],
                      place_id)


def article(toponyms, *, text=TEXT, id="a1"):
    return GoldArticle(id, text, "2026-02-02", "en", tuple(toponyms))


def test_hand_computed_figures():
    # 3 gold cities; Pokrovsk and Kramatorsk resolved exactly, Toulon 4.5 degrees of
    # latitude (~500 km) off, plus one false positive ("Reading").
    g = article([gold("Pokrovsk", point=POKROVSK), gold("Kramatorsk", point=KRAMATORSK),
                 gold("Toulon", cc="FR", point=TOULON)])
    off = (TOULON[0] + 4.5, TOULON[1])
    preds = {"a1": [pred("Pokrovsk", point=POKROVSK), pred("Kramatorsk", point=KRAMATORSK),
                    pred("Toulon", cc="FR", point=off), pred("Reading", cc="GB", point=(51, -1))]}
    r = score([g], preds)
    err = geodesic(TOULON, off).km
    assert 495 < err < 505
    assert (r.n_gold, r.n_pred, r.tp, r.fp, r.fn) == (3, 4, 3, 1, 0)
    assert r.precision == pytest.approx(3 / 4)  # 3 of 4 predictions are toponyms
    assert r.recall == pytest.approx(1.0)  # all 3 found
    assert r.f1 == pytest.approx(2 * 0.75 * 1 / 1.75)  # = 6/7
    assert r.acc161 == pytest.approx(2 / 3)  # Toulon is 500 km off
    assert r.resolution_accuracy == pytest.approx(2 / 3)
    assert r.end_to_end == pytest.approx(2 / 3)  # 2 found and right of 3 gold
    assert r.mean_error_km == pytest.approx(err / 3)  # errors 0, 0, ~500
    assert r.median_error_km == pytest.approx(0.0)
    # sorted log errors 0, 0, log(1+err): trapezoids 0 + log(1+err)/2, over log(20039) * 2
    assert r.auc == pytest.approx(math.log1p(err) / 2 / (math.log(20039) * 2))
    types = sorted(e.type for e in r.errors)
    assert types == ["false_positive", "wrong_resolution"]
    wrong = next(e for e in r.errors if e.type == "wrong_resolution")
    assert wrong.surface == "Toulon" and wrong.article_id == "a1"
    assert wrong.distance_km == pytest.approx(err, abs=0.1)
    assert "[Toulon]" in wrong.context
    assert r.per_kind["city"] == {"gold": 3, "found": 3, "right": 2, "recall": 1.0,
                                  "accuracy": pytest.approx(2 / 3),
                                  "end_to_end": pytest.approx(2 / 3)}


def test_misses_and_articles_without_predictions():
    # article 1: 2 gold, 1 found right; article 2: 1 gold, no predictions at all
    a1 = article([gold("Pokrovsk", point=POKROVSK), gold("Kramatorsk", point=KRAMATORSK)])
    a2 = article([gold("Toulon", cc="FR", point=TOULON)], id="a2")
    r = score([a1, a2], {"a1": [pred("Pokrovsk", point=POKROVSK)], "other": [pred("Toulon")]})
    assert (r.n_articles, r.tp, r.fp, r.fn) == (2, 1, 0, 2)
    assert r.precision == 1.0 and r.recall == pytest.approx(1 / 3)
    assert r.f1 == pytest.approx(0.5)  # 2 * 1 * (1/3) / (4/3)
    assert r.end_to_end == pytest.approx(1 / 3)
    assert r.n_pred == 1  # predictions for unknown articles are ignored
    assert sorted(e.surface for e in r.errors if e.type == "missed") == ["Kramatorsk", "Toulon"]


def test_optional_spans_neither_reward_nor_penalise():
    text = "Talks in the Kremlin and in Kyiv, near the Dnipro river."
    g = article([gold("Kremlin", "site", "RU", (55.75, 37.62), text=text, optional=True),
                 gold("Kyiv", point=(50.45, 30.52), text=text),
                 gold("Dnipro", "water", "UA", (47.0, 33.0), text=text, optional=True)],
                text=text)
    preds = {"a1": [pred("Kremlin", "site", "RU", (55.75, 37.62), text=text),
                    pred("Kyiv", point=(50.45, 30.52), text=text)]}
    r = score([g], preds)
    # Kremlin found: not a TP, not an FP; Dnipro not found: not a miss
    assert (r.n_gold, r.n_optional, r.tp, r.fp, r.fn) == (1, 2, 1, 0, 0)
    assert r.precision == r.recall == r.f1 == r.end_to_end == 1.0
    assert r.errors == ()
    assert "site" not in r.per_kind and "water" not in r.per_kind


def test_overlap_matching_each_gold_once_prefer_greatest_overlap():
    text = "Shelling in the Donetsk region hit Kostiantynivka."
    region = gold("Donetsk region", "admin1", "UA", (48.0, 37.8), text=text)
    g = article([region], text=text)
    s = text.index("Donetsk")
    preds = {"a1": [
        Prediction(s, s + 7, "Donetsk", "city", "UA", 48.02, 37.80, 709717),
        Prediction(s, s + 14, "Donetsk region", "admin1", "UA", 48.0, 37.8, 709716),
        pred("Kostiantynivka", "city", "UA", (48.53, 37.71), text=text),
    ]}
    r = score([g], preds)
    # the exact span wins; the nested "Donetsk" is a duplicate (not an FP);
    # Kostiantynivka overlaps nothing gold: FP
    assert (r.tp, r.fp, r.fn) == (1, 1, 0)
    assert r.resolution_accuracy == 1.0
    assert sorted(e.type for e in r.errors) == ["duplicate", "false_positive"]


def test_partial_overlap_counts_as_found():
    text = "Fighting near Chasiv Yar continued."
    g = article([gold("Chasiv Yar", point=(48.59, 37.83), text=text)], text=text)
    r = score([g], {"a1": [pred("Chasiv", point=(48.59, 37.83), text=text)]})
    assert (r.tp, r.fp, r.fn) == (1, 0, 0) and r.end_to_end == 1.0


TEXT2 = "Ukraine and France met. The Donetsk region, the Black Sea and Europe."
UA = (49.0, 32.0)
DONETSK_OBLAST = (48.0, 37.8)
BLACK_SEA = (43.0, 34.0)


def _one(kind, cc, point, p_kind, p_cc, p_point, surface, *, distance_only=False):
    g = article([gold(surface, kind, cc, point, text=TEXT2)], text=TEXT2)
    return score([g], {"a1": [pred(surface, p_kind, p_cc, p_point, text=TEXT2)]},
                 distance_only=distance_only)


def test_country_rule_is_by_code_and_level():
    assert _one("country", "UA", UA, "country", "UA", (48.4, 31.2), "Ukraine").end_to_end == 1
    # a US town called Ukraine: wrong country
    assert _one("country", "UA", UA, "city", "US", (40.0, -80.0), "Ukraine").end_to_end == 0
    # an admin unit at the country's centroid: not a country by the kind rules...
    assert _one("country", "UA", UA, "admin1", "UA", UA, "Ukraine").end_to_end == 0
    # ...but right by plain distance
    assert _one("country", "UA", UA, "admin1", "UA", UA, "Ukraine",
                distance_only=True).end_to_end == 1
    # a country resolved right far from the gold centroid: right by code, wrong by distance
    r = _one("country", "FR", (46.0, 2.0), "country", "FR", (49.0, 2.0), "France")
    assert r.resolution_accuracy == 1 and r.acc161 == 0
    assert _one("country", "FR", (46.0, 2.0), "country", "FR", (49.0, 2.0), "France",
                distance_only=True).end_to_end == 0


def north(point, km):
    return (point[0] + km / 111.2, point[1])


@pytest.mark.parametrize(("p_kind", "p_cc", "km", "right"), [
    ("admin1", "UA", 0, True),
    ("admin1", "UA", 250, True),
    ("admin1", "UA", 350, False),  # beyond 300 km
    ("admin1", "RU", 50, False),  # wrong country
    ("city", "UA", 2, False),  # the city of Donetsk: a settlement, not the oblast
])
def test_admin_rule(p_kind, p_cc, km, right):
    r = _one("admin1", "UA", DONETSK_OBLAST, p_kind, p_cc, north(DONETSK_OBLAST, km),
             "Donetsk region")
    assert r.end_to_end == (1.0 if right else 0.0)


@pytest.mark.parametrize(("km", "right"), [(0, True), (450, True), (550, False)])
def test_sea_rule_500_km(km, right):
    r = _one("water", "", BLACK_SEA, "water", "", north(BLACK_SEA, km), "Black Sea")
    assert r.end_to_end == (1.0 if right else 0.0)
    r = _one("continent", "", (50.0, 10.0), "continent", "", north((50.0, 10.0), km), "Europe")
    assert r.end_to_end == (1.0 if right else 0.0)


def test_distance_only_uses_161_km_for_every_kind():
    r = _one("admin1", "UA", DONETSK_OBLAST, "admin1", "UA", north(DONETSK_OBLAST, 250),
             "Donetsk region", distance_only=True)
    assert r.end_to_end == 0 and r.distance_only
    r = _one("admin1", "UA", DONETSK_OBLAST, "city", "UA", north(DONETSK_OBLAST, 100),
             "Donetsk region", distance_only=True)
    assert r.end_to_end == 1


def test_prediction_without_point_is_the_largest_error():
    g = article([gold("Pokrovsk", point=POKROVSK)])
    p = Prediction(12, 20, "Pokrovsk", "city", "UA", None, None, None)
    r = score([g], {"a1": [p]})
    assert r.tp == 1 and r.end_to_end == 0
    assert r.mean_error_km == MAX_ERROR_KM
    assert r.auc == pytest.approx(math.log1p(MAX_ERROR_KM) / math.log(MAX_ERROR_KM))


def test_auc_known_cases():
    assert auc_of_errors([]) is None
    assert auc_of_errors([0.0]) == 0.0
    assert auc_of_errors([0.0, 0.0, 0.0]) == 0.0
    # two errors, 0 and the maximum: one trapezoid of height log(20040)/2 over a unit step
    assert auc_of_errors([MAX_ERROR_KM, 0.0]) == pytest.approx(
        math.log(20040) / 2 / math.log(20039))
    # constant error: the curve is flat at log(1 + e) / log(20039)
    assert auc_of_errors([161.0] * 4) == pytest.approx(math.log(162) / math.log(20039))
    # order does not matter (errors are sorted first)
    assert auc_of_errors([5, 500, 50]) == auc_of_errors([500, 50, 5])


def test_format_report_and_json():
    g = article([gold("Pokrovsk", point=POKROVSK), gold("Toulon", cc="FR", point=TOULON)])
    r = score([g], {"a1": [pred("Pokrovsk", point=POKROVSK), pred("Reading")]})
    text = format_report(r)
    for label in ("precision", "recall", "F1", "Acc@161", "end-to-end", "mean error", "AUC",
                  "false_positive", "missed", "'Toulon'"):
        assert label in text
    d = json.loads(json.dumps(r.to_dict()))
    assert d["f1"] == round(r.f1, 4) and d["errors"][0]["type"] in ("missed", "false_positive")
    assert r.to_dict(errors=False)["errors"] == 2


def test_prediction_from_mention_and_parsed():
    place = Place(704422, "Pokrovsk", "city", "UA", "05", "Donetsk", 48.28, 37.18, 60000)
    m = Mention("a1", 12, 20, "Pokrovsk", TEXT, place, 0.9, "primary name")
    p = Prediction.from_mention(m)
    assert p == Prediction(12, 20, "Pokrovsk", "city", "UA", 48.28, 37.18, 704422,
                           confidence=0.9)
    parsed = [ParsedArticle(Article("a1", TEXT), (m,)), ParsedArticle(Article("a2", "x"), ())]
    assert predictions_from_parsed(parsed) == {"a1": [p], "a2": []}


def test_load_gold(tmp_path):
    line = {"id": "g1", "date": "2026-02-02", "lang": "en", "text": TEXT, "toponyms": [
        {"surface": "Toulon", "start": 40, "end": 46, "kind": "city", "cc": "fr", "lat": 43.1,
         "lon": 5.9, "geonameid": 2972328, "optional": False},
        {"surface": "Pokrovsk", "start": 12, "end": 20, "kind": "city", "cc": "UA",
         "lat": None, "lon": None, "geonameid": None, "optional": True}]}
    p = tmp_path / "gold.jsonl"
    p.write_text(json.dumps(line) + "\n\n", encoding="utf-8")
    (a,) = load_gold(p)
    assert a.id == "g1" and a.to_article() == Article("g1", TEXT, date="2026-02-02", lang="en")
    assert [t.surface for t in a.toponyms] == ["Pokrovsk", "Toulon"]  # sorted by offset
    assert a.toponyms[1].cc == "FR" and a.toponyms[0].lat is None and a.toponyms[0].optional

    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(line) + "\n{oops\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:2: invalid JSON"):
        load_gold(bad)
    line["toponyms"][0]["start"] = 41
    bad.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r":1: toponym 1 \('Toulon'\): offsets 41:46"):
        load_gold(bad)
    del line["toponyms"][0]["surface"]
    bad.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="toponym 1"):
        load_gold(bad)
    with pytest.raises(InputFileError):
        load_gold(tmp_path / "missing.jsonl")
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="no annotated articles"):
        load_gold(tmp_path / "empty.jsonl")


# --- confidence calibration -------------------------------------------------------------------


def test_calibration_by_hand():
    from geo.evaluation import calibration

    # bin 0.9: two predictions at 0.9, both right -> |0.9 - 1| = 0.1, weight 2/4;
    # bin 0.2: 0.2 wrong and 0.25 right -> mean 0.225, share 0.5 -> 0.275, weight 2/4
    ece, bins = calibration([(0.9, True), (0.9, True), (0.2, False), (0.25, True)])
    assert ece == pytest.approx(0.5 * 0.1 + 0.5 * 0.275)
    assert [(round(lo, 1), n) for lo, n, _, _ in bins] == [(0.2, 2), (0.9, 2)]
    assert calibration([]) == (None, ())
    assert calibration([(1.0, True)])[1][0][0] == pytest.approx(0.9)  # 1.0 sits in the top bin


def test_score_reports_the_calibration_of_confidences():
    # Pokrovsk right at 0.8, Toulon wrong (500 km off) at 0.6, "Reading" a false positive at
    # 0.3: bins 0.8 (1 right), 0.6 (0 right), 0.3 (0 right) ->
    # ECE = (|0.8 - 1| + |0.6 - 0| + |0.3 - 0|) / 3 = 1.1 / 3
    g = article([gold("Pokrovsk", point=POKROVSK), gold("Toulon", cc="FR", point=TOULON)])
    off = (TOULON[0] + 4.5, TOULON[1])
    preds = [pred("Pokrovsk", point=POKROVSK), pred("Toulon", cc="FR", point=off),
             pred("Reading", cc="GB", point=(51, -1))]
    with_conf = [Prediction(**{**p.__dict__, "confidence": c})
                 for p, c in zip(preds, (0.8, 0.6, 0.3), strict=True)]
    r = score([g], {"a1": with_conf})
    assert r.ece == pytest.approx(1.1 / 3)
    assert sum(b[1] for b in r.reliability) == 3
    assert "ECE" in format_report(r)
    plain = score([g], {"a1": preds})
    assert plain.ece is None and "ECE" not in format_report(plain)


UK_TEXT = "Вибухи у Покровську і Краматорську. Мер Тулона."


def test_every_figure_per_language():
    # en article: Pokrovsk right at 0.9, Toulon 500 km off at 0.5, "Reading" a false positive
    # at 0.2. uk article: Покровськ right at 0.7, Краматорськ missed, Тулона 4.5 degrees of
    # latitude (~500 km) off at 0.6. A third article with no lang: Kramatorsk right. Each
    # language is scored on its own articles.
    en = article([gold("Pokrovsk", point=POKROVSK), gold("Toulon", cc="FR", point=TOULON)])
    uk_gold = (gold("Покровську", point=POKROVSK, text=UK_TEXT),
               gold("Краматорську", point=KRAMATORSK, text=UK_TEXT),
               gold("Тулона", cc="FR", point=TOULON, text=UK_TEXT))
    uk = GoldArticle("u1", UK_TEXT, "2026-02-02", "uk", uk_gold)
    none = GoldArticle("n1", TEXT, None, None, (gold("Kramatorsk", point=KRAMATORSK),))
    off = (TOULON[0] + 4.5, TOULON[1])

    def conf(p, c):
        return Prediction(**{**p.__dict__, "confidence": c})

    preds = {
        "a1": [conf(pred("Pokrovsk", point=POKROVSK), 0.9),
               conf(pred("Toulon", cc="FR", point=off), 0.5),
               conf(pred("Reading", cc="GB", point=(51, -1)), 0.2)],
        "u1": [conf(pred("Покровську", point=POKROVSK, text=UK_TEXT), 0.7),
               conf(pred("Тулона", cc="FR", point=off, text=UK_TEXT), 0.6)],
        "n1": [pred("Kramatorsk", point=KRAMATORSK)],
    }
    r = score([en, uk, none], preds)
    assert (r.n_articles, r.n_gold, r.tp, r.fp, r.fn) == (3, 6, 5, 1, 1)
    assert list(r.per_language) == ["?", "en", "uk"]
    e, u, q = r.per_language["en"], r.per_language["uk"], r.per_language["?"]
    assert (e.n_articles, e.n_gold, e.n_pred, e.tp, e.fp, e.fn) == (1, 2, 3, 2, 1, 0)
    assert e.precision == pytest.approx(2 / 3) and e.recall == 1.0
    assert e.f1 == pytest.approx(0.8)
    assert e.resolution_accuracy == pytest.approx(0.5) and e.acc161 == pytest.approx(0.5)
    assert e.end_to_end == pytest.approx(0.5)
    # |0.9 - 1| + |0.5 - 0| + |0.2 - 0| over 3 predictions in 3 bins
    assert e.ece == pytest.approx(0.8 / 3)
    assert (u.n_articles, u.n_gold, u.tp, u.fp, u.fn) == (1, 3, 2, 0, 1)
    assert u.precision == 1.0 and u.recall == pytest.approx(2 / 3)
    assert u.f1 == pytest.approx(0.8)
    assert u.resolution_accuracy == pytest.approx(0.5) and u.end_to_end == pytest.approx(1 / 3)
    assert u.ece == pytest.approx((0.3 + 0.6) / 2)
    assert u.median_error_km == pytest.approx(geodesic(TOULON, off).km / 2)
    assert (q.n_gold, q.tp, q.end_to_end, q.ece) == (1, 1, 1.0, None)
    assert e.errors == () and len(r.errors) == 4  # the cases are listed once, overall
    # the overall figures are those of all articles together, not a mean of the languages
    assert r.end_to_end == pytest.approx(3 / 6) and r.recall == pytest.approx(5 / 6)
    text = format_report(r)
    assert "per language" in text
    f1_row = next(line for line in text.splitlines() if line.split()[:1] == ["F1"]
                  and len(line.split()) == 4)
    assert f1_row.split()[1:] == ["1.000", "0.800", "0.800"]
    d = json.loads(json.dumps(r.to_dict()))
    assert d["per_language"]["uk"]["end_to_end"] == round(1 / 3, 4)
    assert d["per_language"]["en"]["ece"] == round(0.8 / 3, 4)
    assert "errors" not in d["per_language"]["en"]


def test_no_language_table_without_languages():
    g = GoldArticle("a1", TEXT, None, None, (gold("Pokrovsk", point=POKROVSK),))
    r = score([g], {"a1": [pred("Pokrovsk", point=POKROVSK)]})
    assert r.per_language == {} and "per language" not in format_report(r)
    assert r.to_dict()["per_language"] == {}
