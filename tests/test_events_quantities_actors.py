"""Numbers and named parties in event sentences (sentences written for these tests)."""

from __future__ import annotations

import pytest

from geo.events.actors import find_actors
from geo.events.numbers import WORDS, Kind
from geo.events.quantities import fatalities, parse_number, quantities


@pytest.mark.parametrize(("sentence", "value", "unit"), [
    ("Moscow moved roughly 40,000 soldiers to the border.", 40000, "soldiers"),
    ("Some 1.5 million people left the region.", 1500000, "people"),
    ("A column of 30 Russian tanks crossed the river.", 30, "tanks"),
    ("Two drones were shot down.", 2, "drones"),
    ("About 100 000 troops took part.", 100000, "troops"),
    ("TWELVE Russian soldiers surrendered.", 12, "soldiers"),  # number words in any case
    ("A Hundred tanks moved north.", 100, "tanks"),
])
def test_quantities(sentence, value, unit):
    found = quantities(sentence)
    assert (found[0].value, found[0].unit) == (value, unit)


@pytest.mark.parametrize("word", sorted(
    [w for w, (_, kind) in WORDS.items() if w.isascii() and kind in (Kind.UNIT, Kind.TEEN,
                                                                    Kind.TEN)]
    + ["a hundred", "a thousand", "a million", "a billion", "one hundred"]))
def test_every_number_word_counts(word):
    found = quantities(f"Officials said {word.capitalize()} soldiers were wounded.")
    value = {"a hundred": 100, "one hundred": 100, "a thousand": 1000, "a million": 10**6,
             "a billion": 10**9}.get(word) or WORDS[word][0]
    assert [(q.value, q.unit) for q in found] == [(value, "soldiers")]


@pytest.mark.parametrize("sentence", [
    "Dozens of people gathered in the square.",
    "Hundreds of soldiers were seen.",
    "In 2024 soldiers returned home.",
    "Several drones flew over the city.",
])
def test_vague_amounts_and_years_are_not_quantities(sentence):
    assert quantities(sentence) == []


@pytest.mark.parametrize(("sentence", "killed"), [
    ("The strike killed 7 people and wounded 20.", 7),
    ("Three civilians were killed in the attack.", 3),
    ("The death toll rose to 41 on Friday.", 41),
    ("Shelling left 2 dead overnight.", 2),
    ("Many were killed.", None),
    ("Dozens of people were killed.", None),
    ("Prices rose 12 percent after the blast.", None),
])
def test_fatalities(sentence, killed):
    assert fatalities(sentence) == killed


def test_parse_number():
    assert parse_number("12,500") == 12500
    assert parse_number("2.5", "thousand") == 2500
    assert parse_number("twelve") == 12
    assert parse_number("lots") is None


def names(sentence, **kw):
    return [(a.name, a.kind) for a in find_actors(sentence, **kw)]


def test_national_forces_and_officials():
    got = names("Polish and Dutch diplomats met as Belarusian troops gathered.")
    assert ("Government of Poland", "government") in got
    assert ("Government of Netherlands", "government") in got
    assert ("Military Forces of Belarus", "military") in got


def test_organisations_leaders_and_persons():
    got = names("European leaders asked the UN Security Council for talks with Olaf Scholz.")
    assert ("European leaders", "leaders") in got
    assert ("United Nations Security Council", "organisation") in got
    assert ("Security Council", "organisation") not in got  # the longer name wins
    assert ("Olaf Scholz", "person") in got


def test_places_and_adjectives_are_not_persons():
    got = names("Talks with Lviv officials and Italian envoys", places=frozenset({"Lviv"}))
    assert all(kind != "person" for _, kind in got)


def test_actors_are_found_in_any_case():
    got = names("UKRAINIAN OFFICIALS and Polish DIPLOMATS met Nato envoys while Police "
                "watched PROTESTERS "
                "and WESTERN LEADERS spoke.")
    assert ("Government of Ukraine", "government") in got
    assert ("Government of Poland", "government") in got
    assert ("NATO: North Atlantic Treaty Organization", "organisation") in got
    assert ("Police Forces", "police") in got
    assert ("Protesters", "protesters") in got
    assert ("Western leaders", "leaders") in got


def test_a_list_of_adjectives_in_capitals_or_odd_letters_is_read_not_raised():
    """The list is split in the folded text the pattern matched: "AND" in capitals or a long
    "ſ" raised KeyError and the article was skipped."""
    assert names("UKRAINIAN AND POLISH officials met in Kyiv.") == [
        ("Government of Ukraine", "government"), ("Government of Poland", "government")]
    assert names("Ruſſian troops shelled the town.") == [
        ("Military Forces of Russia", "military")]


def test_folded_text_matches_where_ignorecase_would():
    """Every code point: folding keeps one character for one and the classes \\w, \\s and \\d,
    and turns exactly the characters IGNORECASE matches with an ASCII letter into that letter
    (the actor patterns rely on it)."""
    import re

    from geo.events._fold import fold

    every = "".join(map(chr, range(0x110000)))
    folded = fold(every)
    assert len(folded) == len(every)
    changed = [(a, b) for a, b in zip(every, folded, strict=True) if a != b]
    for pattern in (re.compile(r"\w"), re.compile(r"\s"), re.compile(r"\d")):
        assert all(bool(pattern.match(a)) == bool(pattern.match(b)) for a, b in changed)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        ignoring_case = set(re.findall(letter, every, re.IGNORECASE))  # "k": "k", "K", "K"
        assert {a for a, b in zip(every, folded, strict=True) if b == letter} == ignoring_case
