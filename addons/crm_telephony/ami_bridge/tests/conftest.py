"""Make ``ami_bridge`` and the test helpers importable without Odoo."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
ADDON_DIR = TESTS_DIR.parent.parent  # addons/crm_telephony
for path in (ADDON_DIR, TESTS_DIR):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

FIXTURE_NAMES = ("answered-internal", "answered-outbound", "unanswered-cancel")


def repo_root() -> Path:
    """Walk up from this file to the directory that contains ``addons/``."""
    for parent in TESTS_DIR.parents:
        if (parent / "addons").is_dir():
            return parent
    raise RuntimeError("no addons/ directory above the tests")


@pytest.fixture(scope="session")
def ami_fixtures_dir() -> Path:
    directory = repo_root().parent / "shared" / "fixtures" / "ami"
    if not directory.is_dir():
        pytest.skip(
            f"AMI fixtures not found at {directory}: they live in the workplace's shared/fixtures"
        )
    return directory


@pytest.fixture(params=FIXTURE_NAMES)
def capture(request: pytest.FixtureRequest, ami_fixtures_dir: Path) -> tuple[str, bytes]:
    """(name, raw LF bytes) of each real capture."""
    return request.param, (ami_fixtures_dir / f"{request.param}.raw").read_bytes()
