"""The region side by side for the «Regionen» page: the comparison cached on the data version,
the place a table cell stands for, and the links to each place's scorecard."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import streamlit as st

from dashboard.engine.comparison import By, Comparison, Place, compare, compared_scope
from dashboard.engine.i18n import _, cache_per_language
from dashboard.engine.scope import Scope
from dashboard.engine.text import html_escape
from dashboard.exchange.page_tables import Table
from dashboard.exchange.region import PART_VALUE, comparison_table, order_places, place_headers
from dashboard.ui.components.data_access import COUNT_WORKERS, database, read_version, version
from dashboard.ui.components.selection import link

# Fixed column widths (pixels): the table scrolls sideways with the indicator column pinned, and a
# cell's place on the canvas is predictable.
WIDTH_INDICATOR, WIDTH_VALUE, WIDTH_COUNT, WIDTH_STATUS = 260, 150, 100, 120
# Rows and header of the table in pixels (Streamlit's default), so all indicators show at once.
ROW_HEIGHT = 35
# More places than this: the links to their scorecards fold into an expander.
MAX_OPEN_LINKS = 12


@lru_cache(maxsize=256)
def _comparison(
    path: str, data_version: str, scope: Scope, by: By, trusts: frozenset[str], region: str
) -> Comparison:
    with st.spinner(_("Beregner indikatorene for hvert sted …")):
        return read_version(
            data_version,
            lambda con: compare(con, scope, by, trusts, region_name=region, workers=COUNT_WORKERS),
        )


def comparison(scope: Scope, by: By, trusts: frozenset[str]) -> Comparison:
    """Each trust (or group) and the totals for the scope, counted once per data version (and
    once for every municipality or unit chosen: the columns bring their own places)."""
    compared = compared_scope(scope, by)
    return _comparison(str(database().path), version(), compared, by, trusts, _("Hele regionen"))


@cache_per_language(maxsize=256)  # the table's headers are in the run's language
def table_of(comparison: Comparison, sort_by: str | None) -> tuple[Comparison, Table]:
    """The comparison with its places ordered by an indicator (None: by name), as a table."""
    ordered = order_places(comparison, sort_by)
    return ordered, comparison_table(ordered)


def place_scope(scope: Scope, place: Place) -> Scope:
    """The scorecard's scope of one column: the same year, date and other filters."""
    return replace(scope, selection=place.selection(scope.selection))


def places_by_column(comparison: Comparison) -> dict[str, Place]:
    """Every column header of a place (value, «x av n», status) → the place."""
    return {
        header: place for place, headers in place_headers(comparison) for header in headers.values()
    }


def column_widths(comparison: Comparison) -> dict[str, int]:
    widths = {_("Indikator"): WIDTH_INDICATOR}
    for _place, headers in place_headers(comparison):
        for part, header in headers.items():
            widths[header] = (
                WIDTH_VALUE
                if part == PART_VALUE
                else WIDTH_COUNT
                if part == "count"
                else WIDTH_STATUS
            )
    return widths


def links_html(comparison: Comparison) -> str:
    """«Åpne styringskortet for: …», a link to each place's scorecard on Oversikt (for the
    keyboard and screen readers; a click on a table cell does the same)."""
    parts = [
        f'<a href="{html_escape(link("oversikt", place_scope(comparison.scope, place)))}" '
        f'target="_self">{html_escape(place.name)}</a>'
        for place in comparison.places
    ]
    aria = html_escape(_("Styringskort"))  # texts outside f-strings: Babel extracts them
    opens = html_escape(_("Åpne styringskortet for"))
    return f'<nav class="nk-crumbs" aria-label="{aria}">{opens}: ' + " · ".join(parts) + "</nav>"
