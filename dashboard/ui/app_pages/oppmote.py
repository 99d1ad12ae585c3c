"""Oppmøte: every event of the year against its target, per network group and municipality (a click
drills down); who came to what; the full-attendance list and the prize draw; leaders at the
conference day; intro-course uptake."""

from __future__ import annotations

import streamlit as st

from dashboard.engine import labels, prize_draw
from dashboard.engine.formatting import format_date_long
from dashboard.engine.i18n import N_, _
from dashboard.engine.indicators import RATE_OF_EVENT_KIND
from dashboard.exchange import page_tables
from dashboard.exchange.charts import label
from dashboard.ui.components import checkin_panel
from dashboard.ui.components.cards import headline_html, target_text
from dashboard.ui.components.data_access import query, scorecard, table, write
from dashboard.ui.components.figures import drill_chart, event_bars, share_bars
from dashboard.ui.components.page import anchors, describe, nothing_selected, section, start_page
from dashboard.ui.components.tables import person_table, show_table

SECTIONS = {
    "arrangementer": N_("Arrangementer"),
    "steder": N_("Per gruppe og kommune"),
    "hvem": N_("Hvem møtte"),
    "premie": N_("Møtt på alt"),
    "ledere": N_("Ledere på fagdag"),
    "intro": N_("Introduksjonskurs"),
}

scope, access = start_page(
    "oppmote", _("Oppmøte"), _("Oppmøte på nettverksmøter, fagdager og samlinger.")
)
card = scorecard(scope)
st.html(
    headline_html(
        card,
        (
            "meeting_attendance",
            "fagdag_attendance",
            "full_attendance",
            "leader_fagdag_share",
            "intro_course_uptake",
        ),
    )
)
shown = section(checkin_panel.sections(SECTIONS, access), "arrangementer")

if shown == "arrangementer":
    anchors("meeting_attendance", "fagdag_attendance")
    events = query("attendance_by_event", scope)
    if events.empty:
        nothing_selected(
            _("Ingen nettverksmøter, fagdager eller samlinger er holdt i utvalget ennå.")
        )
    else:
        drill_chart(
            event_bars(
                tuple(
                    label(
                        format_date_long(d.date()),
                        _("Årlig fagdag") if k == "fagdag" else labels.place_name(g),
                    )
                    for d, g, k in zip(
                        events["event_date"],
                        events["network_group_name"],
                        events["kind"],
                        strict=True,
                    )
                ),
                tuple(events["n_attended"]),
                tuple(events["n_expected"]),
                _("Møtt av forventet per arrangement"),
                tuple(
                    card[RATE_OF_EVENT_KIND[k]].target if k in RATE_OF_EVENT_KIND else None
                    for k in events["kind"]
                ),
                tuple(events["network_group"].fillna("")),
            ),
            key=f"events_{scope.selection.key()}",
            alt=_("Andel forventede som møtte, per arrangement."),
            dimension="network_group",
        )
        show_table(table(page_tables.events, "attendance_by_event", scope), "events_table", scope)

elif shown == "steder":
    by_place = query("attendance_by_place", scope)
    if by_place.empty:
        nothing_selected(_("Ingen forventede deltakere på nettverksmøter i utvalget."))
    for dimension, title in (
        ("network_group", _("nettverksgruppe")),
        ("municipality", _("kommune")),
    ):
        part = by_place[
            (by_place["dimension"] == dimension) & (by_place["kind"] == "nettverksmote")
        ]
        if part.empty:
            continue
        drill_chart(
            share_bars(
                tuple(labels.place_name(v) for v in part["dimension_value"]),
                tuple(part["n_attended"]),
                tuple(part["n_expected"]),
                _("Oppmøte på nettverksmøter per {dimension}").format(dimension=title),
                card["meeting_attendance"].target,
                tuple(part["dimension_code"]),
            ),
            key=f"place_{dimension}_{scope.selection.key()}",
            alt=_("Oppmøte på nettverksmøter per {dimension}.").format(dimension=title),
            dimension=dimension,
        )
    show_table(
        table(page_tables.attendance_by_place, "attendance_by_place", scope), "place_table", scope
    )

elif shown == "hvem":
    st.subheader(_("Hvem møtte på hva"))
    st.caption(_("«–» betyr at personen ikke var forventet på arrangementet."))
    person_table(
        "attendance_matrix",
        access,
        scope,
        page_tables.attendance_matrix,
        key="matrix",
        empty_text=_("Ingen forventede deltakere i utvalget."),
    )

elif shown == "premie":
    anchors("full_attendance")
    st.subheader(_("Møtt på alt – premietrekning"))
    full = person_table(
        "full_attendance_list",
        access,
        scope,
        page_tables.full_attendance,
        key="full",
        empty_text=_("Ingen i utvalget har møtt på alle arrangementene de var forventet på."),
        caption=lambda rows: _("{n} har møtt på alle arrangementene de var forventet på.").format(
            n=len(rows)
        ),
    ).rows
    if not full.empty:
        with st.form("prize_draw"):
            st.write(_("Trekningen kan gjentas: samme frø og samme liste gir samme vinnere."))
            left, right = st.columns(2)
            if "draw_seed" not in st.session_state:
                st.session_state["draw_seed"] = prize_draw.new_seed()
            seed = left.number_input(
                _("Frø (tilfeldig tall)"),
                min_value=0,
                max_value=999_999_999,
                step=1,
                key="draw_seed",
            )
            n_winners = right.number_input(
                _("Antall vinnere"), min_value=1, max_value=20, value=3, key="draw_winners"
            )
            if st.form_submit_button(_("Trekk vinnere"), icon=":material/casino:"):
                winners = prize_draw.draw_winners(
                    full["member_id"].tolist(), int(seed), int(n_winners)
                )
                chosen = "; ".join(f"{k}: {v}" for k, v in describe(scope).items())
                who = access.audit_name
                write(
                    lambda con: prize_draw.record_draw(
                        con, scope.year, int(seed), full, winners, drawn_by=who, filters=chosen
                    )
                )
                names = dict(zip(full["member_id"], full["member_name"], strict=True))
                st.success(_("Vinnere (frø {seed}):").format(seed=int(seed)))
                st.text("\n".join(f"{names[w]} ({w})" for w in winners))
    st.subheader(_("Tidligere trekninger i år"))
    person_table(
        "prize_draw_history",
        access,
        None,
        page_tables.prize_draws,
        key="draws",
        empty_text=_("Ingen trekninger i år som du har tilgang til."),
        live=True,
        year=scope.year,
    )

elif shown == "ledere":
    anchors("leader_fagdag_share")
    leaders = card["leader_fagdag_share"]
    st.subheader(_("Ledere på årlig fagdag"))
    st.write(
        _(
            "{attended} av {expected} ledere for de forventede ressurspersonene møtte. {target}."
        ).format(
            attended=leaders.numerator, expected=leaders.denominator, target=target_text(leaders)
        )
    )

elif shown == checkin_panel.SECTION:  # check-in by QR code (issue 18)
    checkin_panel.checkin_section(scope, access)

else:
    anchors("intro_course_uptake")
    st.subheader(_("Introduksjonskurs for nye ressurspersoner"))
    person_table(
        "intro_course_list",
        access,
        scope,
        page_tables.intro_course,
        key="intro",
        empty_text=_("Ingen nye ressurspersoner i utvalget."),
    )
