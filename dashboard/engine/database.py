"""The database as the product sees it: one DuckLake (dashboard/engine/lake.py) for the app, the
CLI, the importer and the admin, in any number of processes at once.

- `change(work)` runs `work` in one lake transaction: all of it lands as one snapshot, or none
  of it. Before it commits, the rules of every table (keys, checks: rules.py) are checked. Two
  changes never overlap: on an embedded lake (one machine) they take turns by a lock on a file;
  on a deployed one the one row of `write_guard` is updated by each, so two made at the same
  moment in any two processes conflict and the second is run again from the start on what the
  first wrote (a key it checked is then taken, and it says so). A small change writes its rows
  and nothing else.
- `read()` gives a cursor on this process's replica of a snapshot (replica.py): the tables, the
  derived tables and the prepared figures in memory. Reads never wait for a change. The replica
  follows the lake within a second or two of a change in another process (in the background),
  and at once after a change made in this process (read your own writes).
- `signature()` is the snapshot id the replica holds; `data_version()` the snapshot of the last
  change to what figures and page tables read: the pages' caches key on it, so an audit line
  or a rate-limit hit does not make every page count again.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import fcntl
import functools
import random
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

from dashboard.engine import db, lake, replica
from dashboard.engine.engines import (
    ENGINES,
    ENGINES_GUARD,
    MAX_EARLIER,
    MAX_ENGINES,
    Engine,
    owe_more,
    shut,
    wind_down,
)
from dashboard.engine.i18n import N_, _
from dashboard.engine.lake import LakeUnavailable
from dashboard.engine.prepared import stale_years
from dashboard.engine.replica import Owed
from dashboard.engine.transaction import (
    REPLICA,
    Work,
    apply,
    changed_only_years,
    conflict,
    reference_reader,
)

T = TypeVar("T")

__all__ = [
    "Database",
    "DatabaseBusy",
    "DatabaseMissing",
    "LakeUnavailable",
    "SnapshotGone",
    "changed_only_years",
    "reference_reader",
]

# How often a reader asks the lake whether another process changed it, and whether the reader
# then waits for the replica to follow (tests: another process's change is read at once) or reads
# the replica it has while it follows in the background (the app: a read never waits). Each
# follow costs every process CPU (copying what changed, counting the figures it moved): at 0.5 s,
# sixty check-ins from two processes had p95 0.59 s on the demo data; at 1 s, 0.43 s.
POLL_SECONDS = 1.0
# The figures a change moved are counted again this long after the last change of a burst, and
# no later than `RECOUNT_LATEST` after its first (seconds).
RECOUNT_QUIET = 1.0
RECOUNT_LATEST = 5.0
FOLLOW_AT_ONCE = False


# The lock file writers to an embedded lake take turns by (inside the lake's folder).
WRITER_LOCK = ".writer.lock"
BUSY = N_("Databasen er opptatt med andre endringer akkurat nå. Prøv igjen om litt.")


class DatabaseMissing(LakeUnavailable):
    """The configured database does not exist."""


class SnapshotGone(LookupError):
    """An earlier snapshot asked for can no longer be read (expired, or the tables have changed
    shape since)."""


class DatabaseBusy(RuntimeError):
    """Other changes kept conflicting with this one for longer than we wait."""


class Database:
    """A DuckLake named by a setting (a folder, or `ducklake:postgres:… data_path=…`)."""

    def __init__(
        self, path: str | Path, *, wait_seconds: float = 30.0, create: bool = False
    ) -> None:
        self.path = path
        self.location = lake.location(path)
        self.wait_seconds = wait_seconds
        self.create = create

    def __repr__(self) -> str:
        return f"Database({str(self.location)!r})"

    def exists(self) -> bool:
        return lake.exists(self.location)

    # --- the process's engine -------------------------------------------------------------

    def _engine(self, *, create: bool = False) -> Engine:
        """This process's engine for the lake; `create`: an embedded lake is made when missing
        (a change makes it; a read of a missing lake is refused)."""
        key = self.location.catalog
        create = create or self.create
        with ENGINES_GUARD:
            engine = ENGINES.get(key)
            if engine is None:
                if not create and not self.exists():
                    raise DatabaseMissing(
                        _("Fant ingen database i {lake}.").format(lake=self.location)
                    )
                engine = Engine(lake.connect(self.location, create=create), self.location.folder)
                if engine.folder is not None:
                    lake.keep_open(engine.folder / lake.CATALOG_FILE)
                ENGINES[key] = engine
                while len(ENGINES) > MAX_ENGINES:
                    shut(ENGINES.pop(next(iter(ENGINES))))
        return engine

    def close(self) -> None:
        """Let go of the lake in this process (before its folder is moved)."""
        with ENGINES_GUARD:
            engine = ENGINES.pop(self.location.catalog, None)
        if engine is not None:
            shut(engine)

    def lake_cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor whose default database is the lake itself (maintenance, snapshots)."""
        cursor = self._engine(create=self.create).con.cursor()
        cursor.execute(f"use {lake.ALIAS}")
        return cursor

    def snapshot_id(self) -> int:
        """The lake's newest snapshot (about 2 ms)."""
        cursor = self.lake_cursor()
        try:
            return lake.snapshot_id(cursor)
        finally:
            cursor.close()

    @contextlib.contextmanager
    def attached(self, file: Path, alias: str) -> Iterator[None]:
        """Another DuckDB file attached read-only beside the lake while the block runs (moving a
        database into the lake). `alias` is the caller's constant."""
        con = self._engine().con
        con.execute(f"attach '{str(file).replace(chr(39), chr(39) * 2)}' as {alias} (read_only)")
        try:
            yield
        finally:
            con.execute(f"detach {alias}")

    # --- reading --------------------------------------------------------------------------

    def _follow(self, engine: Engine, wanted: int | None = None) -> None:
        """Bring the replica up to the lake's newest snapshot (at least `wanted`)."""
        with engine.refreshing:
            cursor = lake.replica_cursor(engine.con)
            try:
                newest = lake.snapshot_id(cursor)
                if engine.held is not None and engine.held >= max(newest, wanted or 0):
                    return
                first = engine.held is None
                if engine.held is None:
                    self._ensure_schema(cursor)
                    newest = lake.snapshot_id(cursor)
                    if replica.load_cached(cursor, replica.cache_file(self.location, newest)):
                        engine.held = engine.figures_at = newest
                        return
                    counted_all = replica.build(cursor, newest)
                    engine.held = engine.figures_at = newest
                    if counted_all:  # kept for the next process; the replica follows the keeping
                        self.change(replica.keep_figures, message="tall lagret")
                        newest = lake.snapshot_id(cursor)
                if engine.held < newest:
                    changes = replica.changes_between(cursor, engine.held, newest)
                    owe_more(engine, replica.follow(cursor, engine.held, newest, changes))
                    if changes.reach_figures:
                        engine.figures_at = newest
                engine.held = newest
                if first and engine.owed == "none":
                    with contextlib.suppress(OSError, duckdb.Error):  # a cache: never a failure
                        replica.keep_cached(cursor, replica.cache_file(self.location, newest))
                self._start_recounter(engine)
            finally:
                cursor.close()

    def _start_recounter(self, engine: Engine) -> None:
        """A thread counting what the replica owes, unless one runs (hold `refreshing`)."""
        if engine.owed != "none" and engine.recounter is None and not engine.closed:
            engine.recounter = threading.Thread(
                target=self._recount, args=(engine,), name="recount", daemon=True
            )
            engine.recounter.start()

    def _recount(self, engine: Engine) -> None:
        """Count the figures the replica owes, outside the lock (pages count those years
        themselves meanwhile), and store them if the replica still holds the snapshot they are
        of; otherwise count again. A burst of changes (check-ins at the door) is counted once:
        after `RECOUNT_QUIET` seconds without another, or `RECOUNT_LATEST` after the first."""
        cursor = lake.replica_cursor(engine.con)
        try:
            while True:
                with engine.refreshing:
                    owed = engine.owed
                    if owed == "none" or engine.closed:
                        engine.recounter = None
                        return
                    due = min(engine.owed_at + RECOUNT_QUIET, engine.owed_since + RECOUNT_LATEST)
                    wait = 0.0 if engine.hurry.is_set() else due - time.monotonic()
                    if wait <= 0:
                        engine.owed = "none"
                if wait > 0:
                    engine.hurry.wait(wait)
                    continue
                try:
                    snapshot, frame = replica.count(cursor, owed)
                    with engine.refreshing:
                        if snapshot == engine.held:
                            replica.store(cursor, frame, owed)
                        else:
                            owe_more(engine, owed)
                except duckdb.Error:
                    if engine.closed:
                        return
                    with engine.refreshing:
                        owe_more(engine, owed)
                    time.sleep(0.5)
        finally:
            cursor.close()

    def refresh(self) -> None:
        """Follow the lake now, and wait for the prepared figures (`settle`)."""
        self.settle()

    def settle(self) -> None:
        """Wait until the replica has followed the lake and owes no prepared figures (a demo
        build, tests)."""
        engine = self._engine()
        self._follow(engine, engine.needed)
        engine.hurry.set()
        try:
            while True:
                recounter = engine.recounter
                if recounter is None:
                    return
                recounter.join()
        finally:
            engine.hurry.clear()

    def _ensure_schema(self, cursor: duckdb.DuckDBPyConnection) -> None:
        cursor.execute(f"use {lake.ALIAS}")
        try:
            self._retrying(cursor, db.ensure_schema)
        finally:
            cursor.execute(f"use {lake.REPLICA}")

    def _follow_in_background(self, engine: Engine) -> None:
        if engine.closed or (engine.background is not None and engine.background.is_alive()):
            return

        def follow() -> None:
            with contextlib.suppress(Exception):  # the next read tries again
                self._follow(engine)

        engine.background = threading.Thread(target=follow, name="follow-lake", daemon=True)
        engine.background.start()

    def _ready(self) -> Engine:
        """The engine, its replica at least at this process's own last change, and a look at
        the lake at most every `POLL_SECONDS` (a newer snapshot is followed in the
        background)."""
        engine = self._engine()
        if engine.held is None or engine.held < engine.needed:
            self._follow(engine, engine.needed)
        elif time.monotonic() - engine.polled_at > POLL_SECONDS:
            engine.polled_at = time.monotonic()
            cursor = lake.replica_cursor(engine.con)
            try:
                newest = lake.snapshot_id(cursor)
            finally:
                cursor.close()
            if newest > (engine.held or 0):
                if FOLLOW_AT_ONCE:
                    self._follow(engine, newest)
                else:
                    self._follow_in_background(engine)
        return engine

    def _earlier(self, snapshot: int) -> duckdb.DuckDBPyConnection:
        """A cursor on this process's replica of an earlier snapshot (made on first use, ~1 s on
        national data; the `MAX_EARLIER` last used are kept)."""
        engine = self._engine()
        with engine.earlier_lock:
            name = engine.earlier.pop(snapshot, None)
            if name is None:
                name = f"earlier_{int(snapshot)}"
                engine.con.execute(f"attach ':memory:' as {name} (compress)")
                cursor = engine.con.cursor()
                try:
                    cursor.execute(f"use {name}")
                    replica.build_at(cursor, snapshot)
                except duckdb.Error as error:
                    cursor.close()
                    engine.con.execute(f"detach {name}")
                    raise SnapshotGone(
                        _(
                            "Tallene fra dette tidspunktet (dataversjon {snapshot}) kan ikke "
                            "leses lenger."
                        ).format(snapshot=snapshot)
                    ) from error
                cursor.close()
            engine.earlier[snapshot] = name
            while len(engine.earlier) > MAX_EARLIER:
                oldest = next(iter(engine.earlier))
                with contextlib.suppress(duckdb.Error):
                    engine.con.execute(f"detach {engine.earlier.pop(oldest)}")
            cursor = engine.con.cursor()
            cursor.execute(f"use {name}")
            return cursor

    @contextlib.contextmanager
    def read(self, at: int | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor on the replica for this thread, for the length of the block: one snapshot
        for all it reads. `at`: an earlier snapshot (a frozen meeting's), read as it was."""
        cursor = self._earlier(at) if at is not None else lake.replica_cursor(self._ready().con)
        try:
            cursor.execute("begin transaction")
            yield cursor
        finally:
            with contextlib.suppress(duckdb.Error):
                cursor.execute("rollback")
            cursor.close()

    def run(self, name: str, params: dict | None = None) -> pd.DataFrame:
        """One named query (not person-level), read now."""
        with self.read() as con:
            return db.run(con, name, params)

    def data_version(self) -> str:
        """The snapshot of the last change to what figures and page tables read (changes to
        only `replica.NOT_FIGURES` leave it): what the pages' caches key on."""
        engine = self._ready()
        return str(engine.figures_at or engine.held or 0)

    def signature(self) -> int:
        """The snapshot the replica holds (no I/O most of the time)."""
        return int(self._ready().held or 0)

    def figures_as_of(self, at: int | None = None) -> dt.datetime | None:
        """When the snapshot the replica holds (or `at`) was committed (the page's «tall per
        kl. …»)."""
        with self.read(at) as con:
            rows = con.execute("select committed_at from replica_snapshot").df()
        return None if rows.empty else pd.Timestamp(rows["committed_at"].iloc[0]).to_pydatetime()

    def refresh_if_stale(self, today: dt.date | None = None) -> bool:
        """Count the prepared figures again when a year's as-of date has moved on (the current
        year, the day after); True when it did. The counting holds no lock (pages count what
        they need meanwhile, and the replica may follow the lake); when the figures stored are
        then the replica's whole set, they are kept in the lake and on disk for the next
        process, which would otherwise count the new day again."""
        engine = self._ready()
        cursor = lake.replica_cursor(engine.con)
        try:
            with engine.refreshing:
                years = stale_years(cursor, today)
            if not years:
                return False
            owed = Owed(frozenset(years), None)
            snapshot, frame = replica.count(cursor, owed, today)
            with engine.refreshing:
                if snapshot != engine.held:  # the replica moved on: its recounter counts them
                    owe_more(engine, owed)
                    self._start_recounter(engine)
                    return True
                replica.store(cursor, frame, owed)
                whole = engine.owed == "none"
            if whole:  # on failure the next process counts the day itself
                with contextlib.suppress(DatabaseBusy, duckdb.Error, OSError):
                    self.change(
                        functools.partial(replica.keep_figures, held=snapshot),
                        message="tall for ny dag",
                    )
                    self._follow(engine)
                    with engine.refreshing:
                        if engine.owed == "none" and engine.held is not None:
                            replica.keep_cached(
                                cursor, replica.cache_file(self.location, engine.held)
                            )
            return True
        finally:
            cursor.close()

    # --- changing -------------------------------------------------------------------------

    def change(self, work: Work[T], *, message: str = "endring") -> T:
        """Run `work(connection)` as one change: all of it lands as one snapshot, or none does.
        Run again from the start when it meets another process's change. An embedded lake
        that does not exist yet is made."""
        engine = self._engine(create=True)
        cursor = self.lake_cursor()
        token = REPLICA.set(engine.con if engine.held is not None else None)
        try:
            if engine.held is None:
                self._retrying(cursor, db.ensure_schema)
            with self._writer_turn():
                result = self._retrying(
                    cursor, lambda con: apply(con, work, message, guard=self._guarded)
                )
            engine.needed = max(engine.needed, lake.snapshot_id(cursor))
        finally:
            REPLICA.reset(token)
            cursor.close()
        return result

    @property
    def _guarded(self) -> bool:
        """Whether changes update the guard row: on a deployed lake, whose writers no lock on a
        file keeps apart (`_writer_turn`). On an embedded one the lock does, and the guard would
        cost every change a statement and a table to commit (about 8 ms of a check-in)."""
        return self.location.folder is None

    @contextlib.contextmanager
    def _writer_turn(self) -> Iterator[None]:
        """Changes to an embedded lake (one machine) take turns by a lock on a file in its
        folder, so a change that lost to another is not outrun again and again by the same
        writer. A deployed lake's writers are on several machines: there the guard's conflicts
        and the retries alone order them."""
        if self.location.folder is None:
            yield
            return
        deadline = time.monotonic() + self.wait_seconds
        with open(self.location.folder / WRITER_LOCK, "a", encoding="utf-8") as handle:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise DatabaseBusy(_(BUSY)) from None
                    time.sleep(0.001 * (1 + random.random()))
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _retrying(self, cursor: duckdb.DuckDBPyConnection, attempt: Callable[..., T]) -> T:
        """`attempt` run again at once (after a few random milliseconds) while it meets another
        process's commit, up to `wait_seconds`."""
        deadline = time.monotonic() + self.wait_seconds
        while True:
            try:
                return attempt(cursor)
            except (duckdb.TransactionException, duckdb.Error) as error:
                if not conflict(error):
                    raise
                if time.monotonic() > deadline:
                    raise DatabaseBusy(_(BUSY)) from error
            time.sleep(0.02 * random.random())


def database_from_environment() -> Database:
    """`$DASHBOARD_LAKE` (or `$DASHBOARD_DB`), or the demo lake `data/demo.lake`."""
    return Database(lake.setting_from_environment() or db.DATA_DIR / "demo.lake")


atexit.register(wind_down)  # last: see wind_down
