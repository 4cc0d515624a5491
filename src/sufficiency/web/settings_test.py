"""Settings for the test suite: the normal settings, with the development secret key allowed.

pytest uses this module (``DJANGO_SETTINGS_MODULE`` in pyproject.toml). ``DATABASE_URL`` chooses
the database as usual: SQLite in memory by default, PostgreSQL when it names one.
"""

from __future__ import annotations

import os

os.environ["SUFFICIENCY_TESTING"] = "1"

from sufficiency.web.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, for tests only
