"""Rule-based event extraction over hand-resolved mentions (sentences written for these tests),
and once end to end on the real gazetteer."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from geo.events import extract_events
from geo.model import Article, Mention, ParsedArticle, Place

ROOT = Path(__file__).resolve().parent.parent


def _p(pid, name, kind, cc, admin1_name, lat, lon):
    return Place(pid, name, kind, cc, "", admin1_name, lat, lon, 0)


KHARKIV = _p(706483, "Kharkiv", "city", "UA", "Kharkiv Oblast", 49.98, 36.25)
KUPIANSK = _p(704202, "Kupiansk", "city", "UA", "Kharkiv Oblast", 49.71, 37.61)
ODESA = _p(698740, "Odesa", "city", "UA", "Odesa Oblast", 46.48, 30.73)
GENEVA = _p(2660646, "Geneva", "city", "CH", "Geneva", 46.20, 6.14)
TBILISI = _p(611717, "Tbilisi", "city", "GE", "Tbilisi", 41.69, 44.83)
LYON = _p(2996944, "Lyon", "city", "FR", "Auvergne-Rhône-Alpes", 45.75, 4.85)
ZAPORIZHZHIA_OBL = _p(687699, "Zaporizhzhia Oblast", "admin1", "UA", "Zaporizhzhia Oblast",
                      47.5, 35.5)
BELARUS = _p(630336, "Belarus", "country", "BY", "", 53.0, 28.0)
RUSSIA = _p(2017370, "Russia", "country", "RU", "", 60.0, 100.0)
TURKEY = _p(298795, "Turkey", "country", "TR", "", 39.0, 35.0)
PLACES = {p.name: p for p in (KHARKIV, KUPIANSK, ODESA, GENEVA, TBILISI, LYON, BELARUS, RUSSIA,
                              TURKEY)}
PLACES["Zaporizhzhia region"] = ZAPORIZHZHIA_OBL


def parsed(text: str, *, date: str | None = "2025-03-12", aid: str = "t1") -> ParsedArticle:
    """The article with every known place name in it resolved (as the geoparser would)."""
    mentions = []
    for surface, place in PLACES.items():
        for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
            mentions.append(Mention(aid, m.start(), m.end(), surface, "", place, 0.9, "test"))
    mentions.sort(key=lambda m: m.start)
    return ParsedArticle(Article(id=aid, text=text, date=date, source="Test Wire"),
                         tuple(mentions))


def events(text, **kw):
    return extract_events(parsed(text, **kw))


def one(text, **kw):
    found = events(text, **kw)
    assert len(found) == 1, [(e.event_type, e.location, e.text) for e in found]
    return found[0]


def test_troop_build_up_near_a_city_with_its_size_from_the_next_sentence():
    e = one("On Monday analysts reported a build-up of Belarusian troops near Kupiansk. "
            "Minsk has sent some 20,000 soldiers to the area, officials said.")
    assert (e.event_type, e.sub_event_type) == ("Strategic developments",
                                                "Change to group/activity")
    assert (e.location, e.geo_precision) == ("Kupiansk", 2)
    assert (e.date, e.time_precision) == ("2025-03-10", 1)
    assert (e.quantity, e.quantity_unit) == (20000, "soldiers")
    assert "Military Forces of Belarus" in e.actors
    assert "to the area" in e.text  # the merged sentence is kept as evidence


@pytest.mark.parametrize(("text", "event_type", "sub", "place", "precision"), [
    ("Russian artillery shelled Kharkiv overnight.", "Explosions/Remote violence",
     "Shelling/artillery/missile attack", "Kharkiv", 1),
    ("A drone strike hit a port warehouse in Odesa.", "Explosions/Remote violence",
     "Air/drone strike", "Odesa", 1),
    ("A landmine exploded outside Kupiansk.", "Explosions/Remote violence",
     "Remote explosive/landmine/IED", "Kupiansk", 2),
    ("Heavy fighting was reported in the Zaporizhzhia region.", "Battles", "Armed clash",
     "Zaporizhzhia Oblast", 3),
    ("Ukrainian forces recaptured a village near Kupiansk.", "Battles",
     "Government regains territory", "Kupiansk", 2),
    ("Militants captured the airport in Kharkiv.", "Battles",
     "Non-state actor overtakes territory", "Kharkiv", 1),
    ("Hundreds of students held a protest in Tbilisi.", "Protests", "Peaceful protest",
     "Tbilisi", 1),
    ("Police used tear gas to disperse demonstrators in Tbilisi.", "Protests",
     "Protest with intervention", "Tbilisi", 1),
    ("Protesters torched cars and set fire to a bank in Lyon.", "Riots",
     "Violent demonstration", "Lyon", 1),
    ("Soldiers looted shops in Kupiansk.", "Strategic developments",
     "Looting/property destruction", "Kupiansk", 1),
    ("Foreign ministers held talks in Geneva.", "Diplomacy", "Talks", "Geneva", 1),
    ("A summit in Turkey brought both delegations together.", "Diplomacy", "Summit", "Turkey",
     3),
])
def test_event_types_and_places(text, event_type, sub, place, precision):
    e = one(text)
    assert (e.event_type, e.sub_event_type, e.location, e.geo_precision) == \
        (event_type, sub, place, precision)
    assert e.text == text and e.article_id == "t1" and e.source == "Test Wire"
    assert (e.lat, e.lon) == (PLACES[place].lat, PLACES[place].lon) if place in PLACES else True


def test_two_events_in_one_sentence_each_take_the_nearest_place():
    found = events("During a meeting in Geneva, envoys discussed the shelling of Kharkiv.")
    got = {(e.event_type, e.location) for e in found}
    assert got == {("Diplomacy", "Geneva"), ("Explosions/Remote violence", "Kharkiv")}
    assert len({e.id for e in found}) == 2


def test_a_country_that_acts_is_an_actor_not_the_place():
    e = one("Russia deployed fresh brigades near Kharkiv.")
    assert e.location == "Kharkiv"
    assert "Military Forces of RU" in e.actors or "Military Forces of Russia" in e.actors


def test_fatalities_and_civilian_victims():
    e = one("Yesterday a missile strike on Odesa killed 9 people.")
    assert e.fatalities == 9 and e.quantity is None
    assert (e.date, e.time_precision) == ("2025-03-11", 1)


@pytest.mark.parametrize("text", [
    "Kharkiv is the second-largest city in the country.",
    "Geneva hosts many international organisations.",
    "The road from Odesa to Kharkiv is long.",
    "Tbilisi and Lyon are twin cities of nobody.",
])
def test_places_without_an_action_make_no_event(text):
    assert events(text) == []


@pytest.mark.parametrize("text", [
    "If Kupiansk falls, troops could start shelling Kharkiv.",
    "Moscow has no plans for talks in Geneva.",
    "Officials warned of a possible offensive near Kharkiv.",
    "The ministers ruled out a summit in Turkey.",
])
def test_hedged_or_denied_actions_make_no_event(text):
    assert events(text) == []


def test_an_action_with_no_place_makes_no_event():
    assert events("Troops were deployed, officials said.") == []


def test_without_an_article_date_the_date_is_unknown():
    e = one("Clashes broke out in Kupiansk last week.", date=None)
    assert (e.date, e.time_precision) == (None, 3)


def test_ids_are_stable_and_unique_per_article():
    text = "Shelling hit Kharkiv. Later, a drone strike hit Odesa."
    a = [e.id for e in events(text)]
    b = [e.id for e in events(text)]
    assert a == b and len(set(a)) == 2


@pytest.mark.real_gazetteer
def test_seed_article_end_to_end():
    seed = ROOT / "seeds" / "000_3b98c753de63d439.txt"
    if not seed.exists():
        pytest.fail("the seed article is not in seeds/")
    from geo.events import extract_from_articles
    from geo.pipeline import default_gazetteer, parse

    gaz = default_gazetteer()
    pa = parse(seed.read_text(encoding="utf-8"), gazetteer=gaz, date="2025-08-22")
    found = list(extract_from_articles([pa], gazetteer=gaz))
    got = {(e.event_type, e.location) for e in found}
    assert ("Strategic developments", "Pokrovsk") in got
    assert {("Diplomacy", "Toulon"), ("Diplomacy", "Paris"), ("Diplomacy", "Alaska")} <= got
    troops = next(e for e in found if e.location == "Pokrovsk")
    assert troops.geo_precision == 2 and troops.quantity == 100000
    assert "Military Forces of Russia" in troops.actors
    toulon = next(e for e in found if e.location == "Toulon")
    assert "Security Council" in toulon.actors and toulon.time_precision == 2
    assert toulon.date == "2025-08-14"  # "last week" in a Friday paper: that week's Thursday


@pytest.mark.real_gazetteer
def test_cli_extract_stores_lists_and_writes(tmp_path):
    import subprocess

    from tests.test_store_fixtures import geo_cmd

    art = tmp_path / "report.txt"
    art.write_text("Yesterday Russian artillery shelled Kharkiv, killing 4 people.\n"
                   "Foreign ministers held talks in Geneva.\n"
                   "Kharkiv is a large city.\n", encoding="utf-8")
    db = tmp_path / "ev.db"
    run = lambda *a: subprocess.run(geo_cmd(*a), capture_output=True, text=True,  # noqa: E731
                                    cwd=ROOT, timeout=120)
    out = run("events", "extract", str(art), "--date", "2025-03-12", "--db", str(db), "--json")
    assert out.returncode == 0, out.stderr
    found = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(e["event_type"], e["location"], e["date"]) for e in found] == [
        ("Explosions/Remote violence", "Kharkiv", "2025-03-11"),
        ("Diplomacy", "Geneva", "2025-03-12")]
    assert found[0]["fatalities"] == 4
    listed = run("events", "--db", str(db), "--region", "Kharkiv Oblast", "--json")
    assert [e["location"] for e in json.loads(listed.stdout)["events"]] == ["Kharkiv"]
    csv_out = tmp_path / "ev.csv"
    assert run("events", "extract", str(art), "-o", str(csv_out)).returncode == 0
    assert csv_out.read_text(encoding="utf-8").count("\n") == 3


def _with(text: str, spans: list[tuple[str, Place]], date: str = "2025-03-10") -> ParsedArticle:
    """Mentions for exactly the given surfaces (first occurrence each, in order)."""
    mentions, pos = [], 0
    for surface, place in spans:
        start = text.index(surface, pos)
        pos = start + len(surface)
        mentions.append(Mention("d1", start, pos, surface, "", place, 0.9, "test"))
    return ParsedArticle(Article(id="d1", text=text, date=date, source="Test Wire"),
                         tuple(mentions))


KUPIANSK_RAION = _p(-300000001, "Kupiansk Raion", "admin2", "UA", "Kharkiv Oblast", 49.71, 37.61)


@pytest.mark.parametrize("second, where", [
    ("In Kupiansk, a shell hit a house and a man was wounded.", "Kupiansk"),
    ("In Kupiansk, a 47-year-old man was wounded and a gas pipeline was damaged, while "
     "nearby villages were also hit.", "Kupiansk Raion"),
])
def test_a_district_and_its_centre_town_are_one_event_told_twice(second, where):
    text = ("Russian forces attacked the Kupiansk district more than 20 times with artillery "
            "on Monday. " + second)
    found = extract_events(_with(text, [("Kupiansk district", KUPIANSK_RAION),
                                        ("Kupiansk", KUPIANSK)]))
    assert [(e.location, e.date) for e in found] == [(where, "2025-03-10")]
    assert found[0].actors == ("Military Forces of Russia", "Civilians (Ukraine)")


def test_a_town_away_from_the_district_point_is_its_own_event():
    far = _p(700001, "Kurylivka", "city", "UA", "Kharkiv Oblast", 49.60, 37.80)  # ~18 km off
    text = ("Russian forces shelled the Kupiansk district on Monday. "
            "Russian drones struck Kurylivka on Monday.")
    found = extract_events(_with(text, [("Kupiansk district", KUPIANSK_RAION),
                                        ("Kurylivka", far)]))
    assert sorted(e.location for e in found) == ["Kupiansk Raion", "Kurylivka"]


ALASKA = _p(5879092, "Alaska", "admin1", "US", "Alaska", 64.0, -150.0)
MOSCOW = _p(524901, "Moscow", "city", "RU", "Moscow", 55.75, 37.62)


@pytest.mark.parametrize("text, where", [
    # a comma before the subject of the next clause is no list: Moscow negotiates nothing
    ("After his recent meeting with Vladimir Putin in Alaska, Moscow has shown no willingness "
     "to negotiate a ceasefire.", ["Alaska"]),
    # a comma list that goes on, or ends the sentence, is one
    ("Delegations held talks in Alaska, Moscow and Geneva.", ["Alaska", "Geneva", "Moscow"]),
    ("Delegations held talks in Alaska, Moscow.", ["Alaska", "Moscow"]),
])
def test_a_comma_list_is_only_a_list_when_it_goes_on_as_one(text, where):
    spans = [(p.name, p) for p in (ALASKA, MOSCOW, GENEVA) if p.name in text]
    spans.sort(key=lambda sp: text.index(sp[0]))
    found = extract_events(_with(text, spans, date="2025-09-10"))
    assert sorted(e.location for e in found) == where


def test_a_death_toll_update_in_the_next_sentence_is_the_final_figure():
    e = one("A Russian missile struck Kharkiv on Monday, killing 21 people. "
            "The death toll has risen to twenty-three, officials said.")
    assert e.fatalities == 23
    e = one("A Russian missile struck Kharkiv on Monday, killing 21 people. "
            "Rescuers said two of the dead were children.")
    assert e.fatalities == 21  # a number of the dead that is no update keeps the first figure
