"""One change's transaction, as `Database.change` runs it: the work, the tables it wrote and
their rules (rules.py), the guard row (updated by every change to a deployed lake), and the
commit with the years the work said its data lie in (what the replicas count again). Also what
the work may use inside it: `reference_reader` (the process's replica, for tables the change only
looks things up in) and `changed_only_years`.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from typing import TypeVar

import duckdb

from dashboard.engine import db, lake, rules

T = TypeVar("T")
Work = Callable[[duckdb.DuckDBPyConnection], T]


def conflict(error: Exception) -> bool:
    """A commit that met another writer's (run the change again)."""
    text = str(error).lower()
    return "conflict" in text or "database is locked" in text or "could not serialize" in text


# What the work of the change in progress (in this thread) said about the years its data lie in:
# one entry per statement, None for «any year». No entry: any year.
_CHANGED_YEARS: ContextVar[list[frozenset[int] | None] | None] = ContextVar(
    "changed_years", default=None
)


# The replica of the process whose change is running in this thread (None: it has none yet).
REPLICA: ContextVar[duckdb.DuckDBPyConnection | None] = ContextVar("replica", default=None)


@contextlib.contextmanager
def reference_reader(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Inside a change: a cursor on this process's replica, for reading tables the change does
    not write and that seldom change (events, people, units). In the lake each table a query
    names costs about 6 ms of catalog look-ups; in the replica, microseconds. The replica can be
    up to a poll and a follow (about a second) behind the lake: use it only where reading a
    change made elsewhere that late is harmless (a check-in matched against the member list of
    a second ago), never for what the change itself decides on. Outside a change, or before
    this process has a replica: `con` itself."""
    replica_con = REPLICA.get()
    if replica_con is None:
        yield con
        return
    cursor = lake.replica_cursor(replica_con)
    try:
        yield cursor
    finally:
        cursor.close()


def changed_only_years(years: Iterable[int] | None) -> None:
    """Inside a change: the data this part of the work changed count only for these years'
    figures (None: any year's). When every part says so, the replicas count only those years'
    prepared figures again (a check-in recounts its event's years, not fifteen)."""
    notes = _CHANGED_YEARS.get()
    if notes is not None:
        notes.append(None if years is None else frozenset(years))


def _years_said(notes: list[frozenset[int] | None]) -> list[int] | None:
    if not notes or any(note is None for note in notes):
        return None
    return sorted(frozenset().union(*notes))  # type: ignore[arg-type]


_WRITES = re.compile(
    r"\b(insert\s+(?:or\s+\w+\s+)?into|update|delete\s+from|merge\s+into|truncate)\s+"
    r"(?:table\s+)?\"?(\w+)\"?(?:\.\"?(\w+)\"?)?",
    re.IGNORECASE,
)


class _Recording:
    """A connection that notes the tables its statements write (to check only their rules);
    everything else is the connection's own."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, written: set[str], rewritten: set[str]
    ) -> None:
        self._con = con
        self.written = written
        self.rewritten = rewritten  # updated, deleted from, merged into, upserted or truncated

    def _note(self, sql: object) -> None:
        if isinstance(sql, str):
            for verb, first, second in _WRITES.findall(sql):
                table = (second or first).lower()
                self.written.add(table)
                if not re.fullmatch(r"insert\s+into", verb, re.IGNORECASE):
                    self.rewritten.add(table)

    def execute(self, sql: object, *args: object, **kwargs: object) -> object:
        self._note(sql)
        result = self._con.execute(sql, *args, **kwargs)  # type: ignore[arg-type]
        return self if result is self._con else result

    def executemany(self, sql: object, *args: object, **kwargs: object) -> object:
        self._note(sql)
        self._con.executemany(sql, *args, **kwargs)  # type: ignore[arg-type]
        return self

    def cursor(self) -> _Recording:
        return _Recording(self._con.cursor(), self.written, self.rewritten)

    def __getattr__(self, name: str) -> object:
        return getattr(self._con, name)


def apply(con: duckdb.DuckDBPyConnection, work: Work[T], message: str, *, guard: bool = True) -> T:
    """`work`, the rules of the tables it wrote, the guard and the commit's label, in one
    transaction. `guard`: update the one row of `write_guard`, so that this change conflicts with
    any other made at the same moment (a deployed lake, whose writers are on several machines).
    Without it (an embedded lake) the writers must take turns by another means: the writer lock
    of `Database.change`."""
    notes: list[frozenset[int] | None] = []
    written: set[str] = set()
    rewritten: set[str] = set()
    token = _CHANGED_YEARS.set(notes)
    try:
        with db.transaction(con):
            result = work(_Recording(con, written, rewritten))  # type: ignore[arg-type]
            ruled = written & rules.ruled_tables()
            rules.enforce(con, ruled, ruled - rewritten)
            if guard:
                con.execute("update write_guard set changes = changes + 1")
            con.execute(
                f"call {lake.ALIAS}.set_commit_message('dashboard', $message, extra_info => $extra)",
                {"message": message, "extra": json.dumps({"years": _years_said(notes)})},
            )
    finally:
        _CHANGED_YEARS.reset(token)
    return result
