"""Both shared reports parse to exactly their expected JSON, and their checks find what is there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from published_builders import REPORTS, contract_of
from sufficiency.framework import Rating
from sufficiency.published import CheckStatus, ParsedReport, parse_report, parse_report_text


@pytest.fixture(scope="module")
def parsed(published_dir: Path) -> dict[str, ParsedReport]:
    return {name: parse_report(published_dir / f"{name}.txt") for name in REPORTS}


@pytest.mark.parametrize("name", REPORTS)
def test_parses_to_exactly_the_expected_json(
    name: str, parsed: dict[str, ParsedReport], expected: dict[str, dict[str, Any]]
) -> None:
    assert contract_of(parsed[name].as_dict()) == expected[name]


@pytest.mark.parametrize("name", REPORTS)
def test_the_text_and_the_file_parse_alike(
    name: str, parsed: dict[str, ParsedReport], report_texts: dict[str, str]
) -> None:
    from_text = parse_report_text(report_texts[name], source="elsewhere.txt")
    assert from_text.as_dict() == parsed[name].as_dict()
    assert from_text.fingerprint == parsed[name].fingerprint  # the file name is not part of it


def test_essex_checks_find_both_panel_adjustments_and_nothing_else(
    parsed: dict[str, ParsedReport],
) -> None:
    checks = parsed["essex-crc-2018"].checks
    statuses = {c.standard: c.status for c in checks.standards}
    assert statuses == {
        "2.1": CheckStatus.CONSISTENT,
        "2.2": CheckStatus.CONSISTENT,
        "2.3": CheckStatus.CONSISTENT,
        "2.4": CheckStatus.PANEL_ADJUSTMENT,
        "4.1": CheckStatus.CONSISTENT,
        "4.2": CheckStatus.PANEL_ADJUSTMENT,
    }
    by_id = {c.standard: c for c in checks.standards}
    assert (by_id["2.4"].calculated, by_id["2.4"].awarded) == (
        Rating.INADEQUATE,
        Rating.REQUIRES_IMPROVEMENT,
    )
    assert (by_id["2.4"].driving_key_question, by_id["2.4"].lowest_percent) == ("2.4.3", 49)
    assert (by_id["4.2"].driving_key_question, by_id["4.2"].lowest_percent) == ("4.2.1", 47)
    # each adjustment carries the footnote that explains it (18 and 19 in the report)
    assert by_id["2.4"].explanation is not None
    assert "marginal decision affected by a small number of cases" in by_id["2.4"].explanation
    assert by_id["4.2"].explanation is not None
    assert "positive work being done on Through The Gate" in by_id["4.2"].explanation
    assert checks.overall.score == 14
    assert checks.overall.calculated == Rating.REQUIRES_IMPROVEMENT
    assert checks.overall.consistent is True
    assert checks.missing_key_questions == ()
    assert checks.warnings == ()
    assert checks.unexplained == ()
    assert checks.ok


def test_dorset_checks_find_everything_consistent(parsed: dict[str, ParsedReport]) -> None:
    checks = parsed["dorset-devon-cornwall-crc-2019"].checks
    assert [c.standard for c in checks.standards] == ["2.1", "2.2", "2.3", "2.4", "4.1", "4.2"]
    assert all(c.status is CheckStatus.CONSISTENT for c in checks.standards)
    assert {c.standard: c.driving_key_question for c in checks.standards}["2.1"] == "2.1.2"
    assert (checks.overall.score, checks.overall.consistent) == (5, True)
    assert checks.missing_key_questions == ()
    assert checks.warnings == ()
    assert checks.ok


def test_extra_fields_are_read(parsed: dict[str, ParsedReport]) -> None:
    essex, dorset = parsed["essex-crc-2018"], parsed["dorset-devon-cornwall-crc-2019"]
    assert (essex.lead_inspector, dorset.lead_inspector) == ("Mike Ryan", "Mike Ryan")
    assert (essex.fieldwork_date, dorset.fieldwork_date) == ("2018-06", "2018-11")
    # Essex prints its month; Dorset only its copyright year
    assert (essex.publication_date, dorset.publication_date) == ("2018-10", "2019")
    assert (essex.local_delivery_units, dorset.local_delivery_units) == (3, 3)
    assert essex.format == dorset.format == "hmip-probation-standards-2018"

    assert len(essex.recommendations) == 6
    assert {r.to for r in essex.recommendations} == {"Essex Community Rehabilitation Company"}
    assert essex.recommendations[0].text.startswith("improve its understanding of service user")
    assert [r.to for r in dorset.recommendations] == ["Dorset, Devon and Cornwall CRC"] * 6 + [
        "HM Prison and Probation Service"
    ]
    assert dorset.recommendations[0].text.startswith("make clear to staff the importance")
    assert dorset.recommendations[1].text == (
        "develop and deliver urgent remedial action for all aspects of case management"
    )

    for report in (essex, dorset):
        notes = {f.mark: f.text for f in report.footnotes}
        assert sorted(notes) == list(range(1, 20))
        assert "relevant sub-sample" in notes[17]
    # plain-digit footnotes in a list ("- 8 Ministry of Justice…") are read too
    assert {f.mark: f.text for f in dorset.footnotes}[8].startswith("Ministry of Justice. (2018).")


def test_the_fingerprint_follows_the_content(
    parsed: dict[str, ParsedReport], report_texts: dict[str, str]
) -> None:
    essex = parsed["essex-crc-2018"]
    assert len(essex.fingerprint) == 64
    assert essex.fingerprint != parsed["dorset-devon-cornwall-crc-2019"].fingerprint
    changed = report_texts["essex-crc-2018"].replace(
        "2.1.1. Does assessment focus sufficiently on engaging the service user?\t82%",
        "2.1.1. Does assessment focus sufficiently on engaging the service user?\t81%",
    )
    assert changed != report_texts["essex-crc-2018"]
    assert parse_report_text(changed).fingerprint != essex.fingerprint
    assert essex.report_key == "essex-community-rehabilitation-company@2018-06"
