"""The narrative's plain-text format: paragraphs and lists, nothing else."""

from __future__ import annotations

from sufficiency.reporting.narrative import ItemList, Paragraph, block_texts, parse_narrative


def test_blank_lines_end_paragraphs_and_lines_within_one_are_joined() -> None:
    text = "First line\nof the first.\n\n\n  Second   paragraph. \r\n"
    assert parse_narrative(text) == (
        Paragraph("First line of the first."),
        Paragraph("Second paragraph."),
    )


def test_bulleted_and_numbered_lists_with_items_that_run_on() -> None:
    text = "Strengths:\n- one\n* two runs\n  on here\n• three\n\n1. first\n2) second"
    assert parse_narrative(text) == (
        Paragraph("Strengths:"),
        ItemList(("one", "two runs on here", "three"), numbered=False),
        ItemList(("first", "second"), numbered=True),
    )


def test_a_change_of_list_kind_starts_a_new_list() -> None:
    assert parse_narrative("- a\n1. b") == (
        ItemList(("a",), numbered=False),
        ItemList(("b",), numbered=True),
    )


def test_markup_and_markdown_are_words() -> None:
    text = "<b>bold</b> **strong** [link](http://x) # heading"
    assert parse_narrative(text) == (Paragraph(text),)


def test_places_are_counted_as_a_reader_counts_them() -> None:
    blocks = parse_narrative("Intro.\n\n- a\n- b\n\nMiddle.\n\n1. c")
    assert [place for place, _ in block_texts(blocks)] == [
        "paragraph 1",
        "list item 1",
        "list item 2",
        "paragraph 2",
        "list item 3",
    ]


def test_empty_narrative_has_no_blocks() -> None:
    assert parse_narrative("") == () and parse_narrative(" \n\n\t\n") == ()
