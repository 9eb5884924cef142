"""Browser tests: marked ``browser``; the shared Chromium fixture is in ``tests/conftest.py``."""

from __future__ import annotations

import os

import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)

