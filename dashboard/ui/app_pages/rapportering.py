"""Årlig rapportering: response rate and each answer's share per municipality, network group and
unit type against the targets (a click drills down); who has not answered (a reminder list with
leader e-mails)."""

from __future__ import annotations

import streamlit as st

from dashboard.engine import labels
from dashboard.engine.i18n import N_, _
from dashboard.engine.scope import Scope
from dashboard.engine.scorecard import Scorecard
from dashboard.exchange import page_tables
from dashboard.ui.components import questionnaire_panel
from dashboard.ui.components.cards import headline_html
from dashboard.ui.components.data_access import query, scorecard, table
from dashboard.ui.components.figures import drill_chart, share_bars
from dashboard.ui.components.page import anchors, nothing_selected, section, start_page
from dashboard.ui.components.tables import person_table, show_table

# The answers shown, and the indicator behind each.
INDICATOR_OF = {q: "leader_meeting" if q == "met_leader" else q for q in page_tables.ANSWERS}
DIMENSIONS = {
    "municipality": N_("kommune"),
    "network_group": N_("nettverksgruppe"),
    "unit_type": N_("enhetstype"),
}
SECTIONS = {"svar": N_("Svar og andeler"), "mangler": N_("Hvem har ikke svart")}

scope, access = start_page(
    "rapportering",
    _("Årlig rapportering"),
    _("Svar på årlig rapportering og hva ressurspersonene svarer."),
)
card = scorecard(scope)
st.html(headline_html(card, ("report_response", *INDICATOR_OF.values())))
shown = section(questionnaire_panel.sections(SECTIONS, access), "svar")


@st.fragment
def answers(scope: Scope, card: Scorecard) -> None:
    """Response and one answer per municipality, group or unit type: choosing reruns this alone."""
    by_group = query("report_by_group", scope)
    if by_group.empty:
        nothing_selected(_("Ingen rapporteringsrunde er sendt ut for dette utvalget og året."))
        return
    left, right = st.columns(2)
    dimension = (
        left.segmented_control(
            _("Vis per"),
            list(DIMENSIONS),
            format_func=lambda d: _(DIMENSIONS[d]),
            key="report_dimension",
            default="municipality",
        )
        or "municipality"
    )
    question = right.selectbox(
        _("Spørsmål"), page_tables.ANSWERS, format_func=labels.QUESTION.get, key="report_question"
    )
    part = by_group[by_group["dimension"] == dimension]
    names = tuple(
        labels.label(labels.UNIT_TYPE, v) if dimension == "unit_type" else labels.place_name(v)
        for v in part["dimension_value"]
    )
    codes = tuple(part["dimension_code"])
    for numerators, denominators, title, target, key in (
        (
            part["n_responded"],
            part["n_members"],
            _("Svarprosent per {dimension}").format(dimension=_(DIMENSIONS[dimension])),
            card["report_response"].target,
            "response",
        ),
        (
            part[f"n_{question}"],
            part["n_responded"],
            _("{question}: andel ja av dem som svarte").format(question=labels.QUESTION[question]),
            card[INDICATOR_OF[question]].target,
            f"answer_{question}",
        ),
    ):
        drill_chart(
            share_bars(names, tuple(numerators), tuple(denominators), title, target, codes),
            key=f"{key}_{dimension}_{scope.selection.key()}",
            alt=title,
            dimension=dimension,
        )
    show_table(
        table(page_tables.reporting_by, "report_by_group", scope, args=(dimension,)),
        f"by_{dimension}",
        scope,
    )


if shown == "svar":
    anchors("report_response", *INDICATOR_OF.values())
    answers(scope, card)
elif shown == questionnaire_panel.SECTION:  # the questionnaire in the product (issue 18)
    questionnaire_panel.questionnaire_section(scope, access)
else:
    st.subheader(_("Hvem har ikke svart"))
    person_table(
        "report_missing_list",
        access,
        scope,
        page_tables.report_missing,
        key="missing",
        empty_text=_("Alle i utvalget har svart, eller ingen runde er sendt ut."),
        caption=lambda rows: _(
            "{n} har ikke svart. Listen kan lastes ned og brukes til påminnelser."
        ).format(n=len(rows)),
    )
