"""The annual report (PDF and XLSX) and the steering group's meeting pack (landscape PDF).

Aggregates only: no names or e-mails. The charts are the app's own Plotly figures, rendered to PNG
offline by kaleido with Debian's chromium; without chromium the documents are made without charts
and say so.

`build` makes one document. What it shows is gathered in content.py; the charts are drawn in
chart_images.py; the PDFs are laid out with pdf_layout.py by annual_pdf.py and meeting_pack.py;
the spreadsheet is spreadsheet.py.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.engine.comparison import compare
from dashboard.engine.i18n import _
from dashboard.engine.scope import Scope
from dashboard.exchange.report.annual_pdf import to_pdf
from dashboard.exchange.report.chart_images import figures, render_pngs
from dashboard.exchange.report.content import (
    FORMATS,
    Progress,
    ReportContent,
    collect,
    scorecard_rows,
)
from dashboard.exchange.report.meeting_pack import to_pack
from dashboard.exchange.report.pdf_layout import FONT_DIRS, ReportUnavailable
from dashboard.exchange.report.spreadsheet import to_xlsx

__all__ = [
    "FONT_DIRS",
    "FORMATS",
    "Progress",
    "ReportContent",
    "ReportUnavailable",
    "build",
    "collect",
    "figures",
    "render_pngs",
    "scorecard_rows",
    "to_pack",
    "to_pdf",
    "to_xlsx",
]


def build(
    con: duckdb.DuckDBPyConnection,
    scope: Scope,
    output_format: str,
    filters: dict[str, str] | None = None,
    progress: Progress | None = None,
    trusts: frozenset[str] = frozenset(),
    notes: pd.DataFrame | None = None,
    frozen_line: str = "",
) -> bytes:
    """One document: `pdf` (the annual report), `xlsx` (its content) or `pack` (meeting pack).
    `trusts`: the health trusts a limited user sees side by side in the pack (empty: all);
    `notes`: the decisions to show (default: those `con` holds); `frozen_line`: said on the first
    page when `con` reads a frozen meeting's snapshot."""
    say = progress or (lambda _fraction, _text: None)
    if output_format not in FORMATS:
        raise ValueError(
            _("ukjent format «{format}»; velg pdf, xlsx eller pack").format(format=output_format)
        )
    say(0.1, _("Henter tallene"))
    content = collect(con, scope, filters, notes)
    content.frozen_line = frozen_line
    if output_format == "pack":
        content.region = compare(con, scope, "health_trust", trusts)
    if output_format == "xlsx":
        say(0.9, _("Skriver regnearket"))
        return to_xlsx(content)
    say(0.3, _("Tegner diagrammene"))
    pngs = render_pngs(figures(content))
    say(0.8, _("Setter sammen dokumentet"))
    return to_pdf(content, pngs) if output_format == "pdf" else to_pack(content, pngs)
