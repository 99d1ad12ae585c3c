"""The annual plan and the governance register on screen: the plan as one HTML block (focus areas →
delmål → activities; a status is a word, a symbol and a colour; each delmål's indicators link to
their section with the same selection, as the scorecard's tiles do), and Oversikt's short list of
what is overdue or due soon. Every text from the data goes through `html_escape`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from dashboard.engine import labels
from dashboard.engine.formatting import format_date, format_value
from dashboard.engine.governance import ENDING_WITHIN_DAYS, register_date
from dashboard.engine.i18n import _, ngettext
from dashboard.engine.indicators import INDICATORS_BY_ID, STATUS_LABELS
from dashboard.engine.plan import DUE_SOON_DAYS, indicator_ids
from dashboard.engine.scope import Scope
from dashboard.engine.scorecard import Scorecard
from dashboard.engine.text import html_escape
from dashboard.exchange import governance_tables
from dashboard.exchange.page_tables import is_missing
from dashboard.ui.components.cards import SECTION_OF
from dashboard.ui.components.data_access import live
from dashboard.ui.components.selection import link
from dashboard.ui.components.tables import show_table

# Static CSS (no user data in it). Colours reach WCAG AA with white text on them.
PLAN_CSS = """
<style>
.nk-plan h3.nk-area {font-size: 1.15rem; font-weight: 700; margin: 1.1rem 0 0.4rem 0;}
.nk-plan h4.nk-trust {font-size: 1.25rem; font-weight: 700; margin: 1rem 0 0.2rem 0;}
.nk-goal {border: 1px solid #c4c4c4; border-radius: 0.5rem; padding: 0.6rem 0.9rem;
  margin: 0 0 0.7rem 0; background: #ffffff;}
.nk-goal h4 {font-size: 1rem; font-weight: 600; margin: 0 0 0.2rem 0; padding: 0;}
.nk-goal-meta, .nk-measures {font-size: 0.9rem; color: #3c3c3c; margin: 0.1rem 0;}
.nk-measures a {color: #005a8c;}
.nk-activities {list-style: none; padding: 0; margin: 0.4rem 0 0 0;}
.nk-activities li {padding: 0.3rem 0; border-top: 1px solid #e6e6e6; display: flex;
  flex-wrap: wrap; gap: 0.2rem 0.6rem; align-items: baseline;}
.nk-pill {display: inline-block; padding: 0.05rem 0.5rem; border-radius: 1rem; color: #ffffff;
  background: var(--nk-status); font-weight: 700; font-size: 0.85rem; white-space: nowrap;}
.nk-act-title {font-weight: 500;}
.nk-act-meta {font-size: 0.88rem; color: #3c3c3c;}
.nk-late {font-size: 0.88rem; font-weight: 700; color: #a8370a;}
.nk-soon {font-size: 0.88rem; font-weight: 700; color: #8a5c00;}
.nk-note {font-size: 0.88rem; color: #3c3c3c; font-style: italic; flex-basis: 100%;}
.nk-links a {color: #005a8c;}
</style>
"""
# status code → (symbol, colour); the word is labels.PLAN_STATUS.
PLAN_STATUS_STYLE = {
    "planned": ("○", "#5F6368"),
    "under_way": ("◐", "#005A8C"),
    "done": ("✔", "#1E6B35"),
    "dropped": ("✖", "#6B4E16"),
}


def status_text(status: str) -> str:
    """«✔ Gjennomført»."""
    symbol = PLAN_STATUS_STYLE.get(status, ("", ""))[0]
    return f"{symbol} {labels.label(labels.PLAN_STATUS, status)}".strip()


def _date(value: object) -> dt.date | None:
    return None if is_missing(value) else pd.Timestamp(value).date()  # type: ignore[arg-type]


def period_text(start: object, due: object) -> str:
    """«frist 12.11.2026», «12.03.2026–29.10.2026», «løpende fra 01.01.2026», «løpende»."""
    first, last = _date(start), _date(due)
    if first and last:
        return f"{format_date(first)}–{format_date(last)}"
    if last:
        return _("frist {date}").format(date=format_date(last))
    if first:
        return _("løpende fra {date}").format(date=format_date(first))
    return _("løpende")


def _pill(status: str) -> str:
    colour = PLAN_STATUS_STYLE.get(status, ("", "#5F6368"))[1]
    return f'<span class="nk-pill" style="--nk-status: {colour}">{html_escape(status_text(status))}</span>'


def _activity(row: pd.Series) -> str:
    meta = " · ".join(
        part
        for part in (
            "" if is_missing(row["owner"]) else str(row["owner"]),
            period_text(row["start_date"], row["due_date"]),
        )
        if part
    )
    deadline = ""
    if row["is_overdue"]:
        text = governance_tables.deadline_text(True, row["n_days_left"])
        deadline = f'<span class="nk-late">⚠ {html_escape(text)}</span>'
    elif row["is_due_soon"]:
        text = governance_tables.deadline_text(False, row["n_days_left"])
        deadline = f'<span class="nk-soon">{html_escape(text)}</span>'
    note_word = html_escape(_("Merknad"))  # outside the f-string: Babel extracts it
    note = (
        ""
        if is_missing(row["note"])
        else f'<span class="nk-note">{note_word}: {html_escape(row["note"])}</span>'
    )
    return (
        f'<li id="act-{html_escape(row["activity_id"])}">{_pill(str(row["status"]))}'
        f'<span class="nk-act-title">{html_escape(row["title"])}</span>'
        f'<span class="nk-act-meta">{html_escape(meta)}</span>{deadline}{note}</li>'
    )


def _measures(indicators: object, card: Scorecard | None, scope: Scope) -> str:
    """«Måles av: Oppmøte på nettverksmøter 78,4 % ◐ Nær målet; …», each a link to the
    indicator's section with the same selection."""
    ids = [i for i in indicator_ids(indicators) if i in INDICATORS_BY_ID]
    if not ids:
        none = _("Ingen indikator måler dette delmålet; det følges gjennom aktivitetene.")
        return f'<p class="nk-measures">{html_escape(none)}</p>'
    parts = []
    for indicator_id in ids:
        indicator = INDICATORS_BY_ID[indicator_id]
        page, section = SECTION_OF[indicator_id]
        href = link(page, scope, anchor=indicator_id, **{"del": section})
        figure = ""
        if card is not None:
            result = card[indicator_id]
            symbol, word = STATUS_LABELS[result.status]
            figure = f" {format_value(indicator.kind, result.value)} ({symbol} {word})"
        parts.append(
            f'<a href="{html_escape(href)}">{html_escape(indicator.title)}</a>{html_escape(figure)}'
        )
    measured_by = html_escape(_("Måles av:"))  # outside the f-string: Babel extracts it
    return f'<p class="nk-measures">{measured_by} {"; ".join(parts)}</p>'


def _counts(items: pd.DataFrame) -> str:
    done = int((items["status"] == "done").sum())
    return _("{done} av {n} aktiviteter gjennomført").format(done=done, n=len(items))


def plan_html(
    goals: pd.DataFrame,
    activities: pd.DataFrame,
    card: Scorecard | None,
    scope: Scope,
    show_empty_goals: bool,
) -> str:
    """The plan: per health trust (when several), focus areas → delmål → activities."""
    by_goal = {goal_id: part for goal_id, part in activities.groupby("goal_id", sort=False)}
    trusts = list(dict.fromkeys(goals["health_trust"]))
    parts = ['<div class="nk-plan">']
    for trust in trusts:
        in_trust = goals[goals["health_trust"] == trust]
        if len(trusts) > 1:
            name = in_trust["health_trust_name"].iloc[0]
            parts.append(
                f'<h4 class="nk-trust">{html_escape(name if isinstance(name, str) else trust)}</h4>'
            )
        for (number, area), area_goals in in_trust.groupby(
            ["focus_area_number", "focus_area"], sort=False
        ):
            blocks = []
            for goal in area_goals.itertuples(index=False):
                items = by_goal.get(goal.goal_id)
                if items is None and not show_empty_goals:
                    continue
                items = items if items is not None else activities.iloc[0:0]
                network = (
                    ""
                    if is_missing(goal.network) or goal.network == "alle"
                    else f" · {labels.label(labels.NETWORK, goal.network)}"
                )
                heading = _("Delmål {number}: {title}").format(
                    number=goal.goal_number, title=goal.goal_title
                )
                listed = "".join(_activity(row) for _, row in items.iterrows())
                blocks.append(
                    f'<div class="nk-goal" id="goal-{html_escape(goal.goal_id)}">'
                    f"<h4>{html_escape(heading)}</h4>"
                    f'<p class="nk-goal-meta">{html_escape(_counts(items))}'
                    f"{html_escape(network)}</p>"
                    f"{_measures(goal.indicators, card, scope)}"
                    f'<ul class="nk-activities">{listed}</ul></div>'
                )
            if blocks:
                area_name = governance_tables.focus_area_label(number, area)
                parts.append(f'<h3 class="nk-area">{html_escape(area_name)}</h3>')
                parts.extend(blocks)
    parts.append("</div>")
    return "".join(parts)


def terms_ending_text(n: int) -> str:
    """«3 verv slutter innen 90 dager»."""
    return ngettext(
        "{n} verv slutter innen {days} dager", "{n} verv slutter innen {days} dager", n
    ).format(n=n, days=ENDING_WITHIN_DAYS)


def leaderless_text(n: int) -> str:
    """«2 nettverksgrupper uten leder»."""
    return ngettext("{n} nettverksgruppe uten leder", "{n} nettverksgrupper uten leder", n).format(
        n=n
    )


def plan_params(scope: Scope) -> dict[str, object]:
    """The plan of the selection's year, health trust and network, on its as-of date."""
    return {
        "year": scope.year,
        "as_of_date": scope.as_of_date,
        "days": DUE_SOON_DAYS,
        "health_trust": scope.selection.health_trust,
        "network": scope.selection.network,
    }


def links(targets: Sequence[tuple[str, str]]) -> None:
    """Links to other pages (text, href) in one line."""
    shown = " · ".join(f'<a href="{html_escape(h)}">{html_escape(t)}</a>' for t, h in targets)
    st.html(f'<p class="nk-links">{shown}</p>')


def oversikt_reminders(scope: Scope) -> None:
    """Oversikt's addition: the year's open activities overdue or due within 30 days of the
    as-of date, and the register's terms ending and groups without a leader, in numbers."""
    st.subheader(_("Årsplan og styringsorganer"))
    params = plan_params(scope)
    goals = live("plan_goals", **params)
    if goals.empty:
        st.caption(_("Ingen årsplan for {year} er lagt inn for utvalget.").format(year=scope.year))
    else:
        deadlines = live("plan_deadlines", **params)
        overdue = int(deadlines["is_overdue"].sum()) if len(deadlines) else 0
        st.markdown(
            _(
                "Årsplan {year}, per {date}: **{overdue} forfalt** og **{soon} med frist innen "
                "{days} dager** (åpne aktiviteter: planlagt eller pågår)."
            ).format(
                year=scope.year,
                date=format_date(scope.as_of_date),
                overdue=overdue,
                soon=len(deadlines) - overdue,
                days=DUE_SOON_DAYS,
            )
        )
        if len(deadlines):
            show_table(
                governance_tables.plan_deadlines(deadlines, scope.year), "oversikt_plan", scope
            )
    day = register_date(scope)
    trust = scope.selection.health_trust
    ending = live(
        "governance_terms_ending", as_of_date=day, days=ENDING_WITHIN_DAYS, health_trust=trust
    )
    leaderless = live("governance_groups_without_leader", as_of_date=day, health_trust=trust)
    st.markdown(
        _("Styringsorganer per {date}: {ending} · {leaderless}.").format(
            date=format_date(day),
            ending=terms_ending_text(len(ending)),
            leaderless=leaderless_text(len(leaderless)),
        )
    )
    links(
        [
            (_("Åpne årsplanen"), link("arsplan", scope, **{"del": "plan"})),
            (_("Åpne styringsorganene"), link("styringsorganer", scope)),
        ]
    )
