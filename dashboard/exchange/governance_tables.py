"""The annual plan and the governance register as tables (pages, downloads, the meeting pack) and as
records (the CLI's `plan` and `terms`), built from the rows of their queries: headers in the
language of the moment, codes as labels (`dashboard/engine/labels.py`), dates as dates.

The register's rows carry no names; `names` (what the people gate gave this viewer from
`governance_names`) adds «Navn» and «E-post» to the rows the viewer may see, and marks the table
as person-level so its downloads are audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from dashboard.engine import db, labels
from dashboard.engine.governance import ENDING_WITHIN_DAYS
from dashboard.engine.i18n import _
from dashboard.engine.plan import DUE_SOON_DAYS
from dashboard.exchange.page_tables import Table, is_missing, labelled


def _dates(values: Iterable[object]) -> list[dt.date | None]:
    return [None if is_missing(v) else pd.Timestamp(v).date() for v in values]  # type: ignore[arg-type]


def _integers(values: Iterable[object]) -> pd.Series:
    return pd.Series([None if is_missing(v) else int(v) for v in values], dtype="Int64")  # type: ignore[arg-type]


def _yes_no(values: Iterable[object]) -> list[str]:
    return ["" if is_missing(v) else _("ja") if v else _("nei") for v in values]


def _text(values: Iterable[object]) -> list[str]:
    return ["" if is_missing(v) else str(v) for v in values]


def focus_area_label(number: object, name: object) -> str:
    return f"{number}. {name}"


def goal_label(focus_area_number: object, goal_number: object, title: object) -> str:
    """«2.1 Økt kompetanse hos ressurspersoner»."""
    return f"{focus_area_number}.{goal_number} {title}"


def deadline_text(is_overdue: bool, days_left: object) -> str:
    """«Forfalt for 12 dager siden», «Frist i dag», «Frist om 5 dager»."""
    days = 0 if is_missing(days_left) else int(days_left)  # type: ignore[arg-type]
    if is_overdue:
        return (
            _("Forfalt for {n} dager siden").format(n=-days) if days != -1 else _("Forfalt i går")
        )
    if days == 0:
        return _("Frist i dag")
    return _("Frist om {n} dager").format(n=days) if days != 1 else _("Frist i morgen")


# --- the annual plan ---------------------------------------------------------------------------


def plan_activities(rows: pd.DataFrame, year: int) -> Table:
    """Every activity of the plan (as filtered) with its delmål, focus area and state."""
    trusts = set(rows["health_trust"]) if len(rows) else set()
    columns: dict[str, Any] = {}
    if len(trusts) > 1:
        columns[_("Helseforetak")] = _text(rows["health_trust_name"])
    situation = [
        deadline_text(bool(o), d) if (o or s) else ""
        for o, s, d in zip(
            rows["is_overdue"], rows["is_due_soon"], rows["n_days_left"], strict=True
        )
    ]
    columns |= {
        _("Satsningsområde"): [
            focus_area_label(n, a)
            for n, a in zip(rows["focus_area_number"], rows["focus_area"], strict=True)
        ],
        _("Delmål"): [
            goal_label(a, g, t)
            for a, g, t in zip(
                rows["focus_area_number"], rows["goal_number"], rows["goal_title"], strict=True
            )
        ],
        _("Aktivitet"): _text(rows["title"]),
        _("Ansvarlig"): _text(rows["owner"]),
        _("Fra"): _dates(rows["start_date"]),
        _("Frist"): _dates(rows["due_date"]),
        _("Status"): labelled(rows["status"], labels.PLAN_STATUS),
        _("Frister"): situation,
        _("Merknad"): _text(rows["note"]),
        _("Aktivitet ID"): _text(rows["activity_id"]),
    }
    frame = pd.DataFrame(columns, index=range(len(rows)))
    return Table(
        _("Årsplan {year}").format(year=year), frame, {_("Fra"): "date", _("Frist"): "date"}
    )


def plan_deadlines(rows: pd.DataFrame, year: int) -> Table:
    """Open activities overdue or due within `DUE_SOON_DAYS` days (query plan_deadlines)."""
    frame = pd.DataFrame(
        {
            _("Frister"): [
                deadline_text(bool(o), d)
                for o, d in zip(rows["is_overdue"], rows["n_days_left"], strict=True)
            ],
            _("Frist"): _dates(rows["due_date"]),
            _("Aktivitet"): _text(rows["title"]),
            _("Delmål"): [
                goal_label(a, g, t)
                for a, g, t in zip(
                    rows["focus_area_number"], rows["goal_number"], rows["goal_title"], strict=True
                )
            ],
            _("Ansvarlig"): _text(rows["owner"]),
            _("Status"): labelled(rows["status"], labels.PLAN_STATUS),
        },
        index=range(len(rows)),
    )
    return Table(
        _("Årsplan {year}: forfalt og frist innen {days} dager").format(
            year=year, days=DUE_SOON_DAYS
        ),
        frame,
        {_("Frist"): "date"},
    )


# The fields of the CLI's records, in order (also the CSV's header).
PLAN_RECORD_KEYS = (
    "health_trust",
    "focus_area_number",
    "focus_area",
    "goal_id",
    "goal_number",
    "goal",
    "network",
    "indicators",
    "activity_id",
    "activity",
    "owner",
    "start_date",
    "due_date",
    "status",
    "status_label",
    "is_overdue",
    "is_due_soon",
    "note",
)
TERMS_RECORD_KEYS = (
    "kind",
    "assignment_id",
    "body",
    "health_trust",
    "network",
    "network_group",
    "network_group_name",
    "role",
    "organisation",
    "name",
    "email",
    "start_date",
    "term_end",
    "days_left",
    "has_successor",
)


def plan_records(rows: pd.DataFrame) -> list[dict[str, Any]]:
    """The plan's activities for the CLI (JSON and CSV): codes, ISO dates, the status label."""
    records = []
    for row in rows.itertuples(index=False):
        records.append(
            {
                "health_trust": row.health_trust,
                "focus_area_number": int(row.focus_area_number),
                "focus_area": row.focus_area,
                "goal_id": row.goal_id,
                "goal_number": int(row.goal_number),
                "goal": row.goal_title,
                "network": None if is_missing(row.network) else row.network,
                "indicators": [] if is_missing(row.indicators) else row.indicators.split(","),
                "activity_id": row.activity_id,
                "activity": row.title,
                "owner": None if is_missing(row.owner) else row.owner,
                "start_date": _iso(row.start_date),
                "due_date": _iso(row.due_date),
                "status": row.status,
                "status_label": labels.label(labels.PLAN_STATUS, row.status),
                "is_overdue": bool(row.is_overdue),
                "is_due_soon": bool(row.is_due_soon),
                "note": None if is_missing(row.note) else row.note,
            }
        )
    return records


def _iso(value: object) -> str | None:
    return None if is_missing(value) else pd.Timestamp(value).date().isoformat()  # type: ignore[arg-type]


# --- the governance register -------------------------------------------------------------------


def _with_names(
    frame: pd.DataFrame, assignment_ids: pd.Series, names: pd.DataFrame | None, after: str
) -> tuple[pd.DataFrame, bool]:
    """«Navn» and «E-post» after the column `after`, for the assignments in `names`."""
    if names is None or names.empty:
        return frame, False
    by_id = names.set_index("assignment_id")
    position = list(frame.columns).index(after) + 1
    frame.insert(position, _("Navn"), [by_id["name"].get(a, "") for a in assignment_ids])
    emails = [by_id["email"].get(a, "") for a in assignment_ids]
    frame.insert(position + 1, _("E-post"), ["" if is_missing(e) else e for e in emails])
    return frame, True


def _group_names(rows: pd.DataFrame) -> list[str]:
    return _text(rows["network_group_name"])


def register(rows: pd.DataFrame, names: pd.DataFrame | None = None) -> Table:
    """Every assignment of the register (query governance_register), names where allowed."""
    frame = pd.DataFrame(
        {
            _("Organ"): labelled(rows["body"], labels.GOVERNANCE_BODY),
            _("Nettverk"): labelled(rows["network"], labels.NETWORK),
            _("Nettverksgruppe"): _group_names(rows),
            _("Rolle"): labelled(rows["role"], labels.GOVERNANCE_ROLE),
            _("Organisasjon"): _text(rows["organisation"]),
            _("Fra"): _dates(rows["start_date"]),
            _("Til"): _dates(rows["term_end"]),
            _("I vervet nå"): _yes_no(rows["is_active"]),
            _("Dager igjen"): _integers(
                [
                    d if a else None
                    for a, d in zip(rows["is_active"], rows["n_days_left"], strict=True)
                ]
            ),
            _("Etterfølger oppnevnt"): _yes_no(rows["has_successor"]),
        },
        index=range(len(rows)),
    )
    frame, personal = _with_names(frame, rows["assignment_id"], names, _("Organisasjon"))
    return Table(
        _("Styringsorganer"),
        frame,
        {_("Fra"): "date", _("Til"): "date", _("Dager igjen"): "integer"},
        personal=personal,
    )


def terms_ending(rows: pd.DataFrame, names: pd.DataFrame | None = None) -> Table:
    """Assignments whose term ends soon (query governance_terms_ending), names where allowed."""
    frame = pd.DataFrame(
        {
            _("Slutter"): _dates(rows["term_end"]),
            _("Dager igjen"): _integers(rows["n_days_left"]),
            _("Organ"): labelled(rows["body"], labels.GOVERNANCE_BODY),
            _("Nettverksgruppe"): _group_names(rows),
            _("Rolle"): labelled(rows["role"], labels.GOVERNANCE_ROLE),
            _("Organisasjon"): _text(rows["organisation"]),
            _("Etterfølger oppnevnt"): _yes_no(rows["has_successor"]),
        },
        index=range(len(rows)),
    )
    frame, personal = _with_names(frame, rows["assignment_id"], names, _("Organisasjon"))
    return Table(
        _("Verv som slutter innen {days} dager").format(days=ENDING_WITHIN_DAYS),
        frame,
        {_("Slutter"): "date", _("Dager igjen"): "integer"},
        personal=personal,
    )


def groups_without_leader(rows: pd.DataFrame) -> Table:
    """Network groups without a leader in office (query governance_groups_without_leader)."""
    frame = pd.DataFrame(
        {
            _("Nettverksgruppe"): _group_names(rows),
            _("Kode"): _text(rows["network_group"]),
            _("Nettverk"): labelled(rows["network"], labels.NETWORK),
            _("Forrige leders periode sluttet"): _dates(rows["last_term_end"]),
            _("Dager uten leder"): _integers(rows["n_days_without"]),
            _("Ny leder fra"): _dates(rows["next_start_date"]),
        },
        index=range(len(rows)),
    )
    return Table(
        _("Nettverksgrupper uten leder"),
        frame,
        {
            _("Forrige leders periode sluttet"): "date",
            _("Dager uten leder"): "integer",
            _("Ny leder fra"): "date",
        },
    )


def terms_records(
    ending: pd.DataFrame, leaderless: pd.DataFrame, names: pd.DataFrame | None
) -> list[dict[str, Any]]:
    """The CLI's `terms`: one record per ending term (`kind` term_ending) and per network group
    without a leader (`kind` group_without_leader), codes and ISO dates; names where given."""
    by_id = names.set_index("assignment_id") if names is not None and len(names) else pd.DataFrame()

    def person(assignment_id: str, column: str) -> str | None:
        if by_id.empty or assignment_id not in by_id.index:
            return None
        value = by_id.at[assignment_id, column]
        return None if is_missing(value) else str(value)

    records: list[dict[str, Any]] = []
    for row in ending.itertuples(index=False):
        records.append(
            {
                "kind": "term_ending",
                "assignment_id": row.assignment_id,
                "body": row.body,
                "health_trust": row.health_trust,
                "network": None if is_missing(row.network) else row.network,
                "network_group": None if is_missing(row.network_group) else row.network_group,
                "network_group_name": None
                if is_missing(row.network_group_name)
                else row.network_group_name,
                "role": row.role,
                "organisation": None if is_missing(row.organisation) else row.organisation,
                "name": person(row.assignment_id, "name"),
                "email": person(row.assignment_id, "email"),
                "start_date": _iso(row.start_date),
                "term_end": _iso(row.term_end),
                "days_left": int(row.n_days_left),
                "has_successor": bool(row.has_successor),
            }
        )
    for row in leaderless.itertuples(index=False):
        records.append(
            {
                "kind": "group_without_leader",
                "assignment_id": None,
                "body": "nettverksgruppe",
                "health_trust": row.health_trust,
                "network": row.network,
                "network_group": row.network_group,
                "network_group_name": row.network_group_name,
                "role": "leder",
                "organisation": None,
                "name": None,
                "email": None,
                "start_date": _iso(row.next_start_date),
                "term_end": _iso(row.last_term_end),
                "days_left": None,
                "has_successor": not is_missing(row.next_start_date),
            }
        )
    return records


# --- the meeting pack --------------------------------------------------------------------------


@dataclass
class GovernanceSummary:
    """The meeting pack's page on the governance bodies, without names: terms ending soon and
    network groups without a leader on `day`, and the year's plan in counts."""

    day: dt.date
    within_days: int
    ending: Table
    leaderless: Table
    plan_year: int
    plan_counts: dict[str, int]  # status code → activities; also "overdue"


def governance_summary(
    con: duckdb.DuckDBPyConnection,
    day: dt.date,
    year: int,
    plan_day: dt.date,
    health_trust: str | None,
    network: str | None = None,
) -> GovernanceSummary:
    """What the meeting pack shows about the register (on `day`) and the plan of `year` (on
    `plan_day`). No names: the pack is projected in the steering group's meeting."""
    ending = db.run(
        con,
        "governance_terms_ending",
        {"as_of_date": day, "days": ENDING_WITHIN_DAYS, "health_trust": health_trust},
    )
    leaderless = db.run(
        con, "governance_groups_without_leader", {"as_of_date": day, "health_trust": health_trust}
    )
    goals = db.run(
        con,
        "plan_goals",
        {
            "year": year,
            "as_of_date": plan_day,
            "days": DUE_SOON_DAYS,
            "health_trust": health_trust,
            "network": network,
        },
    )
    counts = {
        status: int(goals[f"n_{status}"].sum()) if len(goals) else 0
        for status in ("planned", "under_way", "done", "dropped", "overdue")
    }
    return GovernanceSummary(
        day=day,
        within_days=ENDING_WITHIN_DAYS,
        ending=terms_ending(ending),
        leaderless=groups_without_leader(leaderless),
        plan_year=year,
        plan_counts=counts,
    )
