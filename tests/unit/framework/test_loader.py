"""A framework file is checked before use, and every problem is reported with where it is."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from sufficiency.framework import (
    FrameworkError,
    builtin_framework_ids,
    load_framework,
    load_framework_file,
    parse_framework,
)

PROVIDER_AUDIT = """\
id: northmoor-audit-2025
name: Northmoor CRC internal case audit
version: "2025.1"
ratings:
  scores: {Inadequate: 0, Requires improvement: 1, Good: 2, Outstanding: 3}
  key_question_bands:
    - {rating: Outstanding, min_percent: 85}
    - {rating: Good, min_percent: 70}
    - {rating: Requires improvement, min_percent: 55}
    - {rating: Inadequate, min_percent: 0}
  overall_bands:
    - {rating: Outstanding, min_score: 6, max_score: 6}
    - {rating: Good, min_score: 4, max_score: 5}
    - {rating: Requires improvement, min_score: 2, max_score: 3}
    - {rating: Inadequate, min_score: 0, max_score: 1}
sampling:
  confidence: 0.9
  margin_of_error: 0.1
  caseload:
    local_delivery_unit: team
    columns:
      - {name: ref, type: identifier}
      - {name: team, type: text}
      - name: sex
        type: category
        values: [{value: F, name: Women}, {value: M, name: Men}]
      - {name: opened, type: date}
  samples:
    - id: audit
      name: Case audit
      strata: [sex]
      eligibility: {date_field: opened, on_or_after: {months: 6}}
domains:
  - id: A
    name: Casework
    standards:
      - id: A.1
        name: Assessment
        statement: Assessment is timely and thorough.
        rated_by: case_data
        sample: audit
        key_questions:
          - id: A.1.1
            text: Was the assessment completed within 15 working days?
          - id: A.1.2
            text: Does the assessment address risk to children?
            denominator: rosh
            prompts:
              - {id: A.1.2.a, text: "Were children's services contacted?"}
      - id: A.2
        name: Leadership
        statement: Managers oversee casework.
        rated_by: judgement
"""


def shipped_text() -> str:
    data = resources.files("sufficiency.framework") / "data" / "hmip-probation-2018.yaml"
    return data.read_text(encoding="utf-8")


def problems_of(text: str) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        parse_framework(text, source="audit.yaml")
    return [str(p) for p in caught.value.problems]


def test_shipped_frameworks_are_listed_and_load():
    assert "hmip-probation-2018" in builtin_framework_ids()
    assert load_framework("hmip-probation-2018").version == "2018/19"


def test_a_providers_own_audit_framework_loads_the_same_way(tmp_path: Path):
    path = tmp_path / "audit.yaml"
    path.write_text(PROVIDER_AUDIT, encoding="utf-8")
    fw = load_framework_file(path)
    assert fw.id == "northmoor-audit-2025"
    assert fw.key_questions["A.1.2"].relevant_subsample_only
    assert fw.ratings.rating_for_percent(84).value == "Good"
    assert load_framework(str(path)).id == fw.id


def test_duplicate_id_is_reported_with_its_line():
    text = PROVIDER_AUDIT.replace("id: A.1.2\n", "id: A.1.1\n").replace("A.1.2.a", "A.1.1.a")
    (problem,) = problems_of(text)
    line = [n for n, row in enumerate(text.splitlines(), 1) if row.endswith("- id: A.1.1")][1]
    assert problem.startswith(f"audit.yaml:{line}: ")
    assert "duplicate id 'A.1.1'" in problem


def test_key_question_under_a_missing_standard_is_reported():
    text = PROVIDER_AUDIT.replace("id: A.1.2\n", "id: B.7.2\n").replace(
        "id: A.1.2.a", "id: B.7.2.a"
    )
    (problem,) = problems_of(text)
    assert "key question 'B.7.2' is under 'A.1'" in problem
    assert "domains[0].standards[0].key_questions[1].id" in problem


def test_thresholds_out_of_order_are_reported():
    text = PROVIDER_AUDIT.replace("min_percent: 55", "min_percent: 75")
    (problem,) = problems_of(text)
    assert "thresholds out of order" in problem
    assert "ratings.key_question_bands[2].min_percent" in problem


def test_unknown_field_is_reported_with_its_line():
    text = PROVIDER_AUDIT.replace(
        "        name: Leadership\n", "        name: Leadership\n        colour: blue\n"
    )
    (problem,) = problems_of(text)
    line = text.splitlines().index("        colour: blue") + 1
    assert problem == (
        f"audit.yaml:{line}: domains[0].standards[1].colour 'blue': unknown field 'colour'"
    )


def test_every_problem_is_reported_at_once():
    text = (
        PROVIDER_AUDIT.replace("min_percent: 55", "min_percent: 75")
        .replace("id: A.1.2\n", "id: A.1.1\n")
        .replace("A.1.2.a", "A.1.1.a")
        .replace("        statement: Managers oversee casework.\n", "")
    )
    found = problems_of(text)
    assert len(found) == 1  # a schema error stops before the rules can be checked...
    assert "required field 'statement' is missing" in found[0]
    found = problems_of(text.replace("name: Leadership", "name: Leadership\n        statement: S"))
    assert len(found) == 2  # ...and then both rule problems are reported together
    assert any("duplicate id" in p for p in found)
    assert any("thresholds out of order" in p for p in found)


def test_overall_bands_must_cover_every_score_once():
    text = PROVIDER_AUDIT.replace("min_score: 4, max_score: 5", "min_score: 3, max_score: 4")
    found = problems_of(text)
    assert any("overlap at scores 3" in p for p in found)
    assert any("leave scores 5 without a rating" in p for p in found)


def test_judgement_standard_cannot_have_key_questions():
    text = PROVIDER_AUDIT.replace(
        "        rated_by: judgement\n",
        "        rated_by: judgement\n        key_questions:\n"
        '          - {id: A.2.1, text: "Is there oversight?"}\n',
    )
    (problem,) = problems_of(text)
    assert "rated by judgement, so it cannot have key questions" in problem


def test_case_data_standard_must_name_a_sample_the_framework_defines():
    text = shipped_text().replace("sample: unpaid_work\n", "sample: unpaid_wrok\n", 1)
    (problem,) = problems_of(text)
    assert "uses sample 'unpaid_wrok'" in problem


def test_invalid_yaml_names_the_line():
    (problem,) = problems_of("id: x\ndomains: [\n  - a\n")
    assert problem.startswith("audit.yaml:")
    assert "not valid YAML" in problem


def test_unknown_framework_name_lists_what_is_shipped():
    with pytest.raises(FrameworkError, match="shipped frameworks: hmip-probation-2018"):
        load_framework("hmip-probation-2031")


def test_an_unreadable_file_is_a_framework_error(tmp_path: Path):
    path = tmp_path / "binary.yaml"
    path.write_bytes(b"\xff\xfe\x00\x00")
    with pytest.raises(FrameworkError, match="cannot read the file"):
        load_framework_file(path)


def test_numbers_must_be_finite():
    text = shipped_text().replace("reserve_fraction: 0.20", "reserve_fraction: .inf")
    (problem,) = problems_of(text)
    assert "sampling.reserve_fraction" in problem
    assert "finite" in problem
