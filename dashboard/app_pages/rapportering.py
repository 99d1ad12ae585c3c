"""Årlig rapportering: response rate and each answer's share per municipality, network group and
unit type against the targets; who has not answered (a reminder list with leader e-mails)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.data import query, scorecard
from dashboard.components.downloads import download_buttons
from dashboard.components.figures import share_bars
from dashboard.components.filters import UNIT_TYPE_LABELS
from dashboard.components.page import nothing_selected, start_page
from dashboard.components.scorecard import target_text
from dashboard.formatting import format_fraction, format_share

ANSWERS = {
    "met_leader": "Årlig møte med leder",
    "routine_new_staff": "Rutine for nyansatte",
    "routine_inform_colleagues": "Informerer kolleger",
    "earmarked_time": "Øremerket tid",
    "job_shadowing": "Hospitering",
    "development_work": "Utviklingsarbeid",
}
# The report column behind each answer's indicator.
INDICATOR_OF = {
    column: "leader_meeting" if column == "met_leader" else column for column in ANSWERS
}
DIMENSIONS = {
    "municipality": "kommune",
    "network_group": "nettverksgruppe",
    "unit_type": "enhetstype",
}

filters, access = start_page(
    "rapportering",
    "Årlig rapportering",
    "Svar på årlig rapportering og hva ressurspersonene svarer.",
)
params = filters.params()
results = {r.indicator.id: r for r in scorecard(filters.year, filters.selection, filters.as_of)}

response = results["report_response"]
st.metric("Svar på årlig rapportering", format_share(response.value))
st.caption(f"{format_fraction(response.numerator, response.denominator)} · {target_text(response)}")

overview = pd.DataFrame(
    {
        "Spørsmål": [results[INDICATOR_OF[q]].indicator.title for q in ANSWERS],
        "Andel ja": [format_share(results[INDICATOR_OF[q]].value) for q in ANSWERS],
        "Antall": [
            format_fraction(
                results[INDICATOR_OF[q]].numerator, results[INDICATOR_OF[q]].denominator
            )
            for q in ANSWERS
        ],
        "Mål": [target_text(results[INDICATOR_OF[q]]).removeprefix("Mål: ") for q in ANSWERS],
    }
)
st.dataframe(overview, hide_index=True, width="stretch")
download_buttons(overview, f"Svar på årlig rapportering {filters.year}", filters.describe(),
                 key="answers")  # fmt: skip

by_group = query("report_by_group", **params)
if by_group.empty:
    nothing_selected("Ingen rapporteringsrunde er sendt ut for dette utvalget og året.")
else:
    dimension = st.radio("Vis per", list(DIMENSIONS), format_func=lambda d: DIMENSIONS[d],
                         horizontal=True, key="report_dimension")  # fmt: skip
    part = by_group[by_group["dimension"] == dimension].copy()
    names = [UNIT_TYPE_LABELS.get(v, v) if dimension == "unit_type" else v
             for v in part["dimension_value"]]  # fmt: skip
    st.plotly_chart(share_bars(names, part["n_responded"].tolist(), part["n_members"].tolist(),
                               f"Svarprosent per {DIMENSIONS[dimension]}", target=0.8),
                    key=f"response_{dimension}")  # fmt: skip
    question = st.selectbox("Spørsmål", list(ANSWERS), format_func=ANSWERS.get,
                            key="report_question")  # fmt: skip
    target = results[INDICATOR_OF[question]].target
    st.plotly_chart(share_bars(names, part[f"n_{question}"].tolist(), part["n_responded"].tolist(),
                               f"{ANSWERS[question]}: andel ja av dem som svarte",
                               target=target), key=f"answer_{dimension}_{question}")  # fmt: skip
    shown = pd.DataFrame(
        {
            DIMENSIONS[dimension].capitalize(): names,
            "Ressurspersoner": part["n_members"],
            "Svart": part["n_responded"],
        }
    )
    for column, label in ANSWERS.items():
        shown[label] = part[f"n_{column}"].to_numpy()
    st.dataframe(shown, hide_index=True, width="stretch")
    download_buttons(shown, f"Rapportering per {DIMENSIONS[dimension]} {filters.year}",
                     filters.describe(), key="by_group")  # fmt: skip

st.subheader("Hvem har ikke svart")
missing = access.visible_people(query("report_missing_list", **params))
if not access.sees_people:
    st.caption("Påminnelseslisten viser personopplysninger og er bare tilgjengelig for "
               "nettverksledere og koordinatorer.")  # fmt: skip
elif missing.empty:
    st.caption("Alle i utvalget har svart, eller ingen runde er sendt ut.")
else:
    shown_missing = pd.DataFrame(
        {
            "Navn": missing["member_name"], "E-post": missing["member_email"],
            "Yrke": missing["profession"], "Enhet": missing["unit_name"],
            "Kommune": missing["municipality_name"], "Leder": missing["leader_name"],
            "Leders e-post": missing["leader_email"],
        }
    )  # fmt: skip
    st.caption(f"{len(missing)} har ikke svart. Listen kan lastes ned og brukes til påminnelser.")
    st.dataframe(shown_missing, hide_index=True, width="stretch")
    download_buttons(shown_missing, f"Påminnelsesliste {filters.year}", filters.describe(),
                     key="missing", personal=True)  # fmt: skip
