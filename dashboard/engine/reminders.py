"""A coordinator's reminders (the subscription kind `reminder`): leaders' terms ending within
60 days (a network group's leader is appointed for two years; `governance_register` in
views.sql), the annual plan's activities that are overdue (open, due date passed;
`plan_activity_state`), and the reporting rounds closing within 14 days, each with the members
who have not answered (`report_missing_list`, the Rapportering page's reminder list).

Names and e-mails are read through the people gate (`access.people`) for the recipient as they
are when the message is made, and only a coordinator gets any: for anyone else `gather` finds
nothing. Nothing here is logged; `counts` is what a delivery records (numbers only).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from dashboard.engine import db
from dashboard.engine.access import Access, people
from dashboard.engine.scope import Scope, Selection

TERMS_WITHIN_DAYS = 60
ROUNDS_CLOSING_DAYS = 14
# The role whose terms are reminded of (in every body; a network group's leader serves two years).
TERM_ROLE = "leder"
# Who may get reminders (they hold names and e-mails).
REMINDED_ROLE = "koordinator"


@dataclass(frozen=True)
class TermEnding:
    """A leader's term in force that ends within `TERMS_WITHIN_DAYS` (name and e-mail None when
    the gate holds them back)."""

    body: str
    network_group_name: str | None
    health_trust: str
    name: str | None
    email: str | None
    term_end: dt.date
    days_left: int
    has_successor: bool


@dataclass(frozen=True)
class Overdue:
    """An open activity of the annual plan whose due date has passed."""

    activity_id: str
    title: str
    owner: str | None
    goal_number: str
    due_date: dt.date
    days_over: int


@dataclass(frozen=True, eq=False)
class ClosingRound:
    """A reporting round closing within `ROUNDS_CLOSING_DAYS`: its answers so far, and the rows
    of `report_missing_list` for those who have not answered."""

    year: int
    network: str
    health_trust: str
    health_trust_name: str
    closes_on: dt.date
    n_members: int
    n_answered: int
    missing: pd.DataFrame


@dataclass(frozen=True, eq=False)
class Reminders:
    terms: tuple[TermEnding, ...] = ()
    overdue: tuple[Overdue, ...] = ()
    rounds: tuple[ClosingRound, ...] = ()

    @property
    def is_empty(self) -> bool:
        """Nothing to remind of (a round closing where everyone answered still counts)."""
        return not (self.terms or self.overdue or self.rounds)

    @property
    def named(self) -> int:
        """How many people the reminder names (for the audit trail)."""
        return sum(1 for t in self.terms if t.name) + sum(len(r.missing) for r in self.rounds)

    def counts(self) -> str:
        """What a delivery records (JSON): how many of each, never who."""
        return json.dumps(
            {
                "terms": len(self.terms),
                "overdue": len(self.overdue),
                "rounds": len(self.rounds),
                "missing": sum(len(r.missing) for r in self.rounds),
            },
            sort_keys=True,
        )


def _day(value: Any) -> dt.date:
    return pd.Timestamp(value).date()


def _text(value: Any) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def _terms(
    con: duckdb.DuckDBPyConnection, access: Access, selection: Selection, day: dt.date
) -> list[TermEnding]:
    trust = {"health_trust": selection.health_trust}
    ending = db.run(
        con, "governance_terms_ending", {"as_of_date": day, "days": TERMS_WITHIN_DAYS, **trust}
    )
    ending = ending[ending["role"] == TERM_ROLE]
    if selection.network_group:
        ending = ending[ending["network_group"] == selection.network_group]
    names = people(con, "governance_names", trust, access).rows
    by_id = names.set_index("assignment_id") if len(names) else pd.DataFrame()

    def person(assignment_id: str, column: str) -> str | None:
        if by_id.empty or assignment_id not in by_id.index:
            return None
        return _text(by_id.at[assignment_id, column])

    return [
        TermEnding(
            body=r.body,
            network_group_name=_text(r.network_group_name),
            health_trust=r.health_trust,
            name=person(r.assignment_id, "name"),
            email=person(r.assignment_id, "email"),
            term_end=_day(r.term_end),
            days_left=int(r.n_days_left),
            has_successor=bool(r.has_successor),
        )
        for r in ending.itertuples(index=False)
    ]


def _overdue(con: duckdb.DuckDBPyConnection, selection: Selection, day: dt.date) -> list[Overdue]:
    rows = db.run(
        con,
        "plan_deadlines",
        {
            "year": day.year,
            "as_of_date": day,
            "days": 0,
            "health_trust": selection.health_trust,
            "network": selection.network,
        },
    )
    rows = rows[rows["is_overdue"]]
    return [
        Overdue(
            activity_id=r.activity_id,
            title=r.title,
            owner=_text(r.owner),
            goal_number=str(r.goal_number),
            due_date=_day(r.due_date),
            days_over=-int(r.n_days_left),
        )
        for r in rows.itertuples(index=False)
    ]


def _rounds(
    con: duckdb.DuckDBPyConnection, access: Access, selection: Selection, day: dt.date
) -> list[ClosingRound]:
    """Rounds sent by `day` that close within `ROUNDS_CLOSING_DAYS` of it (this year's, or last
    year's round closing after New Year), with the non-respondents the recipient may see."""
    found = []
    last = day + dt.timedelta(days=ROUNDS_CLOSING_DAYS)
    for year in (day.year - 1, day.year):
        rounds = db.run(con, "questionnaire_rounds", {"year": year})
        for r in rounds.itertuples(index=False):
            closes_on, sent_on = _day(r.closes_on), _day(r.sent_on)
            if not (sent_on <= day <= closes_on <= last):
                continue
            if selection.health_trust not in (None, r.health_trust):
                continue
            if selection.network not in (None, r.network):
                continue
            scope = Scope(
                year,
                day,
                Selection(
                    **{**selection.params(), "health_trust": r.health_trust, "network": r.network}
                ),
            )
            missing = people(
                con, "report_missing_list", {"selections": scope.selections()}, access
            ).rows
            found.append(
                ClosingRound(
                    year=year,
                    network=r.network,
                    health_trust=r.health_trust,
                    health_trust_name=r.health_trust_name,
                    closes_on=closes_on,
                    n_members=int(r.n_members),
                    n_answered=int(r.n_answered),
                    missing=missing,
                )
            )
    return sorted(found, key=lambda r: (r.closes_on, r.health_trust_name, r.network))


def gather(
    con: duckdb.DuckDBPyConnection, access: Access, selections: list[Selection], day: dt.date
) -> Reminders:
    """Everything to remind a coordinator of on `day`, for the selections they may see
    (`subscriptions.selections_for`); nothing for anyone who is not a coordinator."""
    if access.role != REMINDED_ROLE:
        return Reminders()
    terms: list[TermEnding] = []
    overdue: dict[str, Overdue] = {}
    rounds: list[ClosingRound] = []
    for selection in selections:
        terms += _terms(con, access, selection, day)
        overdue |= {a.activity_id: a for a in _overdue(con, selection, day)}
        rounds += _rounds(con, access, selection, day)
    return Reminders(
        tuple(sorted(terms, key=lambda t: t.term_end)),
        tuple(sorted(overdue.values(), key=lambda a: (a.due_date, a.activity_id))),
        tuple(rounds),
    )
