"""Regionen: every indicator for each health trust (or, with the switch, each network group) side
by side with the regional total, judged as each one's own scorecard; a click on a cell (or a
link below the table) opens that place's scorecard on Oversikt."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard.engine.i18n import N_, _
from dashboard.engine.indicators import INDICATORS_BY_ID, MIN_DENOMINATOR
from dashboard.ui.components.downloads import download_buttons
from dashboard.ui.components.page import describe, nothing_selected, section, start_page
from dashboard.ui.components.region import (
    MAX_OPEN_LINKS,
    ROW_HEIGHT,
    column_widths,
    comparison,
    links_html,
    place_scope,
    places_by_column,
    table_of,
)
from dashboard.ui.components.selection import url_params
from dashboard.ui.components.tables import display

OVERSIKT = Path(__file__).resolve().parent / "oversikt.py"
SECTIONS = {"helseforetak": N_("Helseforetak"), "grupper": N_("Nettverksgrupper")}
ROUND = "region_round"  # a new table key after each click, so the old selection is gone

scope, access = start_page(
    "region",
    _("Regionen"),
    _(
        "Alle indikatorer for hvert helseforetak eller hver nettverksgruppe side om side, med "
        "regionen totalt. Klikk på en celle for å åpne styringskortet for stedet."
    ),
)
shown = section({code: _(label) for code, label in SECTIONS.items()}, "helseforetak")
by = "health_trust" if shown == "helseforetak" else "network_group"
result = comparison(scope, by, access.health_trusts)

notes = [
    _(
        "Tallene gjelder {year} med datoen og filtrene for nettverk, yrke og enhetstype fra "
        "utvalget."
    ).format(year=scope.year),
    _("Nettverksgruppene er de i valgt helseforetak.")
    if by == "network_group" and scope.selection.health_trust
    else "",
    _(
        "Hvert sted vurderes mot sitt eget mål (et mål for en nettverksgruppe eller et "
        "helseforetak gjelder foran regionens). En andel med nevner under {n} vises uten status "
        "(«For få»)."
    ).format(n=MIN_DENOMINATOR),
    _(
        "Du har tilgang til {trusts}: andre helseforetak er bare med i tallene for hele regionen."
    ).format(trusts=", ".join(sorted(access.health_trusts)))
    if access.health_trusts
    else "",
]
st.caption(" ".join(note for note in notes if note))

if not result.has_data:
    nothing_selected(_("Det finnes ingen data for dette året og utvalget ennå."))
else:
    sort_by = st.selectbox(
        _("Sorter kolonnene etter"),
        [None, *INDICATORS_BY_ID],
        format_func=lambda i: _("Navn") if i is None else INDICATORS_BY_ID[i].title,
        key="region_sort",
        help=_("Høyeste andel først (for ledige enheter: færrest først); ingen data sist."),
    )
    ordered, table = table_of(result, sort_by)
    _frame, _config, arrow = display(table)
    config = {
        column: st.column_config.Column(width=width, pinned=column == _("Indikator"))
        for column, width in column_widths(ordered).items()
    }
    places = places_by_column(ordered)
    key = f"region_cells_{st.session_state.get(ROUND, 0)}"
    event = st.dataframe(
        arrow,
        hide_index=True,
        width="stretch",
        height=ROW_HEIGHT * (len(table.frame) + 1) + 3,
        column_config=config,
        key=key,
        on_select="rerun",
        selection_mode="single-cell",
    )
    cells = event.selection.get("cells", []) if event is not None else []
    if cells:
        _row, column = cells[0]
        place = places.get(column)
        if place is not None:
            st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1
            st.switch_page(OVERSIKT, query_params=url_params(place_scope(scope, place)))
    if len(ordered.places) <= MAX_OPEN_LINKS:
        st.html(links_html(ordered))
    else:
        with st.expander(_("Åpne styringskortet for et sted")):
            st.html(links_html(ordered))
    download_buttons(
        table.frame,
        table.title,
        {**describe(scope), _("Sammenligning"): _(SECTIONS[shown])},
        key="region",
        formats=table.formats,
    )
