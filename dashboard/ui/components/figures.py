"""The charts of dashboard/exchange/charts.py, cached per process: building a Plotly figure
costs more than the rest of a page, and the same figure serves every session that asks for it."""

from __future__ import annotations

import streamlit as st

from dashboard.exchange import charts

_cached = st.cache_resource(max_entries=2048, show_spinner=False)

share_bars = _cached(charts.share_bars)
event_bars = _cached(charts.event_bars)
municipality_points = _cached(charts.municipality_points)
year_bars = _cached(charts.year_bars)
indicator_bars = _cached(charts.indicator_bars)
sparkline = _cached(charts.sparkline)
