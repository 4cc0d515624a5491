"""Refusals particular to case assessment (the shared ones are in inspections.errors)."""

from __future__ import annotations

from dataclasses import dataclass

from sufficiency.web.inspections.errors import WorkflowError


@dataclass(frozen=True)
class ConflictingValue:
    """One field the save wanted to change, its value in the save and its value now stored."""

    field: str  # a question id, or "rosh_relevant", "ro_interviewed", …
    yours: object
    theirs: object


class Conflict(WorkflowError):
    """The case changed since the version the save was made from; nothing was saved."""

    def __init__(self, your_version: int, current_version: int, values: list[ConflictingValue]):
        self.your_version = your_version
        self.current_version = current_version
        self.values = values
        super().__init__(
            f"this case was changed elsewhere (version {current_version}; your changes were made "
            f"on version {your_version}); nothing was saved"
        )
