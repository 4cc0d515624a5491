"""The report as a tagged PDF (PDF/UA-1) through WeasyPrint.

The PDF is the HTML report with a print stylesheet: the document language (en-GB) and title come
from the page, headings keep their levels, table headers are marked (``<th scope>``), every word
is real text (fonts embedded), and each chart is a figure whose alternate text is its title.
"""

from __future__ import annotations

from sufficiency.reporting.document import Report
from sufficiency.reporting.html import render_html, stylesheet

PDF_VARIANT = "pdf/ua-1"


def render_pdf(report: Report) -> bytes:
    """The report as tagged PDF. WeasyPrint fetches nothing: every resource is in the page, and
    a fetcher that allows no protocol at all (no file:, no http:) keeps it so."""
    import weasyprint  # type: ignore[import-untyped]
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    page = render_html(report, extra_css="\n" + stylesheet("print.css"))
    document = weasyprint.HTML(
        string=page, base_url=None, url_fetcher=URLFetcher(allowed_protocols=set())
    )
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    return pdf
