"""Oppmøte: every event of the year against the 80 % line, per network group and municipality;
the member × event matrix; the full-attendance list and the prize draw; leaders at the conference
day; intro-course uptake."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import prize_draw
from dashboard.components.data import query, query_uncached, scorecard, write
from dashboard.components.downloads import download_buttons
from dashboard.components.figures import event_bars, share_bars
from dashboard.components.identity import current_user
from dashboard.components.page import nothing_selected, start_page
from dashboard.formatting import format_date, format_date_long, format_fraction, format_share

TARGET = 0.8
KIND_LABELS = {"nettverksmote": "Nettverksmøte", "fagdag": "Årlig fagdag", "samling": "Samling"}
STATUS_LABELS = {"møtt": "møtt", "forfall": "forfall", "ikke_møtt": "ikke møtt",
                 "ikke_registrert": "ikke registrert"}  # fmt: skip

filters, access = start_page(
    "oppmote", "Oppmøte", "Oppmøte på nettverksmøter, fagdager og samlinger mot målet på 80 %."
)
params = filters.params()
results = {r.indicator.id: r for r in scorecard(filters.year, filters.selection, filters.as_of)}
columns = st.columns(4)
for column, indicator_id in zip(
    columns, ("meeting_attendance", "fagdag_attendance", "full_attendance", "leader_fagdag_share"),
    strict=True,
):  # fmt: skip
    result = results[indicator_id]
    column.metric(result.indicator.title, format_share(result.value))
    column.caption(format_fraction(result.numerator, result.denominator))

st.subheader(f"Arrangementer i {filters.year}")
events = query("attendance_by_event", **params)
if events.empty:
    nothing_selected("Ingen nettverksmøter, fagdager eller samlinger er holdt i utvalget ennå.")
else:
    labels = [f"{format_date_long(d.date())}<br>{g}" if kind != "fagdag" else
              f"{format_date_long(d.date())}<br>Årlig fagdag"
              for d, g, kind in zip(events["event_date"], events["network_group_name"],
                                    events["kind"], strict=True)]  # fmt: skip
    st.plotly_chart(event_bars(labels, events["n_attended"].tolist(),
                               events["n_expected"].tolist(), "Møtt av forventet per arrangement",
                               TARGET), key="events")  # fmt: skip
    shown_events = pd.DataFrame(
        {
            "Dato": events["event_date"], "Arrangement": events["title"],
            "Type": events["kind"].map(KIND_LABELS), "Gruppe": events["network_group_name"],
            "Forventet": events["n_expected"], "Møtt": events["n_attended"],
            "Andel": [n / d if d else None for n, d in zip(events["n_attended"],
                                                             events["n_expected"], strict=True)],
            "Møtt uten å være forventet": events["n_guests"],
        }
    )  # fmt: skip
    st.dataframe(
        shown_events.assign(Andel=[format_share(v) for v in shown_events["Andel"]]),
        hide_index=True, width="stretch",
        column_config={"Dato": st.column_config.DateColumn(format="DD.MM.YYYY")},
    )  # fmt: skip
    download_buttons(shown_events, f"Oppmøte per arrangement {filters.year}", filters.describe(),
                     key="events_table", formats={"Andel": "percent"})  # fmt: skip

st.subheader("Per nettverksgruppe og kommune")
by_place = query("attendance_by_place", **params)
if not by_place.empty:
    for dimension, title in (("network_group", "nettverksgruppe"), ("municipality", "kommune")):
        part = by_place[
            (by_place["dimension"] == dimension) & (by_place["kind"] == "nettverksmote")
        ]
        if len(part):
            st.plotly_chart(
                share_bars(part["dimension_value"].tolist(), part["n_attended"].tolist(),
                           part["n_expected"].tolist(), f"Oppmøte på nettverksmøter per {title}",
                           target=TARGET), key=f"place_{dimension}",
            )  # fmt: skip
    shown_place = by_place.rename(columns={
        "dimension": "Inndeling", "dimension_value": "Navn", "kind": "Type",
        "n_expected": "Forventet", "n_attended": "Møtt",
    })  # fmt: skip
    shown_place["Inndeling"] = shown_place["Inndeling"].map(
        {"network_group": "Nettverksgruppe", "municipality": "Kommune"}
    )
    shown_place["Type"] = shown_place["Type"].map(KIND_LABELS)
    download_buttons(shown_place, f"Oppmøte per gruppe og kommune {filters.year}",
                     filters.describe(), key="place_table")  # fmt: skip

PEOPLE_ONLY = ("Listen viser personopplysninger og er bare tilgjengelig for nettverksledere og "
               "koordinatorer.")  # fmt: skip

st.subheader("Hvem møtte på hva")
matrix = access.visible_people(query("attendance_matrix", **params))
if not access.sees_people:
    st.caption(PEOPLE_ONLY)
elif matrix.empty:
    st.caption("Ingen forventede deltakere i utvalget.")
else:
    matrix["Arrangement"] = [f"{format_date(d.date())} {t}" for d, t in
                             zip(matrix["event_date"], matrix["title"], strict=True)]  # fmt: skip
    pivot = matrix.pivot_table(index=["member_name", "member_id"], columns="Arrangement",
                               values="status", aggfunc="first")  # fmt: skip
    pivot = pivot.reindex(columns=matrix.sort_values("event_date")["Arrangement"].unique())
    pivot = pivot.map(lambda s: STATUS_LABELS.get(s, "–") if isinstance(s, str) else "–")
    pivot = pivot.reset_index().rename(columns={"member_name": "Navn", "member_id": "ID"})
    st.caption("«–» betyr at personen ikke var forventet på arrangementet.")
    st.dataframe(pivot, hide_index=True, width="stretch")
    download_buttons(pivot, f"Oppmøtematrise {filters.year}", filters.describe(), key="matrix",
                     personal=True)  # fmt: skip

st.subheader("Møtt på alt – premietrekning")
full = access.visible_people(query("full_attendance_list", **params))
if not access.sees_people:
    st.caption(PEOPLE_ONLY)
elif full.empty:
    st.caption("Ingen i utvalget har møtt på alle arrangementene de var forventet på.")
else:
    shown_full = full.drop(columns="network_group").rename(columns={
        "member_id": "ID", "member_name": "Navn", "profession": "Yrke", "n_events": "Arrangementer",
    })  # fmt: skip
    st.caption(f"{len(full)} personer har møtt på alle arrangementene de var forventet på.")
    st.dataframe(shown_full, hide_index=True, width="stretch")
    download_buttons(shown_full, f"Møtt på alt {filters.year}", filters.describe(), key="full",
                     personal=True)  # fmt: skip
    with st.form("prize_draw"):
        st.write("Trekningen kan gjentas: samme frø og samme liste gir samme vinnere.")
        left, right = st.columns(2)
        if "draw_seed" not in st.session_state:
            st.session_state["draw_seed"] = prize_draw.new_seed()
        seed = left.number_input("Frø (tilfeldig tall)", min_value=0, max_value=999_999_999,
                                 step=1, key="draw_seed")  # fmt: skip
        n_winners = right.number_input("Antall vinnere", min_value=1, max_value=20, value=3,
                                       key="draw_winners")  # fmt: skip
        if st.form_submit_button("Trekk vinnere", icon=":material/casino:"):
            candidates = full["member_id"].tolist()
            winners = prize_draw.draw_winners(candidates, int(seed), int(n_winners))
            user = current_user()
            chosen = "; ".join(f"{k}: {v}" for k, v in filters.describe().items())
            write(lambda target: prize_draw.record_draw(target, filters.year, int(seed), candidates,
                                                        winners, drawn_by=user, filters=chosen))  # fmt: skip
            names = dict(zip(full["member_id"], full["member_name"], strict=True))
            st.success(f"Vinnere (frø {int(seed)}):")
            st.text("\n".join(f"{names[w]} ({w})" for w in winners))
    draws = query_uncached("prize_draw_history", year=filters.year)
    if len(draws):
        st.caption("Tidligere trekninger i år")
        st.dataframe(draws.rename(columns={
            "draw_id": "Nr.", "drawn_at": "Tidspunkt", "drawn_by": "Trukket av", "seed": "Frø",
            "n_candidates": "Kandidater", "winners": "Vinnere", "filters": "Utvalg",
        }), hide_index=True, width="stretch")  # fmt: skip

st.subheader("Ledere på årlig fagdag")
leaders = results["leader_fagdag_share"]
target = (
    ""
    if leaders.target is None
    else f" Målet er {format_share(leaders.target)} (+50 % fra basisåret)."
)
st.write(
    f"{format_fraction(leaders.numerator, leaders.denominator)} ledere for de forventede "
    f"ressurspersonene møtte ({format_share(leaders.value)}).{target}"
)

st.subheader("Introduksjonskurs for nye ressurspersoner")
intro = access.visible_people(query("intro_course_list", **params))
uptake = results["intro_course_uptake"]
st.write(
    f"{format_fraction(uptake.numerator, uptake.denominator)} nye ressurspersoner i "
    f"{filters.year} har deltatt på introduksjonskurs ({format_share(uptake.value)})."
)
if not access.sees_people:
    st.caption(PEOPLE_ONLY)
elif len(intro):
    shown_intro = pd.DataFrame(
        {
            "Navn": intro["member_name"], "Yrke": intro["profession"], "Enhet": intro["unit_name"],
            "Startet": intro["start_date"], "Kurs": intro["course_date"],
            "Vinduet lukkes": intro["window_closes_on"],
        }
    )  # fmt: skip
    st.dataframe(shown_intro, hide_index=True, width="stretch", column_config={
        c: st.column_config.DateColumn(format="DD.MM.YYYY")
        for c in ("Startet", "Kurs", "Vinduet lukkes")
    })  # fmt: skip
    download_buttons(shown_intro, f"Introduksjonskurs {filters.year}", filters.describe(),
                     key="intro", personal=True)  # fmt: skip
