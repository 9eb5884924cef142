"""One geodesy module: geodesic distances single and batched, great-circle, search boxes."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from geo import geodesy as G

# (lat1, lon1, lat2, lon2, km): Karney's published test values and well-known pairs
PAIRS = [
    (48.28014, 37.17706, 48.72305, 37.55629, None),  # Pokrovsk - Kramatorsk
    (50.45466, 30.5238, 49.98081, 36.25272, None),  # Kyiv - Kharkiv
    (-33.86785, 151.20732, -37.814, 144.96332, None),  # Sydney - Melbourne (south)
    (40.64, -73.78, 1.36, 103.99, None),  # JFK - Singapore (long, crosses hemispheres)
    (0.0, 179.5, 0.0, -179.5, None),  # across the antimeridian
    (89.9, 0.0, 89.9, 180.0, None),  # over the pole
    (10.0, 20.0, 10.0, 20.0, 0.0),
    (0.0, 0.0, 0.0, 1.0, 111.319491),  # a degree of longitude on the equator
    (0.0, 0.0, 1.0, 0.0, 110.574389),  # a degree of latitude at the equator
]


@pytest.mark.parametrize(("lat1", "lon1", "lat2", "lon2", "km"), PAIRS)
def test_single_and_batched_distances_agree_with_geopy(lat1, lon1, lat2, lon2, km):
    from geopy.distance import geodesic

    reference = geodesic((lat1, lon1), (lat2, lon2)).km
    assert G.distance_km(lat1, lon1, lat2, lon2) == pytest.approx(reference, abs=1e-9)
    batch = G.distances_km([lat1], [lon1], [lat2], [lon2])
    assert batch.shape == (1,) and batch[0] == pytest.approx(reference, abs=1e-8)
    if km is not None:
        assert reference == pytest.approx(km, abs=1e-6)


def test_batches_broadcast_a_point_against_arrays_and_keep_order():
    rng = random.Random(3)
    lats = [rng.uniform(-89, 89) for _ in range(500)]
    lons = [rng.uniform(-180, 180) for _ in range(500)]
    one = [G.distance_km(-12.5, 130.8, la, lo) for la, lo in zip(lats, lons, strict=True)]
    many = G.distances_km(-12.5, 130.8, lats, lons)
    assert np.max(np.abs(many - np.array(one))) < 1e-8
    assert G.distances_from_km(-12.5, 130.8, zip(lats, lons, strict=True)) == \
        pytest.approx(one, abs=1e-8)
    assert G.distances_from_km(0, 0, []) == []
    assert G.distances_km([], [], [], []).shape == (0,)


def test_great_circle_is_within_half_a_percent_of_the_geodesic():
    rng = random.Random(5)
    for _ in range(300):
        a = (rng.uniform(-80, 80), rng.uniform(-180, 180))
        b = (rng.uniform(-80, 80), rng.uniform(-180, 180))
        geodesic = G.distance_km(*a, *b)
        circle = G.great_circle_km(*a, *b)
        assert isinstance(circle, float)
        assert abs(circle - geodesic) <= 0.005 * geodesic + 1e-9
    arr = G.great_circle_km(np.array([0.0, 10.0]), np.array([0.0, 0.0]), 0.0, 1.0)
    assert arr.shape == (2,) and arr[0] == pytest.approx(2 * math.pi * G.EARTH_RADIUS_KM / 360)


@pytest.mark.parametrize("lat", [0.0, 35.0, -48.0, 65.0, -80.0])
@pytest.mark.parametrize("km", [1.0, 30.0, 300.0])
def test_degree_boxes_hold_every_point_within_range(lat, km):
    """Walk ``km`` from the centre on every bearing: the end stays inside the box."""
    from geographiclib.geodesic import Geodesic

    dlat = G.deg_lat(km)
    dlon = G.deg_lon(km, min(abs(lat) + dlat, 90.0))
    for bearing in range(0, 360, 5):
        end = Geodesic.WGS84.Direct(lat, 20.0, bearing, km * 1000.0)
        assert abs(end["lat2"] - lat) <= dlat + 1e-9
        assert abs(end["lon2"] - 20.0) <= dlon + 1e-9
    # and the box is not absurdly large: within 1 % of the true extent north-south
    north = Geodesic.WGS84.Direct(lat, 20.0, 0.0, km * 1000.0)["lat2"] - lat
    assert dlat <= north * 1.011


def test_degree_boxes_cover_all_longitudes_at_the_pole_or_around_the_world():
    assert G.deg_lon(10.0, 90.0) == 360.0
    assert G.deg_lon(50_000.0, 0.0) == 360.0
    assert G.deg_lon(111.3195, 0.0) == pytest.approx(1.0)
    assert G.deg_lon(111.3195, 60.0) == pytest.approx(2.0)
    assert G.deg_lat(110.574) == pytest.approx(1.0)


def test_no_module_of_geo_carries_its_own_earth_constants():
    """The five copies (6371, 110.0, 110.5, 111.32, haversine) live only in geo.geodesy."""
    import pathlib
    import re

    root = pathlib.Path(G.__file__).parent
    pattern = re.compile(r"\b(6371(\.\d+)?|110\.[05]|111\.32?|12742(\.0)?)\b|haversine|"
                         r"geopy\.distance")
    offenders = []
    for path in root.rglob("*.py"):
        if path.name == "geodesy.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(root)}:{n}: {line.strip()}")
    assert offenders == []

