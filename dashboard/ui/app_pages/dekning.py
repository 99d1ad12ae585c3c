"""Dekning og rekruttering: coverage per municipality, unit type and network group (a click drills
down); the units of the selection and those without a resource nurse, with the leader to contact;
physio/OT gaps; appointments ending; turnover."""

from __future__ import annotations

import streamlit as st

from dashboard.engine.i18n import N_, _
from dashboard.exchange import boundaries, page_tables
from dashboard.ui.components.cards import headline_html
from dashboard.ui.components.data_access import people_for, place_names, query, scorecard, table
from dashboard.ui.components.figures import (
    chart,
    coverage_bars,
    coverage_map,
    drill_chart,
    share_bars,
    year_bars,
)
from dashboard.ui.components.page import anchors, nothing_selected, section, start_page
from dashboard.ui.components.selection import narrow
from dashboard.ui.components.tables import person_table, show_table

ENDING_WITHIN_DAYS = 90
SECTIONS = {
    "kommuner": N_("Per kommune"),
    "grupper": N_("Per enhetstype og gruppe"),
    "enheter": N_("Enheter"),
    "fysio": N_("Fysio/ergo"),
    "slutter": N_("Slutter snart"),
    "turnover": N_("Nye og sluttet"),
}


scope, access = start_page(
    "dekning",
    _("Dekning og rekruttering"),
    _("Hvor det finnes ressurspersoner, hvor det mangler, og hvem som skal kontaktes."),
)
card = scorecard(scope)
target = card["unit_coverage"].target
st.html(
    headline_html(
        card,
        (
            "unit_coverage",
            "municipality_coverage_nurse",
            "municipality_coverage_physio_ot",
            "vacant_units",
        ),
    )
)
shown = section(SECTIONS, "kommuner")
coverage = query("coverage_by_municipality", scope)

if shown == "kommuner":
    anchors("municipality_coverage_nurse")
    if coverage.empty:
        nothing_selected(_("Ingen kommuner i utvalget."))
    else:
        chart_tab, map_tab = st.tabs([_("Diagram"), _("Kart")])
        with chart_tab:
            drill_chart(
                coverage_bars(scope, target),
                key=f"coverage_chart_{scope.selection.key()}",
                alt=_("Andel kommunale enheter med ressurssykepleier per kommune."),
                dimension="municipality",
            )
        with map_tab:
            drill_chart(
                coverage_map(scope, target),
                key=f"coverage_map_{scope.selection.key()}",
                alt=_(
                    "Kart: kommunene i utvalget fargelagt og merket med status for dekning mot"
                    " målet, de andre grå. Tabellen under viser de samme tallene."
                ),
                dimension="municipality",
            )
            st.caption(boundaries.CREDIT)
        show_table(
            table(page_tables.coverage_by_municipality, "coverage_by_municipality", scope),
            "by_municipality",
            scope,
        )

elif shown == "grupper":
    by_group = query("unit_coverage_by_group", scope)
    names = {code: name for (kind, code), name in place_names().items() if kind == "network_group"}
    for dimension in ("network_group", "unit_type"):
        part = page_tables.coverage_by_group(by_group, dimension, names)
        frame = part.frame
        if frame.empty:
            continue
        figure = share_bars(
            tuple(frame.iloc[:, 0]),
            tuple(frame[_("Med ressurssykepleier")]),
            tuple(frame[_("Enheter som skal ha ressurssykepleier")]),
            _("Enheter med ressurssykepleier, per {dimension}").format(
                dimension=frame.columns[0].lower()
            ),
            target,
            tuple(frame[_("Kode")]),
        )
        drill_chart(
            figure,
            key=f"by_{dimension}_{scope.selection.key()}",
            alt=_("Andel enheter med ressurssykepleier per {dimension}.").format(
                dimension=frame.columns[0].lower()
            ),
            dimension=dimension,
        )
        show_table(part, f"by_{dimension}_table", scope)

elif shown == "enheter":
    anchors("unit_coverage", "vacant_units")
    st.subheader(_("Enheter uten ressurssykepleier"))
    uncovered = query("uncovered_unit_list", scope)
    if uncovered.empty:
        if card["unit_coverage"].denominator:
            st.success(_("Alle enheter i utvalget som skal ha ressurssykepleier, har det."))
        else:
            st.caption(_("Ingen enheter i utvalget skal ha ressurssykepleier."))
    else:
        contacts = people_for("unit_contacts", access).rows
        show_table(
            page_tables.uncovered_units(uncovered, contacts),
            "uncovered",
            scope,
            caption=_("{units} enheter, {vacant} av dem ledige.").format(
                units=len(uncovered), vacant=int(uncovered["is_vacant"].sum())
            ),
        )
    st.subheader(_("Alle enheter i utvalget"))
    units = table(page_tables.unit_status, "unit_status_list", scope)
    if scope.selection.unit is None and len(units.frame):
        choice = st.selectbox(
            _("Se nærmere på én enhet"),
            list(units.frame[_("Enhets-ID")]),
            format_func=dict(
                zip(units.frame[_("Enhets-ID")], units.frame[_("Enhet")], strict=True)
            ).get,
            index=None,
            placeholder=_("Velg en enhet"),
            key="drill_unit",
        )
        if choice:
            narrow("unit", choice)
            st.rerun()
    show_table(units, "units", scope)
    if scope.selection.unit is not None:
        st.subheader(_("Ressurspersoner i enheten"))
        person_table(
            "member_register",
            access,
            scope,
            page_tables.member_register,
            key="unit_people",
            empty_text=_("Ingen ressurspersoner i enheten."),
            search=None,
            only_active=True,
        )

elif shown == "fysio":
    anchors("municipality_coverage_physio_ot")
    st.subheader(_("Kommuner uten ressursfysioterapeut eller -ergoterapeut"))
    without = table(page_tables.municipalities_without_physio_ot, "coverage_by_municipality", scope)
    if coverage.empty:
        nothing_selected(_("Ingen kommuner i utvalget."))
    elif without.frame.empty:
        st.success(_("Alle kommuner i utvalget har minst én ressursfysio- eller -ergoterapeut."))
    else:
        show_table(without, "without_physio", scope)

elif shown == "slutter":
    st.subheader(_("Oppnevninger som slutter innen {days} dager").format(days=ENDING_WITHIN_DAYS))
    person_table(
        "appointments_ending",
        access,
        scope,
        page_tables.appointments_ending,
        key="ending",
        empty_text=_("Ingen planlagte avslutninger i perioden."),
        days=ENDING_WITHIN_DAYS,
    )

else:
    st.subheader(_("Nye og avsluttede ressurspersoner per år"))
    turnover = table(page_tables.turnover, "turnover_by_year", scope)
    if turnover.frame.empty:
        st.caption(_("Ingen ressurspersoner i utvalget."))
    else:
        frame = turnover.frame
        chart(
            year_bars(
                tuple(frame[_("År")]),
                (
                    (_("Nye"), tuple(frame[_("Nye")])),
                    (_("Sluttet"), tuple(frame[_("Sluttet")])),
                ),
                _("Nye og avsluttede ressurspersoner"),
            ),
            key="turnover",
            alt=_("Antall nye og avsluttede ressurspersoner per år."),
        )
        show_table(turnover, "turnover_table", scope)
