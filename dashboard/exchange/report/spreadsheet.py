"""The annual report as a spreadsheet (XLSX): the same content, one sheet per section, for working
further on it.
"""

from __future__ import annotations

import pandas as pd

from dashboard.engine.formatting import format_date
from dashboard.engine.i18n import _
from dashboard.exchange.export import ExportMeta, to_xlsx_sheets
from dashboard.exchange.report.content import (
    ReportContent,
    method_note,
    scorecard_rows,
    selection_text,
)


def to_xlsx(content: ReportContent) -> bytes:
    """The same content, one sheet per section, for working further on it."""
    scorecard = scorecard_rows(content)
    cover = pd.DataFrame(
        {
            _("Felt"): [
                _("Årsrapport"),
                _("År"),
                _("Per dato"),
                _("Utvalg"),
                _("Dataversjon"),
                _("Sist importert"),
            ],
            _("Verdi"): [
                _("Nettverk i kreftomsorg og lindrende behandling"),
                str(content.year),
                format_date(content.as_of),
                selection_text(content),
                content.data_version,
                content.last_import,
            ],
        }
    )
    method = pd.DataFrame({_("Metode"): method_note(content)})
    meta = ExportMeta(
        _("Årsrapport {year}").format(year=content.year), content.filters, content.made_at
    )
    sections = [
        (_("Indikatorer"), scorecard),
        (_("Dekning"), content.coverage),
        (_("Oppmøte per gruppe"), content.attendance_groups),
        (_("Oppmøte per arrangement"), content.events),
        (_("Rapportering"), content.reporting),
        (_("Rekrutteringshull"), content.gaps),
    ]
    if content.decisions is not None:
        sections.append((_("Vedtak"), content.decisions))
    return to_xlsx_sheets(
        [
            (_("Forside"), cover, None),
            *((name, table.frame, table.formats) for name, table in sections),
            (_("Metode"), method, None),
        ],
        meta,
    )
