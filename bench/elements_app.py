"""The second floor: a page with the elements an app page draws (the sidebar's filters, tiles, a
section picker, two charts, a table with its filter and its two downloads) and no work at all:
constant data, nothing read or computed. Measured beside the pages, it shows how much of a page's
cost is Streamlit drawing those elements, whatever the app does (`make bench`)."""

import pandas as pd
import streamlit as st

ROWS = 30
FRAME = pd.DataFrame(
    {
        "Kommune": [f"Kommune {i}" for i in range(ROWS)],
        "Andel": [f"{i},5 %" for i in range(ROWS)],
        "Antall": list(range(ROWS)),
    }
)
SPEC = {
    "data": {"values": [{"kommune": f"K{i}", "andel": i / ROWS} for i in range(ROWS)]},
    "mark": "bar",
    "encoding": {
        "x": {"field": "kommune", "type": "nominal"},
        "y": {"field": "andel", "type": "quantitative"},
    },
}
CHOICES = [f"Valg {i}" for i in range(40)]
FILTERS = ("Helseforetak", "Nettverk", "Nettverksgruppe", "Kommune", "Yrke", "Enhetstype")

sidebar = st.sidebar
sidebar.selectbox("Språk", ["Bokmål", "Nynorsk", "English"], key="language")
sidebar.header("Utvalg")
sidebar.selectbox("År", ["2026", "2025", "2024"], key="year")
sidebar.date_input("Per dato", value=None, key="as_of", format="DD.MM.YYYY")
for name in FILTERS:
    sidebar.selectbox(name, CHOICES, key=name)
sidebar.button("Nullstill utvalget")
sidebar.toggle("Møtemodus", key="meeting_mode")
st.title("Rapportering")
st.caption("Utvalg: alle")
st.html("".join(f"<div><b>Indikator {i}</b> 80,5 %</div>" for i in range(8)))
st.segmented_control("Del", ["Svar", "Mangler"], default="Svar", key="section")
left, right = st.columns(2)
left.selectbox("Vis etter", ["Kommune", "Gruppe"], key="dimension")
right.selectbox("Spørsmål", ["Svar", "Leder"], key="question")
st.vega_lite_chart(SPEC, key="chart_1", width="stretch")
st.vega_lite_chart(SPEC, key="chart_2", width="stretch")
with st.popover("Filtrer tabellen"):
    st.selectbox("Kolonne", list(FRAME.columns), key="filter_column")
    st.multiselect("Verdier", list(FRAME["Kommune"]), key="filter_values")
st.dataframe(FRAME, hide_index=True, width="stretch")
left, right = st.columns(2)
left.download_button("Last ned Excel", b"x", "tabell.xlsx", key="xlsx")
right.download_button("Last ned CSV", b"x", "tabell.csv", key="csv")
