"""The annual plan as a tracker (seed 001, «Årsplan 2026»): focus areas → delmål → activities with
owner, due date (or period), status and note. The rules the importer, the app and the CLI share:
which statuses are open, what «due soon» means, which indicators a delmål may name, and the one
way a coordinator changes an activity (status and note, with a line in the audit trail). No
Streamlit here.

Statuses are stored as codes (`PLAN_STATUSES` in the contract) and shown with the labels of
`dashboard.engine.labels.PLAN_STATUS`. Activity owners are roles or bodies («Driftsgruppen»,
«Ressurspersonene»), not people: the plan is a document every leader receives, so every role
sees it.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

import duckdb

from dashboard.engine import db
from dashboard.engine.access import Access, record
from dashboard.engine.contract import PLAN_STATUSES
from dashboard.engine.i18n import _
from dashboard.engine.indicators import INDICATORS_BY_ID

OPEN_STATUSES = ("planned", "under_way")
# «Due soon» on Oversikt and the plan page: due within this many days of the as-of date.
DUE_SOON_DAYS = 30
MAX_NOTE_CHARS = 2000
_SEPARATORS = re.compile(r"[,;\s]+")


class PlanEditRefused(ValueError):
    """A change of an activity that cannot be saved; the message says why, in Norwegian."""


def may_edit(access: Access) -> bool:
    """Only coordinators change the plan in the app (everyone sees it)."""
    return access.role in ("koordinator", "demo")


def indicator_ids(text: object) -> tuple[str, ...]:
    """«meeting_attendance, fagdag_attendance» → the ids, in the order written, once each."""
    if not isinstance(text, str):
        return ()
    return tuple(dict.fromkeys(part for part in _SEPARATORS.split(text.strip()) if part))


def goal_problems(record: dict[str, Any]) -> list[tuple[str, str]]:
    """A delmål row of an import file: every indicator it names must exist. Writes the list back
    in one spelling («a,b»). Returns (column, Norwegian message) pairs."""
    ids = indicator_ids(record.get("indicators"))
    unknown = [i for i in ids if i not in INDICATORS_BY_ID]
    if unknown:
        return [
            (
                "indicators",
                _("ukjente indikatorer: {unknown}; gyldige er f.eks. {examples}").format(
                    unknown=", ".join(unknown),
                    examples=", ".join(list(INDICATORS_BY_ID)[:4]),
                ),
            )
        ]
    record["indicators"] = ",".join(ids) or None
    return []


def save_activity(
    con: duckdb.DuckDBPyConnection,
    activity_id: str,
    status: str,
    note: str | None,
    by: str,
    trusts: Collection[str] = (),
) -> str:
    """Set one activity's status and note and write the audit line; returns the activity's title.
    Raises `PlanEditRefused` (writing nothing) for an unknown activity or status, a note that is
    too long, or an activity of a health trust outside `trusts` (a coordinator limited to some
    trusts; empty = every trust). Call it inside a `Database.change`."""
    if status not in PLAN_STATUSES:
        raise PlanEditRefused(
            _("Ukjent status «{status}»; gyldige er {valid}.").format(
                status=status, valid=", ".join(PLAN_STATUSES)
            )
        )
    note = (note or "").strip() or None
    if note is not None and len(note) > MAX_NOTE_CHARS:
        raise PlanEditRefused(
            _("Merknaden er for lang ({n} tegn; høyst {limit}).").format(
                n=len(note), limit=MAX_NOTE_CHARS
            )
        )
    current = db.run(con, "plan_activity_get", {"activity_id": activity_id})
    if current.empty:
        raise PlanEditRefused(
            _("Fant ikke aktiviteten «{activity}» i årsplanen.").format(activity=activity_id)
        )
    before = current.iloc[0]
    if trusts and before["health_trust"] not in trusts:
        raise PlanEditRefused(
            _("Aktiviteten hører til et annet helseforetak enn dine, og kan ikke endres av deg.")
        )
    old_note = before["note"] if isinstance(before["note"], str) else None
    if before["status"] == status and old_note == note:
        return str(before["title"])
    db.execute(
        con, "plan_activity_save", {"activity_id": activity_id, "status": status, "note": note}
    )
    changes = []
    if before["status"] != status:
        changes.append(f"status {before['status']} → {status}")
    if old_note != note:
        changes.append("merknad endret")
    record(con, by, "endret årsplan", f"{activity_id}: {', '.join(changes)}", "", 1)
    return str(before["title"])
