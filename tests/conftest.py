"""Shared test options: golden files are rewritten only with --update-golden; hypothesis profiles."""

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Derandomized everywhere by default (CI and local runs give the same examples, so the suite
# passes or fails the same on every machine); MCDOCGEN_FUZZ=1 explores afresh, ten times longer.
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", derandomize=False, max_examples=1000, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("fuzz" if os.environ.get("MCDOCGEN_FUZZ") == "1" else "ci")

ROOT = Path(__file__).resolve().parent.parent
# The tests compare what the commands print; no progress lines in it, even in CI (test_progress sets its own).
os.environ["MCDOCGEN_PROGRESS"] = "off"
sys.path.insert(0, str(Path(__file__).resolve().parent))

# The browser tests' session fixtures (one site build, one server, one Chromium for all modules).
from browser_fixtures import base_url, browser, chromium, site, tab  # noqa: E402, F401


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite golden files from the current output (review the diff)")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")
