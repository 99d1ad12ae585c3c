"""Meeting memory: the governance bodies' meetings, the figures a meeting saw frozen, and the
decisions recorded on the indicators.

Freezing a meeting records the lake snapshot the figures come from, with the year, the as-of date
and the selection: reading that snapshot again (`Database.read(at=…)`) shows every figure exactly
as the meeting saw it, whatever was imported since, and the lake's maintenance never expires a
snapshot a meeting names (`frozen_snapshots`). A decision note belongs to an indicator, a
selection and a year, and to the body that made it; coordinators and the body's members write
them, and every one is audited (never its text).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard.engine import db, lake
from dashboard.engine.access import Access, record
from dashboard.engine.capture import OSLO
from dashboard.engine.contract import GOVERNANCE_BODIES
from dashboard.engine.formatting import format_date
from dashboard.engine.i18n import _
from dashboard.engine.indicators import INDICATORS_BY_ID
from dashboard.engine.scope import Scope, Selection

MEETING_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
NOTE_MAX = 2000


class MeetingRefused(ValueError):
    """A meeting, freeze or decision note that cannot be saved (the message says why)."""


@dataclass(frozen=True)
class Meeting:
    meeting_id: str
    body: str
    health_trust: str
    meeting_date: dt.date
    title: str
    network_group: str | None = None


@dataclass(frozen=True)
class Freeze:
    """What a meeting saw: the snapshot its figures came from, and the scope it looked at."""

    meeting: Meeting
    snapshot_id: int
    year: int
    as_of: dt.date
    selection_key: str
    frozen_at: dt.datetime
    frozen_by: str

    @property
    def scope(self) -> Scope:
        return Scope(self.year, self.as_of, Selection.from_key(self.selection_key))


def _date(value: object) -> dt.date:
    return pd.Timestamp(value).date()


def _meetings(
    con: duckdb.DuckDBPyConnection, health_trust: str | None, meeting_id: str | None
) -> pd.DataFrame:
    return db.run(
        con, "governance_meetings", {"health_trust": health_trust, "meeting_id": meeting_id}
    )


def _meeting(row: pd.Series) -> Meeting:
    return Meeting(
        meeting_id=row["meeting_id"],
        body=row["body"],
        health_trust=row["health_trust"],
        meeting_date=_date(row["meeting_date"]),
        title=row["title"],
        network_group=None if pd.isna(row["network_group"]) else row["network_group"],
    )


def frozen_from_row(row: pd.Series) -> Freeze | None:
    """A row of queries/governance_meetings.sql as its freeze (None: nothing frozen)."""
    if pd.isna(row["snapshot_id"]):
        return None
    return Freeze(
        meeting=_meeting(row),
        snapshot_id=int(row["snapshot_id"]),
        year=int(row["year"]),
        as_of=_date(row["as_of_date"]),
        selection_key=row["selection_key"],
        frozen_at=pd.Timestamp(row["frozen_at"]).to_pydatetime(),
        frozen_by=row["frozen_by"],
    )


def meetings(con: duckdb.DuckDBPyConnection, health_trust: str | None = None) -> pd.DataFrame:
    """Every meeting (of one health trust), newest first, with what was frozen for it."""
    return _meetings(con, health_trust, None)


def calendar(con: duckdb.DuckDBPyConnection) -> list[Meeting]:
    """Every meeting, as `Meeting`s."""
    return [_meeting(row) for _i, row in meetings(con).iterrows()]


def meeting(con: duckdb.DuckDBPyConnection, meeting_id: str) -> Meeting | None:
    rows = _meetings(con, None, meeting_id)
    return None if rows.empty else _meeting(rows.iloc[0])


def frozen(con: duckdb.DuckDBPyConnection, meeting_id: str) -> Freeze | None:
    """What was frozen for a meeting; None when nothing was (or there is no such meeting)."""
    rows = _meetings(con, None, meeting_id)
    return None if rows.empty else frozen_from_row(rows.iloc[0])


def frozen_snapshots(con: duckdb.DuckDBPyConnection) -> set[int]:
    return {int(s) for s in db.run(con, "frozen_snapshots")["snapshot_id"]}


def add_meeting(con: duckdb.DuckDBPyConnection, meeting: Meeting, by: str) -> None:
    """Inside a change: a meeting in the calendar (audited)."""
    if not MEETING_ID.fullmatch(meeting.meeting_id):
        raise MeetingRefused(
            _(
                "Møte-ID «{id}» kan bare ha bokstaver, tall, punktum, bindestrek og understrek."
            ).replace("{id}", meeting.meeting_id[:64])
        )
    if meeting.body not in GOVERNANCE_BODIES:
        raise MeetingRefused(_("Ukjent styringsorgan: {body}.").replace("{body}", meeting.body))
    if not meeting.title.strip():
        raise MeetingRefused(_("Møtet må ha en tittel."))
    if _meetings(con, None, meeting.meeting_id).shape[0]:
        raise MeetingRefused(
            _("Det finnes allerede et møte med ID {id}.").replace("{id}", meeting.meeting_id)
        )
    add_meeting_row(con, meeting)
    record(con, by, "møte lagt til", detail=meeting.meeting_id)


def add_meeting_row(con: duckdb.DuckDBPyConnection, meeting: Meeting) -> None:
    """The meeting's row, unchecked (the demo's calendar; `add_meeting` checks first)."""
    db.run(
        con,
        "governance_meeting_add",
        {
            "meeting_id": meeting.meeting_id,
            "body": meeting.body,
            "health_trust": meeting.health_trust,
            "network_group": meeting.network_group,
            "meeting_date": meeting.meeting_date,
            "title": meeting.title.strip(),
        },
    )


def freeze(con: duckdb.DuckDBPyConnection, meeting_id: str, scope: Scope, by: str) -> Freeze:
    """Inside a change: freeze the figures for a meeting, as of the snapshot the change reads
    (the newest committed: what any page shows once its replica has followed)."""
    found = meeting(con, meeting_id)
    if found is None:
        raise MeetingRefused(_("Fant ikke møtet {id}.").replace("{id}", meeting_id))
    snapshot = lake.snapshot_id(con)
    now = dt.datetime.now(dt.UTC)
    db.run(
        con,
        "meeting_freeze_save",
        {
            "meeting_id": meeting_id,
            "snapshot_id": snapshot,
            "year": scope.year,
            "as_of_date": scope.as_of_date,
            "selection_key": scope.selection.key(),
            "at": now,
            "by": by,
        },
    )
    record(con, by, "tall frosset for møte", detail=f"{meeting_id} (dataversjon {snapshot})")
    return Freeze(found, snapshot, scope.year, scope.as_of_date, scope.selection.key(), now, by)


@dataclass(frozen=True)
class Decision:
    """A decision on an indicator, for a selection and a year, made by a body."""

    indicator: str
    selection_key: str
    year: int
    body: str
    decided_on: dt.date
    note: str
    meeting_id: str | None = None
    activity_id: str | None = None


def bodies_of(con: duckdb.DuckDBPyConnection, email: str | None, day: dt.date) -> set[str]:
    """The bodies an e-mail sits in on `day` (the governance register)."""
    if not email:
        return set()
    return set(db.run(con, "governance_bodies_of", {"email": email, "day": day})["body"])


def may_write_notes(access: Access, bodies: set[str]) -> bool:
    """Coordinators (and demo mode), and members of a governance body (`bodies`: the ones the
    user sits in), record decisions; a body's member only for that body."""
    return access.role in ("koordinator", "demo") or bool(bodies)


def add_note(con: duckdb.DuckDBPyConnection, decision: Decision, access: Access) -> int:
    """Inside a change: record a decision (audited without its text); its number."""
    text = decision.note.strip()
    if not text:
        raise MeetingRefused(_("Skriv hva som ble vedtatt."))
    if len(text) > NOTE_MAX:
        raise MeetingRefused(
            _("Vedtaket er for langt (høyst {n} tegn).").replace("{n}", str(NOTE_MAX))
        )
    if decision.indicator not in INDICATORS_BY_ID:
        raise MeetingRefused(_("Ukjent indikator: {id}.").replace("{id}", decision.indicator[:64]))
    if decision.body not in GOVERNANCE_BODIES:
        raise MeetingRefused(_("Ukjent styringsorgan: {body}.").replace("{body}", decision.body))
    if access.role not in ("koordinator", "demo") and decision.body not in bodies_of(
        con, access.email, dt.date.today()
    ):
        raise MeetingRefused(
            _("Bare koordinatorer og medlemmene av organet kan skrive vedtak for det.")
        )
    if decision.meeting_id and meeting(con, decision.meeting_id) is None:
        raise MeetingRefused(_("Fant ikke møtet {id}.").replace("{id}", decision.meeting_id))
    if (
        decision.activity_id
        and not db.run(con, "plan_activity_exists", {"activity_id": decision.activity_id}).shape[0]
    ):
        raise MeetingRefused(
            _("Fant ikke aktiviteten {id} i årsplanen.").replace("{id}", decision.activity_id)
        )
    note_id = int(db.run(con, "decision_note_next").iloc[0, 0])
    db.run(
        con,
        "decision_note_add",
        {
            "note_id": note_id,
            "indicator": decision.indicator,
            "selection_key": decision.selection_key,
            "year": decision.year,
            "body": decision.body,
            "decided_on": decision.decided_on,
            "meeting_id": decision.meeting_id or None,
            "note": text,
            "activity_id": decision.activity_id or None,
            "by": access.audit_name,
        },
    )
    record(
        con,
        access.audit_name,
        "vedtak skrevet",
        detail=f"{decision.indicator} {decision.year} ({decision.body}), nr. {note_id}",
        filters=decision.selection_key,
    )
    return note_id


def notes(
    con: duckdb.DuckDBPyConnection,
    year: int | None = None,
    indicator: str | None = None,
    selection_key: str | None = None,
    meeting_id: str | None = None,
) -> pd.DataFrame:
    """The decisions recorded, oldest first (each filter None: all)."""
    return db.run(
        con,
        "decision_notes",
        {
            "year": year,
            "indicator": indicator,
            "selection_key": selection_key,
            "meeting_id": meeting_id,
        },
    )


def frozen_line(freeze: Freeze) -> str:
    """«Tall slik de var på møtet 12.03.2026 (Fagråd mars), frosset 10.03.2026 kl. 14:05.»"""
    at = freeze.frozen_at.astimezone(OSLO)
    return (
        _("Tall slik de var på møtet {date} ({title}), frosset {frozen} kl. {time}.")
        .replace("{date}", format_date(freeze.meeting.meeting_date))
        .replace("{title}", freeze.meeting.title)
        .replace("{frozen}", format_date(at.date()))
        .replace("{time}", at.strftime("%H:%M"))
    )


def notes_until(con: duckdb.DuckDBPyConnection, freeze: Freeze) -> pd.DataFrame:
    """The decisions on a frozen meeting's selection and year made up to the meeting's day (the
    meeting's own among them): what its pack shows."""
    rows = notes(con, year=freeze.year, selection_key=freeze.selection_key)
    if rows.empty:
        return rows
    days = pd.to_datetime(rows["decided_on"]).dt.date
    return rows[days <= freeze.meeting.meeting_date].reset_index(drop=True)
