"""``sufficiency-admin audit_grants ROLE``: print the PostgreSQL grants for the service's role."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sufficiency.web.audit.grants import application_role_grants


class Command(BaseCommand):
    help = (
        "Print the SQL that gives the service's PostgreSQL role what it needs and only INSERT "
        "and SELECT on the audit log. Run it as the owner of the tables, after every migrate."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role", help="the role the service connects as")
        parser.add_argument("--schema", default="public")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            statements = application_role_grants(options["role"], options["schema"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write("\n".join(statements))
