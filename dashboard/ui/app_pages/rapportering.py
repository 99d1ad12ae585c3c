"""Årlig rapportering: response rate and each answer's share per municipality, network group and
unit type against the targets; who has not answered (a reminder list with leader e-mails)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.engine import labels
from dashboard.engine.formatting import format_fraction, format_share
from dashboard.ui.components.data import query, scorecard
from dashboard.ui.components.figures import share_bars
from dashboard.ui.components.page import nothing_selected, start_page
from dashboard.ui.components.scorecard import target_text
from dashboard.ui.components.tables import data_table, person_list

# The annual report's questions shown here, and the indicator behind each.
ANSWERS = (
    "met_leader",
    "routine_new_staff",
    "routine_inform_colleagues",
    "earmarked_time",
    "job_shadowing",
    "development_work",
)
INDICATOR_OF = {q: "leader_meeting" if q == "met_leader" else q for q in ANSWERS}
DIMENSIONS = {
    "municipality": "kommune",
    "network_group": "nettverksgruppe",
    "unit_type": "enhetstype",
}

scope, access = start_page(
    "rapportering",
    "Årlig rapportering",
    "Svar på årlig rapportering og hva ressurspersonene svarer.",
)
card = scorecard(scope)

response = card["report_response"]
st.metric("Svar på årlig rapportering", format_share(response.value))
st.caption(f"{format_fraction(response.numerator, response.denominator)} · {target_text(response)}")

overview = pd.DataFrame(
    {
        "Spørsmål": [card[INDICATOR_OF[q]].indicator.title for q in ANSWERS],
        "Andel ja": [format_share(card[INDICATOR_OF[q]].value) for q in ANSWERS],
        "Antall": [
            format_fraction(card[INDICATOR_OF[q]].numerator, card[INDICATOR_OF[q]].denominator)
            for q in ANSWERS
        ],
        "Mål": [target_text(card[INDICATOR_OF[q]]).removeprefix("Mål: ") for q in ANSWERS],
    }
)
data_table(overview, f"Svar på årlig rapportering {scope.year}", scope, key="answers")

by_group = query("report_by_group", scope)
if by_group.empty:
    nothing_selected("Ingen rapporteringsrunde er sendt ut for dette utvalget og året.")
else:
    dimension = st.radio(
        "Vis per",
        list(DIMENSIONS),
        format_func=lambda d: DIMENSIONS[d],
        horizontal=True,
        key="report_dimension",
    )
    part = by_group[by_group["dimension"] == dimension]
    names = tuple(
        labels.label(labels.UNIT_TYPE, v) if dimension == "unit_type" else v
        for v in part["dimension_value"]
    )
    st.plotly_chart(
        share_bars(
            names,
            tuple(part["n_responded"]),
            tuple(part["n_members"]),
            f"Svarprosent per {DIMENSIONS[dimension]}",
            target=response.target,
        ),
        key=f"response_{dimension}",
    )
    question = st.selectbox(
        "Spørsmål", ANSWERS, format_func=labels.QUESTION.get, key="report_question"
    )
    st.plotly_chart(
        share_bars(
            names,
            tuple(part[f"n_{question}"]),
            tuple(part["n_responded"]),
            f"{labels.QUESTION[question]}: andel ja av dem som svarte",
            target=card[INDICATOR_OF[question]].target,
        ),
        key=f"answer_{dimension}_{question}",
    )
    shown = pd.DataFrame(
        {
            DIMENSIONS[dimension].capitalize(): names,
            "Ressurspersoner": part["n_members"].to_numpy(),
            "Svart": part["n_responded"].to_numpy(),
            **{labels.QUESTION[q]: part[f"n_{q}"].to_numpy() for q in ANSWERS},
        }
    )
    data_table(
        shown, f"Rapportering per {DIMENSIONS[dimension]} {scope.year}", scope, key="by_group"
    )

st.subheader("Hvem har ikke svart")
person_list(
    "report_missing_list",
    access,
    scope,
    f"Påminnelsesliste {scope.year}",
    key="missing",
    shape=lambda missing: pd.DataFrame(
        {
            "Navn": missing["member_name"],
            "E-post": missing["member_email"],
            "Yrke": [labels.label(labels.PROFESSION, v) for v in missing["profession"]],
            "Enhet": missing["unit_name"],
            "Kommune": missing["municipality_name"],
            "Leder": missing["leader_name"],
            "Leders e-post": missing["leader_email"],
        }
    ),
    empty_text="Alle i utvalget har svart, eller ingen runde er sendt ut.",
    caption=lambda rows: (
        f"{len(rows)} har ikke svart. Listen kan lastes ned og brukes til påminnelser."
    ),
)
