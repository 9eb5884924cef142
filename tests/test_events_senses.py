"""Which words are acts of war, which clauses take them back, who acts and who tells it, and
where: one general rule per test, in English, Ukrainian and Russian.

The sentences are written for these tests (none comes from an evaluation set); mentions are
resolved by hand, as the geoparser would, so that only the event rules are under test.
"""

from __future__ import annotations

import re

import pytest

from geo.events import extract_events
from geo.model import Article, Mention, ParsedArticle, Place
from tests.test_events_mechanisms import RU_FORCES, SURFACES, UA_FORCES, _p

ODESA = _p(101, "Odesa", "city", "UA", "Odesa", 46.48, 30.73)
ISTANBUL = _p(102, "Istanbul", "city", "TR", "Istanbul", 41.01, 28.95)
DONETSK = _p(103, "Donetsk", "city", "UA", "Donetsk", 48.02, 37.80)
SUDZHA = _p(104, "Sudzha", "city", "RU", "Kursk", 51.19, 35.27)
KURSK_OBL = _p(105, "Kursk Oblast", "admin1", "RU", "Kursk", 51.5, 36.0)
MOSCOW = _p(106, "Moscow", "city", "RU", "Moscow", 55.75, 37.62)
PODOLSK = _p(107, "Podolsk", "city", "RU", "Moscow", 55.43, 37.54)
RYAZAN = _p(108, "Ryazan", "city", "RU", "Ryazan", 54.63, 39.74)
LONDON = _p(109, "London", "city", "GB", "England", 51.51, -0.13)
BAKU = _p(110, "Baku", "city", "AZ", "Baku", 40.38, 49.89)
MAKHACHKALA = _p(111, "Makhachkala", "city", "RU", "Dagestan", 42.98, 47.50)
ZAPORIZHZHIA = _p(112, "Zaporizhzhia", "city", "UA", "Zaporizhzhia", 47.84, 35.14)
UKRAINE = Place(113, "Ukraine", "country", "UA", "", "", 49.0, 32.0, 0)

HERE = [
    (r"Odesa|Одес\w*", ODESA),
    (r"Istanbul|Стамбул\w*", ISTANBUL),
    (r"Donetsk|Донецьк\w*|Донецк\w*", DONETSK),
    (r"Sudzha|Суджі|Суджа|Суджу|Судже", SUDZHA),
    (r"Kursk region|Курськ\w+ област\w*|Курск\w+ област\w*", KURSK_OBL),
    (r"Moscow|Москв\w*", MOSCOW),
    (r"Podolsk|Подольск\w*", PODOLSK),
    (r"Ryazan|Рязан\w*", RYAZAN),
    (r"London", LONDON),
    (r"Baku|Баку", BAKU),
    (r"Makhachkala", MAKHACHKALA),
    (r"Zaporizhzhia|Запоріжж\w*|Запорожь\w*", ZAPORIZHZHIA),
    (r"Ukraine(?!'s)", UKRAINE),
    *SURFACES,
]


def parsed(text: str, lang: str | None, url: str | None) -> ParsedArticle:
    mentions: list[Mention] = []
    for pattern, place in HERE:
        for m in re.finditer(rf"(?<!\w)(?:{pattern})(?!\w)", text):
            if not any(x.start <= m.start() < x.end or m.start() <= x.start < m.end()
                       for x in mentions):
                mentions.append(Mention("a", m.start(), m.end(), m.group(), "", place, 0.9,
                                        "test"))
    mentions.sort(key=lambda m: m.start)
    article = Article(id="a", text=text, date="2025-03-14", lang=lang, url=url)
    return ParsedArticle(article, tuple(mentions))


def events(text: str, *, lang: str | None = None, url: str | None = None):
    return extract_events(parsed(text, lang, url))  # 2025-03-14 is a Friday


def one(text: str, **kw):
    found = events(text, **kw)
    assert len(found) == 1, [(e.event_type, e.sub_event_type, e.location) for e in found]
    return found[0]


# --- words that are acts of war only where an armed party is named ---------------------------

@pytest.mark.parametrize("text", [
    "Heavy rain hit Odesa on Tuesday, flooding two streets.",
    "A hurricane struck Odesa overnight.",
    "The new tariffs entered into force in Kyiv on Monday.",
    "A Polish bank entered the Ukrainian market in Lviv last year.",
    "Bond prices rallied in London after the vote.",
    "Ukrainian soldiers marched through Kherson in a parade.",
    "Two lawyers clashed in a Baku court on Thursday.",
    "Police arrested a driver for speeding in Lviv.",
    "A gas explosion damaged a bakery in Baku.",
    "Делегації взяли участь у форумі в Одесі.",
    "Делегации взяли слово на форуме в Одессе.",
    "Сильний вітер ударив по Одесі вночі.",
    "Акції компанії подорожчали на біржі в Києві.",
    "Акции подешевели на бирже в Москве.",
])
def test_words_of_other_senses_make_no_event(text):
    assert events(text) == []


@pytest.mark.parametrize(("text", "sub", "actor"), [
    ("Russia struck Odesa overnight, killing two people.",
     "Shelling/artillery/missile attack", RU_FORCES),
    ("Ukraine struck Belgorod on Thursday, wounding a woman.",
     "Shelling/artillery/missile attack", UA_FORCES),
    ("Росія завдала удару по Запоріжжю, загинула одна людина.",
     "Shelling/artillery/missile attack", RU_FORCES),
    ("ВСУ нанесли удар по Донецку, пострадали двое.",
     "Shelling/artillery/missile attack", UA_FORCES),
    ("Russian forces fired about 30 shells at Nikopol on Thursday.",
     "Shelling/artillery/missile attack", RU_FORCES),
    ("Russia launched more than 50 drones at Odesa overnight.", "Air/drone strike", RU_FORCES),
    ("Російські війська запустили 25 дронів по Одесі.", "Air/drone strike", RU_FORCES),
])
def test_a_strike_by_a_named_side_without_a_named_weapon_or_with_its_count(text, sub, actor):
    e = one(text)
    assert (e.event_type, e.sub_event_type) == ("Explosions/Remote violence", sub)
    assert e.actors[0] == actor


def test_a_nationwide_tally_is_not_coded():
    assert events("Russia launched 120 drones at Ukraine overnight.") == []


def test_a_protest_action_of_people_is_a_protest_even_for_soldiers():
    e = one("У Львові сотні людей вийшли на акцію на підтримку полонених військових.", lang="uk")
    assert e.event_type == "Protests"


def test_occupiers_who_shell_are_not_the_soldiers_hurt():
    e = one("Російські окупанти обстріляли Нікополь, поранено двох людей.", lang="uk")
    assert e.actors == (RU_FORCES, "Civilians (Ukraine)")


def test_a_rally_of_people_is_a_protest_and_a_march_against_something_too():
    assert one("Hundreds of students marched in Lviv against the new law.").event_type == \
        "Protests"
    assert one("A rally for the missing soldiers was held in Kyiv.").event_type == "Protests"


# --- hedges reach over their own clause only; idioms of distance and number do not negate -----

@pytest.mark.parametrize("text", [
    "Nobody was injured when a Russian missile hit a warehouse in Odesa.",
    "A woman who had been evacuated was wounded when a Russian drone struck her house in "
    "Kherson.",
    "Not far from Toretsk, Russian troops attacked Ukrainian positions overnight.",
    "No fewer than six Russian drones hit Kharkiv overnight.",
    "Не менше п'яти російських дронів атакували Харків уночі.",
])
def test_a_word_before_the_trigger_that_does_not_negate_it(text):
    assert len(events(text)) == 1


@pytest.mark.parametrize("text", [
    "Talks between the two delegations in Istanbul were postponed until Monday.",
    "The meeting in Geneva was called off at the last minute.",
    "Peace talks in Istanbul are scheduled for next week.",
    "Завтра в Женеві відбудеться зустріч делегацій.",
    "Переговори в Стамбулі відклали на тиждень.",
    "Переговоры в Женеве перенесли на следующую неделю.",
    "Зустріч делегацій у Стамбулі не відбулася.",
    "Переговоры в Стамбуле так и не состоялись.",
    "Russian troops were said to have entered Toretsk, but Kyiv denied it.",
    "Окупанти нібито зайшли в Торецьк, але в ЗСУ це спростовують.",
    "Оккупанты якобы вошли в Торецк, однако в ВСУ это опровергают.",
    "Russian units reportedly stormed Siversk, but the report could not be verified.",
])
def test_postponed_future_denied_and_unverified_rumours_are_no_events(text):
    assert events(text) == []


def test_a_belligerents_claim_that_could_not_be_verified_stays_a_claim():
    e = one("Russia's defence ministry said its forces had captured Toretsk; the claim "
            "could not be independently verified.")
    assert e.claimed and e.claimant == "Ministry of Defence of Russia"


# --- actors: "the enemy" is the teller's other side; no side from an occupied place ----------

@pytest.mark.parametrize(("text", "lang", "actor"), [
    ("Вчера противник обстрелял Горловку, погибли два человека.", "ru", UA_FORCES),
    ("Вчора ворог обстріляв Херсон, поранено трьох людей.", "uk", RU_FORCES),
    ("Противник атаковал Белгород дронами, ранены двое.", "ru", UA_FORCES),
    ("Ворог атакував Запоріжжя дронами.", "uk", RU_FORCES),
])
def test_the_enemy_is_the_other_side_of_who_tells_it(text, lang, actor):
    assert one(text, lang=lang).actors[0] == actor


def test_the_enemy_of_a_quoted_ukrainian_unit_in_english_is_russia():
    e = one("The enemy shelled Horlivka overnight, Ukraine's General Staff said.")
    assert e.actors[0] == RU_FORCES


@pytest.mark.parametrize("text", [
    "A shell hit a bus stop in Donetsk, killing three people, the Russian-installed mayor said.",
    "A drone struck a market in occupied Horlivka on Friday, wounding two people.",
])
def test_no_attacker_is_guessed_for_a_place_russia_holds(text):
    e = one(text)
    assert e.actors[0] == ""


def test_fighting_in_russia_is_not_ukraines_unless_the_article_is_about_ukraine():
    e = one("Gunmen clashed with police on Sunday in Makhachkala, killing two officers.")
    assert e.actors == () or e.actors[0] == ""


def test_a_units_statement_about_the_other_sides_act_is_speech_not_its_act():
    e = one("Ukraine's 47th Assault Brigade said Russian troops had infiltrated Toretsk.")
    assert (e.event_type, e.actors[0]) == ("Battles", RU_FORCES)
    assert not e.claimed
    e = one("Командування 3-ї штурмової бригади повідомило, що російські війська зайшли в "
            "Куп'янськ.", lang="uk")
    assert e.actors[0] == RU_FORCES and not e.claimed


# --- claims: the acting side tells its own act; a language is not a side ---------------------

@pytest.mark.parametrize(("text", "claimant"), [
    ("Ukrainian drones hit an ammunition depot in Belgorod, killing eight soldiers, Kyiv "
     "claimed.", "Government of Ukraine"),
    ("Ukraine's SBU said its drones struck an oil depot in Ryazan overnight.",
     "Security Service of Ukraine"),
    ("Russian missiles hit a Ukrainian command post in Kramatorsk, Moscow said.",
     "Government of Russia"),
    ("ФСБ сообщила, что российские военные нанесли удар по складу в Сумах.",
     "Security Service of Russia"),
])
def test_speakers_of_a_side_claim_its_acts(text, claimant):
    e = one(text)
    assert (e.claimed, e.claimant) == (True, claimant)


def test_soldiers_killed_make_a_military_target():
    e = one("Ukrainian drones hit a depot in Belgorod, killing eight soldiers, Kyiv claimed.")
    assert e.actors == (UA_FORCES, RU_FORCES)


def test_a_russian_language_report_quoting_someone_else_is_no_russian_claim():
    e = one("Российские войска нанесли ракетный удар по Харькову, погибли двое, сообщил "
            "Терехов.", lang="ru")
    assert e.actors[0] == RU_FORCES and not e.claimed


def test_an_outlets_domain_is_its_side():
    text = "Российские войска нанесли ракетный удар по Харькову."
    assert one(text, lang="ru").claimed  # a Russian channel telling its side's strike
    assert not one(text, lang="ru", url="https://news.example.ua/a/1").claimed


# --- places ----------------------------------------------------------------------------------

def test_a_place_in_an_apposition_of_distance_is_no_second_event():
    found = events("A Russian drone hit a shop in Sumy, 25 km from the border near Belgorod.")
    assert [e.location for e in found] == ["Sumy"]


def test_a_withdrawal_is_where_it_leaves_from():
    e = one("Ukrainian forces withdrew from Sudzha in the Kursk region.")
    assert e.location == "Sudzha"


def test_a_capital_that_speaks_is_no_place():
    found = events("Russian troops captured Toretsk, a claim Moscow repeated on Friday.")
    assert [e.location for e in found] == ["Toretsk"]


def test_debris_of_a_repelled_attack_is_the_strike_where_it_fell():
    found = events("A Ukrainian drone attack on Moscow was repelled overnight, and debris fell "
                   "on a garage in Podolsk, injuring one man.")
    assert [(e.sub_event_type, e.location) for e in found] == [("Air/drone strike", "Podolsk")]
    assert found[0].actors == (UA_FORCES, "Civilians (Russia)")


def test_a_side_that_reports_an_attack_is_not_its_attacker():
    e = one("Ukraine's army has pressed on. Russian officials reported drone attacks on "
            "Belgorod overnight.")
    assert e.actors[0] == UA_FORCES


def test_a_speaker_that_tells_of_its_own_act_is_its_actor():
    e = one("Ukraine's SBU said it had detained two saboteurs in Odesa on Thursday.")
    assert e.actors[0] == "Police Forces of Ukraine"


@pytest.mark.parametrize("text", [
    "The school board met in Lviv on Monday to approve the budget.",
    "The mayor held a news conference in Odesa on Tuesday.",
    "A retired teacher visited a museum in Kyiv last week.",
])
def test_meetings_without_statecraft_are_no_diplomacy(text):
    assert events(text) == []


@pytest.mark.parametrize("text", [
    "Foreign ministers of both countries met in Geneva on Thursday.",
    "Делегації України та США зустрілися в Женеві.",
    "Премьер-министр провел переговоры в Стамбуле.",
])
def test_meetings_of_states_are_diplomacy(text):
    assert one(text).event_type == "Diplomacy"


def test_a_place_that_was_hit_in_ukraine_is_a_strike_unless_by_something_else():
    e = one("A school in Kharkiv was hit overnight, killing two people.")
    assert (e.sub_event_type, e.actors[0]) == ("Shelling/artillery/missile attack", RU_FORCES)
    assert events("A school in Kharkiv was hit by lightning overnight.") == []
    assert events("A school in Baku was hit overnight, killing two people.") == []
