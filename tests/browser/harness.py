"""Drive Debian's headless Chromium on a map page, with CDN assets served from the local cache.

Nothing here downloads: pinned jsDelivr URLs are answered from ``geo assets``' cache, tile
requests get a blank tile, and every other request is aborted and recorded.
"""

from __future__ import annotations

import struct
import time
import zlib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from geo.render import assets

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGE_URL = "http://geo.test/map.html"
TILE_HOSTS = ("tile.openstreetmap.org", "basemaps.cartocdn.com")


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A plain opaque PNG (used as the blank map tile)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


#: a light grey 256 px tile standing in for every base-map tile
BLANK_TILE = _png(256, 256, (242, 239, 233))
CACHE_HINT = "map assets are not cached: run `geo assets fetch`"


def cache_ready() -> bool:
    return not assets.missing()


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@dataclass
class MapPage:
    """An open map page and what it did: console errors, page errors, dialogs, blocked URLs."""

    page: Any
    context: Any
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    load_seconds: float = 0.0

    def js(self, expr: str, arg: Any = None) -> Any:
        return self.page.evaluate(expr, arg)

    def click_place(self, name: str) -> None:
        """Click the circle of the place called ``name`` (first match)."""
        xy = self.js("""(name) => {
            const s = window.__geo, l = s.layers.places;
            const i = l.places.findIndex(p => p.n === name);
            if (i < 0) return null;
            const mk = l.markers[i];
            s.map.closePopup();
            s.map.stop();
            s.map.setView(mk.getLatLng(), Math.max(s.map.getZoom(), 7), {animate: false});
            const pt = s.map.latLngToContainerPoint(mk.getLatLng());
            const box = s.map.getContainer().getBoundingClientRect();
            return [box.left + pt.x, box.top + pt.y];
        }""", name)
        assert xy is not None, f"no place {name!r} on the map"
        check = """(name) => {
            const n = document.querySelector('.leaflet-popup-content .geo-popup-name');
            return n && n.textContent === name;
        }"""
        self.page.mouse.move(xy[0], xy[1])  # hover first, as a user does (canvas hit-testing)
        self.page.wait_for_timeout(150)
        for attempt in (1, 2):
            self.page.mouse.click(xy[0], xy[1])
            try:
                self.page.wait_for_function(check, arg=name, timeout=1500 * attempt)
                return
            except Exception:  # a click right after a programmatic
                if attempt == 2:  # setView can be swallowed; a user's second click works
                    raise

    def popup_text(self) -> str:
        return self.page.inner_text(".leaflet-popup-content")

    def close(self) -> None:
        self.context.close()


def open_map(browser: Any, html: str, *, offline: bool = False, tiles: bool = True,
             timeout_ms: int = 20000, viewport: tuple[int, int] = (1280, 800)) -> MapPage:
    """Load ``html`` as a page; ``offline`` blocks every request but the page itself;
    ``tiles=False`` blocks only the tile servers (a closed network with the assets inlined)."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    mp = MapPage(page, context)

    def handle(route: Any) -> None:
        url = route.request.url
        if url == PAGE_URL:
            route.fulfill(body=html, content_type="text/html; charset=utf-8")
            return
        if not offline:
            path = assets.local_path(url)
            if path is not None and path.is_file():
                route.fulfill(path=str(path))
                return
            if tiles and urlsplit(url).hostname and urlsplit(url).hostname.endswith(TILE_HOSTS):
                route.fulfill(body=BLANK_TILE, content_type="image/png")
                return
        mp.blocked.append(url)
        route.abort()

    page.route("**/*", handle)
    page.on("console", lambda msg: mp.console_errors.append(msg.text) if msg.type == "error"
            else None)
    page.on("pageerror", lambda exc: mp.page_errors.append(str(exc)))

    def on_dialog(dialog: Any) -> None:
        mp.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    start = time.perf_counter()
    page.goto(PAGE_URL, wait_until="commit")
    page.wait_for_function("window.__geo && window.__geo.ready === true", timeout=timeout_ms)
    mp.load_seconds = time.perf_counter() - start
    return mp
