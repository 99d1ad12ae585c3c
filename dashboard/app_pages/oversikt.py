"""Oversikt: every indicator for the chosen year, grouped by the strategy's focus areas."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.data import DatabaseMissing, available_years, scorecard
from dashboard.formatting import format_date, format_fraction, format_value
from dashboard.indicators import FOCUS_AREAS, status_label
from dashboard.scorecard import IndicatorResult, Selection


def _rows(results: list[IndicatorResult]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Indikator": r.indicator.title,
                "Verdi": format_value(r.indicator.kind, r.value),
                "Antall": format_fraction(r.numerator, r.denominator),
                "Mål": "" if r.target is None else format_value(r.indicator.kind, r.target),
                "Status": status_label(r.status),
                "I fjor": format_value(r.indicator.kind, r.previous_value),
                "Kilde": r.indicator.source,
            }
            for r in results
        ]
    )


st.title("Oversikt")
st.caption("Styringsindikatorer for nettverk i kreftomsorg og lindrende behandling")

try:
    years = available_years()
except DatabaseMissing as missing:
    st.error(
        f"Fant ingen database på {missing}. Bygg demodatabasen med `make run`, "
        "eller pek miljøvariabelen DASHBOARD_DB til en database."
    )
    st.stop()

year = st.selectbox("År", years, index=0, key="year")
with st.spinner("Beregner indikatorene …"):
    results = scorecard(int(year), Selection())

st.caption(f"Tall per {format_date(results[0].as_of_date)}." if results else "")
for number, name in FOCUS_AREAS.items():
    in_area = [r for r in results if r.indicator.focus_area == number]
    st.subheader(f"{number}. {name}")
    if not in_area:
        st.info("Ingen indikatorer er knyttet til dette fokusområdet ennå.")
        continue
    st.dataframe(_rows(in_area), hide_index=True, width="stretch")
