"""The tables of Oppmøte: events, attendance by place, the member × event matrix, full attendance,
the intro course and the prize draws."""

from __future__ import annotations

import pandas as pd

from dashboard.engine import labels
from dashboard.engine.formatting import format_date
from dashboard.engine.i18n import _
from dashboard.exchange.page_tables.table import Table, counts, labelled, oslo_time, share


def events(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            _("Dato"): pd.to_datetime(rows["event_date"]).dt.date,
            _("Arrangement"): rows["title"],
            _("Type"): labelled(rows["kind"], labels.EVENT_KIND),
            _("Gruppe"): [labels.place_name(g) for g in rows["network_group_name"]],
            _("Forventet"): rows["n_expected"],
            _("Møtt"): rows["n_attended"],
            _("Andel"): share(rows["n_attended"], rows["n_expected"]),
            _("Møtt uten å være forventet"): rows["n_guests"],
        }
    )
    formats = {
        _("Dato"): "date",
        **counts(_("Forventet"), _("Møtt"), _("Møtt uten å være forventet")),
        _("Andel"): "share",
    }
    return Table(_("Oppmøte per arrangement"), frame, formats)


def attendance_by_place(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            _("Inndeling"): [
                labels.FILTER["network_group" if d == "network_group" else "municipality"]
                for d in rows["dimension"]
            ],
            _("Navn"): [labels.place_name(v) for v in rows["dimension_value"]],
            _("Type"): labelled(rows["kind"], labels.EVENT_KIND),
            _("Forventet"): rows["n_expected"],
            _("Møtt"): rows["n_attended"],
            _("Andel"): share(rows["n_attended"], rows["n_expected"]),
        }
    )
    return Table(
        _("Oppmøte per gruppe og kommune"),
        frame,
        {**counts(_("Forventet"), _("Møtt")), _("Andel"): "share"},
    )


def attendance_matrix(rows: pd.DataFrame) -> Table:
    """Member × event, each cell the status word («–» where the member was not expected)."""
    rows = rows.assign(
        Arrangement=[
            f"{format_date(pd.Timestamp(d).date())} {t}"
            for d, t in zip(rows["event_date"], rows["title"], strict=True)
        ]
    )
    pivot = rows.pivot_table(
        index=["member_name", "member_id"], columns="Arrangement", values="status", aggfunc="first"
    )
    pivot = pivot.reindex(columns=rows.sort_values("event_date")["Arrangement"].unique())
    pivot = pivot.map(lambda s: labels.ATTENDANCE.get(s, "–") if isinstance(s, str) else "–")
    frame = pivot.reset_index().rename(columns={"member_name": _("Navn"), "member_id": "ID"})
    frame.columns.name = None
    return Table(_("Oppmøtematrise"), frame, {}, personal=True)


def full_attendance(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            "ID": rows["member_id"],
            _("Navn"): rows["member_name"],
            _("Yrke"): labelled(rows["profession"], labels.PROFESSION),
            _("Arrangementer"): rows["n_events"],
        }
    )
    return Table(_("Møtt på alle samlinger"), frame, counts(_("Arrangementer")), personal=True)


def intro_course(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            _("Navn"): rows["member_name"],
            _("Yrke"): labelled(rows["profession"], labels.PROFESSION),
            _("Enhet"): rows["unit_name"],
            _("Startet"): pd.to_datetime(rows["start_date"]).dt.date,
            _("Kurs"): pd.to_datetime(rows["course_date"]).dt.date,
            _("Vinduet lukkes"): pd.to_datetime(rows["window_closes_on"]).dt.date,
        }
    )
    return Table(
        _("Introduksjonskurs"),
        frame,
        {_("Startet"): "date", _("Kurs"): "date", _("Vinduet lukkes"): "date"},
        personal=True,
    )


def prize_draws(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            _("Nr."): rows["draw_id"],
            _("Tidspunkt"): oslo_time(rows["drawn_at"]),
            _("Trukket av"): rows["drawn_by"],
            _("Frø"): rows["seed"],
            _("Kandidater"): rows["n_candidates"],
            _("Vinnere"): rows["winners"],
            _("Utvalg"): rows["filters"],
        }
    )
    return Table(
        _("Premietrekninger"), frame, counts(_("Nr."), _("Frø"), _("Kandidater")), personal=True
    )
