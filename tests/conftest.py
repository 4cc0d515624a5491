"""Fixtures shared by every test layer."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only reference folder beside the repository (framework text, published reports)."""
    if not SHARED.is_dir():
        pytest.fail(f"the shared reference folder is missing: expected it at {SHARED}")
    return SHARED


@pytest.fixture(scope="session", autouse=True)
def _audit_triggers_allow_the_test_flush() -> None:
    """Transactional tests empty the database between tests; see tests/audit_triggers.py."""
    from audit_triggers import allow_test_flush

    allow_test_flush()
