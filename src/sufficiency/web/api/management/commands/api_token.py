"""``sufficiency-admin api_token USERNAME``: print a new API token for a user."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sufficiency.web.api.tokens import create_token
from sufficiency.web.audit.services import command_line_actor


class Command(BaseCommand):
    help = "Make a new API token for USERNAME and print it (it is shown only this once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="what the token is for")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"no active user named {options['username']!r}")
        _, token = create_token(user, options["name"], actor=command_line_actor())
        self.stdout.write(token)
