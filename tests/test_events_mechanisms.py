"""Event extraction, one mechanism per test, in English, Ukrainian and Russian.

The sentences are written for these tests (none comes from an evaluation set); mentions are
resolved by hand, as the geoparser would, so that only the event rules are under test.
"""

from __future__ import annotations

import re

import pytest

from geo.events import extract_events
from geo.model import Article, Mention, ParsedArticle, Place

RU_FORCES = "Military Forces of Russia"
UA_FORCES = "Military Forces of Ukraine"


def _p(pid, name, kind, cc, admin1, lat, lon):
    return Place(pid, name, kind, cc, admin1, f"{admin1} Oblast", lat, lon, 0)


KRAMATORSK = _p(1, "Kramatorsk", "city", "UA", "Donetsk", 48.72, 37.56)
KUPIANSK = _p(2, "Kupiansk", "city", "UA", "Kharkiv", 49.71, 37.61)
KYIV = _p(3, "Kyiv", "city", "UA", "Kyiv", 50.45, 30.52)
KURSK = _p(4, "Kursk", "city", "RU", "Kursk", 51.73, 36.19)
KHARKIV = _p(5, "Kharkiv", "city", "UA", "Kharkiv", 49.98, 36.25)
SARATOV = _p(6, "Saratov", "city", "RU", "Saratov", 51.54, 46.01)
KREMENCHUK = _p(7, "Kremenchuk", "city", "UA", "Poltava", 49.07, 33.42)
HORLIVKA = _p(8, "Horlivka", "city", "UA", "Donetsk", 48.30, 38.05)
LOZOVA = _p(9, "Lozova", "city", "UA", "Kharkiv", 48.89, 36.32)
POLTAVA_OBL = _p(10, "Poltava Oblast", "admin1", "UA", "Poltava", 49.6, 34.3)
POLTAVA = _p(11, "Poltava", "city", "UA", "Poltava", 49.59, 34.55)
NIKOPOL = _p(12, "Nikopol", "city", "UA", "Dnipropetrovsk", 47.57, 34.39)
MARHANETS = _p(13, "Marhanets", "city", "UA", "Dnipropetrovsk", 47.64, 34.63)
CHERVONO = _p(14, "Chervonohryhorivka", "city", "UA", "Dnipropetrovsk", 47.62, 34.54)
DNIPRO = _p(15, "Dnipro", "city", "UA", "Dnipropetrovsk", 48.45, 34.98)
SIVERSK = _p(16, "Siversk", "city", "UA", "Donetsk", 48.87, 38.10)
TORETSK = _p(17, "Toretsk", "city", "UA", "Donetsk", 48.40, 37.85)
LVIV = _p(18, "Lviv", "city", "UA", "Lviv", 49.84, 24.03)
KHERSON = _p(19, "Kherson", "city", "UA", "Kherson", 46.64, 32.61)
LYMAN = _p(20, "Lyman", "city", "UA", "Donetsk", 48.99, 37.80)
TORSKE = _p(21, "Torske", "city", "UA", "Donetsk", 49.02, 37.97)
GENEVA = _p(22, "Geneva", "city", "CH", "Geneva", 46.20, 6.14)
BELGOROD = _p(23, "Belgorod", "city", "RU", "Belgorod", 50.61, 36.58)
SUMY_OBL = _p(24, "Sumy Oblast", "admin1", "UA", "Sumy", 50.9, 34.0)
SUMY = _p(25, "Sumy", "city", "UA", "Sumy", 50.91, 34.80)
PARIS_TX = _p(26, "Paris", "city", "US", "Texas", 33.66, -95.55)

#: surface pattern -> place (inflected Ukrainian and Russian forms included)
SURFACES = [
    (r"Kramatorsk|Краматорськ\w*|Краматорск\w*", KRAMATORSK),
    (r"Kupiansk|Куп'янськ\w*|Купянск\w*", KUPIANSK),
    (r"Kyiv|Київ\w*|Києв\w*|Киев\w*", KYIV),
    (r"Kursk|Курськ\w*|Курск(?:е|а|у)?\b", KURSK),
    (r"Kharkiv|Харків\w*|Харьков\w*", KHARKIV),
    (r"Saratov|Саратов\w*", SARATOV),
    (r"Kremenchuk|Кременчу\w*", KREMENCHUK),
    (r"Horlivka|Горлівк\w*|Горловк\w*", HORLIVKA),
    (r"Lozova|Лозов\w+", LOZOVA),
    (r"Poltava region|Полтавщин\w*", POLTAVA_OBL),
    (r"Poltava(?! region)|Полтав(?:а|и|у|і|ою)", POLTAVA),
    (r"Nikopol|Нікопол\w*", NIKOPOL),
    (r"Marhanets|Марганц\w*|Марганец", MARHANETS),
    (r"Chervonohryhorivka", CHERVONO),
    (r"Dnipro|Дніпр\w*", DNIPRO),
    (r"Siversk|Сіверськ\w*|Северск\w*", SIVERSK),
    (r"Toretsk|Торецьк\w*|Торецк\w*", TORETSK),
    (r"Lviv|Львов\w*|Львів\w*", LVIV),
    (r"Kherson|Херсон\w*", KHERSON),
    (r"Lyman", LYMAN),
    (r"Torske", TORSKE),
    (r"Geneva|Женев\w*", GENEVA),
    (r"Belgorod|Бєлгород\w*|Белгород\w*", BELGOROD),
    (r"Sumy region|Сумщин\w*", SUMY_OBL),
    (r"Sumy(?! region)|Сум(?:и|ы|ах|ами)?", SUMY),
    (r"Пари", PARIS_TX),  # a capitalised word a geoparser could take for a far-away town
]


def parsed(text: str, date: str | None, lang: str | None) -> ParsedArticle:
    mentions = []
    for pattern, place in SURFACES:
        for m in re.finditer(rf"(?<!\w)(?:{pattern})(?!\w)", text):
            if not any(x.start <= m.start() < x.end for x in mentions):
                mentions.append(Mention("a", m.start(), m.end(), m.group(), "", place, 0.9,
                                        "test"))
    mentions.sort(key=lambda m: m.start)
    return ParsedArticle(Article(id="a", text=text, date=date, lang=lang), tuple(mentions))


def events(text: str, *, date: str = "2025-03-14", lang: str | None = None):
    return extract_events(parsed(text, date, lang))  # 2025-03-14 is a Friday


def one(text: str, **kw):
    found = events(text, **kw)
    assert len(found) == 1, [(e.event_type, e.sub_event_type, e.location) for e in found]
    return found[0]


# --- strikes: the weapon decides the sub-type, the attacker is actor 1 -----------------------

@pytest.mark.parametrize(("text", "sub", "place", "actors", "killed"), [
    ("A Russian missile struck the centre of Kramatorsk, killing four people.",
     "Shelling/artillery/missile attack", "Kramatorsk", (RU_FORCES, "Civilians (Ukraine)"), 4),
    ("Russian drones attacked Kyiv overnight, killing two people.", "Air/drone strike", "Kyiv",
     (RU_FORCES, "Civilians (Ukraine)"), 2),
    ("Ukrainian drones hit an oil depot in Kursk.", "Air/drone strike", "Kursk", (UA_FORCES,),
     None),
    ("A guided bomb hit a hospital in Kharkiv, wounding eleven patients.", "Air/drone strike",
     "Kharkiv", (RU_FORCES, "Civilians (Ukraine)"), 0),
    ("Уночі російські дрони атакували Кременчук, загинули троє людей.", "Air/drone strike",
     "Kremenchuk", (RU_FORCES, "Civilians (Ukraine)"), 3),
    ("Вечером ВСУ обстреляли Горловку, ранены двое мирных жителей.",
     "Shelling/artillery/missile attack", "Horlivka", (UA_FORCES, "Civilians (Ukraine)"), 0),
    ("Ракета влучила в Полтаву: загинули двадцять п'ять людей.",
     "Shelling/artillery/missile attack", "Poltava", (RU_FORCES, "Civilians (Ukraine)"), 25),
])
def test_strikes_typed_by_weapon_with_attacker_first(text, sub, place, actors, killed):
    e = one(text)
    assert (e.event_type, e.sub_event_type, e.location) == \
        ("Explosions/Remote violence", sub, place)
    assert e.actors == actors
    assert e.fatalities == killed


@pytest.mark.parametrize("text", [
    "Russian forces pounded Kramatorsk with rockets.",
    "ВС РФ нанесли удар высокоточным оружием по Краматорску.",
])
def test_more_ways_to_say_a_strike(text):
    e = one(text)
    assert (e.sub_event_type, e.location, e.actors[0]) == \
        ("Shelling/artillery/missile attack", "Kramatorsk", RU_FORCES)


def test_victims_named_first_are_still_actor_2():
    e = one("Civilians in Kharkiv were wounded when a Russian glide bomb hit a market.")
    assert e.actors == (RU_FORCES, "Civilians (Ukraine)")


def test_the_side_after_by_is_the_attacker():
    e = one("An apartment block in Belgorod was struck by a Ukrainian missile.")
    assert e.actors[0] == UA_FORCES and e.location == "Belgorod"


def test_explosions_without_a_weapon_are_not_a_landmine():
    # in Russia, explosions are war news where the article names the war's parties
    e = one("Ukraine's drones have targeted refineries for weeks. Residents of Saratov "
            "reported explosions near an oil refinery in Saratov.")
    assert e.sub_event_type != "Remote explosive/landmine/IED"
    mine = one("A car hit a landmine near Lozova, killing the driver.")
    assert (mine.sub_event_type, mine.fatalities) == ("Remote explosive/landmine/IED", 1)


# --- interceptions ---------------------------------------------------------------------------

def test_interception_over_a_region_is_disrupted_weapons_use_by_the_defender():
    e = one("Air defence shot down 12 drones over the Poltava region.")
    assert (e.event_type, e.sub_event_type) == ("Strategic developments",
                                               "Disrupted weapons use")
    assert e.actors == (UA_FORCES, RU_FORCES) and e.geo_precision == 3


def test_an_interception_that_did_damage_is_the_strike():
    e = one("Debris from a downed drone damaged a house in Poltava.")
    assert (e.event_type, e.sub_event_type) == ("Explosions/Remote violence",
                                               "Air/drone strike")


def test_russian_interception_claim():
    e = one("Над Белгородом сбиты восемь беспилотников.", lang="ru")
    assert e.sub_event_type == "Disrupted weapons use" and e.actors[0] == RU_FORCES


# --- ground fighting and territory ----------------------------------------------------------

def test_advance_is_a_clash_with_the_advancing_side_first():
    e = one("Russian troops advanced into the northern outskirts of Kupiansk.")
    assert (e.event_type, e.sub_event_type, e.geo_precision) == ("Battles", "Armed clash", 2)
    assert e.actors == (RU_FORCES, UA_FORCES)


@pytest.mark.parametrize("text", [
    "Our defenders repelled eight Russian assaults near Siversk.",
    "Під Сіверськом наші захисники відбили вісім штурмів.",
    "Под Северском противник атаковал позиции ВСУ пять раз.",
])
def test_the_attacker_of_a_repelled_assault_is_the_other_side(text):
    e = one(text)
    assert e.event_type == "Battles" and e.actors[0] == RU_FORCES


def test_a_repelled_assault_in_russian_media():
    e = one("Российские подразделения отразили атаки ВСУ у Курска.", lang="ru")
    assert e.actors == (UA_FORCES, RU_FORCES)


@pytest.mark.parametrize(("text", "sub", "actor"), [
    ("Russia's defence ministry said its forces had captured Toretsk.",
     "Non-state actor overtakes territory", RU_FORCES),
    ("Российские войска освободили Торецк, сообщило Минобороны.",
     "Non-state actor overtakes territory", RU_FORCES),
    ("A Ukrainian brigade said its soldiers had pushed Russian infiltrators out of Kupiansk.",
     "Government regains territory", UA_FORCES),
    ("Українські військові звільнили Торецьк.", "Government regains territory", UA_FORCES),
])
def test_territory_changes_by_who_took_whose_ground(text, sub, actor):
    e = one(text)
    assert (e.event_type, e.sub_event_type, e.actors[0]) == ("Battles", sub, actor)
    assert e.time_precision == 2  # announced without a day: the statement's date


def test_a_direction_is_a_sector_not_a_place():
    found = events("Fighting continued in the Lyman direction near Torske.")
    assert [e.location for e in found] == ["Torske"]


def test_towards_a_place_is_not_there():
    assert events("Russian units are advancing towards Kramatorsk.") == []


# --- several events in one sentence, one event told twice ------------------------------------

def test_a_place_introduced_for_one_action_is_not_the_next_ones():
    found = events("Russian troops captured a village in the Sumy region and struck "
                   "airfields with missiles.")
    assert [(e.event_type, e.location) for e in found] == [("Battles", "Sumy Oblast")]
    found = events("Russian troops captured the village of Torske and struck airfields with "
                   "missiles.")
    assert [(e.event_type, e.location) for e in found] == [("Battles", "Torske")]


def test_a_list_of_places_is_one_event_each():
    found = events("Russian artillery shelled Nikopol, Marhanets and Chervonohryhorivka.")
    assert [e.location for e in found] == ["Nikopol", "Marhanets", "Chervonohryhorivka"]
    assert {e.sub_event_type for e in found} == {"Shelling/artillery/missile attack"}


def test_a_town_and_its_oblast_are_one_place():
    e = one("A Russian drone hit a bus near Sumy in the Sumy region.")
    assert (e.location, e.geo_precision) == ("Sumy", 2)


def test_one_event_told_twice_keeps_its_date_and_the_final_toll():
    e = one("A missile hit Dnipro on Monday, killing 3 people. "
            "On Tuesday the death toll from the attack on Dnipro rose to 5.")
    assert (e.date, e.fatalities) == ("2025-03-10", 5)


def test_a_follow_up_sentence_completes_the_event():
    e = one("Уночі ворог атакував Лозову ударними дронами. Загинула одна людина.")
    assert e.fatalities == 1 and e.actors[1] == "Civilians (Ukraine)"


def test_the_strike_refers_back_and_makes_no_new_event():
    found = events("Russian drones hit Kherson overnight. "
                   "Officials in Kyiv called the strike a war crime.")
    assert [e.location for e in found] == ["Kherson"]


# --- traps: denials, negations, conditions, plans, alerts, background ------------------------

@pytest.mark.parametrize("text", [
    "The army denied that Russian troops had captured Kupiansk.",
    "Голова адміністрації заперечив, що ворог захопив Куп'янськ.",
    "Губернатор опроверг, что ВСУ обстреляли Белгород.",
    "У Лозовій обстрілів за добу не зафіксовано.",
    "No shelling of Lozova was reported overnight.",
    "If Kupiansk falls, Russian troops will shell Kharkiv.",
    "Якщо ворог прорве оборону, бої почнуться біля Краматорська.",
    "The next round of talks will be held in Geneva.",
    "Наступний раунд переговорів відбудеться у Женеві.",
    "Переговоры в Женеве пройдут в марте.",
    "Air raid alerts sounded in Kharkiv, but no strikes were reported.",
    "Ukrainian forces liberated Kherson in November 2022.",
    "The president postponed talks in Geneva.",
])
def test_traps_make_no_event(text):
    assert events(text) == []


# --- dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "day"), [
    ("On Friday a Russian drone hit Sumy.", "2025-03-14"),  # the article's own Friday
    ("On Wednesday a Russian drone hit Sumy.", "2025-03-12"),
    ("The mayor said on Friday that a drone hit Sumy on Tuesday.", "2025-03-11"),
    ("У вівторок російський дрон атакував Суми.", "2025-03-11"),
    ("В ночь на четверг беспилотник атаковал Белгород.", "2025-03-13"),
    ("Минулого тижня ворог обстріляв Нікополь.", "2025-03-06"),
])
def test_dates_relative_to_the_article(text, day):
    assert one(text).date == day


# --- protests, talks --------------------------------------------------------------------------

def test_protest_in_ukrainian_with_protesters_of_the_country():
    e = one("У Львові сотні людей вийшли на мітинг проти нового закону.")
    assert (e.event_type, e.location, e.actors[0]) == ("Protests", "Lviv", "Protesters (Ukraine)")


def test_talks_held_with_both_governments():
    e = one("Російська та українська делегації провели переговори у Женеві.")
    assert (e.event_type, e.location) == ("Diplomacy", "Geneva")
    assert set(e.actors[:2]) == {"Government of Russia", "Government of Ukraine"}


def test_a_far_away_namesake_without_a_locative_places_nothing():
    found = events("Пари ночью атаковали дроны. Дроны атаковали Сумы, Сумы и Сумщину.",
                   lang="ru")
    assert {e.location for e in found} == {"Sumy"}


# --- detentions: an occupier's is an abduction ---------------------------------------------

def test_a_detention_by_the_occupier_is_an_abduction():
    e = one("Russian security services detained a volunteer in occupied Kherson.")
    assert (e.event_type, e.sub_event_type) == ("Violence against civilians",
                                               "Abduction/forced disappearance")
    assert e.actors == ("Police Forces of Russia", "Civilians (Ukraine)")


def test_a_detention_by_the_state_at_home_is_an_arrest():
    e = one("The SBU detained a man in Kharkiv on Tuesday.")
    assert (e.event_type, e.sub_event_type) == ("Strategic developments", "Arrests")
    assert e.actors[0] == "Police Forces of Ukraine" and e.date == "2025-03-11"
