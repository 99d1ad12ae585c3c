"""The scorecard tile: value, «x av n», target, status word + symbol + colour, change from last
year. All text goes through Streamlit's Markdown (never raw HTML)."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from dashboard.engine.formatting import format_fraction, format_number, format_value
from dashboard.engine.indicators import Status, status_label
from dashboard.engine.scorecard import IndicatorResult
from dashboard.ui.components.figures import sparkline
from dashboard.ui.components.selection import current_scope, url_params

BADGE_COLOURS: dict[Status, str] = {
    "met": "blue",
    "close": "orange",
    "not_met": "red",
    "too_few": "gray",
    "no_target": "gray",
    "no_data": "gray",
}
PAGE_OF = {
    "dekning": "app_pages/dekning.py",
    "oppmote": "app_pages/oppmote.py",
    "rapportering": "app_pages/rapportering.py",
}


def change_text(result: IndicatorResult) -> str:
    """«▲ 2,3 prosentpoeng fra i fjor» (or a count's difference)."""
    if result.value is None or result.previous_value is None:
        return "ingen sammenligning med i fjor"
    difference = result.value - result.previous_value
    if result.indicator.kind == "share":
        amount = f"{format_number(abs(difference) * 100, 1)} prosentpoeng"
    else:
        amount = format_number(abs(difference))
    if abs(difference) < 1e-9:
        return "▬ som i fjor"
    arrow = "▲" if difference > 0 else "▼"
    return f"{arrow} {amount} fra i fjor"


def target_text(result: IndicatorResult) -> str:
    if result.target is None:
        return "Mål: " + (
            "økende (mangler fjorårstall)"
            if result.comparison == "rising"
            else result.indicator.target_text
        )
    word = {"rising": "over", ">=": "minst", "<=": "høyst"}.get(result.comparison or "", "")
    return f"Mål: {word} {format_value(result.indicator.kind, result.target)}"


def tile(
    result: IndicatorResult,
    trend_years: Sequence[int],
    trend_values: Sequence[float | None],
    large: bool = False,
) -> None:
    """One indicator as a bordered tile; a link leads to the page that explains it, with the
    same selection."""
    with st.container(border=True):
        st.markdown(f"**{result.indicator.title}**")
        value = format_value(result.indicator.kind, result.value)
        st.markdown(f"{'#' if large else '###'} {value}")
        st.badge(status_label(result.status), color=BADGE_COLOURS[result.status])
        st.caption(
            f"{format_fraction(result.numerator, result.denominator)} · {target_text(result)} · "
            f"{change_text(result)}"
        )
        if len(trend_years) > 1 and not large:
            st.plotly_chart(
                sparkline(tuple(trend_years), tuple(trend_values), result.indicator.kind),
                config={"displayModeBar": False, "staticPlot": True},
                key=f"trend_{result.indicator.id}",
            )
        if not large:
            st.page_link(
                PAGE_OF[result.indicator.page],
                label="Forklaring og detaljer",
                icon=":material/arrow_forward:",
                query_params=url_params(current_scope()),
            )
