"""Check-in at the meeting by QR code: a member opens the event's signed link
(`dashboard/engine/capture.py`) and types their work e-mail; when it belongs to someone who may
check in there (queries/views.sql, `checkin_expected`: the members the attendance indicators
expect, new members at an intro course, their leaders at a conference day), an attendance row
`møtt` is written, once, by the importer, exactly as an imported `attendance.csv` would write it
(the same validation, audit line, undo and recount of the figures). Every check-in of an event
since the last other import is one import in the history («innsjekk <event>»), undone together.

An e-mail that matches nobody writes no attendance: the attempt is kept, with the e-mail as
typed, for the coordinator to resolve (a guest, a new member, a typo: registered as the member
meant). The page tells the member nothing about anyone. Attempts are rate limited per event and
per client address. Everything here runs inside a `Database.change` (or a read, for `verify`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import duckdb
import pandas as pd

from dashboard.engine import capture, db
from dashboard.engine.access import Access, record
from dashboard.engine.database import reference_reader
from dashboard.engine.i18n import N_, _
from dashboard.exchange.importer import import_and_record

CHECKED_IN_BY = "innsjekk (QR-kode, uten innlogging)"
Outcome = Literal["registered", "already", "unknown", "limited"]
MESSAGES: dict[str, str] = {
    "registered": N_("Takk! Oppmøtet ditt er registrert."),
    "already": N_("Du er allerede registrert på dette arrangementet. Takk!"),
    "unknown": N_(
        "Vi fant ikke e-postadressen blant dem som er ventet på dette arrangementet. "
        "Koordinatoren ser forsøket og ordner det; du trenger ikke gjøre mer."
    ),
    "limited": capture.RATE_LIMITED,
}
RESOLUTIONS: dict[str, str] = {
    "registrert": N_("Registrer som en av de ventede (skrivefeil eller annen e-post)"),
    "gjest": N_("Gjest (ikke ressursperson)"),
    "ny_ressursperson": N_("Ny ressursperson (legges inn i registeret)"),
    "avvist": N_("Avvis"),
}


class ResolveRefused(Exception):
    """A coordinator's verdict that cannot be saved; the message says why (Norwegian)."""


@dataclass(frozen=True)
class Event:
    event_id: str
    kind: str
    title: str
    event_date: dt.date
    network: str
    network_group: str | None
    health_trust: str

    @property
    def window(self) -> capture.Window:
        return capture.checkin_window(self.event_date)

    @property
    def label(self) -> str:
        """What the import history calls the event's check-ins."""
        return f"innsjekk {self.event_id}"

    @property
    def link_key(self) -> str:
        return f"innsjekk:{self.event_id}"


def _day(value: object) -> dt.date:
    return value.date() if isinstance(value, dt.datetime | pd.Timestamp) else value  # type: ignore[return-value]


def event(con: duckdb.DuckDBPyConnection, event_id: str) -> Event | None:
    rows = db.run(con, "checkin_event", {"event_id": event_id})
    if rows.empty:
        return None
    row = rows.iloc[0]
    group = row["network_group"]
    return Event(
        event_id=str(row["event_id"]),
        kind=str(row["kind"]),
        title=str(row["title"]),
        event_date=_day(row["event_date"]),
        network=str(row["network"]),
        network_group=None if pd.isna(group) else str(group),
        health_trust=str(row["health_trust"]),
    )


def verify(con: duckdb.DuckDBPyConnection, secret: str, token: str, now: dt.datetime) -> Event:
    """The event of a check-in link that may be used now; `capture.TokenRefused` otherwise."""
    event_id = capture.checkin_event(secret, token)
    found = event(con, event_id)
    dates = {} if found is None else {found.event_id: found.event_date}
    capture.verify_checkin(secret, token, dates, now)
    assert found is not None
    return found


def is_limited(
    con: duckdb.DuckDBPyConnection, found: Event, address_key: str, now: dt.datetime
) -> bool:
    return capture.is_limited(con, "innsjekk", found.link_key, address_key, now)


def _attendance_file(rows: Sequence[tuple[str, str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["event_id", "person_id", "person_type", "status"])
    for event_id, person_id, person_type in rows:
        writer.writerow([event_id, person_id, person_type, "møtt"])
    return buffer.getvalue().encode("utf-8")


def write_attendance(
    con: duckdb.DuckDBPyConnection,
    found: Event,
    person_id: str,
    person_type: str,
    by: str,
    access: Access | None = None,
    keys_from: duckdb.DuckDBPyConnection | None = None,
) -> bool:
    """An attendance row `møtt`, through the importer, into the event's check-in import; False
    when the person is registered `møtt` there already (nothing is written then). `keys_from`:
    where the importer looks up the event and person the row refers to. Whether they are
    registered is read in the lake, never a replica: another phone may have registered them a
    moment ago; the importer reads it once, as it reads any row it may change (each statement
    naming the attendance table costs a round of catalog look-ups in the lake)."""
    result = import_and_record(
        con,
        [("attendance.csv", _attendance_file([(found.event_id, person_id, person_type)]))],
        by,
        access=access,
        into=capture.open_batch(con, found.label),
        source=found.label,
        keys_from=keys_from,
        record_unchanged=False,
    )
    return bool(result.changes)


def _attempt(
    con: duckdb.DuckDBPyConnection,
    found: Event,
    now: dt.datetime,
    outcome: str,
    person: tuple[str, str] | None = None,
    typed_email: str | None = None,
) -> None:
    db.execute(
        con,
        "checkin_attempt_record",
        {
            "event_id": found.event_id,
            "attempted_at": now,
            "outcome": outcome,
            "person_id": person[0] if person else None,
            "person_type": person[1] if person else None,
            "typed_email": typed_email,
        },
    )


def check_in(
    con: duckdb.DuckDBPyConnection,
    secret: str,
    token: str,
    email: str,
    address_key: str,
    now: dt.datetime,
) -> Outcome:
    """One check-in (inside a `Database.change`): the link checked again, the rate limits, then
    the attendance row (once) or the unmatched attempt."""
    typed = email.strip()[: capture.MAX_EMAIL_LENGTH]
    # The event and whose e-mail it is come from the process's replica (people and events
    # change seldom; a member added a second ago is matched by the coordinator instead); the
    # rate limits, the attendance so far and every write go to the lake.
    with reference_reader(con) as reference:
        found = verify(reference, secret, token, now)
        if is_limited(con, found, address_key, now):
            return "limited"
        matches = db.run(reference, "checkin_match", {"event_id": found.event_id, "email": typed})
        members = matches[matches["person_type"] == "member"]
        chosen = members if len(members) else matches
        capture.record_hit(con, "innsjekk", found.link_key, address_key, now)
        if len(chosen) != 1:  # nobody, or an e-mail several people share: the coordinator decides
            _attempt(con, found, now, "ukjent", typed_email=typed)
            return "unknown"
        row = chosen.iloc[0]
        person = (str(row["person_id"]), str(row["person_type"]))
        if not write_attendance(con, found, *person, by=CHECKED_IN_BY, keys_from=reference):
            _attempt(con, found, now, "allerede_registrert", person)
            return "already"
    _attempt(con, found, now, "registrert", person)
    return "registered"


def resolve(
    con: duckdb.DuckDBPyConnection,
    found: Event,
    attempt_id: int,
    resolution: str,
    member_id: str | None,
    access: Access,
    now: dt.datetime,
) -> None:
    """A coordinator's verdict on an unmatched check-in (inside a `Database.change`);
    «registrert» writes the attendance of the member meant, who must be one of those who may
    check in there and not have attended yet."""
    if resolution not in RESOLUTIONS:
        raise ResolveRefused(_("Ukjent valg."))
    if resolution == "registrert":
        allowed = member_id is not None and int(
            db.run(
                con, "checkin_may_register", {"event_id": found.event_id, "member_id": member_id}
            )["n"].iloc[0]
        )
        if not allowed:
            raise ResolveRefused(_("Velg en av de ventede som ikke er registrert ennå."))
        write_attendance(con, found, member_id, "member", access.audit_name, access)
    done = db.run(
        con,
        "checkin_attempt_resolve",
        {
            "attempt_id": attempt_id,
            "event_id": found.event_id,
            "resolution": resolution,
            "person_id": member_id if resolution == "registrert" else None,
            "resolved_at": now,
            "resolved_by": access.audit_name,
        },
    )
    if done.empty or not int(done.iat[0, 0]):  # the number of rows updated
        raise ResolveRefused(_("Forsøket er allerede behandlet."))
    record(con, access.audit_name, "behandlet innsjekk", f"{found.event_id}: {resolution}")


def message(outcome: Outcome) -> str:
    return _(MESSAGES[outcome])
