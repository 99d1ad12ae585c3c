"""The tables of Ressurspersoner: the member register and one member's history."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.engine import labels
from dashboard.engine.formatting import format_date
from dashboard.engine.i18n import N_, TranslatedMapping, _
from dashboard.exchange.page_tables.table import Table, is_missing, labelled


def member_register(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            "ID": rows["member_id"],
            _("Navn"): rows["member_name"],
            _("E-post"): rows["member_email"],
            _("Yrke"): labelled(rows["profession"], labels.PROFESSION),
            _("Enhet"): rows["unit_name"],
            _("Enhetstype"): labelled(rows["unit_type"], labels.UNIT_TYPE),
            _("Kommune"): rows["municipality_name"],
            _("Nettverksgruppe"): rows["network_group_name"],
            _("Start"): pd.to_datetime(rows["start_date"]).dt.date,
            _("Slutt"): pd.to_datetime(rows["end_date"]).dt.date,
            _("Sluttårsak"): rows["end_reason"],
            _("Aktiv"): [_("ja") if a else _("nei") for a in rows["is_active"]],
        }
    )
    return Table(
        _("Ressurspersoner"), frame, {_("Start"): "date", _("Slutt"): "date"}, personal=True
    )


HISTORY_KIND: Mapping[str, str] = TranslatedMapping(
    {
        "appointment": N_("Oppnevning"),
        "event": N_("Arrangement"),
        "annual_report": N_("Årlig rapportering"),
    }
)


def _yes_no(value: object) -> str:
    return "–" if is_missing(value) else _("ja") if value else _("nei")


def _history_detail(row: Mapping[str, object]) -> str:
    """«Sola sykehjem – til 16.04.2026 (flyttet)», «Årlig fagdag: møtt», «År 2025: møtt leder
    ja, øremerket tid nei»: in the current language."""
    if row["kind"] == "appointment":
        end = row["end_date"]
        until = (
            _("til {day}").format(day=format_date(pd.Timestamp(end).date()))  # type: ignore[arg-type]
            if not is_missing(end)
            else _("aktiv")
        )
        reason = "" if is_missing(row["end_reason"]) else f" ({row['end_reason']})"
        return f"{row['title']} – {until}{reason}"
    if row["kind"] == "event":
        return f"{row['title']}: {labels.label(labels.ATTENDANCE, row['status']).lower()}"
    return _("År {year}: møtt leder {met_leader}, øremerket tid {earmarked_time}").format(
        year=row["year"],
        met_leader=_yes_no(row["met_leader"]),
        earmarked_time=_yes_no(row["earmarked_time"]),
    )


def member_history(rows: pd.DataFrame, name: str) -> Table:
    frame = pd.DataFrame(
        {
            _("Dato"): pd.to_datetime(rows["day"]).dt.date,
            _("Hva"): labelled(rows["kind"], HISTORY_KIND),
            _("Detaljer"): [_history_detail(row) for row in rows.to_dict("records")],
        }
    )
    return Table(_("Historikk {name}").format(name=name), frame, {_("Dato"): "date"}, personal=True)
