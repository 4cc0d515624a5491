"""The demo workspace: the shipped frameworks, one user per role, and a synthetic dataset of
published reports for the benchmark pages.

Everything here is invented. Provider names are fictional, figures come from a seeded random
generator, and every report is stored with ``synthetic=True`` through the same storage service
that real imports use. Passwords are generated afresh on every run and never stored in the code.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User

from sufficiency.framework import Framework, RatedBy, Rating
from sufficiency.framework.model import CategoryValue
from sufficiency.ratings import calculated_rating, overall_rating
from sufficiency.web.accounts.services import Role, create_or_reset_user
from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import record
from sufficiency.web.demo.completed import seed_completed_inspection
from sufficiency.web.demo.inspection import seed_inspections
from sufficiency.web.frameworks import services as framework_services
from sufficiency.web.published.models import ReportFormat
from sufficiency.web.published.services import ImportStatus, import_parsed

DEMO_FRAMEWORK = "hmip-probation-2018"
DEMO_SEED = 2018

DEMO_USERS: tuple[tuple[str, Role, str], ...] = (
    ("demo-inspector", Role.INSPECTOR, "Ada Inspector"),
    ("demo-inspector-2", Role.INSPECTOR, "Eve Inspector"),
    ("demo-lead", Role.LEAD_INSPECTOR, "Ben Lead"),
    ("demo-manager", Role.INSPECTION_MANAGER, "Cara Manager"),
    ("demo-quality", Role.PROVIDER_QUALITY_TEAM, "Dev Quality"),
)

# Invented areas: no real Community Rehabilitation Company has any of these names.
DEMO_PROVIDER_OF_TEAM = "Northmoor Community Rehabilitation Company"
DEMO_PROVIDERS: tuple[str, ...] = (
    "Northmoor",
    "Eastmarch",
    "Westvale",
    "Highcombe",
    "Southfen",
    "Ravensdale",
    "Kestrel Coast",
    "Millbridge",
    "Larkfield",
    "Oakhollow",
    "Brackenridge",
    "Fallowmere",
    "Greywater",
    "Copperdale",
    "Stonegate and Wyle",
    "Willowford",
)


# Invented sample sizes: the framework's main sample (its published reports' default sample) is one
# of a few typical sizes, every other sample a smaller count.
MAIN_SAMPLE_SIZES = (100, 110, 120, 134)
OTHER_SAMPLE_SIZE = (15, 64)


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    password: str


@dataclass(frozen=True)
class SeedSummary:
    users: list[DemoUser]
    frameworks: list[str]
    reports_created: int
    reports_unchanged: int
    reports_updated: int
    inspection: str
    samples: list[str]
    self_audit: str
    completed: str = ""  # the completed inspection, in reporting: its report builds


def inspected_provider_kind(framework: Framework) -> CategoryValue:
    """The kind of provider the framework inspects: the first value of the caseload's provider
    column that every sample draws its cases from."""
    sampling = framework.sampling
    assert sampling is not None and sampling.caseload.provider is not None
    column = sampling.caseload.column(sampling.caseload.provider)
    assert column is not None
    for kind in column.values:
        if all(not s.providers or kind.value in s.providers for s in sampling.samples):
            return kind
    raise ValueError(f"no provider value of {framework.id} is in every sample")


def synthetic_sample_sizes(framework: Framework, rng: random.Random) -> dict[str, int]:
    """Invented case counts for each of the framework's samples."""
    assert framework.sampling is not None
    samples = [s.id for s in framework.sampling.samples]
    reports = framework.published_reports
    main = reports.default_sample if reports and reports.default_sample else samples[0]
    return {
        sample: rng.choice(MAIN_SAMPLE_SIZES) if sample == main else rng.randint(*OTHER_SAMPLE_SIZE)
        for sample in samples
    }


def synthetic_report(framework: Framework, name: str, rng: random.Random) -> dict[str, Any]:
    """One invented provider's published-report record, in the parser's JSON contract.

    Key question figures are drawn around a provider-wide level; case-data standards are rated
    by the ratings engine's own rule and the overall rating by its overall bands.
    """
    level = rng.gauss(0, 1)
    percents: dict[str, int] = {}
    key_questions = []
    for question in framework.key_questions.values():
        base = 58 if question.relevant_subsample_only else 70
        percent = max(15, min(98, round(base + 9 * level + rng.gauss(0, 7))))
        percents[question.id] = percent
        key_questions.append(
            {
                "id": question.id,
                "text": question.text,
                "percent_yes": percent,
                "relevant_subsample_only": question.relevant_subsample_only,
            }
        )
    judgement_ratings = [Rating.OUTSTANDING, Rating.GOOD, Rating.REQUIRES_IMPROVEMENT]
    awarded: dict[str, Rating | None] = {}
    standards = []
    for standard in framework.standards.values():
        if standard.rated_by is RatedBy.CASE_DATA:
            rating, _ = calculated_rating(framework, standard, percents)
        else:
            weights = (1, 5, 3) if level > 0 else (0.3, 4, 5)
            rating = rng.choices(judgement_ratings, weights=weights)[0]
        awarded[standard.id] = rating
        standards.append({"id": standard.id, "name": standard.name, "rating": rating.value})
    overall = overall_rating(framework, awarded)
    published = f"{2018 + rng.randint(0, 1)}-{rng.randint(1, 12):02d}"
    kind = inspected_provider_kind(framework)
    return {
        "provider": f"{name} {kind.name}",
        "provider_type": kind.value,
        "overall_rating": overall.rating.value if overall else None,
        "publication_date": published,
        "standards": standards,
        "key_questions": key_questions,
        "samples": synthetic_sample_sizes(framework, rng),
        "panel_adjustments": [],
        "synthetic": True,
    }


def seed(seed_value: int = DEMO_SEED) -> SeedSummary:
    """Set the demo workspace up. Idempotent: running it again changes only the passwords."""
    loaded = framework_services.load_builtin()
    users = [
        DemoUser(
            username,
            role,
            create_or_reset_user(
                username,
                role,
                full_name=full_name,
                # The provider quality team works for the first demo provider: it sees that one.
                provider=DEMO_PROVIDER_OF_TEAM if role is Role.PROVIDER_QUALITY_TEAM else None,
            )[1],
        )
        for username, role, full_name in DEMO_USERS
    ]
    version = framework_services.latest_or_error(DEMO_FRAMEWORK)
    framework = framework_services.framework_of(version)
    rng = random.Random(seed_value)  # noqa: S311  (synthetic figures, not security)
    counts = dict.fromkeys(ImportStatus, 0)
    for name in DEMO_PROVIDERS:
        outcome = import_parsed(
            synthetic_report(framework, name, rng),
            report_format=ReportFormat.JSON,
            source_filename="synthetic demo data",
            synthetic=True,
        )
        counts[outcome.status] += 1
    by_name = {u.username: u for u in User.objects.filter(username__in=[u.username for u in users])}
    inspection, self_audit = seed_inspections(
        version,
        seed_value,
        lead=by_name["demo-lead"],
        inspectors=[by_name["demo-inspector"], by_name["demo-inspector-2"]],
        quality_team=[by_name["demo-quality"]],
    )
    completed = seed_completed_inspection(
        version,
        seed_value + 2,
        lead=by_name["demo-lead"],
        inspectors=[by_name["demo-inspector"], by_name["demo-inspector-2"]],
    )
    record(
        None,
        Action.DEMO_SEEDED,
        None,
        {
            "seed": seed_value,
            "providers": len(DEMO_PROVIDERS),
            "users": [u.username for u in users],
        },
        object_type="demo.workspace",
        object_repr="Demo workspace",
    )
    return SeedSummary(
        users=users,
        frameworks=[str(o.version) for o in loaded],
        reports_created=counts[ImportStatus.CREATED],
        reports_unchanged=counts[ImportStatus.UNCHANGED],
        reports_updated=counts[ImportStatus.UPDATED],
        inspection=str(inspection),
        samples=[str(s) for s in inspection.samples.all()],
        self_audit=str(self_audit) if self_audit is not None else "",
        completed=f"{completed} (id {completed.pk})",
    )
