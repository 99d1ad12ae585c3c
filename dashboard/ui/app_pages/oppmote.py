"""Oppmøte: every event of the year against its target, per network group and municipality (a click
drills down); who came to what; the full-attendance list and the prize draw; leaders at the
conference day; intro-course uptake."""

from __future__ import annotations

import streamlit as st

from dashboard.engine import prize_draw
from dashboard.engine.formatting import format_date_long
from dashboard.engine.indicators import RATE_OF_EVENT_KIND
from dashboard.exchange import views
from dashboard.exchange.charts import label
from dashboard.ui.components.cards import headline_html, target_text
from dashboard.ui.components.data import query, scorecard, table, write
from dashboard.ui.components.figures import drill_chart, event_bars, share_bars
from dashboard.ui.components.page import anchors, describe, nothing_selected, section, start_page
from dashboard.ui.components.tables import person_table, show_table

SECTIONS = {
    "arrangementer": "Arrangementer",
    "steder": "Per gruppe og kommune",
    "hvem": "Hvem møtte",
    "premie": "Møtt på alt",
    "ledere": "Ledere på fagdag",
    "intro": "Introduksjonskurs",
}

scope, access = start_page(
    "oppmote", "Oppmøte", "Oppmøte på nettverksmøter, fagdager og samlinger."
)
card = scorecard(scope)
st.html(
    headline_html(
        card,
        ("meeting_attendance", "fagdag_attendance", "full_attendance", "leader_fagdag_share",
         "intro_course_uptake"),
    )
)  # fmt: skip
shown = section(SECTIONS, "arrangementer")

if shown == "arrangementer":
    anchors("meeting_attendance", "fagdag_attendance")
    events = query("attendance_by_event", scope)
    if events.empty:
        nothing_selected("Ingen nettverksmøter, fagdager eller samlinger er holdt i utvalget ennå.")
    else:
        drill_chart(
            event_bars(
                tuple(
                    label(format_date_long(d.date()), "Årlig fagdag" if k == "fagdag" else g)
                    for d, g, k in zip(
                        events["event_date"], events["network_group_name"], events["kind"],
                        strict=True,
                    )
                ),
                tuple(events["n_attended"]),
                tuple(events["n_expected"]),
                "Møtt av forventet per arrangement",
                tuple(
                    card[RATE_OF_EVENT_KIND[k]].target if k in RATE_OF_EVENT_KIND else None
                    for k in events["kind"]
                ),
                tuple(events["network_group"].fillna("")),
            ),
            key=f"events_{scope.selection.key()}",
            alt="Andel forventede som møtte, per arrangement.",
            dimension="network_group",
        )  # fmt: skip
        show_table(table(views.events, "attendance_by_event", scope), "events_table", scope)

elif shown == "steder":
    by_place = query("attendance_by_place", scope)
    if by_place.empty:
        nothing_selected("Ingen forventede deltakere på nettverksmøter i utvalget.")
    for dimension, title in (("network_group", "nettverksgruppe"), ("municipality", "kommune")):
        part = by_place[
            (by_place["dimension"] == dimension) & (by_place["kind"] == "nettverksmote")
        ]
        if part.empty:
            continue
        drill_chart(
            share_bars(
                tuple(part["dimension_value"]),
                tuple(part["n_attended"]),
                tuple(part["n_expected"]),
                f"Oppmøte på nettverksmøter per {title}",
                card["meeting_attendance"].target,
                tuple(part["dimension_code"]),
            ),
            key=f"place_{dimension}_{scope.selection.key()}",
            alt=f"Oppmøte på nettverksmøter per {title}.",
            dimension=dimension,
        )
    show_table(table(views.attendance_by_place, "attendance_by_place", scope), "place_table", scope)

elif shown == "hvem":
    st.subheader("Hvem møtte på hva")
    st.caption("«–» betyr at personen ikke var forventet på arrangementet.")
    person_table(
        "attendance_matrix",
        access,
        scope,
        views.attendance_matrix,
        key="matrix",
        empty_text="Ingen forventede deltakere i utvalget.",
    )

elif shown == "premie":
    anchors("full_attendance")
    st.subheader("Møtt på alt – premietrekning")
    full = person_table(
        "full_attendance_list",
        access,
        scope,
        views.full_attendance,
        key="full",
        empty_text="Ingen i utvalget har møtt på alle arrangementene de var forventet på.",
        caption=lambda rows: f"{len(rows)} har møtt på alle arrangementene de var forventet på.",
    ).rows
    if not full.empty:
        with st.form("prize_draw"):
            st.write("Trekningen kan gjentas: samme frø og samme liste gir samme vinnere.")
            left, right = st.columns(2)
            if "draw_seed" not in st.session_state:
                st.session_state["draw_seed"] = prize_draw.new_seed()
            seed = left.number_input(
                "Frø (tilfeldig tall)", min_value=0, max_value=999_999_999, step=1, key="draw_seed"
            )
            n_winners = right.number_input(
                "Antall vinnere", min_value=1, max_value=20, value=3, key="draw_winners"
            )
            if st.form_submit_button("Trekk vinnere", icon=":material/casino:"):
                winners = prize_draw.draw_winners(full["member_id"].tolist(), int(seed),
                                                  int(n_winners))  # fmt: skip
                chosen = "; ".join(f"{k}: {v}" for k, v in describe(scope).items())
                who = access.audit_name
                write(
                    lambda con: prize_draw.record_draw(
                        con, scope.year, int(seed), full, winners, drawn_by=who, filters=chosen
                    )
                )
                names = dict(zip(full["member_id"], full["member_name"], strict=True))
                st.success(f"Vinnere (frø {int(seed)}):")
                st.text("\n".join(f"{names[w]} ({w})" for w in winners))
    st.subheader("Tidligere trekninger i år")
    person_table(
        "prize_draw_history",
        access,
        None,
        views.prize_draws,
        key="draws",
        empty_text="Ingen trekninger i år som du har tilgang til.",
        live=True,
        year=scope.year,
    )

elif shown == "ledere":
    anchors("leader_fagdag_share")
    leaders = card["leader_fagdag_share"]
    st.subheader("Ledere på årlig fagdag")
    st.write(
        f"{leaders.numerator} av {leaders.denominator} ledere for de forventede ressurspersonene "
        f"møtte. {target_text(leaders)}."
    )

else:
    anchors("intro_course_uptake")
    st.subheader("Introduksjonskurs for nye ressurspersoner")
    person_table(
        "intro_course_list",
        access,
        scope,
        views.intro_course,
        key="intro",
        empty_text="Ingen nye ressurspersoner i utvalget.",
    )
