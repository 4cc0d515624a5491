"""A report PDF's text, read in a process of its own with limits (issue 9: a small PDF can eat
the machine: 49 KB repeating a text operator, or 20,000 near-empty pages).

``pdf_text`` runs ``pdf_extract.py`` as a separate Python process that limits its own memory and
processor time, reads at most so many pages and characters, and is stopped after so many seconds
of wall-clock time. A PDF past any limit is refused as "too large or too complex to read"
(``ReportTooComplex``); nothing is stored, since the refusal comes before parsing. The web
upload, the API and the command line all come through here (``files.report_text``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sufficiency.published.errors import ReportParseError, ReportTooComplex
from sufficiency.published.pdf_extract import LIMITS, Limits, TooComplex, extract

WORKER = Path(__file__).with_name("pdf_extract.py")


def pdf_text(data: bytes, source: str = "<pdf>", limits: Limits = LIMITS) -> str:
    """The text of a PDF report, read out of this process within ``limits``.

    Raises ``ReportTooComplex`` past a limit, ``ReportParseError`` for a PDF that cannot be read
    or has no text."""
    try:
        done = subprocess.run(  # noqa: S603 (our own script, no shell; the PDF is its input)
            [sys.executable, "-I", str(WORKER), limits.as_json()],
            input=data,
            capture_output=True,
            timeout=limits.seconds,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise _too_complex(source, "time", f"it takes more than {limits.seconds:g} s") from None
    try:
        result = json.loads(done.stdout) if done.returncode == 0 else None
    except ValueError:
        result = None
    if not isinstance(result, dict):  # stopped by a limit (memory, processor time) or crashed
        raise _too_complex(
            source, "memory or processor time", "reading it went past the memory or time allowed"
        )
    return _text_of(result, source)


def pdf_text_in_process(data: bytes, source: str = "<pdf>", limits: Limits = LIMITS) -> str:
    """``pdf_text`` in this process, with its page and character limits only (for benchmarks
    and trusted files: an upload goes through ``pdf_text``)."""
    try:
        result = {"text": extract(data, limits)}
    except TooComplex as exc:
        result = {"error": "too-complex", "limit": exc.limit, "detail": exc.detail}
    except Exception as exc:  # PDFium raises its own errors for a damaged or locked file
        result = {"error": "unreadable", "detail": str(exc) or exc.__class__.__name__}
    return _text_of(result, source)


def _text_of(result: dict[str, str], source: str) -> str:
    if result.get("error") == "too-complex":
        raise _too_complex(source, result.get("limit", "?"), result.get("detail", ""))
    if "text" not in result:
        raise ReportParseError(
            f"{source} is not a readable PDF ({result.get('detail') or 'unknown error'})",
            source=source,
        )
    text = result["text"]
    if not text.strip():
        raise ReportParseError(
            f"{source} is a PDF without a text layer (a scan?): there is no text to read",
            source=source,
        )
    return text


def _too_complex(source: str, limit: str, detail: str) -> ReportTooComplex:
    return ReportTooComplex(
        f"{source} is too large or too complex to read ({detail}); nothing was stored. "
        "A published inspection report is a few dozen pages: check that this is the report.",
        limit,
        source,
    )
