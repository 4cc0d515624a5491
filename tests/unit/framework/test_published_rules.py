"""The words a published report uses for a framework's samples are the framework's data
(``published_reports``), and `framework check` refuses any the parser could not rely on, naming
the file, the line and the place in it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sufficiency.cli import app
from sufficiency.framework import FrameworkError, load_framework, parse_framework

SECTION = """published_reports:
  samples:
    - {sample: unpaid_work, phrases: [unpaid work, community payback]}
    - {sample: through_the_gate, phrases: [through the gate, custod, released, resettlement]}
    - {sample: case_supervision, phrases: [case supervision, domain two]}
  default_sample: case_supervision
  relevant_subsample: [relevant, risk of harm, risk of serious harm, rosh]
"""


def shipped_text() -> str:
    data = resources.files("sufficiency.framework") / "data" / "hmip-probation-2018.yaml"
    return data.read_text(encoding="utf-8")


def with_section(section: str) -> str:
    text = shipped_text()
    assert SECTION in text  # the shipped section, as these tests change it
    return text.replace(SECTION, section)


def problems_of(text: str) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        parse_framework(text, source="own.yaml")
    return [str(p) for p in caught.value.problems]


def line_of(text: str, needle: str, start: int = 1, nth: int = 0) -> int:
    """The line of the nth row from line ``start`` on that holds ``needle``."""
    rows = enumerate(text.splitlines(), 1)
    return [n for n, row in rows if n >= start and needle in row][nth]


def test_the_shipped_framework_names_its_samples_as_the_inspectorate_reports_them() -> None:
    words = load_framework("hmip-probation-2018").published_reports
    assert words is not None
    assert words.sample_named_in("36 Unpaid Work cases") == "unpaid_work"
    assert words.sample_named_in("15 cases of people in custody") == "through_the_gate"
    assert words.sample_named_in("The case supervision sample") == "case_supervision"
    assert words.sample_named_in("100 cases") is None
    assert words.default_sample == "case_supervision"
    assert words.says_relevant_subsample("where risk of serious harm issues apply")
    assert not words.says_relevant_subsample("all the cases inspected")


def test_samples_are_tried_in_the_order_the_file_lists_them() -> None:
    sentence = "36 unpaid work cases drawn from the case supervision sample"
    assert (
        load_framework("hmip-probation-2018").published_reports.sample_named_in(  # type: ignore[union-attr]
            sentence
        )
        == "unpaid_work"
    )
    swapped = SECTION.replace(
        "    - {sample: unpaid_work, phrases: [unpaid work, community payback]}\n", ""
    ).replace(
        "  default_sample", "    - {sample: unpaid_work, phrases: [unpaid work]}\n  default_sample"
    )
    words = parse_framework(with_section(swapped)).published_reports
    assert words is not None and words.sample_named_in(sentence) == "case_supervision"


def test_a_framework_without_the_section_loads_and_names_no_sample() -> None:
    provider = Path(__file__).parents[2] / "data" / "northmoor-own-audit.yaml"
    assert load_framework(str(provider)).published_reports is None


def test_a_sample_the_framework_does_not_define_is_refused() -> None:
    text = with_section(SECTION.replace("sample: through_the_gate", "sample: throughgate"))
    assert problems_of(text) == [
        f"own.yaml:{line_of(text, 'throughgate')}: published_reports.samples[1].sample "
        "'throughgate': not a sample of this framework (the sampling section has: "
        "case_supervision, through_the_gate, unpaid_work)",
        # and so the sample standard 4.2 is rated from is named by no phrases
        f"own.yaml:{line_of(text, '  samples:', start=100)}: published_reports.samples: standard "
        "4.2 is rated from the through_the_gate sample, but no phrases name it and it is not "
        "the default_sample: a report's count of it could never be read",
    ]


def test_a_sample_listed_twice_is_refused() -> None:
    text = with_section(SECTION.replace("sample: through_the_gate", "sample: unpaid_work"))
    assert (
        f"own.yaml:{line_of(text, 'sample: unpaid_work', start=100, nth=1)}: "
        "published_reports.samples[1].sample 'unpaid_work': this sample is listed twice "
        "(also at published_reports.samples[0])"
    ) in problems_of(text)


def test_a_sample_with_no_phrases_is_refused() -> None:
    text = with_section(SECTION.replace("[case supervision, domain two]", "[]"))
    assert problems_of(text) == [
        f"own.yaml:{line_of(text, 'phrases: []')}: published_reports.samples[2].phrases: "
        "the case_supervision sample lists no phrases"
    ]


def test_a_phrase_an_earlier_sample_always_takes_is_refused() -> None:
    text = with_section(
        SECTION.replace("[case supervision, domain two]", "[case supervision, released on licence]")
    )
    assert problems_of(text) == [
        f"own.yaml:{line_of(text, 'released on licence')}: published_reports.samples[2]."
        "phrases[1] 'released on licence': this phrase holds 'released', a phrase of the "
        "through_the_gate sample, which is tried first: it would never name this one"
    ]


def test_an_unknown_default_sample_is_refused() -> None:
    text = with_section(SECTION.replace("default_sample: case_supervision", "default_sample: all"))
    (problem,) = problems_of(text)
    assert problem.endswith(
        "published_reports.default_sample 'all': not a sample of this framework (the sampling section has: case_supervision, through_the_gate, unpaid_work)"
    )


def test_a_rated_sample_a_report_could_never_give_is_refused() -> None:
    section = SECTION.replace(
        "    - {sample: case_supervision, phrases: [case supervision, domain two]}\n", ""
    ).replace("default_sample: case_supervision", "default_sample: through_the_gate")
    (problem,) = problems_of(with_section(section))
    assert problem.endswith(
        "published_reports.samples: standard 2.1 is rated from the case_supervision sample, but "
        "no phrases name it and it is not the default_sample: a report's count of it could "
        "never be read"
    )


def test_framework_check_reports_the_section_s_problems(tmp_path: Path) -> None:
    path = tmp_path / "own.yaml"
    path.write_text(with_section(SECTION.replace("sample: through_the_gate", "sample: ttg")))
    result = CliRunner().invoke(app, ["framework", "check", str(path)])
    assert result.exit_code == 2
    assert "published_reports.samples[1].sample 'ttg': not a sample of this framework" in (
        " ".join(result.stderr.split())
    )
