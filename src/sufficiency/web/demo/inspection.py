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

    from sufficiency.sampling import flows
    from sufficiency.sampling.synthetic import write_synthetic_caseload

    framework = framework_services.framework_of(version)
    with tempfile.TemporaryDirectory(prefix="sufficiency-demo-") as folder:
        path = Path(folder) / "caseload.csv"
        write_synthetic_caseload(path, DEMO_CASELOAD_ROWS, seed)
        caseload = flows.read_caseload(framework, path)
        csv_text = path.read_text(encoding="utf-8")
    drawn = flows.draw_inspection_samples(framework, caseload, DEMO_REFERENCE_DATE, seed)
    with transaction.atomic():
        inspection = DemoInspection.objects.create(
            name=DEMO_INSPECTION_NAME,
            framework=version,
            reference_date=DEMO_REFERENCE_DATE,
            seed=seed,
            caseload_csv=csv_text,
            caseload_cases=caseload.population,
        )
        for sample in drawn:
            if sample.eligible == 0:
                continue
            DemoSample.objects.create(
                inspection=inspection,
                sample_id=sample.sample_type_id,
                sample_name=sample.sample_type_name,
                window=sample.window,
                eligible=sample.eligible,
                size=sample.size,
                size_explanation=list(sample.size_explanation),
                allocation=[
                    {
                        "stratum": plan.stratum,
                        "label": plan.label,
                        "eligible": plan.eligible,
                        "sample": plan.sample,
                        "reserves": plan.reserves,
                    }
                    for plan in sample.allocation
                ],
                header=list(sample.header),
                rows=[list(row) for row in sample.rows],
            )
    return inspection, True
