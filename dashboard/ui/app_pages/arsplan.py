"""Årsplan: the year's plan as a tracker. Focus areas → delmål → activities with owner, due date
or period and status; filters; every activity as a table with downloads; each delmål linked to
the indicators that measure it. A koordinator updates an activity's status and note here."""

from __future__ import annotations

import streamlit as st

from dashboard.engine import labels, plan
from dashboard.engine.contract import PLAN_STATUSES
from dashboard.engine.formatting import format_date
from dashboard.engine.i18n import _
from dashboard.engine.text import md_escape
from dashboard.exchange import governance_tables
from dashboard.ui.components.data_access import live, scorecard, write
from dashboard.ui.components.governance import PLAN_CSS, plan_html, plan_params, status_text
from dashboard.ui.components.page import section, start_page
from dashboard.ui.components.tables import show_table

MESSAGE = "plan_message"

scope, access = start_page(
    "arsplan",
    _("Årsplan"),
    _(
        "Årsplanens satsningsområder, delmål og aktiviteter: hvem som gjør hva og når, og hvor "
        "langt arbeidet er kommet."
    ),
)
if message := st.session_state.pop(MESSAGE, None):
    st.success(message, icon=":material/check_circle:")
params = plan_params(scope)
goals = live("plan_goals", **params)
activities = live("plan_activities", **params)
if goals.empty:
    st.info(
        _(
            "Det finnes ingen årsplan for {year} i utvalget. Velg et annet år eller helseforetak "
            "i menyen til venstre."
        ).format(year=scope.year)
    )
    if plan.may_edit(access):
        st.caption(
            _(
                "Planen importeres på Data-siden som to tabeller: Årsplan: delmål (plan_goal) og "
                "Årsplan: aktiviteter (plan_activity); begge har en mal der."
            )
        )
    st.stop()

chosen = scope.selection
if chosen.network_group or chosen.municipality or chosen.profession or chosen.unit_type:
    st.caption(
        _(
            "Årsplanen gjelder hele nettverket i helseforetaket: nettverksgruppe, kommune, yrke "
            "og enhetstype i utvalget gjelder tallene for indikatorene, ikke planen."
        )
    )

overdue = int(activities["is_overdue"].sum())
due_soon = int(activities["is_due_soon"].sum())
counts = " · ".join(
    f"{int((activities['status'] == code).sum())} {labels.PLAN_STATUS[code].lower()}"
    for code in PLAN_STATUSES
)
st.markdown(
    _(
        "**{goals} delmål, {n} aktiviteter** per {date}: {counts}. **{overdue} forfalt**, "
        "{soon} med frist innen {days} dager."
    ).format(
        goals=len(goals),
        n=len(activities),
        date=format_date(scope.as_of_date),
        counts=counts,
        overdue=overdue,
        soon=due_soon,
        days=plan.DUE_SOON_DAYS,
    )
)

# The page's own filters: they narrow the plan, the table and its downloads alike.
areas = {
    number: governance_tables.focus_area_label(number, name)
    for number, name in zip(goals["focus_area_number"], goals["focus_area"], strict=True)
}
area_column, status_column, late_column = st.columns([2, 2, 2])
area = area_column.selectbox(
    _("Satsningsområde"),
    [None, *areas],
    format_func=lambda a: _("Alle") if a is None else areas[a],
    key="plan_area",
)
statuses = status_column.multiselect(
    _("Status"),
    list(PLAN_STATUSES),
    format_func=status_text,
    key="plan_statuses",
    placeholder=_("Alle"),
)
deadlines_only = late_column.toggle(
    _("Bare forfalte og med frist innen {days} dager").format(days=plan.DUE_SOON_DAYS),
    key="plan_deadlines_only",
)
search = st.text_input(_("Søk i aktiviteter, ansvarlige og merknader"), key="plan_search").strip()

shown = activities
if area is not None:
    shown = shown[shown["focus_area_number"] == area]
if statuses:
    shown = shown[shown["status"].isin(statuses)]
if deadlines_only:
    shown = shown[shown["is_overdue"] | shown["is_due_soon"]]
if search:
    text = (
        shown["title"].fillna("") + " " + shown["owner"].fillna("") + " " + shown["note"].fillna("")
    )
    shown = shown[text.str.contains(search, case=False, regex=False)]
filtered = bool(statuses or deadlines_only or search)
if filtered or area is not None:
    st.caption(_("Viser {n} av {total} aktiviteter.").format(n=len(shown), total=len(activities)))

sections = {"plan": _("Planen"), "aktiviteter": _("Alle aktiviteter")}
if plan.may_edit(access):
    sections["oppdater"] = _("Oppdater status")
picked = section(sections, "plan")

if picked == "plan":
    in_goals = goals if area is None else goals[goals["focus_area_number"] == area]
    if shown.empty and filtered:
        st.info(_("Ingen aktiviteter passer til filtrene."))
    else:
        st.html(PLAN_CSS + plan_html(in_goals, shown, scorecard(scope), scope, not filtered))
elif picked == "aktiviteter":
    show_table(
        governance_tables.plan_activities(shown, scope.year),
        "plan_activities",
        scope,
        _("Ingen aktiviteter passer til filtrene."),
    )
elif picked == "oppdater":
    if access.health_trusts:  # a coordinator limited to some trusts changes only theirs
        shown = shown[shown["health_trust"].isin(access.health_trusts)]
    if shown.empty:
        st.info(_("Ingen aktiviteter passer til filtrene."))
        st.stop()
    by_id = shown.set_index("activity_id")
    activity_id = st.selectbox(
        _("Aktivitet"),
        list(by_id.index),
        format_func=lambda a: (
            f"{by_id.at[a, 'focus_area_number']}.{by_id.at[a, 'goal_number']} – "
            f"{by_id.at[a, 'title']}"
        ),
        key="plan_edit_activity",
    )
    current = by_id.loc[activity_id]
    st.caption(
        _("Delmål: {goal}. Ansvarlig: {owner}.").format(
            goal=md_escape(current["goal_title"]),
            owner=md_escape(current["owner"] if isinstance(current["owner"], str) else "–"),
        )
    )
    with st.form(f"plan_edit_{activity_id}"):
        status = st.selectbox(
            _("Status"),
            list(PLAN_STATUSES),
            index=list(PLAN_STATUSES).index(current["status"]),
            format_func=status_text,
            key=f"plan_status_{activity_id}",
        )
        note = st.text_area(
            _("Merknad"),
            value=current["note"] if isinstance(current["note"], str) else "",
            max_chars=plan.MAX_NOTE_CHARS,
            key=f"plan_note_{activity_id}",
        )
        saved = st.form_submit_button(_("Lagre"), type="primary", icon=":material/save:")
    if saved:
        who = access.audit_name
        try:
            title = write(
                lambda con: plan.save_activity(
                    con, activity_id, status, note, who, access.health_trusts
                )
            )
        except plan.PlanEditRefused as refused:
            st.error(str(refused))
        else:
            st.session_state[MESSAGE] = _("Lagret: «{title}» er {status}.").format(
                title=md_escape(title), status=labels.PLAN_STATUS[status].lower()
            )
            st.rerun()
