"""The report's refusals, beside the inspection workflow's (Refused → 403, Problems → 422)."""

from __future__ import annotations

from sufficiency.web.inspections.errors import WorkflowError


class ReportChanged(WorkflowError):
    """The report changed since the page was read (→ 409): nothing is saved unseen."""

    def __init__(self, yours: int, current: int) -> None:
        self.yours, self.current = yours, current
        super().__init__(
            f"the report has changed since you opened it (version {yours}, now {current}); "
            "read it again before changing it"
        )
