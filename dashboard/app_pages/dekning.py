"""Dekning og rekruttering: coverage per municipality, unit type and network group; uncovered and
vacant units with the leader to contact; physio/OT gaps; appointments ending; turnover."""

from __future__ import annotations

import csv

import pandas as pd
import streamlit as st

from dashboard.components.data import query, scorecard
from dashboard.components.downloads import download_buttons
from dashboard.components.figures import municipality_points, share_bars, year_bars
from dashboard.components.filters import UNIT_TYPE_LABELS, Filters
from dashboard.components.page import nothing_selected, start_page
from dashboard.demo import DATA_DIR
from dashboard.formatting import format_fraction, format_share

ENDING_WITHIN_DAYS = 90


@st.cache_data(show_spinner=False)
def _coordinates() -> dict[str, tuple[float, float]]:
    """lon/lat per kommunenummer, shipped as data (data/municipalities.csv)."""
    with open(DATA_DIR / "municipalities.csv", encoding="utf-8", newline="") as handle:
        return {r["number"]: (float(r["lon"]), float(r["lat"])) for r in csv.DictReader(handle)}


def _headline(filters: Filters) -> None:
    wanted = ("unit_coverage", "municipality_coverage_nurse", "municipality_coverage_physio_ot",
              "vacant_units")  # fmt: skip
    results = {r.indicator.id: r for r in scorecard(filters.year, filters.selection, filters.as_of)}
    columns = st.columns(len(wanted))
    for column, indicator_id in zip(columns, wanted, strict=True):
        result = results[indicator_id]
        value = (format_share(result.value) if result.indicator.kind == "share"
                 else str(result.numerator))  # fmt: skip
        column.metric(result.indicator.title, value,
                      help=format_fraction(result.numerator, result.denominator))  # fmt: skip
        column.caption(format_fraction(result.numerator, result.denominator))


filters, access = start_page(
    "dekning",
    "Dekning og rekruttering",
    "Hvor det finnes ressurspersoner, hvor det mangler, og hvem som skal kontaktes.",
)
params = filters.params()
_headline(filters)

st.subheader("Dekning per kommune")
by_municipality = query("coverage_by_municipality", **params)
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
                for c, n in zip(by_municipality["n_units_covered"], by_municipality["n_units"],
                                strict=True)
            ],
            "Aktive ressurssykepleiere": by_municipality["n_nurses"],
            "Aktive fysio-/ergoterapeuter": by_municipality["n_physio_ot"],
        }
    )  # fmt: skip
    chart_tab, map_tab, table_tab = st.tabs(["Diagram", "Kart", "Tabell"])
    with chart_tab:
        st.plotly_chart(
            share_bars(by_municipality["municipality_name"].tolist(),
                       by_municipality["n_units_covered"].tolist(),
                       by_municipality["n_units"].tolist(),
                       "Kommunale enheter med ressurssykepleier", target=1.0),
            key="coverage_chart",
        )  # fmt: skip
    with map_tab:
        coordinates = _coordinates()
        located = by_municipality[by_municipality["municipality_number"].isin(coordinates)]
        st.plotly_chart(
            municipality_points(
                located["municipality_name"].tolist(),
                [coordinates[n][0] for n in located["municipality_number"]],
                [coordinates[n][1] for n in located["municipality_number"]],
                [c / n if n else None for c, n in zip(located["n_units_covered"],
                                                      located["n_units"], strict=True)],
                [format_fraction(c, n) for c, n in zip(located["n_units_covered"],
                                                       located["n_units"], strict=True)],
                "Dekning per kommune (punkt = kommunens sentrum)",
            ),
            key="coverage_map",
        )  # fmt: skip
    with table_tab:
        st.dataframe(shown, hide_index=True, width="stretch")
    download_buttons(shown, "Dekning per kommune", filters.describe(), key="by_municipality")

st.subheader("Dekning per enhetstype og nettverksgruppe")
by_group = query("unit_coverage_by_group", **params)
groups = dict(query("filter_options").query("kind == 'network_group'")[["code", "label"]].values)
for dimension, title, labels in (
    ("unit_type", "Enheter med ressurssykepleier, per enhetstype", UNIT_TYPE_LABELS),
    ("network_group", "Enheter med ressurssykepleier, per nettverksgruppe", groups),
):  # fmt: skip
    part = by_group[by_group["dimension"] == dimension]
    if part.empty:
        continue
    names = [labels.get(v, v or "(ingen gruppe)") for v in part["dimension_value"]]
    st.plotly_chart(share_bars(names, part["n_units_covered"].tolist(), part["n_units"].tolist(),
                               title, target=1.0), key=f"by_{dimension}")  # fmt: skip

st.subheader("Enheter uten ressurssykepleier")
uncovered = query("uncovered_unit_list", **params)
if uncovered.empty:
    st.success("Alle enheter i utvalget som skal ha ressurssykepleier, har det.")
else:
    shown_uncovered = pd.DataFrame(
        {
            "Enhet": uncovered["unit_name"],
            "Type": uncovered["unit_type"].map(UNIT_TYPE_LABELS),
            "Kommune": uncovered["municipality_name"],
            "Nettverksgruppe": uncovered["network_group_name"],
            "Ledig siden": uncovered["last_end_date"],
            "Dager ledig": uncovered["n_days_vacant"],
            "Situasjon": ["Ledig (hadde ressurssykepleier)" if v else "Har aldri hatt"
                          for v in uncovered["is_vacant"]],
        }
    )  # fmt: skip
    if access.sees_people:
        # The leader to contact is personal data: only for the groups this user may see.
        visible = uncovered.index.isin(access.visible_people(uncovered).index)
        shown_uncovered["Leder"] = uncovered["leader_name"].where(visible, "")
        shown_uncovered["Leders e-post"] = uncovered["leader_email"].where(visible, "")
    st.caption(f"{len(uncovered)} enheter, {int(uncovered['is_vacant'].sum())} av dem ledige.")
    st.dataframe(
        shown_uncovered, hide_index=True, width="stretch",
        column_config={"Ledig siden": st.column_config.DateColumn(format="DD.MM.YYYY")},
    )  # fmt: skip
    download_buttons(shown_uncovered, "Enheter uten ressurssykepleier", filters.describe(),
                     key="uncovered", personal=access.sees_people)  # fmt: skip

st.subheader("Kommuner uten ressursfysioterapeut eller -ergoterapeut")
if not by_municipality.empty:
    without = by_municipality[by_municipality["n_physio_ot"] == 0][["municipality_name"]]
    if without.empty:
        st.success("Alle kommuner i utvalget har minst én ressursfysio- eller -ergoterapeut.")
    else:
        shown_without = without.rename(columns={"municipality_name": "Kommune"})
        st.dataframe(shown_without, hide_index=True)
        download_buttons(shown_without, "Kommuner uten fysio- eller ergoterapeut",
                         filters.describe(), key="without_physio")  # fmt: skip

st.subheader(f"Oppnevninger som slutter innen {ENDING_WITHIN_DAYS} dager")
ending = access.visible_people(query("appointments_ending", days=ENDING_WITHIN_DAYS, **params))
if not access.sees_people:
    st.caption("Listen viser personopplysninger og er bare tilgjengelig for nettverksledere og "
               "koordinatorer.")  # fmt: skip
elif ending.empty:
    st.caption("Ingen planlagte avslutninger i perioden.")
else:
    shown_ending = pd.DataFrame(
        {
            "Navn": ending["member_name"], "Yrke": ending["profession"],
            "Enhet": ending["unit_name"], "Kommune": ending["municipality_name"],
            "Slutter": ending["end_date"], "Dager igjen": ending["n_days_left"],
            "Leder": ending["leader_name"], "Leders e-post": ending["leader_email"],
        }
    )  # fmt: skip
    st.dataframe(shown_ending, hide_index=True, width="stretch",
                 column_config={"Slutter": st.column_config.DateColumn(format="DD.MM.YYYY")})  # fmt: skip
    download_buttons(shown_ending, "Oppnevninger som slutter snart", filters.describe(),
                     key="ending", personal=True)  # fmt: skip

st.subheader("Nye og avsluttede ressurspersoner per år")
turnover = query("turnover_by_year", **params)
if turnover.empty:
    st.caption("Ingen ressurspersoner i utvalget.")
else:
    st.plotly_chart(
        year_bars(turnover["year"].tolist(), {"Nye": turnover["n_started"].tolist(),
                                              "Sluttet": turnover["n_left"].tolist()},
                  "Nye og avsluttede ressurspersoner"),
        key="turnover",
    )  # fmt: skip
    shown_turnover = turnover.rename(
        columns={"year": "År", "n_started": "Nye", "n_left": "Sluttet"}
    )
    download_buttons(shown_turnover, "Nye og avsluttede per år", filters.describe(),
                     key="turnover_table")  # fmt: skip
