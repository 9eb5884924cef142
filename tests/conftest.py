"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os

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
