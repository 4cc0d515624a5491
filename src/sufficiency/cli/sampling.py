"""`sufficiency sample`: draw an inspection sample from a caseload extract."""

from __future__ import annotations

from sufficiency.cli._common import fail


def sample() -> None:
    """Draw a stratified random sample from a caseload extract (not yet built: issue 3)."""
    fail("sampling is not built yet")
