"""Oversikt: the scorecard, grouped by the strategy's five focus areas, this year against last; in
meeting mode the whole scorecard on one projector screen."""

from __future__ import annotations

import streamlit as st

from dashboard.engine.formatting import format_date
from dashboard.engine.i18n import _
from dashboard.ui.components.cards import scorecard_html
from dashboard.ui.components.data_access import make_document, scorecard, scorecard_table
from dashboard.ui.components.governance import oversikt_reminders
from dashboard.ui.components.meeting_memory import (
    change_since_meeting,
    meetings_and_decisions,
    noted_years,
)
from dashboard.ui.components.page import describe, nothing_selected, start_page
from dashboard.ui.components.selection import meeting_mode
from dashboard.ui.components.tables import show_table

scope, access = start_page(
    "oversikt",
    _("Oversikt"),
    _("Styringsindikatorer for nettverk i kreftomsorg og lindrende behandling"),
)
meeting = meeting_mode()
card = scorecard(scope)
statuses = [r.status for r in card.results]
st.markdown(
    _(
        "**{year}**, tall per {day}: {met} mål nådd · {close} nær målet · {not_met} ikke nådd · "
        "{too_little} uten nok data"
    ).format(
        year=scope.year,
        day=format_date(scope.as_of_date),
        met=statuses.count("met"),
        close=statuses.count("close"),
        not_met=statuses.count("not_met"),
        too_little=statuses.count("too_few") + statuses.count("no_data"),
    )
)
if not card.has_data:
    nothing_selected(_("Det finnes ingen data for dette utvalget og året ennå."))
st.html(scorecard_html(card, meeting, noted_years(scope)))

if not meeting:
    change_since_meeting(scope)  # a frozen meeting open: then beside now
    st.subheader(_("Alle indikatorer"))
    show_table(scorecard_table(card), "scorecard", scope)
    meetings_and_decisions(scope, access)

    oversikt_reminders(scope)  # the annual plan's deadlines and the register's terms

    st.subheader(_("Årsrapport og møtepakke"))
    st.caption(_("Dokumentene viser bare tall, ingen navn. Det tar noen sekunder å lage dem."))
    documents = (
        ("pdf", _("Årsrapport (PDF)"), "arsrapport", "pdf", "application/pdf"),
        (
            "xlsx",
            _("Årsrapport (Excel)"),
            "arsrapport",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("pack", _("Møtepakke (PDF, liggende)"), "motepakke", "pdf", "application/pdf"),
    )
    for column, (output_format, label, stem, extension, mime) in zip(
        st.columns(3), documents, strict=True
    ):
        key = f"document_{output_format}"
        if column.button(
            _("Lag {document}").format(document=label.lower()),
            key=f"make_{key}",
            icon=":material/description:",
        ):
            bar = column.progress(0.0, text=_("Starter"))
            st.session_state[key] = make_document(
                scope,
                output_format,
                describe(scope),
                lambda fraction, text, bar=bar: bar.progress(fraction, text=text),
                trusts=access.health_trusts,
            )
        if key in st.session_state:
            column.download_button(
                _("Last ned {document}").format(document=label.lower()),
                data=st.session_state[key],
                file_name=f"{stem}_{scope.year}.{extension}",
                mime=mime,
                key=f"download_{key}",
                icon=":material/download:",
                on_click="ignore",  # a download needs no page run
            )
