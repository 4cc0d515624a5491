"""The demo inspection: the sampling core run on a synthetic caseload, and the result stored."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from django.db import transaction

from sufficiency.web.demo.models import DemoInspection, DemoSample
from sufficiency.web.frameworks import services as framework_services
from sufficiency.web.frameworks.models import FrameworkVersion

DEMO_INSPECTION_NAME = "Northmoor Community Rehabilitation Company (demo inspection)"
DEMO_CASELOAD_ROWS = 3000
DEMO_REFERENCE_DATE = dt.date(2020, 1, 6)


def seed_inspection(version: FrameworkVersion, seed: int) -> tuple[DemoInspection, bool]:
    """Make the demo inspection once: caseload, then one drawn sample per sample type.

    Returns the inspection and whether it was created now (False: it was there already).
    """
    existing = DemoInspection.objects.filter(name=DEMO_INSPECTION_NAME).first()
    if existing is not None:
        return existing, False

    from sufficiency.sampling.caseload import read_caseload
    from sufficiency.sampling.draw import draw_sample
    from sufficiency.sampling.eligibility import eligible_population
    from sufficiency.sampling.samplefile import sample_rows
    from sufficiency.sampling.size import sample_size
    from sufficiency.sampling.synthetic import write_synthetic_caseload

    framework = framework_services.framework_of(version)
    rules = framework.sampling
    if rules is None:
        raise ValueError(f"framework {framework.id} has no sampling rules")
    with tempfile.TemporaryDirectory(prefix="sufficiency-demo-") as folder:
        path = Path(folder) / "caseload.csv"
        write_synthetic_caseload(path, DEMO_CASELOAD_ROWS, seed)
        caseload = read_caseload(path)
        csv_text = path.read_text(encoding="utf-8")
    with transaction.atomic():
        inspection = DemoInspection.objects.create(
            name=DEMO_INSPECTION_NAME,
            framework=version,
            reference_date=DEMO_REFERENCE_DATE,
            seed=seed,
            caseload_csv=csv_text,
            caseload_cases=caseload.population,
        )
        for sample_type in rules.samples:
            population = eligible_population(caseload, sample_type, DEMO_REFERENCE_DATE)
            if population.size == 0:
                continue
            size = sample_size(
                population.size, rules.confidence, rules.margin_of_error, rules.proportion
            )
            drawn = draw_sample(population, size, seed, rules.reserve_fraction)
            header, rows = sample_rows(drawn)
            DemoSample.objects.create(
                inspection=inspection,
                sample_id=sample_type.id,
                sample_name=sample_type.name,
                window=population.window.describe(),
                eligible=population.size,
                size=size.size,
                size_explanation=size.explain(),
                allocation=[
                    {
                        "stratum": plan.stratum.label,
                        "eligible": plan.stratum.size,
                        "sample": plan.sample,
                        "reserves": plan.reserves,
                    }
                    for plan in drawn.allocation
                ],
                header=header,
                rows=rows,
            )
    return inspection, True
