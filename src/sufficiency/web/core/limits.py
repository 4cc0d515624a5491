"""Bounded columns: a value too long for its column is refused with a message, on every database.

SQLite stores a string of any length in a ``varchar(255)``; PostgreSQL refuses it with an error the
service would answer with a 500. Every service that stores text a user gave (a provider name from
an uploaded report, a framework's name, a username) checks it here first and refuses the input
with its own problem shape, so both databases behave alike and the user learns why.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models


def length_problems(model: type[models.Model], values: Mapping[str, Any]) -> list[str]:
    """One message per value longer than its column's ``max_length`` on ``model``."""
    problems = []
    for name, value in values.items():
        field = model._meta.get_field(name)
        limit = getattr(field, "max_length", None)
        if limit is not None and isinstance(value, str) and len(value) > limit:
            label = str(getattr(field, "verbose_name", name))
            problems.append(
                f"the {label} is {len(value)} characters long; at most {limit} can be stored"
            )
    return problems


def bounded_fields(model: type[models.Model]) -> list[str]:
    """The names of ``model``'s text columns with a maximum length."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField) and field.max_length is not None
    ]
