"""Django's management commands for Sufficiency: ``python -m sufficiency.web COMMAND``.

Also installed as ``sufficiency-admin``: ``uv run sufficiency-admin migrate``,
``uv run sufficiency-admin seed_demo``, ``uv run sufficiency-admin runserver``.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sufficiency.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
