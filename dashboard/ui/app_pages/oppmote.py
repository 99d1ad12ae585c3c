"""Oppmøte: every event of the year against the target line, per network group and municipality;
the member × event matrix; the full-attendance list and the prize draw; leaders at the conference
day; intro-course uptake."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.engine import labels, prize_draw
from dashboard.engine.formatting import format_date, format_date_long, format_fraction, format_share
from dashboard.engine.indicators import RATE_OF_EVENT_KIND
from dashboard.ui.components.data import query, query_now, scorecard, write
from dashboard.ui.components.figures import event_bars, share_bars
from dashboard.ui.components.page import describe, nothing_selected, start_page
from dashboard.ui.components.scorecard import target_text
from dashboard.ui.components.tables import data_table, person_list

DATE_COLUMN = st.column_config.DateColumn(format="DD.MM.YYYY")

scope, access = start_page(
    "oppmote", "Oppmøte", "Oppmøte på nettverksmøter, fagdager og samlinger mot målet."
)
filters = describe(scope)
card = scorecard(scope)
meeting_target = card["meeting_attendance"].target
columns = st.columns(4)
for column, indicator_id in zip(
    columns,
    ("meeting_attendance", "fagdag_attendance", "full_attendance", "leader_fagdag_share"),
    strict=True,
):
    result = card[indicator_id]
    column.metric(result.indicator.title, format_share(result.value))
    column.caption(format_fraction(result.numerator, result.denominator))

st.subheader(f"Arrangementer i {scope.year}")
events = query("attendance_by_event", scope)
if events.empty:
    nothing_selected("Ingen nettverksmøter, fagdager eller samlinger er holdt i utvalget ennå.")
else:
    chart_labels = tuple(
        f"{format_date_long(d.date())}<br>{g}"
        if kind != "fagdag"
        else f"{format_date_long(d.date())}<br>Årlig fagdag"
        for d, g, kind in zip(
            events["event_date"], events["network_group_name"], events["kind"], strict=True
        )
    )
    st.plotly_chart(
        event_bars(
            chart_labels,
            tuple(events["n_attended"]),
            tuple(events["n_expected"]),
            "Møtt av forventet per arrangement",
            tuple(
                card[RATE_OF_EVENT_KIND[kind]].target if kind in RATE_OF_EVENT_KIND else None
                for kind in events["kind"]
            ),
        ),
        key="events",
    )
    shown_events = pd.DataFrame(
        {
            "Dato": events["event_date"],
            "Arrangement": events["title"],
            "Type": [labels.label(labels.EVENT_KIND, v) for v in events["kind"]],
            "Gruppe": events["network_group_name"],
            "Forventet": events["n_expected"],
            "Møtt": events["n_attended"],
            "Andel": [
                n / d if d else None
                for n, d in zip(events["n_attended"], events["n_expected"], strict=True)
            ],
            "Møtt uten å være forventet": events["n_guests"],
        }
    )
    data_table(
        shown_events,
        f"Oppmøte per arrangement {scope.year}",
        scope,
        key="events_table",
        formats={"Andel": "percent"},
        column_config={"Dato": DATE_COLUMN},
    )

st.subheader("Per nettverksgruppe og kommune")
by_place = query("attendance_by_place", scope)
if not by_place.empty:
    for dimension, title in (("network_group", "nettverksgruppe"), ("municipality", "kommune")):
        part = by_place[
            (by_place["dimension"] == dimension) & (by_place["kind"] == "nettverksmote")
        ]
        if len(part):
            st.plotly_chart(
                share_bars(
                    tuple(part["dimension_value"]),
                    tuple(part["n_attended"]),
                    tuple(part["n_expected"]),
                    f"Oppmøte på nettverksmøter per {title}",
                    target=meeting_target,
                ),
                key=f"place_{dimension}",
            )
    shown_place = pd.DataFrame(
        {
            "Inndeling": by_place["dimension"].map(
                {"network_group": "Nettverksgruppe", "municipality": "Kommune"}
            ),
            "Navn": by_place["dimension_value"],
            "Type": [labels.label(labels.EVENT_KIND, v) for v in by_place["kind"]],
            "Forventet": by_place["n_expected"],
            "Møtt": by_place["n_attended"],
        }
    )
    data_table(shown_place, f"Oppmøte per gruppe og kommune {scope.year}", scope, key="place_table")


def _matrix(matrix: pd.DataFrame) -> pd.DataFrame:
    """Member × event, each cell the status word («–» where the member was not expected)."""
    matrix = matrix.assign(
        Arrangement=[
            f"{format_date(d.date())} {t}"
            for d, t in zip(matrix["event_date"], matrix["title"], strict=True)
        ]
    )
    pivot = matrix.pivot_table(
        index=["member_name", "member_id"], columns="Arrangement", values="status", aggfunc="first"
    )
    pivot = pivot.reindex(columns=matrix.sort_values("event_date")["Arrangement"].unique())
    pivot = pivot.map(lambda s: labels.ATTENDANCE.get(s, "–") if isinstance(s, str) else "–")
    return pivot.reset_index().rename(columns={"member_name": "Navn", "member_id": "ID"})


st.subheader("Hvem møtte på hva")
st.caption("«–» betyr at personen ikke var forventet på arrangementet.")
person_list(
    "attendance_matrix",
    access,
    scope,
    f"Oppmøtematrise {scope.year}",
    key="matrix",
    shape=_matrix,
    empty_text="Ingen forventede deltakere i utvalget.",
)

st.subheader("Møtt på alt – premietrekning")
full = person_list(
    "full_attendance_list",
    access,
    scope,
    f"Møtt på alt {scope.year}",
    key="full",
    shape=lambda rows: pd.DataFrame(
        {
            "ID": rows["member_id"],
            "Navn": rows["member_name"],
            "Yrke": [labels.label(labels.PROFESSION, v) for v in rows["profession"]],
            "Arrangementer": rows["n_events"],
        }
    ),
    empty_text="Ingen i utvalget har møtt på alle arrangementene de var forventet på.",
    caption=lambda rows: (
        f"{len(rows)} personer har møtt på alle arrangementene de var forventet på."
    ),
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
            candidates = full["member_id"].tolist()
            winners = prize_draw.draw_winners(candidates, int(seed), int(n_winners))
            chosen = "; ".join(f"{k}: {v}" for k, v in filters.items())
            who = access.audit_name
            write(
                lambda con: prize_draw.record_draw(
                    con, scope.year, int(seed), candidates, winners, drawn_by=who, filters=chosen
                )
            )
            names = dict(zip(full["member_id"], full["member_name"], strict=True))
            st.success(f"Vinnere (frø {int(seed)}):")
            st.text("\n".join(f"{names[w]} ({w})" for w in winners))
    draws = query_now("prize_draw_history", year=scope.year)
    if len(draws):
        st.caption("Tidligere trekninger i år")
        st.dataframe(
            draws.rename(
                columns={
                    "draw_id": "Nr.",
                    "drawn_at": "Tidspunkt",
                    "drawn_by": "Trukket av",
                    "seed": "Frø",
                    "n_candidates": "Kandidater",
                    "winners": "Vinnere",
                    "filters": "Utvalg",
                }
            ),
            hide_index=True,
            width="stretch",
        )

st.subheader("Ledere på årlig fagdag")
leaders = card["leader_fagdag_share"]
st.write(
    f"{format_fraction(leaders.numerator, leaders.denominator)} ledere for de forventede "
    f"ressurspersonene møtte ({format_share(leaders.value)}). {target_text(leaders)}."
)

st.subheader("Introduksjonskurs for nye ressurspersoner")
uptake = card["intro_course_uptake"]
st.write(
    f"{format_fraction(uptake.numerator, uptake.denominator)} nye ressurspersoner i "
    f"{scope.year} har deltatt på introduksjonskurs ({format_share(uptake.value)})."
)
person_list(
    "intro_course_list",
    access,
    scope,
    f"Introduksjonskurs {scope.year}",
    key="intro",
    shape=lambda intro: pd.DataFrame(
        {
            "Navn": intro["member_name"],
            "Yrke": [labels.label(labels.PROFESSION, v) for v in intro["profession"]],
            "Enhet": intro["unit_name"],
            "Startet": intro["start_date"],
            "Kurs": intro["course_date"],
            "Vinduet lukkes": intro["window_closes_on"],
        }
    ),
    empty_text="Ingen nye ressurspersoner i utvalget.",
    column_config={c: DATE_COLUMN for c in ("Startet", "Kurs", "Vinduet lukkes")},
)
