"""The database as the product sees it: one object for the app, the CLI, the importer and the
admin, whether it is a single DuckDB file or a shared, versioned store (a directory; see
`dashboard/engine/store.py`).

- `read()` gives a connection for reading. A file is attached read-only for the length of the
  read only (to one in-memory DuckDB per process: attaching costs ~3 ms where opening a DuckDB
  costs 12–15 ms; reads at the same time share the attachment and the last one detaches it), so
  another process (the CLI) can read it, and change it between reads; a store's current version
  stays open, since versions never change.
- `change(work)` runs `work` in one transaction: on a file opened read-write for the length of
  the change, on a store as a new version published atomically. When the data version moves (an
  import, an undo, a target edit), the derived tables and the prepared figures are rebuilt in the
  same transaction, so readers see new data and new figures together, never a mix.
- Where another process holds the file, both wait a while, then say so in Norwegian
  (`DatabaseBusy`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

from dashboard.engine import db, store
from dashboard.engine.i18n import _
from dashboard.engine.scorecard import prepare_figures, stale_years

T = TypeVar("T")
Work = Callable[[duckdb.DuckDBPyConnection], T]


class DatabaseMissing(RuntimeError):
    """The configured database does not exist."""


class DatabaseBusy(RuntimeError):
    """Another process holds the database longer than we wait."""


class _ReadersWriter:
    """Within one process: many readers of a file at once, or one writer and no reader (DuckDB
    refuses a read-write open of a file this process has open read-only). A waiting writer
    goes before new readers, so a steady stream of reads cannot hold a change off."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        with self._condition:
            self._condition.wait_for(lambda: not self._writing and not self._writers_waiting)
            self._readers += 1
        try:
            yield
        finally:
            with self._condition:
                self._readers -= 1
                self._condition.notify_all()

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        with self._condition:
            self._writers_waiting += 1
            self._condition.wait_for(lambda: not self._writing and self._readers == 0)
            self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._condition:
                self._writing = False
                self._condition.notify_all()


_LOCKS: dict[str, _ReadersWriter] = {}
_LOCKS_GUARD = threading.Lock()
# Store versions stay open for reading: they never change once published. A version replaced by
# a newer one is closed when the last reader of it is done (never under a reader's feet).
_STORE_CONNECTIONS: dict[str, duckdb.DuckDBPyConnection] = {}
_STORE_READERS: dict[str, int] = {}
_STORE_RETIRED: set[str] = set()
# Files being read: attached to one in-memory DuckDB (the host) under an alias, with the number of
# reads in progress; the last read detaches the file.
_HOST: list[duckdb.DuckDBPyConnection] = []
_ATTACHED: dict[str, int] = {}
# Files and store versions whose schema has been checked in this process.
_CHECKED: set[tuple[str, object]] = set()


def _close_if_unused(key: str) -> None:
    """Close a retired store version nobody reads any more (call with `_LOCKS_GUARD` held)."""
    if key in _STORE_RETIRED and not _STORE_READERS.get(key):
        _STORE_RETIRED.discard(key)
        _STORE_READERS.pop(key, None)
        connection = _STORE_CONNECTIONS.pop(key, None)
        if connection is not None:
            connection.close()


def _detach_if_unused(alias: str) -> None:
    """One read of an attached file is done; the last one detaches it."""
    with _LOCKS_GUARD:
        _ATTACHED[alias] -= 1
        if not _ATTACHED[alias]:
            del _ATTACHED[alias]
            _HOST[0].execute(f"detach {alias}")


def _lock_for(path: Path) -> _ReadersWriter:
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(str(path.resolve()), _ReadersWriter())


def _is_lock_conflict(error: Exception) -> bool:
    text = str(error).lower()
    return "lock" in text or "conflicting" in text or "different configuration" in text


class Database:
    """A DuckDB file, or a store directory of versions (see the module docstring)."""

    def __init__(self, path: str | Path, *, wait_seconds: float = 30.0) -> None:
        self.path = Path(path)
        self.wait_seconds = wait_seconds

    def __repr__(self) -> str:
        return f"Database({str(self.path)!r})"

    @property
    def is_store(self) -> bool:
        return store.is_store(self.path)

    def exists(self) -> bool:
        return self.path.is_file() or (self.is_store and (self.path / store.POINTER).is_file())

    def current_file(self) -> Path:
        """The file that holds the data now."""
        if self.is_store:
            return store.current_file(self.path)
        if not self.path.is_file():
            raise DatabaseMissing(str(self.path))
        return self.path

    def signature(self) -> object:
        """Cheap (no DuckDB): changes with every committed change, in any process."""
        if self.is_store:
            return store.current_file(self.path).name
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            raise DatabaseMissing(str(self.path)) from None
        wal = Path(f"{self.path}.wal")
        wal_stat = wal.stat().st_mtime_ns if wal.exists() else 0
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size, wal_stat)

    # --- reading --------------------------------------------------------------------------

    @contextlib.contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to read from, for this thread, for the length of the block."""
        self._upgrade_if_needed()
        if self.is_store:
            key, cursor = self._store_cursor(self.current_file())
            try:
                yield cursor
            finally:
                cursor.close()
                self._store_done(key)
            return
        with _lock_for(self.path).reading():
            alias, cursor = self._file_cursor()
            try:
                yield cursor
            finally:
                cursor.close()
                _detach_if_unused(alias)

    def run(self, name: str, params: dict | None = None) -> pd.DataFrame:
        """One named query (not person-level), read now."""
        with self.read() as con:
            return db.run(con, name, params)

    def data_version(self) -> str:
        """What cached figures are keyed on: it moves with every import, undo and target edit."""
        with self.read() as con:
            return db.data_version(con)

    @staticmethod
    def _store_cursor(file: Path) -> tuple[str, duckdb.DuckDBPyConnection]:
        """A cursor on the shared connection to this store version, counted as a reader; older
        versions of the same store are retired (closed once their last reader is done)."""
        key = str(file)
        with _LOCKS_GUARD:
            if key not in _STORE_CONNECTIONS:
                for old in list(_STORE_CONNECTIONS):
                    if Path(old).parent == file.parent and old != key:
                        _STORE_RETIRED.add(old)
                        _close_if_unused(old)
                _STORE_CONNECTIONS[key] = db.connect(file, read_only=True)
            _STORE_READERS[key] = _STORE_READERS.get(key, 0) + 1
            try:
                return key, _STORE_CONNECTIONS[key].cursor()
            except BaseException:
                _STORE_READERS[key] -= 1
                raise

    @staticmethod
    def _store_done(key: str) -> None:
        with _LOCKS_GUARD:
            _STORE_READERS[key] -= 1
            _close_if_unused(key)

    def _file_cursor(self) -> tuple[str, duckdb.DuckDBPyConnection]:
        """A cursor on the host whose default database is this file, attached read-only (or
        already attached for another read); waits while another process holds the file."""
        if not self.path.is_file():
            raise DatabaseMissing(str(self.path))
        resolved = str(self.path.resolve())
        alias = "file_" + hashlib.sha256(resolved.encode()).hexdigest()[:16]
        literal = "'" + resolved.replace("'", "''") + "'"

        def attach() -> duckdb.DuckDBPyConnection:
            with _LOCKS_GUARD:
                if not _HOST:
                    _HOST.append(db.reader_host())
                if not _ATTACHED.get(alias):
                    _HOST[0].execute(f"attach {literal} as {alias} (read_only)")
                _ATTACHED[alias] = _ATTACHED.get(alias, 0) + 1
                return _HOST[0].cursor()

        cursor = self._waiting(attach)
        try:
            cursor.execute(f"use {alias}")
        except BaseException:
            cursor.close()
            _detach_if_unused(alias)
            raise
        return alias, cursor

    def _waiting(self, attempt: Callable[[], T]) -> T:
        """`attempt()`, tried again while another process holds the file (up to
        `wait_seconds`, then `DatabaseBusy`)."""
        deadline = time.monotonic() + self.wait_seconds
        pause = 0.02
        while True:
            try:
                return attempt()
            except (duckdb.IOException, duckdb.ConnectionException) as error:
                if not _is_lock_conflict(error):
                    raise
                if time.monotonic() > deadline:
                    raise DatabaseBusy(
                        _(
                            "Databasen er i bruk av en annen prosess (en import eller en annen "
                            "endring). Prøv igjen om litt."
                        )
                    ) from error
            time.sleep(pause)
            pause = min(pause * 2, 0.5)

    def _open(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        """Open the file, waiting while another process holds it."""
        if not self.path.is_file() and read_only:
            raise DatabaseMissing(str(self.path))
        return self._waiting(lambda: db.connect(self.path, read_only=read_only))

    def _upgrade_if_needed(self) -> None:
        """A database made by an older version of the product gets the current schema and its
        prepared figures, once per process and version."""
        file = self.current_file()
        key = (str(file), self.signature())
        if key in _CHECKED:
            return
        if self.is_store:
            reader, cursor = self._store_cursor(file)
            try:
                is_current = _is_current(cursor)
            finally:
                cursor.close()
                self._store_done(reader)
        else:
            with _lock_for(self.path).reading():
                is_current = _is_current(self._open(read_only=True))
        if not is_current:
            self.change(lambda _con: None, refresh=True)
        _CHECKED.add((str(self.current_file()), self.signature()))

    # --- changing -------------------------------------------------------------------------

    def change(self, work: Work[T], *, refresh: bool | None = None) -> T:
        """Run `work(connection)` as one change: all of it lands or none does. `refresh`: True
        rebuilds the derived tables and prepared figures, False never, None when the data
        version moved."""
        if self.is_store:
            return store.publish(self.path, lambda con: _apply(con, work, refresh))
        with _lock_for(self.path).writing():
            con = self._open(read_only=False)
            try:
                result = _apply(con, work, refresh)
                con.execute("checkpoint")
            finally:
                con.close()
        return result

    def refresh_if_stale(self, today: dt.date | None = None) -> bool:
        """Count the prepared figures again when a year's as-of date has moved on (the current
        year, the day after); True when it did."""
        with self.read() as con:
            if not stale_years(con, today):
                return False
        self.change(lambda _con: None, refresh=True)
        return True


def _is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the database carries this version's schema and its prepared figures; closes
    `con`."""
    try:
        has_marker = con.execute(
            "select count(*) from duckdb_tables() where table_name = 'schema_fingerprint'"
        ).fetchall()[0][0]
        if not has_marker or con.execute("select sha256 from schema_fingerprint").fetchall() != [
            (db.schema_fingerprint(),)
        ]:
            return False
        return bool(con.execute("select count(*) from prepared_count").fetchall()[0][0])
    finally:
        con.close()


# What the work of the change in progress (in this thread) said about the years its data lie in:
# one entry per statement, None for «any year». No entry: any year.
_CHANGED_YEARS: ContextVar[list[frozenset[int] | None] | None] = ContextVar(
    "changed_years", default=None
)


def changed_only_years(years: Iterable[int] | None) -> None:
    """Inside a change: the data this part of the work changed count only for these years'
    figures (None: any year's). When every part says so, only those years' prepared figures are
    counted again (a check-in recounts its event's years, not fifteen)."""
    notes = _CHANGED_YEARS.get()
    if notes is not None:
        notes.append(None if years is None else frozenset(years))


def _years_to_prepare(notes: list[frozenset[int] | None]) -> frozenset[int] | None:
    if not notes or any(note is None for note in notes):
        return None
    return frozenset().union(*notes)  # type: ignore[arg-type]


def _apply(con: duckdb.DuckDBPyConnection, work: Work[T], refresh: bool | None) -> T:
    """`work` and, when the data moved, the derived tables and figures, in one transaction."""
    notes: list[frozenset[int] | None] = []
    token = _CHANGED_YEARS.set(notes)
    con.execute("begin transaction")
    try:
        before = db.data_version(con)
        result = work(con)
        if refresh or (refresh is None and db.data_version(con) != before):
            db.refresh_derived(con)
            prepare_figures(con, years=None if refresh else _years_to_prepare(notes))
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    finally:
        _CHANGED_YEARS.reset(token)
    return result


def database_from_environment() -> Database:
    """`$DASHBOARD_DB`, or the demo database `data/demo.duckdb`: the one setting the app has."""
    return Database(os.environ.get("DASHBOARD_DB") or db.DATA_DIR / "demo.duckdb")
