"""Annex 1, methodology: written from the inspection's facts, never typed by hand.

The sentences follow the published reports' (``We examined 100 cases from across three local
delivery units``), so that the figures read back from a report are the ones it was built from.
"""

from __future__ import annotations

from datetime import date

from sufficiency.framework import Framework
from sufficiency.reporting.data import Methodology, SampleFacts
from sufficiency.reporting.document import Block, Para, Section

# How the annex names the caseload fields a sample was stratified by.
STRATUM_WORDS = {
    "gender": "gender",
    "disposal": "type of disposal",
    "rosh": "RoSH level",
    "ldu": "local delivery unit",
    "provider": "provider",
}
# How the annex names the caseload date a sample's eligibility window is counted on.
DATE_WORDS = {
    "supervision_start": "the start of supervision",
    "upw_start": "the start of unpaid work",
    "release_date": "release from custody",
}


# English month names, whatever the machine's locale (strftime's %B follows LC_TIME).
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def month_year(day: date) -> str:
    """The month and year, as in "March 2019"."""
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def long_date(day: date) -> str:
    """The day, month and year, as in "1 June 2018"."""
    return f"{day.day} {month_year(day)}"


def listed(words: list[str]) -> str:
    """Words listed as a reader would: "a", "a and b", "a, b and c"."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def per_cent(fraction: float) -> str:
    value = round(fraction * 100, 1)
    return f"{value:g} per cent"


def cases(count: int) -> str:
    return f"{count:,} case" + ("" if count == 1 else "s")


def methodology_section(framework: Framework, facts: Methodology) -> Section:
    units = list(facts.local_delivery_units)
    opening: list[Block] = [
        Para.of(
            "The inspection methodology is summarised below. Our focus was on obtaining evidence "
            f"against the standards, key questions and prompts of the {framework.name}."
        ),
        Para.of(
            "Domain one (organisational delivery) is rated by the inspectors' judgement against "
            "the ratings characteristics, from the evidence the provider submitted, meetings and "
            "interviews. The other standards are rated from the inspected cases: each standard "
            "takes the rating of its lowest key question percentage."
        ),
    ]
    if units:
        opening.append(
            Para.of(
                f"The cases inspected were drawn from across {len(units)} local delivery "
                f"unit{'s' if len(units) != 1 else ''}: {listed(units)}."
            )
        )
    opening.append(
        Para.of(
            f"Responsible officers were interviewed about {facts.interviews:,} of the inspected "
            f"cases, and inspectors held {facts.meetings:,} meeting"
            f"{'s' if facts.meetings != 1 else ''} with staff, managers and partner organisations."
        )
    )
    samples = tuple(_sample_section(framework, sample) for sample in facts.samples)
    return Section("annex-1", "Annex 1: Methodology", tuple(opening), samples)


def _sample_section(framework: Framework, sample: SampleFacts) -> Section:
    strata = [STRATUM_WORDS.get(s, s.replace("_", " ")) for s in sample.stratification]
    sample_type = framework.samples.get(sample.id)
    field = sample_type.eligibility.date_field if sample_type else ""
    dated = DATE_WORDS.get(field) or field.replace("_", " ") or "an eligibility date"
    blocks: list[Block] = [
        Para.of(f"We examined {cases(sample.size)}."),
        Para.of(
            f"They were drawn at random from an eligible population of "
            f"{cases(sample.eligible_population)}: those with {dated} between "
            f"{long_date(sample.window_start)} and {long_date(sample.window_end)}."
        ),
        Para.of(
            "The sample size was set to achieve a confidence level of "
            f"{per_cent(sample.confidence)} (with a margin of error of "
            f"{per_cent(sample.margin_of_error)})"
            + (
                f", and we ensured that the ratios in relation to {listed(strata)} matched "
                "those in the eligible population."
                if strata
                else "."
            )
        ),
    ]
    return Section(f"annex-1-{sample.id}", sample.name, tuple(blocks))
