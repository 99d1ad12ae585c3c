"""Oversikt: the scorecard, grouped by the strategy's five focus areas, this year against last."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.engine.formatting import format_date, format_fraction, format_value
from dashboard.engine.indicators import FOCUS_AREAS, status_label
from dashboard.exchange.tables import scorecard_table
from dashboard.ui.components.data import make_document, scorecard
from dashboard.ui.components.downloads import download_buttons
from dashboard.ui.components.page import describe, nothing_selected, start_page
from dashboard.ui.components.scorecard import tile
from dashboard.ui.components.selection import meeting_mode

scope, access = start_page(
    "oversikt", "Oversikt", "Styringsindikatorer for nettverk i kreftomsorg og lindrende behandling"
)
large = meeting_mode()
with st.spinner("Beregner indikatorene …"):
    card = scorecard(scope)
results = card.results

counts = pd.Series([r.status for r in results]).value_counts()
st.markdown(
    f"**{scope.year}**, tall per {format_date(scope.as_of_date)}: "
    f"{counts.get('met', 0)} mål nådd · {counts.get('close', 0)} nær målet · "
    f"{counts.get('not_met', 0)} ikke nådd · {counts.get('too_few', 0) + counts.get('no_data', 0)} "
    "uten nok data"
)
if not card.has_data:
    nothing_selected("Det finnes ingen data for dette utvalget og året ennå.")

columns_per_row = 4 if large else 3
for number, name in FOCUS_AREAS.items():
    in_area = [r for r in results if r.indicator.focus_area == number]
    st.subheader(f"{number}. {name}")
    if not in_area:
        st.caption(
            "Strategien har ingen målbare indikatorer i dette fokusområdet; arbeidet følges i "
            "årsplanen."
        )
        continue
    for start in range(0, len(in_area), columns_per_row):
        columns = st.columns(columns_per_row)
        for column, result in zip(columns, in_area[start : start + columns_per_row], strict=False):
            with column:
                tile(result, card.trend_years, card.trend[result.indicator.id], large=large)

if not large:
    filters = describe(scope)
    st.subheader("Årsrapport og møtepakke")
    st.caption("Dokumentene viser bare tall, ingen navn. Det tar noen sekunder å lage dem.")
    document_columns = st.columns(3)
    documents = (
        ("pdf", "Årsrapport (PDF)", "pdf", "application/pdf"),
        (
            "xlsx",
            "Årsrapport (Excel)",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("pack", "Møtepakke (PDF, liggende)", "pdf", "application/pdf"),
    )
    for column, (output_format, label, extension, mime) in zip(
        document_columns, documents, strict=True
    ):
        key = f"document_{output_format}"
        if column.button(f"Lag {label.lower()}", key=f"make_{key}", icon=":material/description:"):
            bar = column.progress(0.0, text="Starter")
            st.session_state[key] = make_document(
                scope,
                output_format,
                filters,
                lambda fraction, text, bar=bar: bar.progress(fraction, text=text),
            )
        if key in st.session_state:
            stem = "motepakke" if output_format == "pack" else "arsrapport"
            column.download_button(
                f"Last ned {label.lower()}",
                data=st.session_state[key],
                file_name=f"{stem}_{scope.year}.{extension}",
                mime=mime,
                key=f"download_{key}",
                icon=":material/download:",
            )

    st.subheader("Alle indikatorer")
    table = scorecard_table(results, scope.year)
    shown = pd.DataFrame(
        {
            "Indikator": [r.indicator.title for r in results],
            "Verdi": [format_value(r.indicator.kind, r.value) for r in results],
            "Antall": [format_fraction(r.numerator, r.denominator) for r in results],
            "Mål": [
                "" if r.target is None else format_value(r.indicator.kind, r.target)
                for r in results
            ],
            "Status": [status_label(r.status) for r in results],
            "I fjor": [format_value(r.indicator.kind, r.previous_value) for r in results],
            "Kilde": [r.indicator.source for r in results],
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch")
    download_buttons(table.frame, table.title, filters, key="scorecard", formats=table.formats)
