"""The real gazetteer (GeoNames cities500 + data/gazetteer): a golden table of names -> places.

Expected ids are GeoNames ids checked against GeoNames' own records (name, country, admin-1
code, population), not taken from this code's output. Builds the default index once when it
is missing (about 30 s).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.real_gazetteer


@pytest.fixture(scope="module")
def gaz():
    from geo.gazetteer import Gazetteer

    with Gazetteer.open(build_if_missing=True) as g:
        yield g


GOLDEN = [
    # every place of ../shared/seeds/seed-gold.jsonl
    ("France", 3017382), ("Ukraine", 690791), ("Kyiv", 703448), ("United States", 6252001),
    ("US", 6252001), ("Toulon", 2972328), ("Pokrovsk", 704422), ("Donetsk region", 709716),
    ("Russia", 2017370), ("Kramatorsk", 704508), ("Sloviansk", 693468), ("Paris", 2988507),
    ("Netherlands", 2750405), ("Poland", 798544), ("United Kingdom", 2635167),
    ("Italy", 3175395), ("Germany", 2921044), ("Washington", 4140963), ("Europe", 6255148),
    ("Alaska", 5879092), ("Moscow", 524901),
    # Ukraine: spellings, scripts, renamed places, typos
    ("Kiev", 703448), ("Київ", 703448), ("Киев", 703448), ("Kharkiv", 706483),
    ("Kharkov", 706483), ("Харків", 706483), ("Zaporizhzhia", 687700), ("Zaporozhye", 687700),
    ("Покровськ", 704422), ("Krasnoarmiisk", 704422), ("Artemivsk", 713174),
    ("Bakhmut", 713174), ("Dnipropetrovsk", 709930), ("Dnipro", 709930),
    ("Kup'yans'k", 703656), ("Kupiansk", 703656), ("Slovyansk", 693468),
    ("Slavyansk", 693468), ("Kramatorks", 704508), ("Odesa", 698740), ("Odessa", 698740),
    ("Lviv", 702550), ("Lvov", 702550), ("Mykolaiv", 700569), ("Nikolaev", 700569),
    ("Kherson", 706448), ("Mariupol", 701822), ("Donetsk", 709717), ("Luhansk", 702658),
    ("Lugansk", 702658), ("Izium", 707292), ("Chasiv Yar", 710915), ("Sumy", 692194),
    ("Chernihiv", 710735), ("Sevastopol", 694423), ("Simferopol", 693805),
    ("Kostiantynivka", 705104), ("Lysychansk", 702972), ("Melitopol", 701404),
    ("Donetsk Oblast", 709716), ("Донецька область", 709716), ("Kharkiv Oblast", 706482),
    # Russia
    ("Saint Petersburg", 498817), ("St. Petersburg", 498817), ("Москва", 524901),
    ("Belgorod", 578072), ("Kursk", 538560), ("Novosibirsk", 1496747), ("Kazan", 551487),
    ("Volgograd", 472757), ("Voronezh", 472045), ("Engels", 563464),
    # Europe
    ("Berlin", 2950159), ("London", 2643743), ("Warsaw", 756135), ("Rome", 3169070),
    ("Madrid", 3117735), ("Vienna", 2761369), ("Brussels", 2800866), ("Amsterdam", 2759794),
    ("Munich", 2867714), ("Prague", 3067696), ("Marseille", 2995469), ("Kraków", 3094802),
    ("Krakow", 3094802), ("Vilnius", 593116), ("Chisinau", 618426), ("Minsk", 625144),
    # United States
    ("New York", 5128581), ("Los Angeles", 5368361), ("Chicago", 4887398),
    ("Houston", 4699066), ("Anchorage", 5879400), ("San Francisco", 5391959),
    ("Texas", 4736286),
]


@pytest.mark.parametrize(("name", "place_id"), GOLDEN, ids=[n for n, _ in GOLDEN])
def test_golden(gaz, name, place_id):
    got = gaz.lookup(name, limit=3)
    assert got, f"no match for {name!r}"
    assert got[0].place.id == place_id, [(c.place.id, c.place.name, c.score) for c in got]


def test_golden_table_is_large_enough():
    assert len(GOLDEN) >= 60


def test_pokrovsk_ranking(gaz):
    got = [c.place.id for c in gaz.lookup("Pokrovsk", limit=10)]
    # Donetsk oblast (primary name, 60k) > Yakut Pokrovsk (primary, 9.7k) > Engels (old name)
    assert got.index(704422) < got.index(2017824) < got.index(563464)


def test_kinds_of_seed_places(gaz):
    assert gaz.lookup("Donetsk region")[0].place.kind == "admin1"
    assert gaz.lookup("Alaska")[0].place.kind == "admin1"
    assert gaz.lookup("Europe")[0].place.kind == "continent"
    assert gaz.lookup("Georgia")[0].place.kind in ("country", "admin1")
    assert gaz.lookup("Crimea")[0].place.kind in ("admin1", "region")


def test_filters(gaz):
    assert gaz.lookup("Paris", country="US")[0].place.cc == "US"
    assert gaz.lookup("Washington", kind="admin1")[0].place.id == 5815135
    assert gaz.lookup("Pokrovsk", near=(61.5, 129.1))[0].place.id == 2017824
    assert gaz.lookup("Moscow", country="US", limit=50)
    assert all(c.place.cc == "US" for c in gaz.lookup("Moscow", country="US", limit=50))


def test_admin1_joins(gaz):
    assert gaz.admin1("UA", "05").id == 709716  # Pokrovsk's admin1code "05"
    assert gaz.get(704422).admin1_name == gaz.admin1("UA", "05").name
    assert gaz.country("UA").id == 690791


@pytest.mark.parametrize(("lat", "lon", "admin1", "cc"), [
    (43.12442, 5.92836, 2985244, "FR"),  # Toulon, on the coast
    (48.28014, 37.17706, 709716, "UA"),  # Pokrovsk
    (50.45466, 30.5238, 703447, "UA"),  # Kyiv city, not Kyiv oblast
    (44.61665, 33.52536, 694422, "UA"),  # Sevastopol
    (61.21806, -149.90028, 5879092, "US"),  # Anchorage, Alaska
])
def test_reverse(gaz, lat, lon, admin1, cc):
    rev = gaz.reverse(lat, lon)
    assert rev.admin1 is not None and rev.admin1.id == admin1
    assert rev.country is not None and rev.country.cc == cc
    assert rev.nearest and rev.nearest[0].distance_km < 15
