"""The charts of dashboard/exchange/charts.py, cached (a figure is built once per data version and
selection, not per visitor), and shown so that a click on a bar or a point narrows the selection
to it: the drill-down trust → group → municipality → unit."""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from dashboard.engine.i18n import _, cache_per_language, language
from dashboard.exchange import charts
from dashboard.ui.components.selection import narrow


class FrozenFigure(go.Figure):
    """A figure that is not changed after it is built: its dict is made once, so showing it on
    every page run does not copy the whole figure again (Streamlit asks for `to_dict` each time)."""

    def to_dict(self) -> dict:
        if not hasattr(self, "_frozen_dict"):
            object.__setattr__(self, "_frozen_dict", super().to_dict())
        return self._frozen_dict


def _cached(build: Callable[..., go.Figure]) -> Callable[..., go.Figure]:
    """Built once per arguments and language (titles, axes and labels are in it)."""

    @cache_per_language(maxsize=1024)
    def frozen(*args: object) -> go.Figure:
        return FrozenFigure(build(*args))

    return frozen


share_bars = _cached(charts.share_bars)
event_bars = _cached(charts.event_bars)
municipality_points = _cached(charts.municipality_points)
year_bars = _cached(charts.year_bars)


def _config() -> dict[str, object]:
    """Plotly's own texts and number formats: Norwegian in bokmål and nynorsk, else English."""
    return {"displayModeBar": False, "locale": "en" if language() == "en" else "nb"}


def chart(figure: go.Figure, key: str, alt: str) -> None:
    """A chart to look at (no click). `alt` says what it shows, for screen readers."""
    st.plotly_chart(figure, key=key, config=_config(), alt=alt)


def drill_chart(
    figure: go.Figure, key: str, alt: str, dimension: str, then: Callable[[], None] | None = None
) -> None:
    """A chart whose bars (or points) carry codes: clicking one narrows the selection to it
    (`dimension`: the filter it sets)."""

    def clicked() -> None:
        state = st.session_state.get(key)
        points = state.selection.points if state is not None else []
        codes = [p.get("customdata") for p in points if p.get("customdata")]
        if codes:
            narrow(dimension, str(codes[0]))
            if then is not None:
                then()

    st.plotly_chart(
        figure,
        key=key,
        config=_config(),
        alt=f"{alt} " + _("Velg en stolpe for å se nærmere på den."),
        on_select=clicked,
        selection_mode="points",
    )
