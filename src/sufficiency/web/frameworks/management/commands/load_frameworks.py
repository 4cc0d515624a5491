"""``sufficiency-admin load_frameworks [FILE...]``: store the shipped frameworks, or files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sufficiency.framework import FrameworkError
from sufficiency.web.frameworks import services


class Command(BaseCommand):
    help = "Store the frameworks shipped with Sufficiency (or the given YAML files). Idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["files"]:
                outcomes = [
                    services.load_text(path.read_text(encoding="utf-8"), str(path))
                    for path in options["files"]
                ]
            else:
                outcomes = services.load_builtin()
        except FrameworkError as exc:
            raise CommandError("\n".join(str(p) for p in exc.problems)) from None
        except OSError as exc:
            raise CommandError(str(exc)) from None
        for outcome in outcomes:
            self.stdout.write(f"{outcome.version}: {outcome.status}")
