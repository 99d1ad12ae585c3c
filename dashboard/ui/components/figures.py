"""The charts of dashboard/exchange/charts.py, cached (a figure is built once per data version and
selection, not per visitor), and shown so that a click on a bar or a point narrows the selection
to it: the drill-down trust → group → municipality → unit."""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import lru_cache

import plotly.graph_objects as go
import streamlit as st

from dashboard.engine.db import DATA_DIR
from dashboard.engine.formatting import format_fraction
from dashboard.engine.i18n import _, cache_per_language
from dashboard.engine.scope import Scope
from dashboard.exchange import charts, vega
from dashboard.ui.components.data import query, version
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


def _spec(figure: go.Figure) -> dict:
    return (
        figure.vega_lite() if isinstance(figure, FrozenFigure) else vega.vega_lite(figure.to_dict())
    )


def drill_chart(
    figure: go.Figure, key: str, alt: str, dimension: str, then: Callable[[], None] | None = None
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


@lru_cache(maxsize=1)
def _coordinates() -> dict[str, tuple[float, float]]:
    """lon/lat per kommunenummer, shipped as data (data/municipalities.csv)."""
    with open(DATA_DIR / "municipalities.csv", encoding="utf-8", newline="") as handle:
        return {r["number"]: (float(r["lon"]), float(r["lat"])) for r in csv.DictReader(handle)}


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


@per_scope
def coverage_map(scope: Scope) -> go.Figure:
    """Each municipality's coverage as a point on its centre (those with coordinates)."""
    coverage = query("coverage_by_municipality", scope)
    located = coverage[coverage["municipality_number"].isin(_coordinates())]
    covered, needing = located["n_units_covered"], located["n_units"]
    return charts.municipality_points(
        tuple(located["municipality_name"]),
        tuple(_coordinates()[n][0] for n in located["municipality_number"]),
        tuple(_coordinates()[n][1] for n in located["municipality_number"]),
        tuple(c / n if n else None for c, n in zip(covered, needing, strict=True)),
        tuple(format_fraction(c, n) for c, n in zip(covered, needing, strict=True)),
        _("Dekning per kommune (punkt = kommunens sentrum)"),
        tuple(located["municipality_number"]),
    )
