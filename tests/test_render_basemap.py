"""The offline base's payload: bundled resolution around the story, simplified farther out,
each border once, towns named by size (the story's own places left to the places layer)."""

from __future__ import annotations

import pytest
import shapely

from geo.model import Place
from geo.render.basemap import basemap_payload, core_box, town_zoom


def _wiggly(x0: float, y0: float, x1: float, y1: float) -> shapely.Polygon:
    """A box whose edges zig-zag by 0.01 degrees every 0.02: detail a coarse scale drops."""
    n = int((x1 - x0) / 0.02)
    south = [(x0 + i * 0.02, y0 + (0.01 if i % 2 else 0.0)) for i in range(n + 1)]
    north = [(x1 - i * 0.02, y1 - (0.01 if i % 2 else 0.0)) for i in range(n + 1)]
    return shapely.Polygon([*south, (x1, y1), *north, (x0, y0)])


A = _wiggly(20.0, 44.5, 40.0, 50.0)  # its south edge crosses the core and runs far past it
B = shapely.box(40.0, 40.0, 60.0, 50.0)  # A's eastern neighbour: one shared edge


class Source:
    def __call__(self, south, west, north, east, level):
        return [("Aland", A), ("Beeland", B)] if level == "country" else []

    def towns(self, south, west, north, east):
        return [Place(1, "Bigtown", "city", "AA", "", "", 45.0, 30.0, 600_000),
                Place(2, "Story", "city", "AA", "", "", 45.1, 30.1, 50_000),
                Place(3, "Village", "city", "AA", "", "", 45.2, 30.2, 4_000)]


def _vertices(geom: dict, inside: tuple[float, float, float, float] | None, want_in: bool):
    g = shapely.geometry.shape(geom)
    pts = shapely.get_coordinates(g)
    if inside is None:
        return len(pts)
    s, w, n, e = inside
    return sum(1 for x, y in pts if (s < y < n and w < x < e) == want_in)


def test_detail_is_kept_around_the_story_and_dropped_far_out():
    frame = (44.0, 29.0, 46.0, 31.0)
    core = core_box(frame)
    out = basemap_payload(Source(), frame, frozenset({2}))
    assert out["core"] == [41.0, 26.0, 49.0, 34.0]
    aland = next(u for u in out["country"] if u["name"] == "Aland")
    core_len, far_len = 8.0, 12.0  # degrees of A's south edge inside and outside the core
    inner = _vertices(aland["geom"], core, True)
    outer = _vertices(aland["geom"], core, False)
    # inside: every zig-zag vertex (one per 0.02 degrees); outside (and the north edge, 20
    # degrees): a few, simplified to the box's scale
    assert inner >= core_len / 0.02 * 0.9
    assert outer < (far_len + 20.0) / 0.02 * 0.1


def test_a_shared_border_is_drawn_once_and_towns_by_size():
    out = basemap_payload(Source(), (44.0, 29.0, 46.0, 31.0), frozenset({2}))
    lines = shapely.geometry.shape(out["lines"]["country"])
    shared = shapely.LineString([(40.0, 41.0), (40.0, 49.0)])
    # the union of both outlines covers the shared edge once: 8 degrees, not 8 + 4.5
    assert abs(lines.intersection(shared.buffer(1e-6)).length - 8.0) < 1e-3
    assert [t[0] for t in out["towns"]] == ["Bigtown", "Village"]  # "Story": the places layer
    assert [t[3] for t in out["towns"]] == [5, 9]
    assert [town_zoom(p) for p in (2_000_000, 150_000, 40_000, 12_000, 3_500, 900)] == \
        [5, 6, 7, 8, 9, 99]


def test_a_continental_frame_has_no_core_and_no_towns():
    out = basemap_payload(Source(), (10.0, 0.0, 60.0, 50.0))
    assert out["core"] is None and out["towns"] == []


def test_a_story_across_continents_keeps_detail_around_its_most_mentioned_place():
    assert core_box((10.0, 0.0, 60.0, 50.0), focus=(50.45, 30.52)) == \
        pytest.approx((44.45, 24.52, 56.45, 36.52))
    out = basemap_payload(Source(), (10.0, 0.0, 60.0, 50.0), focus=(45.0, 30.0))
    assert out["core"] is not None and [t[0] for t in out["towns"]][:1] == ["Bigtown"]
