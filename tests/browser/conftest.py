"""Browser fixtures: one headless Chromium per session; skip with the fix when it cannot run."""

from __future__ import annotations

import os

import pytest

from tests.browser import harness


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(harness.CHROMIUM):
        pytest.skip(f"{harness.CHROMIUM} not installed (apt-get install chromium)")
    if not harness.cache_ready():
        pytest.skip(harness.CACHE_HINT)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = harness.launch(pw)
        yield b
        b.close()
