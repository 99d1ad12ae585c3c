"""The building blocks of both PDFs (the annual report and the meeting pack): the A4 page with the
DejaVu fonts, headings, paragraphs, tables, images, the scorecard's rows and the decisions page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from dashboard.engine.formatting import format_date, format_fraction, format_value
from dashboard.engine.i18n import _
from dashboard.engine.indicators import status_label
from dashboard.engine.scorecard import IndicatorResult
from dashboard.exchange.page_tables import Table
from dashboard.exchange.report.content import ReportContent, selection_text

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)


class ReportUnavailable(RuntimeError):
    """Something the document needs is missing (a font); the message says what (in the current
    language)."""


def _font_path(name: str) -> Path:
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return folder / name
    raise ReportUnavailable(
        _("Fonten DejaVu mangler (Debian-pakken fonts-dejavu-core); rapporten kan ikke lages.")
    )


def new_pdf(orientation: str = "P") -> object:
    from fpdf import FPDF

    pdf = FPDF(orientation=orientation, format="A4")
    pdf.add_font("DejaVu", "", str(_font_path("DejaVuSans.ttf")))
    pdf.add_font("DejaVu", "B", str(_font_path("DejaVuSans-Bold.ttf")))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_font("DejaVu", size=10)
    return pdf


def heading(pdf: object, text: str, size: int = 16) -> None:
    pdf.set_font("DejaVu", "B", size)  # type: ignore[attr-defined]
    pdf.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pdf.ln(2)  # type: ignore[attr-defined]
    pdf.set_font("DejaVu", "", 10)  # type: ignore[attr-defined]


def paragraph(pdf: object, text: str, size: int = 10) -> None:
    pdf.set_font("DejaVu", "", size)  # type: ignore[attr-defined]
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pdf.ln(2)  # type: ignore[attr-defined]


def scope_lines(pdf: object, content: ReportContent, line: str, size: int, frozen: int) -> None:
    """The cover's line naming the selection and the day (`line`, translated, with {selection}
    and {day}), and the frozen figures' line under it when there is one (size `frozen`)."""
    paragraph(
        pdf, line.format(selection=selection_text(content), day=format_date(content.as_of)), size
    )
    if content.frozen_line:
        paragraph(pdf, content.frozen_line, frozen)


def scorecard_cells(results: Sequence[IndicatorResult]) -> tuple[list[str], list[list[str]]]:
    """The scorecard's header and rows in the PDF and the meeting pack: value, «x av n», target,
    status and last year's value."""
    header = [_("Indikator"), _("Verdi"), _("Antall"), _("Mål"), _("Status"), _("I fjor")]
    return header, [
        [
            r.indicator.title,
            format_value(r.indicator.kind, r.value),
            format_fraction(r.numerator, r.denominator),
            "" if r.target is None else format_value(r.indicator.kind, r.target),
            status_label(r.status),
            format_value(r.indicator.kind, r.previous_value),
        ]
        for r in results
    ]


def pdf_table(
    pdf: object, header: list[str], rows: list[list[str]], widths: tuple[float, ...], size: int = 8
) -> None:
    pdf.set_font("DejaVu", "", size)  # type: ignore[attr-defined]
    with pdf.table(
        col_widths=widths,
        line_height=size * 0.55,
        text_align="LEFT",  # type: ignore[attr-defined]
        headings_style=_bold_style(),
        repeat_headings=1,
    ) as table:
        for values in [header, *rows]:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.ln(3)  # type: ignore[attr-defined]


def _bold_style() -> object:
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", fill_color=(232, 238, 244))


def image(pdf: object, png: bytes | None, width: float) -> None:
    if png is None:
        return
    pdf.image(io.BytesIO(png), w=width)  # type: ignore[attr-defined]
    pdf.ln(3)  # type: ignore[attr-defined]


def png_height(png: bytes) -> float:
    """Height per 1000 units of width, from the PNG header."""
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    return height / width * 1000


def view(
    pdf: object,
    table: Table,
    columns: list[str],
    headings: list[str],
    widths: tuple[float, ...],
) -> None:
    """Some of a table's columns, formatted as on screen, under shorter headings."""
    pdf_table(pdf, headings, table.text_rows(columns), widths)


def decisions_page(pdf: object, content: ReportContent, size: int) -> None:
    """The decisions recorded on the indicators for this selection and year (a page of its own;
    none when there are none)."""
    if content.decisions is None:
        return
    pdf.add_page()  # type: ignore[attr-defined]
    heading(pdf, content.decisions.title, size)
    columns = [_("Indikator"), _("Vedtatt"), _("Organ"), _("Vedtak"), _("Aktivitet i årsplanen")]
    landscape = size > 16
    widths = (60, 24, 40, 105, 48) if landscape else (40, 20, 30, 55, 35)
    view(pdf, content.decisions, columns, columns, widths)
