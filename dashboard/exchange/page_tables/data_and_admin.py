"""The tables of Data and of Brukere, mål og logg: the import history, the audit log, and the
decisions on the indicators."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard.engine import labels
from dashboard.engine.contract import TABLES_BY_NAME
from dashboard.engine.i18n import _
from dashboard.engine.indicators import INDICATORS_BY_ID
from dashboard.exchange.page_tables.table import Table, counts, labelled, oslo_time


def import_history(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            _("Import nr."): [str(int(i)) if pd.notna(i) else "–" for i in rows["import_id"]],
            _("Tidspunkt"): oslo_time(rows["imported_at"]),
            _("Av"): rows["imported_by"],
            _("Handling"): labelled(rows["action"], labels.IMPORT_ACTION),
            _("Fil"): rows["file_name"],
            _("Tabell"): [
                TABLES_BY_NAME[t].title if t in TABLES_BY_NAME else _("Alle tabeller")
                for t in rows["table_name"]
            ],
            _("Nye"): rows["inserted"],
            _("Endret"): rows["updated"],
            _("Angret"): [_("ja") if u else _("nei") for u in rows["undone"]],
        }
    )
    return Table(_("Importhistorikk"), frame, counts(_("Nye"), _("Endret")), personal=True)


def audit_log(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            _("Tidspunkt"): oslo_time(rows["logged_at"]),
            _("Hvem"): rows["email"],
            _("Hva"): rows["action"],
            _("Detaljer"): rows["detail"],
            _("Utvalg"): rows["filters"],
            _("Rader"): rows["n_rows"].astype("Int64"),
        }
    )
    return Table(_("Logg"), frame, counts(_("Rader")), personal=True)


def decisions(rows: pd.DataFrame) -> Table:
    """The decisions recorded on the indicators (queries/decision_notes.sql): what, when, by which
    body, at which meeting, and the plan activity it created."""

    def indicator(code: str) -> str:
        found = INDICATORS_BY_ID.get(code)
        return found.title if found is not None else code

    def blank(values: Iterable[object]) -> list[str]:
        return ["" if v is None or pd.isna(v) else str(v) for v in values]

    frame = pd.DataFrame(
        {
            _("Indikator"): [indicator(c) for c in rows["indicator"]],
            _("År"): [str(int(y)) for y in rows["year"]],
            _("Vedtatt"): pd.to_datetime(rows["decided_on"]).dt.date,
            _("Organ"): labelled(rows["body"], labels.GOVERNANCE_BODY),
            _("Møte"): blank(rows["meeting_title"]),
            _("Vedtak"): list(rows["note"]),
            _("Aktivitet i årsplanen"): blank(rows["activity_title"]),
        }
    )
    return Table(
        _("Vedtak om indikatorene"),
        frame.reset_index(drop=True),
        {_("Vedtatt"): "date"},
    )
