"""The real gazetteer: raions, hromadas and okrugs, and the Latin spellings of Ukrainian and
Russian places by every system news uses. Expected countries and admin-1 codes are the
places' own (GeoNames admin-1 codes: UA 05 Donetsk, 07 Kharkiv, 09 Khmelnytskyi, 10
Kirovohrad, 16 Mykolaiv, 21 Sumy, 26 Zaporizhzhia; RU 09 Belgorod, 10 Bryansk, 41 Kursk)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.real_gazetteer


@pytest.fixture(scope="module")
def gaz():
    from geo.gazetteer import Gazetteer

    with Gazetteer.open(build_if_missing=True) as g:
        yield g


SPELLINGS = [
    # Russian-based and older English forms
    ("Kharkov", "UA", "07"), ("Nikolaev", "UA", "16"), ("Nikolayev", "UA", "16"),
    ("Zaporozhye", "UA", "26"), ("Zaporozh'ye", "UA", "26"), ("Kirovograd", "UA", "10"),
    ("Velikiy Burluk", "UA", "07"), ("Kurakhovo", "UA", "05"), ("Gorlovka", "UA", "05"),
    # the Ukrainian national system (2010)
    ("Kropyvnytskyi", "UA", "10"), ("Velykyi Burluk", "UA", "07"), ("Vuhledar", "UA", "05"),
    ("Kamianets-Podilskyi", "UA", "09"), ("Huliaipole", "UA", "26"),
    # BGN/PCGN for Ukrainian and for Russian
    ("Kam'yanets'-Podil's'kyy", "UA", "09"), ("Velykyy Burluk", "UA", "07"),
    ("Hulyaypole", "UA", "26"), ("Staryy Oskol", "RU", "09"), ("Grayvoron", "RU", "09"),
    # ICAO Doc 9303 (passports) for Russian
    ("Graivoron", "RU", "09"), ("Guliaipole", "UA", "26"),
]


@pytest.mark.parametrize(("name", "cc", "admin1"), SPELLINGS, ids=[s[0] for s in SPELLINGS])
def test_every_latin_spelling_finds_the_place(gaz, name, cc, admin1):
    top = gaz.lookup(name, limit=1)[0]
    assert (top.place.cc, top.place.admin1) == (cc, admin1)
    assert top.match != "fuzzy"


@pytest.mark.parametrize(("name", "cc", "admin1"), [
    ("Краматорський район", "UA", "05"), ("Kramatorsk Raion", "UA", "05"),
    ("Краматорский район", "UA", "05"), ("Великописарівська громада", "UA", "21"),
    ("Суджанский район", "RU", "41"), ("Шебекинский городской округ", "RU", "09"),
    ("Климовский район", "RU", "10"),
])
def test_raions_hromadas_and_okrugs_are_admin2_units(gaz, name, cc, admin1):
    top = gaz.lookup(name, limit=1)[0].place
    assert (top.kind, top.cc, top.admin1) == ("admin2", cc, admin1)


def test_the_codifier_puts_settlements_in_their_raion(gaz):
    raion = gaz.lookup("Краматорський район", limit=1)[0].place
    assert raion.id in gaz.admin2_of(704508)  # Kramatorsk
    assert raion.id in gaz.admin2_of(693468)  # Sloviansk
    assert raion.id not in gaz.admin2_of(704422)  # Pokrovsk: Pokrovsk Raion
