"""Every DeepState naming era read right: layers, areas clipped to the country's border, the
area occupied since 2022, repairs. Fixtures: small synthetic files (tests/frontline_eras.py);
expected areas: geodesic areas of the boxes, computed independently of the code's projection."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import shapely

from geo.frontline.border import Border, clip
from geo.frontline.layers import read_name
from geo.frontline.load import load_snapshots, read_snapshots
from geo.frontline.stats import compute_stats
from tests import frontline_eras as era

TODAY = dt.date(2026, 9, 1)
BORDER = Border("UA", era.COUNTRY, "test box", tuple(era.REGIONS.items()))


@pytest.mark.parametrize(("name", "layer", "before"), [
    ("Окуповано", "occupied", False),
    ("Окуповано 04.04 та 21.04 /// Occupied 04.04 and 21.04\n\n", "occupied", False),
    ("Ізюм. Окуповано\xa0", "occupied", False),
    ("Рубіжне. Території зайняті ворогом", "occupied", False),
    ("Звільнено 16.03-17.03", "liberated", False),
    ("Під питанням /// In doubt\n", "grey_zone", False),
    ("Ситуація невідома", "grey_zone", False),
    ("Статус невідомий /// Unknown status", "grey_zone", False),
    ("Напрямок удару", "attack_direction", False),
    ("Окупований Крим", "occupied", True),
    ("Окупований Крим /// Occupied Crimea", "occupied", True),
    ("ОРДЛО /// CADR and CALR\n", "occupied", True),
    ("Острів Тузла /// Occupied Tuzla Island", "occupied", True),
    ("Окупована область Петсамо\n///\nOccupied Petsamo", "occupied", False),
    ("Тимчасово окупована східна Пруссія///East Prussia is temporarily occupied", "occupied",
     False),
    ("Придністров'я ///\xa0Transnistria", "other", False),
    ("Окуповано /// Occupied\xa0/// geoJSON.status.occupied\n", "occupied", False),
    ("x /// y /// geoJSON.territories.crimea", "occupied", True),
    ("x /// y /// geoJSON.territories.abkhazia", "occupied", True),
    ("7-ма військова база (Абхазія) ////7th Military Base /// geoJSON.units.base.7", "units",
     False),
    ("Зміїний ///\xa0Snake Island /// geoJSON.zmiinyi_island", "other", False),
    ("Russian-controlled Ukrainian Territory before February 24, 2022", "occupied", True),
    ("Аеродром Кримськ", None, False),
    ("Аеродром Чаплинка. Використовується окупантами", None, False),  # "the occupiers"
    ("Київ /// Kyiv /// geoJSON.territories.kyiv", "occupied", True),  # a point: a label
    ("24.03", None, False),
])
def test_names_of_every_era(name: str, layer: str | None, before: bool) -> None:
    got = read_name(name)
    assert (got.layer, got.before_2022) == (layer, before)


def read(tmp_path: Path, features, day: str = "20230601"):
    [snap] = read_snapshots(era.write(tmp_path / f"ds_{day}.geojson", features), today=TODAY)
    return snap


def test_spring_2022_ukrainian_only(tmp_path: Path) -> None:
    snap = read(tmp_path, era.spring_2022(), "20220414")
    shell = shapely.box(31, 46, 31.5, 46.5)
    hole = shapely.box(32, 46, 32.2, 46.2)
    expected = shapely.union_all([era.OCCUPIED_2022, era.CRIMEA, era.ORDLO, shell, hole])
    assert snap.occupied.symmetric_difference(expected).area < 1e-9
    assert snap.occupied_before_2022.symmetric_difference(
        shapely.union_all([era.CRIMEA, era.ORDLO])).area < 1e-9
    assert snap.grey_zone.area == pytest.approx(0.25)
    assert snap.layer("liberated").count == 1 and snap.layer("attack_direction").count == 1
    assert any("repaired 1 invalid polygon" in n and "outside shell" in n for n in snap.notes)
    assert any("1 polygon(s) with no recognised layer name" in n for n in snap.notes)


def test_mid_era_far_away_areas_are_clipped_away(tmp_path: Path) -> None:
    snap = read(tmp_path, era.mid_2022_2024(), "20230601")
    stats = compute_stats([snap], country="UA", border=BORDER)
    row = stats.areas[0]
    inside = shapely.union_all([era.OCCUPIED_2022, shapely.box(36.5, 48, 37, 48.5), era.CRIMEA,
                                era.ORDLO])
    assert row.occupied_km2 == pytest.approx(era.km2(inside), rel=2e-3)
    since = shapely.union_all([era.OCCUPIED_2022, shapely.box(36.5, 48, 37, 48.5)])
    assert row.occupied_since_2022_km2 == pytest.approx(era.km2(since), rel=2e-3)
    far = era.km2(shapely.box(29, 68, 31, 70)) + era.km2(shapely.box(145, 43, 148, 45))
    assert row.outside_km2 == pytest.approx(far, rel=5e-3)  # Transnistria is not "occupied" here
    assert stats.country.km2 == pytest.approx(era.km2(era.COUNTRY), rel=2e-3)
    assert row.pct_of_country == pytest.approx(100 * row.occupied_km2 / stats.country.km2)
    assert stats.border == "UA (test box)"


def test_spring_2024_keys_territories_and_z(tmp_path: Path) -> None:
    snap = read(tmp_path, era.spring_2024(), "20240515")
    clipped = clip(snap, era.COUNTRY)
    expected = shapely.union_all([era.OCCUPIED_2022, era.CRIMEA, era.ORDLO])
    # Transnistria straddles the border with 94 % of it outside: left out whole, not a sliver
    assert clipped.occupied.symmetric_difference(expected).area < 1e-9
    assert any("left out 1 territory polygon" in n for n in clipped.notes)
    assert snap.layer("units").count == 1 and snap.layer("other").count == 1
    assert not shapely.has_z(snap.occupied)
    stats = compute_stats([snap], country="UA", border=BORDER)
    assert stats.areas[0].occupied_since_2022_km2 == pytest.approx(
        era.km2(era.OCCUPIED_2022), rel=2e-3)
    assert stats.areas[0].grey_zone_km2 == pytest.approx(
        era.km2(shapely.box(35, 49, 35.5, 49.5)), rel=2e-3)


def test_status_polygons_across_the_border_are_clipped_not_dropped(tmp_path: Path) -> None:
    # an occupied status polygon with 80 % of it beyond the border (drawn generously into the
    # neighbour): its part inside is occupied ground and counts
    feats = [era.feature(era.box(39.6, 47, 41.6, 48), "Окуповано /// Occupied /// "
                                                      "geoJSON.status.occupied")]
    snap = clip(read(tmp_path, feats, "20240515"), era.COUNTRY)
    assert snap.occupied.symmetric_difference(shapely.box(39.6, 47, 40, 48)).area < 1e-9
    assert not any("left out" in n for n in snap.notes)


def test_cyterat_file_has_no_since_2022_figure(tmp_path: Path) -> None:
    snap = read(tmp_path, era.cyterat(), "20240708")
    stats = compute_stats([snap], country="UA", border=BORDER)
    assert stats.areas[0].occupied_since_2022_km2 is None
    assert stats.to_dict()["areas"][0]["occupied_since_2022_km2"] is None
    assert stats.areas[0].occupied_km2 == pytest.approx(
        era.km2(shapely.union_all([era.OCCUPIED_2022, era.CRIMEA, era.ORDLO])), rel=2e-3)


def test_same_day_from_two_sources_agrees(tmp_path: Path) -> None:
    raw = read(tmp_path, era.spring_2024(), "20240515")
    processed = read(tmp_path, era.cyterat(), "20240515b")
    a, b = compute_stats([raw, processed], country="UA", border=BORDER).areas
    assert a.occupied_km2 == pytest.approx(b.occupied_km2, rel=1e-6)


def test_hole_outside_shell_inside_a_collection_is_repaired(tmp_path: Path) -> None:
    gc = {"type": "GeometryCollection", "geometries": [
        era.hole_outside_shell(36, 47), era.box(36, 48, 36.5, 48.5)]}
    snap = read(tmp_path, [era.feature(gc, "Окуповано /// Occupied")], "20220601")
    assert snap.occupied.area == pytest.approx(0.25 + 0.04 + 0.25)
    assert any("Hole lies outside shell" in n for n in snap.notes)


def test_points_named_as_areas_are_labels_lines_are_noted(tmp_path: Path) -> None:
    line = era.feature({"type": "LineString", "coordinates": [[36, 47], [37, 48]]},
                       "Окуповано /// Occupied")
    snap = read(tmp_path, [*era.spring_2024(), era.point(30.5, 50.45, "Київ /// Kyiv /// "
                                                         "geoJSON.territories.kyiv"), line])
    assert snap.layer("other").count == 2 and snap.layer("lines").count == 1
    assert [n for n in snap.notes if "named as an area" in n] == [
        "1 line(s) named as an area layer kept apart, not counted as area"]


def test_one_unreadable_file_leaves_the_rest(tmp_path: Path) -> None:
    good = era.write(tmp_path / "a_20230101.geojson", era.mid_2022_2024())
    only_points = era.write(tmp_path / "b_20230201.geojson", [era.point(36, 47, "Окуповано")])
    broken = tmp_path / "c_20230301.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    snaps, failed = load_snapshots([good, only_points, broken], today=TODAY)
    assert [s.path for s in snaps] == [str(good)]
    assert [p for p, _ in failed] == [str(only_points), str(broken)]
    assert all("\n" not in reason and reason.startswith(p) for p, reason in failed)


def test_archive_names_by_unix_time(tmp_path: Path) -> None:
    from geo.frontline.load import date_from_name

    assert date_from_name("1649004375.geojson") == dt.date(2022, 4, 3)  # 16:46 UTC
    assert date_from_name("1649004375123.geojson") == dt.date(2022, 4, 3)
    assert date_from_name("front_20240101_1649004375.geojson") == dt.date(2024, 1, 1)
    assert date_from_name("0000000042.geojson") is None and date_from_name("12345.json") is None
    [snap] = read_snapshots(era.write(tmp_path / "1684108800.geojson", era.mid_2022_2024()),
                            today=TODAY)
    assert snap.date == dt.date(2023, 5, 15) and snap.date_from == "file name"
