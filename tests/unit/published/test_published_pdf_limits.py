"""A small PDF cannot eat the machine (issue 9): uploads are read in a process of their own with
limits on pages, characters, memory, processor and wall-clock time, and a file past any of them
is refused as "too large or too complex to read", with nothing stored, from the core, the command
line and the web upload alike.

The hostile PDFs are built here, small: 20,000 near-empty pages (2 MB), and one page whose
compressed content stream (50 KB) repeats a text operator five million times.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from typer.testing import CliRunner

from sufficiency.cli import app
from sufficiency.published import ReportParseError, parse_report
from sufficiency.published.errors import ReportTooComplex
from sufficiency.published.files import report_text
from sufficiency.published.pdf import pdf_text
from sufficiency.published.pdf_extract import LIMITS, Limits

REFUSAL = "too large or too complex to read"


def pdf_of(objects: list[bytes]) -> bytes:
    """A PDF file of the given objects (the first is the catalogue), with its cross-reference."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def many_pages(count: int) -> bytes:
    kids = " ".join(f"{n} 0 R" for n in range(3, count + 3))
    return pdf_of(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            f"<< /Type /Pages /Count {count} /Kids [{kids}] >>".encode(),
            *[b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>"] * count,
        ]
    )


def one_page_of(content: bytes) -> bytes:
    stream = zlib.compress(content, 9)
    return pdf_of(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode()
            + stream
            + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def text_operator_bomb() -> bytes:
    return one_page_of(b"BT /F1 12 Tf 10 10 Td " + b"(A) Tj " * 5_000_000 + b"ET")


def test_the_hostile_files_are_small() -> None:
    assert len(text_operator_bomb()) < 60_000
    assert len(many_pages(20_000)) < 2_500_000


def test_twenty_thousand_pages_are_refused_before_they_are_read() -> None:
    with pytest.raises(ReportTooComplex) as caught:
        pdf_text(many_pages(20_000), "pages.pdf")
    assert REFUSAL in caught.value.message
    assert "20,000 pages" in caught.value.message
    assert caught.value.limit == "pages"


def test_a_page_that_repeats_a_text_operator_is_stopped_by_the_limits() -> None:
    with pytest.raises(ReportTooComplex) as caught:
        pdf_text(text_operator_bomb(), "bomb.pdf")
    assert caught.value.message.startswith(f"bomb.pdf is {REFUSAL}")
    assert "nothing was stored" in caught.value.message


def test_too_many_characters_are_refused() -> None:
    page = one_page_of(b"BT /F1 12 Tf 10 10 Td " + b"(Probation) Tj " * 200 + b"ET")
    assert "Probation" in pdf_text(page, "small.pdf")  # within the limits it is read
    with pytest.raises(ReportTooComplex) as caught:
        pdf_text(page, "small.pdf", Limits(characters=1_000))
    assert caught.value.limit == "characters"
    assert "1,000 characters" in caught.value.message


def test_a_pdf_that_takes_too_long_is_stopped_by_the_clock() -> None:
    with pytest.raises(ReportTooComplex) as caught:
        pdf_text(text_operator_bomb(), "slow.pdf", Limits(seconds=0.3))
    assert caught.value.limit == "time"


def test_text_past_the_character_limit_is_refused() -> None:
    text = ("Placeholder text of an invented report. " * 60_000).encode()
    assert len(text) > LIMITS.characters
    with pytest.raises(ReportTooComplex, match=REFUSAL.replace(" or too complex", "")):
        report_text(text, "long.txt")


def test_the_command_line_refuses_a_hostile_pdf(tmp_path: Path) -> None:
    path = tmp_path / "pages.pdf"
    path.write_bytes(many_pages(20_000))
    with pytest.raises(ReportParseError, match=REFUSAL):
        parse_report(path)
    result = CliRunner().invoke(app, ["published", "parse", str(path)])
    assert result.exit_code == 2
    assert REFUSAL in " ".join(result.stderr.split())
    assert result.stdout == ""


@pytest.mark.django_db
def test_the_web_upload_refuses_a_hostile_pdf_and_stores_nothing() -> None:
    from sufficiency.web.accounts.services import Role, create_or_reset_user
    from sufficiency.web.audit.models import AuditEvent
    from sufficiency.web.published.models import PublishedReport

    user, _ = create_or_reset_user("test-inspector", Role.INSPECTOR)
    client = Client()
    client.force_login(user)
    response = client.post(
        reverse("published:upload"),
        {"file": SimpleUploadedFile("bomb.pdf", text_operator_bomb())},
    )
    assert response.status_code == 200
    assert REFUSAL in " ".join(response.content.decode().split())
    assert not PublishedReport.objects.exists()
    assert AuditEvent.objects.filter(detail__file="bomb.pdf").exists()  # the refusal is audited


@pytest.mark.django_db
def test_a_bulk_import_parses_side_by_side_and_stores_in_order(
    tmp_path: Path, published_dir: Path
) -> None:
    import threading

    from sufficiency.web.published import services
    from sufficiency.web.published.models import PublishedReport

    hostile = tmp_path / "pages.pdf"
    hostile.write_bytes(many_pages(20_000))
    files = [
        published_dir / "essex-crc-2018.txt",
        hostile,
        published_dir / "dorset-devon-cornwall-crc-2019.txt",
    ]
    seen: set[str] = set()
    parse_file = services.parse_file

    def parse_noting_the_thread(path: Path) -> services.ParsedFile:
        seen.add(threading.current_thread().name)
        return parse_file(path)

    results = list(services.parse_files(files, workers=2))
    assert [type(r).__name__ for r in results] == ["ParsedFile", "ReportRejected", "ParsedFile"]
    assert REFUSAL in str(results[1])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(services, "parse_file", parse_noting_the_thread)
        result = CliRunner().invoke(app, ["published", "import", *map(str, files)])
    assert result.exit_code == 2  # one file refused
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert [line.split(":")[0] for line in lines] == [str(files[0]), str(files[2])]
    assert REFUSAL in " ".join(result.stderr.split())
    assert PublishedReport.objects.count() == 2
    assert len(seen) >= 1 and not any(name == "MainThread" for name in seen)
