"""The two published reports in ../shared/published, read by the published-report tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from published_builders import REPORTS
from sufficiency.framework import Framework, load_framework


@pytest.fixture(scope="session")
def published_dir(shared_dir: Path) -> Path:
    return shared_dir / "published"


@pytest.fixture(scope="session")
def report_texts(published_dir: Path) -> dict[str, str]:
    return {name: (published_dir / f"{name}.txt").read_text(encoding="utf-8") for name in REPORTS}


@pytest.fixture(scope="session")
def expected(published_dir: Path) -> dict[str, dict[str, Any]]:
    return {
        name: json.loads((published_dir / f"{name}.expected.json").read_text(encoding="utf-8"))
        for name in REPORTS
    }


@pytest.fixture(scope="session")
def framework() -> Framework:
    return load_framework("hmip-probation-2018")
