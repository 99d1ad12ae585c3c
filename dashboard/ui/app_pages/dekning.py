"""Dekning og rekruttering: coverage per municipality, unit type and network group; uncovered and
vacant units with the leader to contact; physio/OT gaps; appointments ending; turnover."""

from __future__ import annotations

import csv

import pandas as pd
import streamlit as st

from dashboard.engine import labels
from dashboard.engine.db import DATA_DIR
from dashboard.engine.formatting import format_fraction, format_share
from dashboard.ui.components.data import people_for, place_names, query, scorecard
from dashboard.ui.components.downloads import download_buttons
from dashboard.ui.components.figures import municipality_points, share_bars, year_bars
from dashboard.ui.components.page import describe, nothing_selected, start_page
from dashboard.ui.components.tables import data_table, person_list

ENDING_WITHIN_DAYS = 90
DATE_COLUMN = st.column_config.DateColumn(format="DD.MM.YYYY")


@st.cache_resource(show_spinner=False)
def _coordinates() -> dict[str, tuple[float, float]]:
    """lon/lat per kommunenummer, shipped as data (data/municipalities.csv)."""
    with open(DATA_DIR / "municipalities.csv", encoding="utf-8", newline="") as handle:
        return {r["number"]: (float(r["lon"]), float(r["lat"])) for r in csv.DictReader(handle)}


scope, access = start_page(
    "dekning",
    "Dekning og rekruttering",
    "Hvor det finnes ressurspersoner, hvor det mangler, og hvem som skal kontaktes.",
)
card = scorecard(scope)
columns = st.columns(4)
for column, indicator_id in zip(
    columns,
    (
        "unit_coverage",
        "municipality_coverage_nurse",
        "municipality_coverage_physio_ot",
        "vacant_units",
    ),
    strict=True,
):
    result = card[indicator_id]
    value = (
        format_share(result.value) if result.indicator.kind == "share" else str(result.numerator)
    )
    column.metric(
        result.indicator.title, value, help=format_fraction(result.numerator, result.denominator)
    )
    column.caption(format_fraction(result.numerator, result.denominator))

st.subheader("Dekning per kommune")
by_municipality = query("coverage_by_municipality", scope)
if by_municipality.empty:
    nothing_selected("Ingen kommuner i utvalget.")
else:
    shown = pd.DataFrame(
        {
            "Kommune": by_municipality["municipality_name"],
            "Enheter som skal ha ressurssykepleier": by_municipality["n_units"],
            "Med ressurssykepleier": by_municipality["n_units_covered"],
            "Dekning": [
                format_share(c / n) if n else "ingen data"
                for c, n in zip(
                    by_municipality["n_units_covered"], by_municipality["n_units"], strict=True
                )
            ],
            "Aktive ressurssykepleiere": by_municipality["n_nurses"],
            "Aktive fysio-/ergoterapeuter": by_municipality["n_physio_ot"],
        }
    )
    chart_tab, map_tab, table_tab = st.tabs(["Diagram", "Kart", "Tabell"])
    with chart_tab:
        st.plotly_chart(
            share_bars(
                tuple(by_municipality["municipality_name"]),
                tuple(by_municipality["n_units_covered"]),
                tuple(by_municipality["n_units"]),
                "Kommunale enheter med ressurssykepleier",
                target=card["unit_coverage"].target,
            ),
            key="coverage_chart",
        )
    with map_tab:
        coordinates = _coordinates()
        located = by_municipality[by_municipality["municipality_number"].isin(coordinates)]
        covered, needing = located["n_units_covered"], located["n_units"]
        st.plotly_chart(
            municipality_points(
                tuple(located["municipality_name"]),
                tuple(coordinates[n][0] for n in located["municipality_number"]),
                tuple(coordinates[n][1] for n in located["municipality_number"]),
                tuple(c / n if n else None for c, n in zip(covered, needing, strict=True)),
                tuple(format_fraction(c, n) for c, n in zip(covered, needing, strict=True)),
                "Dekning per kommune (punkt = kommunens sentrum)",
            ),
            key="coverage_map",
        )
    with table_tab:
        st.dataframe(shown, hide_index=True, width="stretch")
    download_buttons(shown, "Dekning per kommune", describe(scope), key="by_municipality")

st.subheader("Dekning per enhetstype og nettverksgruppe")
by_group = query("unit_coverage_by_group", scope)
names = place_names()
for dimension, title, to_label in (
    (
        "unit_type",
        "Enheter med ressurssykepleier, per enhetstype",
        lambda v: labels.label(labels.UNIT_TYPE, v),
    ),
    (
        "network_group",
        "Enheter med ressurssykepleier, per nettverksgruppe",
        lambda v: names.get(("network_group", v), v or labels.NO_GROUP),
    ),
):
    part = by_group[by_group["dimension"] == dimension]
    if part.empty:
        continue
    st.plotly_chart(
        share_bars(
            tuple(to_label(v) for v in part["dimension_value"]),
            tuple(part["n_units_covered"]),
            tuple(part["n_units"]),
            title,
            target=card["unit_coverage"].target,
        ),
        key=f"by_{dimension}",
    )

st.subheader("Enheter uten ressurssykepleier")
uncovered = query("uncovered_unit_list", scope)
if uncovered.empty:
    if card["unit_coverage"].denominator:
        st.success("Alle enheter i utvalget som skal ha ressurssykepleier, har det.")
    else:
        st.caption("Ingen enheter i utvalget skal ha ressurssykepleier.")
else:
    shown_uncovered = pd.DataFrame(
        {
            "Enhet": uncovered["unit_name"],
            "Type": [labels.label(labels.UNIT_TYPE, v) for v in uncovered["unit_type"]],
            "Kommune": uncovered["municipality_name"],
            "Nettverksgruppe": uncovered["network_group_name"],
            "Ledig siden": uncovered["last_end_date"],
            "Dager ledig": uncovered["n_days_vacant"],
            "Situasjon": [
                "Ledig (hadde ressurssykepleier)" if v else "Har aldri hatt"
                for v in uncovered["is_vacant"]
            ],
        }
    )
    contacts = people_for("unit_contacts", access)
    if not contacts.rows.empty:
        # The leader to contact is personal data: only for the groups this viewer may see.
        by_unit = contacts.rows.set_index("unit_id")
        shown_uncovered["Leder"] = [by_unit["leader_name"].get(u, "") for u in uncovered["unit_id"]]
        shown_uncovered["Leders e-post"] = [
            by_unit["leader_email"].get(u, "") for u in uncovered["unit_id"]
        ]
    st.caption(f"{len(uncovered)} enheter, {int(uncovered['is_vacant'].sum())} av dem ledige.")
    data_table(
        shown_uncovered,
        "Enheter uten ressurssykepleier",
        scope,
        key="uncovered",
        column_config={"Ledig siden": DATE_COLUMN},
        personal=not contacts.rows.empty,
    )

st.subheader("Kommuner uten ressursfysioterapeut eller -ergoterapeut")
if not by_municipality.empty:
    without = by_municipality[by_municipality["n_physio_ot"] == 0][["municipality_name"]]
    if without.empty:
        st.success("Alle kommuner i utvalget har minst én ressursfysio- eller -ergoterapeut.")
    else:
        data_table(
            without.rename(columns={"municipality_name": "Kommune"}),
            "Kommuner uten fysio- eller ergoterapeut",
            scope,
            key="without_physio",
        )

st.subheader(f"Oppnevninger som slutter innen {ENDING_WITHIN_DAYS} dager")
person_list(
    "appointments_ending",
    access,
    scope,
    "Oppnevninger som slutter snart",
    key="ending",
    shape=lambda ending: pd.DataFrame(
        {
            "Navn": ending["member_name"],
            "Yrke": [labels.label(labels.PROFESSION, v) for v in ending["profession"]],
            "Enhet": ending["unit_name"],
            "Kommune": ending["municipality_name"],
            "Slutter": ending["end_date"],
            "Dager igjen": ending["n_days_left"],
            "Leder": ending["leader_name"],
            "Leders e-post": ending["leader_email"],
        }
    ),
    empty_text="Ingen planlagte avslutninger i perioden.",
    column_config={"Slutter": DATE_COLUMN},
    days=ENDING_WITHIN_DAYS,
)

st.subheader("Nye og avsluttede ressurspersoner per år")
turnover = query("turnover_by_year", scope)
if turnover.empty:
    st.caption("Ingen ressurspersoner i utvalget.")
else:
    st.plotly_chart(
        year_bars(
            tuple(turnover["year"]),
            (("Nye", tuple(turnover["n_started"])), ("Sluttet", tuple(turnover["n_left"]))),
            "Nye og avsluttede ressurspersoner",
        ),
        key="turnover",
    )
    data_table(
        turnover.rename(columns={"year": "År", "n_started": "Nye", "n_left": "Sluttet"}),
        "Nye og avsluttede per år",
        scope,
        key="turnover_table",
    )
