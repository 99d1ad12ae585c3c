"""Oversikt: the scorecard, grouped by the strategy's five focus areas, this year against last; in
meeting mode the whole scorecard on one projector screen."""

from __future__ import annotations

import streamlit as st

from dashboard.engine.formatting import format_date
from dashboard.ui.components.cards import scorecard_html
from dashboard.ui.components.data import make_document, scorecard, scorecard_table
from dashboard.ui.components.page import describe, nothing_selected, start_page
from dashboard.ui.components.selection import meeting_mode
from dashboard.ui.components.tables import show_table

scope, access = start_page(
    "oversikt", "Oversikt", "Styringsindikatorer for nettverk i kreftomsorg og lindrende behandling"
)
meeting = meeting_mode()
with st.spinner("Beregner indikatorene …"):
    card = scorecard(scope)
statuses = [r.status for r in card.results]
st.markdown(
    f"**{scope.year}**, tall per {format_date(scope.as_of_date)}: "
    f"{statuses.count('met')} mål nådd · {statuses.count('close')} nær målet · "
    f"{statuses.count('not_met')} ikke nådd · "
    f"{statuses.count('too_few') + statuses.count('no_data')} uten nok data"
)
if not card.has_data:
    nothing_selected("Det finnes ingen data for dette utvalget og året ennå.")
st.html(scorecard_html(card, meeting))

if not meeting:
    st.subheader("Alle indikatorer")
    show_table(scorecard_table(card), "scorecard", scope)

    st.subheader("Årsrapport og møtepakke")
    st.caption("Dokumentene viser bare tall, ingen navn. Det tar noen sekunder å lage dem.")
    documents = (
        ("pdf", "Årsrapport (PDF)", "arsrapport", "pdf", "application/pdf"),
        (
            "xlsx",
            "Årsrapport (Excel)",
            "arsrapport",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("pack", "Møtepakke (PDF, liggende)", "motepakke", "pdf", "application/pdf"),
    )
    for column, (output_format, label, stem, extension, mime) in zip(
        st.columns(3), documents, strict=True
    ):
        key = f"document_{output_format}"
        if column.button(f"Lag {label.lower()}", key=f"make_{key}", icon=":material/description:"):
            bar = column.progress(0.0, text="Starter")
            st.session_state[key] = make_document(
                scope,
                output_format,
                describe(scope),
                lambda fraction, text, bar=bar: bar.progress(fraction, text=text),
            )
        if key in st.session_state:
            column.download_button(
                f"Last ned {label.lower()}",
                data=st.session_state[key],
                file_name=f"{stem}_{scope.year}.{extension}",
                mime=mime,
                key=f"download_{key}",
                icon=":material/download:",
            )
