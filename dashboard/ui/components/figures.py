"""The charts of dashboard/exchange/charts.py, cached (a figure is built once per data version and
selection, not per visitor), and shown so that a click on a bar or a point narrows the selection
to it: the drill-down trust → group → municipality → unit."""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from dashboard.engine.i18n import _, cache_per_language
from dashboard.engine.scope import Scope
from dashboard.exchange import charts, vega
from dashboard.ui.components.data_access import place_names, query, version
from dashboard.ui.components.selection import narrow


class FrozenFigure(go.Figure):
    """A figure that is not changed after it is built: its dict and its Vega-Lite spec are made
    once, so showing it on every page run does not build them again."""

    def to_dict(self) -> dict:
        if not hasattr(self, "_frozen_dict"):
            object.__setattr__(self, "_frozen_dict", super().to_dict())
        return self._frozen_dict

    def vega_lite(self) -> dict:
        """The figure as the app draws it (`dashboard/exchange/vega.py`), made once."""
        if not hasattr(self, "_vega_lite"):
            object.__setattr__(self, "_vega_lite", vega.vega_lite(self.to_dict()))
        return self._vega_lite


def _cached(build: Callable[..., go.Figure]) -> Callable[..., go.Figure]:
    """Built once per arguments and language (titles, axes and labels are in it)."""

    @cache_per_language(maxsize=1024)
    def frozen(*args: object) -> go.Figure:
        return FrozenFigure(build(*args))

    return frozen


def per_scope(build: Callable[..., go.Figure]) -> Callable[..., go.Figure]:
    """A chart built by `build(scope, *args)` from the page's cached tables, once per data
    version, scope and language: a page run neither reads its rows nor hashes them again."""

    @cache_per_language(maxsize=256)
    def frozen(data_version: str, *args: object) -> go.Figure:
        return FrozenFigure(build(*args))

    def call(*args: object) -> go.Figure:
        return frozen(version(), *args)

    return call


share_bars = _cached(charts.share_bars)
event_bars = _cached(charts.event_bars)
year_bars = _cached(charts.year_bars)


def chart(figure: go.Figure, key: str, alt: str) -> None:
    """A chart to look at (no click). `alt` says what it shows, for screen readers."""
    st.vega_lite_chart(_spec(figure), key=key, alt=alt, width="stretch")


def _spec(figure: go.Figure | dict) -> dict:
    """The Vega-Lite spec of a figure of `charts.py` (or a spec made as one, the map)."""
    if isinstance(figure, dict):
        return figure
    return (
        figure.vega_lite() if isinstance(figure, FrozenFigure) else vega.vega_lite(figure.to_dict())
    )


def drill_chart(
    figure: go.Figure | dict,
    key: str,
    alt: str,
    dimension: str,
    then: Callable[[], None] | None = None,
) -> None:
    """A chart whose bars (or points) carry codes: clicking one narrows the selection to it
    (`dimension`: the filter it sets)."""

    def clicked() -> None:
        state = st.session_state.get(key)
        picked = state.selection.get(vega.SELECTION, []) if state is not None else []
        codes = [p.get("code") for p in picked if isinstance(p, dict) and p.get("code")]
        if codes:
            narrow(dimension, str(codes[0]))
            if then is not None:
                then()

    st.vega_lite_chart(
        _spec(figure),
        key=key,
        alt=f"{alt} " + _("Velg en stolpe for å se nærmere på den."),
        on_select=clicked,
        selection_mode=vega.SELECTION,
        width="stretch",
    )


# --- the charts of Dekning (built here, not in the page: a page file runs anew every time) ---


@per_scope
def coverage_bars(scope: Scope, target: float | None) -> go.Figure:
    """Each municipality's share of its units with a resource nurse, against the target."""
    coverage = query("coverage_by_municipality", scope)
    return charts.share_bars(
        tuple(coverage["municipality_name"]),
        tuple(coverage["n_units_covered"]),
        tuple(coverage["n_units"]),
        _("Kommunale enheter med ressurssykepleier"),
        target,
        tuple(coverage["municipality_number"]),
    )


@cache_per_language(maxsize=256)
def _coverage_map(data_version: str, scope: Scope, target: float | None) -> dict:
    coverage = query("coverage_by_municipality", scope)
    everyone = {
        code: name for (kind, code), name in place_names().items() if kind == "municipality"
    }
    areas = charts.map_areas(
        everyone,
        tuple(coverage["municipality_number"]),
        tuple(coverage["n_units_covered"]),
        tuple(coverage["n_units"]),
        target,
    )
    return vega.status_map(areas, _("Kommunale enheter med ressurssykepleier, per kommune"))


def coverage_map(scope: Scope, target: float | None) -> dict:
    """Each municipality of the selection on its boundaries, filled by its coverage's status
    against the target (the other municipalities of the data in grey), as a Vega-Lite spec:
    made once per data version, scope and language."""
    return _coverage_map(version(), scope, target)
