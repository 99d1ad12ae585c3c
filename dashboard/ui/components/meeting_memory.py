"""Meeting memory on the overview page: a frozen meeting's figures beside today's, the meetings of
the governance bodies with a link to what each saw, freezing the figures for a meeting, and the
decisions recorded on the indicators (dashboard/engine/meetings.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard.engine import labels, meetings
from dashboard.engine.access import Access
from dashboard.engine.contract import GOVERNANCE_BODIES
from dashboard.engine.formatting import format_date
from dashboard.engine.i18n import _
from dashboard.engine.indicators import INDICATORS
from dashboard.engine.meetings import Decision, Freeze, Meeting, MeetingRefused
from dashboard.engine.scope import Scope
from dashboard.engine.text import html_escape as escape
from dashboard.exchange import page_tables
from dashboard.ui.components.data_access import (
    frozen,
    live,
    place_names,
    scorecard,
    scorecard_now,
    write,
)
from dashboard.ui.components.selection import link
from dashboard.ui.components.tables import show_table

DONE = "meeting_memory_done"


def _done(message: str) -> None:
    """After a change: run the page again (the tiles above show it), and say it there."""
    st.session_state[DONE] = message
    st.rerun()


def noted_years(scope: Scope) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Per indicator, the years with a decision recorded for this selection (the tiles' marks)."""
    rows = _notes(scope, year=None)
    if rows.empty:
        return ()
    grouped = rows.groupby("indicator")["year"].apply(lambda y: tuple(sorted({int(v) for v in y})))
    return tuple(sorted(grouped.items()))


def _notes(scope: Scope, year: int | None) -> pd.DataFrame:
    """The selection's decisions (of one year, or all). Every decision is read once after each
    change and kept to the selection here: a page run on a new selection then asks no query
    (the register is a few hundred rows at most)."""
    every = live("decision_notes", year=None, indicator=None, selection_key=None, meeting_id=None)
    kept = every["selection_key"] == scope.selection.key()
    if year is not None:
        kept &= every["year"] == year
    return every[kept].reset_index(drop=True)


def change_since_meeting(scope: Scope) -> None:
    """While a frozen meeting is open: each indicator then and now."""
    held = frozen()
    if held is None:
        return
    then = scorecard(scope)
    now = scorecard_now(replace(scope, as_of=None))
    st.subheader(_("Endring siden møtet"))
    show_table(
        page_tables.change_since(then.results, now.results, held.meeting.meeting_date),
        "endring_siden_motet",
        scope,
        caption=_("«Da» er tallene møtet så; «nå» er dagens tall for samme utvalg og år."),
    )


def _meetings(access: Access) -> pd.DataFrame:
    rows = live("governance_meetings", health_trust=None, meeting_id=None)
    if access.health_trusts:
        rows = rows[rows["health_trust"].isin(access.health_trusts)]
    return rows.reset_index(drop=True)


def _meeting_name(row: pd.Series) -> str:
    body = labels.label(labels.GOVERNANCE_BODY, row["body"])
    return f"{format_date(pd.Timestamp(row['meeting_date']).date())} {row['title']} ({body})"


def _frozen_links(rows: pd.DataFrame) -> None:
    """A link per frozen meeting to every page as that meeting saw it."""
    done = rows[rows["snapshot_id"].notna()]
    if done.empty:
        st.caption(_("Ingen møter har frosne tall ennå."))
        return
    items = []
    for _i, row in done.iterrows():
        freeze = meetings.frozen_from_row(row)
        href = link("oversikt", freeze.scope, frosset=freeze.meeting.meeting_id)
        items.append(f'<li><a href="{escape(href)}">{escape(_meeting_name(row))}</a></li>')
    st.html(f'<ul class="nk-frozen">{"".join(items)}</ul>')  # names escaped: they came from people


def _freeze_form(scope: Scope, access: Access, rows: pd.DataFrame) -> None:
    """A coordinator freezes the figures of this selection and year for a meeting."""
    if rows.empty:
        return
    names = {row["meeting_id"]: _meeting_name(row) for _i, row in rows.iterrows()}
    with st.form("freeze_meeting", border=True):
        st.markdown(_("**Frys tallene for et møte**"))
        st.caption(
            _(
                "Tallene for utvalget og året du ser på nå lagres med møtet, slik de er nå. De "
                "kan åpnes senere nøyaktig slik de var, også etter nye importer."
            )
        )
        chosen = st.selectbox(_("Møte"), list(names), format_func=names.get, key="freeze_which")
        if st.form_submit_button(_("Frys tallene"), icon=":material/ac_unit:"):
            freeze: Freeze = write(
                lambda con: meetings.freeze(con, chosen, scope, access.audit_name)
            )
            _done(
                _("Tallene er frosset for møtet (dataversjon {snapshot}).").format(
                    snapshot=freeze.snapshot_id
                )
            )


def _meeting_form(access: Access) -> None:
    """A coordinator adds a meeting of a governance body to the calendar."""
    trusts = sorted(access.health_trusts) or None
    with st.expander(_("Legg til et møte")), st.form("add_meeting", border=False):
        body = st.selectbox(
            _("Styringsorgan"),
            GOVERNANCE_BODIES,
            format_func=lambda b: labels.label(labels.GOVERNANCE_BODY, b),
        )
        trust_names = {
            code: name for (kind, code), name in place_names().items() if kind == "health_trust"
        }
        offered = [t for t in trust_names if trusts is None or t in trusts]
        trust = st.selectbox(_("Helseforetak"), offered, format_func=trust_names.get)
        day = st.date_input(_("Møtedag"), value=dt.date.today(), format="DD.MM.YYYY")
        title = st.text_input(_("Tittel"), max_chars=120)
        if st.form_submit_button(_("Legg til møtet"), icon=":material/event:"):
            meeting_id = f"{body}-{day:%Y-%m-%d}-{trust}"
            found = Meeting(meeting_id, body, trust, day, title)
            try:
                write(lambda con: meetings.add_meeting(con, found, access.audit_name))
            except MeetingRefused as refused:
                st.error(str(refused))
            else:
                _done(_("Møtet er lagt til."))


def _decision_form(scope: Scope, access: Access, rows: pd.DataFrame, bodies: set[str]) -> None:
    """Coordinators and the bodies' members record a decision on an indicator."""
    offered_bodies = (
        list(GOVERNANCE_BODIES) if access.role in ("koordinator", "demo") else sorted(bodies)
    )
    names = {row["meeting_id"]: _meeting_name(row) for _i, row in rows.iterrows()}
    titles = {i.id: i.title for i in INDICATORS}
    with st.expander(_("Skriv et vedtak")), st.form("add_decision", border=False):
        st.caption(
            _("Vedtaket gjelder utvalget og året du ser på ({year}).").format(year=scope.year)
        )
        indicator = st.selectbox(_("Indikator"), list(titles), format_func=titles.get)
        body = st.selectbox(
            _("Vedtatt av"),
            offered_bodies,
            format_func=lambda b: labels.label(labels.GOVERNANCE_BODY, b),
        )
        held = frozen()
        choices = [None, *names]
        meeting_id = st.selectbox(
            _("Møte (valgfritt)"),
            choices,
            index=choices.index(held.meeting.meeting_id)
            if held and held.meeting.meeting_id in names
            else 0,
            format_func=lambda m: names.get(m, "–"),
        )
        day = st.date_input(_("Vedtaksdag"), value=dt.date.today(), format="DD.MM.YYYY")
        activity = st.text_input(_("Aktivitet i årsplanen (ID, valgfritt)"), max_chars=64)
        text = st.text_area(_("Vedtak"), max_chars=meetings.NOTE_MAX)
        if st.form_submit_button(_("Lagre vedtaket"), icon=":material/gavel:"):
            decision = Decision(
                indicator,
                scope.selection.key(),
                scope.year,
                body,
                day,
                text,
                meeting_id,
                activity.strip() or None,
            )
            try:
                write(lambda con: meetings.add_note(con, decision, access))
            except MeetingRefused as refused:
                st.error(str(refused))
            else:
                _done(_("Vedtaket er lagret."))


def meetings_and_decisions(scope: Scope, access: Access) -> None:
    """The section under the scorecard: decisions for this selection and year, the meetings with
    frozen figures, and the forms for those who may write."""
    st.subheader(_("Vedtak og møter"))
    if DONE in st.session_state:
        st.success(st.session_state.pop(DONE))
    show_table(
        page_tables.decisions(_notes(scope, scope.year)),
        "vedtak",
        scope,
        empty_text=_("Ingen vedtak er skrevet om indikatorene for dette utvalget og året."),
    )
    rows = _meetings(access)
    st.markdown(_("**Møter med frosne tall**"))
    _frozen_links(rows)
    bodies = set(
        live("governance_bodies_of", email=access.email or "", day=dt.date.today())["body"]
    )
    if access.role in ("koordinator", "demo") and frozen() is None:
        _freeze_form(scope, access, rows)
        _meeting_form(access)
    if meetings.may_write_notes(access, bodies):
        _decision_form(scope, access, rows, bodies)
