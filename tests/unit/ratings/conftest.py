from __future__ import annotations

import pytest

from sufficiency.framework import Framework, load_framework


@pytest.fixture(scope="session")
def framework() -> Framework:
    return load_framework("hmip-probation-2018")
