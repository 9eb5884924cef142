"""Map scale: 100k mentions over 5k places: build time, HTML size, browser time to interactive.

Baselines in the same process: a bare map (same pinned Leaflet, nothing drawn) and folium's own
GeoJson of the same 5,000 places (SVG markers, one per feature). Needs `geo assets fetch` and
/usr/bin/chromium. Run: python benchmarks/bench_map.py [--mentions N] [--places N] [--runs 3]
[--against DIR]: with ``--against`` (another checkout of geo, e.g. main's) its page for the same
data is built in a subprocess and timed in the same browser, runs interleaved with ours, and the
ratio is printed (wall-clock times on a shared machine move together; the ratio is the figure).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.render import MapData, map_html, render_map  # noqa: E402
from geo.render.assets import LEAFLET_CSS, LEAFLET_JS  # noqa: E402
from tests import render_samples  # noqa: E402
from tests.browser import harness  # noqa: E402


def baseline_pages(data: MapData) -> dict[str, str]:
    import folium

    def bare() -> folium.Map:
        m = folium.Map(location=(48, 31), zoom_start=6, tiles=None)
        m.default_js = [(LEAFLET_JS.url, LEAFLET_JS.url)]
        m.default_css = [(LEAFLET_CSS.url, LEAFLET_CSS.url)]
        return m

    ready = "<script>requestAnimationFrame(() => requestAnimationFrame(() => " \
            "{window.__geo = {ready: true};}));</script>"
    m = bare()
    m.get_root().html.add_child(folium.Element(ready))
    pages = {"bare map": m.get_root().render()}
    places = {mn.place.id: mn.place for mn in data.mentions}
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
         "properties": {"name": p.name}} for p in places.values()]}
    m = bare()
    folium.GeoJson(fc, marker=folium.CircleMarker(radius=5),
                   tooltip=folium.GeoJsonTooltip(["name"])).add_to(m)
    m.get_root().html.add_child(folium.Element(ready))
    pages["folium GeoJson (svg)"] = m.get_root().render()
    return pages


def page_of_checkout(checkout: Path, mentions: int, places: int) -> str:
    """The benchmark page as the geo in ``checkout`` draws it (its own code on the path)."""
    import os
    import subprocess

    code = ("import sys; from geo.render import MapData, map_html, render_map; "
            "from tests import render_samples; "
            f"d = MapData.from_parsed(render_samples.synthetic({mentions}, {places})); "
            "sys.stdout.write(map_html(render_map(d, title='bench', region_shapes=None)))")
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    out = subprocess.run([sys.executable, "-c", code], cwd=checkout, env=env, check=True,
                         capture_output=True, text=True, encoding="utf-8")
    return out.stdout


def time_to_interactive(browser, html: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        mp = harness.open_map(browser, html, timeout_ms=60000)
        times.append(mp.load_seconds)
        mp.close()
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mentions", type=int, default=100_000)
    ap.add_argument("--places", type=int, default=5_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--against", type=Path, default=None,
                    help="another geo checkout (e.g. /work/main) to compare with in this run")
    args = ap.parse_args()
    if not harness.cache_ready():
        print(harness.CACHE_HINT, file=sys.stderr)
        return 2

    parsed = render_samples.synthetic(args.mentions, args.places)
    data = MapData.from_parsed(parsed)
    n_places = len({m.place.id for m in data.mentions})
    print(f"data: {len(data.mentions):,} mentions, {n_places:,} places, "
          f"{len(data.articles):,} articles")

    t0 = time.perf_counter()
    page = map_html(render_map(data, title="bench", region_shapes=None))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bench.html"
        out.write_text(page, encoding="utf-8")
        build = time.perf_counter() - t0
        size = out.stat().st_size
    print(f"geo map: written in {build:.2f} s, HTML {size / 1e6:.2f} MB")

    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = harness.launch(pw)
        if args.against is not None:
            theirs_page = page_of_checkout(args.against, args.mentions, args.places)
            ours_t, theirs_t = [], []
            for _ in range(args.runs):  # interleaved: both see the same load
                ours_t.append(time_to_interactive(browser, page, 1))
                theirs_t.append(time_to_interactive(browser, theirs_page, 1))
            ours, theirs = statistics.median(ours_t), statistics.median(theirs_t)
            print(f"geo map: interactive in {ours:.2f} s (median of {args.runs}); "
                  f"{args.against}: HTML {len(theirs_page.encode()) / 1e6:.2f} MB, interactive "
                  f"in {theirs:.2f} s; this/that = {ours / theirs:.2f}x")
        else:
            ours = time_to_interactive(browser, page, args.runs)
            print(f"geo map: interactive in {ours:.2f} s (median of {args.runs})")
        for name, html in baseline_pages(data).items():
            t = time_to_interactive(browser, html, args.runs)
            print(f"baseline {name}: HTML {len(html.encode()) / 1e6:.2f} MB, interactive in "
                  f"{t:.2f} s (median of {args.runs}); geo/baseline = {ours / t:.2f}x")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
