"""``geo map --png``: the map as an image, drawn by headless Chromium through Playwright.

The page is loaded with every request blocked (no network at run time): scripts and styles are
inlined from the asset cache, the tile layer fails and the offline Natural Earth base takes
over, so a report's picture is the same on any machine. Chromium is the system one
(``GEO_CHROMIUM``, else ``chromium`` / ``chromium-browser`` / ``google-chrome`` on the PATH),
or Playwright's own when installed.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from geo.errors import GeoError, InputError

_SIZE_RE = re.compile(r"(\d{2,5})x(\d{2,5})")
#: the largest side accepted (a bigger page is minutes of rendering and hundreds of MB)
MAX_SIDE = 8000
_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def parse_size(text: str) -> tuple[int, int]:
    """``"1400x900"`` -> ``(1400, 900)``; anything else is a one-line input error."""
    m = _SIZE_RE.fullmatch(str(text).strip().lower())
    if not m or not all(100 <= int(v) <= MAX_SIDE for v in m.groups()):
        raise InputError(f"invalid --size {text!r} (expected WIDTHxHEIGHT, 100 to {MAX_SIDE} "
                         "pixels each, e.g. 1400x900)")
    return int(m.group(1)), int(m.group(2))


def _chromium() -> str | None:
    found = os.environ.get("GEO_CHROMIUM")
    if found:
        return found
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def save_png(page_html: str, path: str | Path, *, size: tuple[int, int] = (1400, 900),
             timeout_s: float = 60.0, overwrite: bool = True, zoom: int | None = None,
             center: tuple[float, float] | None = None) -> Path:
    """Render ``page_html`` (a self-contained map page) to a PNG at ``size`` (CSS pixels),
    through a temporary file renamed into place (an existing file only with ``overwrite``);
    ``zoom`` and ``center`` (lat, lon) change the view from the fitted one first."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise GeoError("--png needs Playwright: pip install playwright (and a Chromium)") \
            from exc
    from geo._files import replacing

    target = Path(path)
    try:
        with replacing(target, overwrite=overwrite) as tmp, sync_playwright() as pw:
            exe = _chromium()
            browser = pw.chromium.launch(executable_path=exe, args=_ARGS)
            try:
                context = browser.new_context(viewport={"width": size[0], "height": size[1]})
                page = context.new_page()
                page.route("**/*", lambda route: route.abort())  # nothing leaves the machine
                page.set_content(page_html, wait_until="load", timeout=timeout_s * 1000)
                page.wait_for_function(
                    "() => window.__geo && window.__geo.ready === true && (!window.__geo.layers"
                    ".basemap || window.__geo.map.hasLayer(window.__geo.layers.basemap.group))",
                    timeout=timeout_s * 1000)
                if zoom is not None or center is not None:
                    # no centre given: the story's most mentioned place (not an area)
                    page.evaluate("""([z, c]) => { const s = window.__geo, m = s.map;
                        m.setView(c || s.centre || m.getCenter(),
                                  z === null ? m.getZoom() : z, {animate: false}); }""",
                                  [zoom, list(center) if center else None])
                page.wait_for_timeout(400)  # the canvas layers' next frame
                page.screenshot(path=str(tmp), type="png")
            finally:
                browser.close()
    except PlaywrightError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise GeoError(f"could not render the PNG in Chromium: {first}") from exc
    return target
