"""Pinned Leaflet/plugin files: their CDN URLs, a local cache filled from npm, and inlining.

Every script and stylesheet a geo map loads is listed in :data:`PINNED` with its exact npm
package, version, path and SHA-256. Maps reference them by their jsDelivr URL
(``https://cdn.jsdelivr.net/npm/PKG@VER/PATH``); :func:`fetch` fills the cache
(``geo_home()/assets/PKG@VER/...``) from the npm registry tarballs, and :func:`inline` turns a
rendered page into a self-contained one (scripts, stylesheets and the images the stylesheets
use embedded), for machines with no network.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import mimetypes
import posixpath
import re
import tarfile
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from geo._paths import geo_home
from geo.errors import GeoError, InputFileError

CDN = "https://cdn.jsdelivr.net/npm/"
REGISTRY = "https://registry.npmjs.org/"


@dataclass(frozen=True, slots=True)
class Asset:
    """One pinned file of an npm package."""

    package: str
    version: str
    path: str
    sha256: str

    @property
    def url(self) -> str:
        return f"{CDN}{self.package}@{self.version}/{self.path}"

    @property
    def tarball(self) -> str:
        return f"{REGISTRY}{self.package}/-/{self.package.rsplit('/', 1)[-1]}-{self.version}.tgz"

    @property
    def kind(self) -> str:
        return "css" if self.path.endswith(".css") else "js"


LEAFLET_JS = Asset("leaflet", "1.9.3", "dist/leaflet.js",
                   "5819285cec137b229c94e1ee5ad73e8b6b84345a4367d60f75fe477fe0fb7b03")
LEAFLET_CSS = Asset("leaflet", "1.9.3", "dist/leaflet.css",
                    "90b693d86392a4779c861b28cf307e7e59c3fb35328c4d8b95f58f814d38c722")
HEAT_JS = Asset("leaflet.heat", "0.2.0", "dist/leaflet-heat.js",
                "eb952aae5806a1102729f291bab887dde783ace859819a354827a776e73e486a")
FULLSCREEN_JS = Asset("leaflet.fullscreen", "3.0.0", "Control.FullScreen.js",
                      "3c542b5d5844cc00cff2787dff49504a31f3bed9de3161e5b26e0c0437d6bbb7")
FULLSCREEN_CSS = Asset("leaflet.fullscreen", "3.0.0", "Control.FullScreen.css",
                       "31f9593e6e715114e23076ba11628f68a301025b44b85ffb70fca4bc9475214e")
MEASURE_JS = Asset("leaflet-measure", "2.1.7", "dist/leaflet-measure.js",
                   "23a9143bd936719704dbd1f05b78fd58588f7ba7fc1b618da06c9cc2262fcf0a")
MEASURE_CSS = Asset("leaflet-measure", "2.1.7", "dist/leaflet-measure.css",
                    "88b2b4f27f9846f08ede9f80bb85610c3f5ede62acce7d26672e385b2a45795a")

#: Every file a geo map may reference.
PINNED: tuple[Asset, ...] = (
    LEAFLET_JS, LEAFLET_CSS, HEAT_JS, FULLSCREEN_JS, FULLSCREEN_CSS, MEASURE_JS, MEASURE_CSS,
)

_CDN_RE = re.compile(r"^https://cdn\.jsdelivr\.net/npm/((?:@[^/@]+/)?[^/@]+)@([^/]+)/(.+)$")
_SCRIPT_RE = re.compile(r'<script src="([^"]+)"></script>')
_LINK_RE = re.compile(r'<link rel="stylesheet" href="([^"]+)"\s*/?>')
_CSS_URL_RE = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


def cache_dir() -> Path:
    """Where fetched assets live: ``geo_home()/assets``."""
    return geo_home() / "assets"


def _packages() -> dict[tuple[str, str], str]:
    return {(a.package, a.version): a.tarball for a in PINNED}


def local_path(url: str) -> Path | None:
    """The cached file for a CDN URL inside a pinned package (any file of it), or ``None``."""
    m = _CDN_RE.match(url.split("?", 1)[0].split("#", 1)[0])
    if not m or (m.group(1), m.group(2)) not in _packages():
        return None
    rel = _inside(m.group(3))
    if rel is None:
        return None
    return cache_dir() / f"{m.group(1)}@{m.group(2)}" / rel


def _inside(rel: str) -> str | None:
    """``rel`` normalised, or ``None`` when it is absolute or climbs out of its folder."""
    rel = posixpath.normpath(rel)
    return None if rel.startswith(("../", "/")) or rel == ".." else rel


def missing() -> list[Asset]:
    """Pinned assets not (correctly) in the cache."""
    out = []
    for asset in PINNED:
        path = local_path(asset.url)
        if path is None or not path.is_file() or _sha256(path.read_bytes()) != asset.sha256:
            out.append(asset)
    return out


def require() -> None:
    """Raise a :class:`GeoError` naming the fix when the asset cache is incomplete."""
    gone = missing()
    if gone:
        raise InputFileError(
            f"{len(gone)} pinned map assets are missing from {cache_dir()}: "
            "run `geo assets fetch`"
        )


def fetch(*, force: bool = False, log: Callable[[str], None] | None = None) -> list[Path]:
    """Download the pinned packages from the npm registry into the cache; verify every file.

    Returns the pinned files' paths. Already-cached packages are skipped unless ``force``.
    """
    gone = {(a.package, a.version) for a in (PINNED if force else missing())}
    for (package, version), tarball in sorted(_packages().items()):
        if (package, version) not in gone:
            continue
        if log:
            log(f"fetching {package}@{version} from {tarball}")
        try:
            with urllib.request.urlopen(tarball, timeout=60) as resp:
                blob = resp.read()
        except OSError as exc:
            raise GeoError(f"cannot download {tarball}: {exc}") from exc
        _extract(blob, cache_dir() / f"{package}@{version}")
    bad = missing()
    if bad:
        raise GeoError("checksum mismatch for " + ", ".join(a.url for a in bad))
    (cache_dir() / "manifest.json").write_text(json.dumps(manifest(), indent=2) + "\n")
    return [p for a in PINNED if (p := local_path(a.url)) is not None]


def _extract(blob: bytes, dest: Path) -> None:
    """Extract the regular files of an npm tarball (dropping its top folder) into ``dest``."""
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tar:
        for member in tar.getmembers():
            if not member.isfile():
                continue
            parts = member.name.split("/", 1)
            if len(parts) != 2:
                continue
            rel = _inside(parts[1])
            if rel is None:
                continue
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            src = tar.extractfile(member)
            if src is not None:
                target.write_bytes(src.read())


def manifest() -> list[dict[str, str]]:
    """One row per pinned asset: url, npm package@version/path, sha256, cached path."""
    return [
        {
            "url": a.url,
            "npm": f"{a.package}@{a.version}/{a.path}",
            "tarball": a.tarball,
            "sha256": a.sha256,
            "path": str(local_path(a.url)),
        }
        for a in PINNED
    ]


def inline(page: str) -> str:
    """Embed every ``<script src>`` and stylesheet ``<link>`` of a rendered page.

    Stylesheet ``url(...)`` references to files of the same package become data URIs. Raises
    :class:`GeoError` when an asset is not a cached pinned file (run ``geo assets fetch``).
    """

    def script(m: re.Match[str]) -> str:
        code = _read(m.group(1)).decode("utf-8")
        code = re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE).replace("<!--", "<\\!--")
        return f"<script>{code}</script>"

    def style(m: re.Match[str]) -> str:
        url = m.group(1)
        css = _read(url).decode("utf-8")
        css = _CSS_URL_RE.sub(lambda u: _css_url(url, u), css)
        css = re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
        return f"<style>{css}</style>"

    page = _SCRIPT_RE.sub(script, page)
    page = _LINK_RE.sub(style, page)
    if re.search(r"<script[^>]+src=|<link[^>]+stylesheet", page):
        raise GeoError("the map references an asset that cannot be inlined")
    return page


def _read(url: str) -> bytes:
    path = local_path(url)
    if path is None:
        raise GeoError(f"asset {url} is not pinned; cannot make the map self-contained")
    if not path.is_file():
        raise InputFileError(f"asset {url} is not cached in {cache_dir()}: run `geo assets fetch`")
    return path.read_bytes()


def _css_url(css_url: str, m: re.Match[str]) -> str:
    ref = m.group(2).strip()
    if ref.startswith(("data:", "#")) or "://" in ref:
        return m.group(0)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(css_url), ref.split("?")[0]))
    target = target.replace("https:/", "https://", 1)
    path = local_path(target)
    if path is None or not path.is_file():
        return m.group(0)
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f'url("data:{mime};base64,{base64.b64encode(path.read_bytes()).decode("ascii")}")'


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
