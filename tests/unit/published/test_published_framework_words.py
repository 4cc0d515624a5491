"""The parser reads a report's samples in the words of the framework it is given
(``published_reports`` in the framework file): a framework that calls unpaid work "community
service" reads a report that does, and the words that mark the relevant sub-sample are its too."""

from __future__ import annotations

import pytest

from published_builders import Spec, build
from sufficiency.framework import Framework, builtin_framework_text, parse_framework
from sufficiency.published import ReportParseError, parse_report_text

SHIPPED = builtin_framework_text("hmip-probation-2018")
SPEC = Spec()
UNPAID_WORK = "{sample: unpaid_work, phrases: [unpaid work, community payback]}"
RELEVANT = "relevant_subsample: [relevant, risk of harm, risk of serious harm, rosh]"
NOT_SAID = (
    "the report does not say which key questions are calculated over the relevant sub-sample; "
    "the framework's are used"
)


def framework_with(old: str, new: str) -> Framework:
    assert old in SHIPPED
    return parse_framework(SHIPPED.replace(old, new), source="variant.yaml")


def community_service_report() -> str:
    text = build(SPEC)
    for old, new in (
        ("\nUnpaid work\n", "\nCommunity service\n"),
        ("cases with unpaid work requirements", "cases with community service requirements"),
    ):
        assert old in text
        text = text.replace(old, new)
    return text


def test_a_report_s_sample_is_read_by_the_words_its_framework_gives() -> None:
    own_words = framework_with(UNPAID_WORK, "{sample: unpaid_work, phrases: [community service]}")
    report = parse_report_text(community_service_report(), "variant.txt", own_words)
    assert dict(report.samples) == SPEC.samples


def test_words_the_framework_does_not_give_name_no_sample() -> None:
    with pytest.raises(ReportParseError) as caught:
        parse_report_text(community_service_report(), "variant.txt")
    (problem,) = caught.value.problems
    assert (problem.field, problem.reason) == (
        "samples",
        "no unpaid work sample size ('We examined N cases')",
    )


def test_a_count_whose_words_name_no_sample_is_the_framework_s_default_sample() -> None:
    text = build(SPEC).replace("\nDomain two: case supervision\n", "\nCases\n")
    assert dict(parse_report_text(text).samples) == SPEC.samples
    no_default = framework_with(
        "  default_sample: case_supervision\n", ""
    )  # so case supervision is named by its phrases alone, and these words have none
    with pytest.raises(ReportParseError) as caught:
        parse_report_text(text, "variant.txt", no_default)
    assert [p.reason for p in caught.value.problems] == [
        "no case supervision sample size ('We examined N cases')"
    ]


def test_the_words_marking_the_relevant_sub_sample_are_the_framework_s() -> None:
    assert NOT_SAID not in parse_report_text(build(SPEC)).checks.warnings
    other_words = framework_with(RELEVANT, "relevant_subsample: [posing harm]")
    assert NOT_SAID in parse_report_text(build(SPEC), framework=other_words).checks.warnings


def test_a_kind_of_provider_in_brackets_is_the_framework_s_and_no_part_of_the_name() -> None:
    text = build(SPEC)
    cover = "Community Rehabilitation Company\n\nHM Inspectorate"
    assert cover in text
    text = text.replace(cover, "Community Rehabilitation Company (CRC)\n\nHM Inspectorate", 1)
    report = parse_report_text(text)
    assert report.provider == SPEC.provider
    assert not [w for w in report.checks.warnings if "the title names" in w]

    renamed = SHIPPED.replace("value: CRC,", "value: RC,").replace("[CRC", "[RC")
    assert "CRC" not in parse_framework(renamed).provider_column.allowed  # type: ignore[union-attr]
    other_kinds = parse_report_text(text, framework=parse_framework(renamed))
    assert other_kinds.provider == f"{SPEC.provider} (CRC)"
