"""``sufficiency-admin seed_demo``: the demo workspace behind ``make run``. Idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sufficiency.web.demo.services import DEMO_SEED, seed


class Command(BaseCommand):
    help = (
        "Load the shipped frameworks, create one demo user per role with a fresh random password "
        "(printed), and store a synthetic published-report dataset. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=DEMO_SEED, help="random seed for figures")

    def handle(self, *args: Any, **options: Any) -> None:
        summary = seed(options["seed"])
        self.stdout.write(f"Frameworks: {', '.join(summary.frameworks)}")
        self.stdout.write(
            f"Synthetic published reports: {summary.reports_created} new, "
            f"{summary.reports_unchanged} unchanged, {summary.reports_updated} updated"
        )
        self.stdout.write(f"Demo inspection: {summary.inspection}")
        for line in summary.samples:
            self.stdout.write(f"  {line}")
        if summary.self_audit:
            self.stdout.write(f"Demo self-audit: {summary.self_audit}")
        if summary.completed:
            self.stdout.write(f"Demo completed inspection (reporting): {summary.completed}")
        self.stdout.write("")
        self.stdout.write("Demo users (passwords are new on every run):")
        width = max(len(u.username) for u in summary.users)
        for user in summary.users:
            self.stdout.write(f"  {user.username.ljust(width)}  {user.password}  ({user.role})")
