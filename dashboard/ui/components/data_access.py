"""The app's access to the engine: one `Database` per process, and everything a page shows cached
on the data version. Pages call these functions only; they never see SQL.

A page run asks the database which snapshot its replica holds (in memory; the lake itself is
asked at most twice a second), and everything is keyed on that snapshot. Cache keys are small and
hashable (the database path, the data version, a `Scope`, a name), looked up in plain
`functools.lru_cache`s: a hit costs microseconds, copies nothing, and hashes nothing big. Cached
values are shared by every session: pages treat them as read-only. What holds texts (tables) is
cached per language as well.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any, TypeVar

import duckdb
import pandas as pd
import streamlit as st

from dashboard.engine import db, lake, meetings
from dashboard.engine.access import (
    OPERATOR,
    Access,
    People,
    access_for,
    people,
    trusts_of_groups,
    visible_rows,
)
from dashboard.engine.database import Database, DatabaseMissing, LakeUnavailable
from dashboard.engine.i18n import _, cache_per_language
from dashboard.engine.meetings import Freeze
from dashboard.engine.scope import Scope
from dashboard.engine.scope import place_names as engine_place_names
from dashboard.engine.scorecard import Scorecard
from dashboard.engine.scorecard import scorecard as engine_scorecard
from dashboard.exchange import page_tables, report
from dashboard.exchange.page_tables import Table

T = TypeVar("T")

__all__ = ["DatabaseMissing", "LakeUnavailable"]

Params = tuple[tuple[str, Any], ...]


@lru_cache(maxsize=8)
def _database(path: str) -> Database:
    return Database(path)


def database() -> Database:
    """The database this app serves (`DASHBOARD_LAKE`, or the demo lake)."""
    return _database(lake.setting_from_environment() or str(db.DATA_DIR / "demo.lake"))


# Within one page run the database is looked at once (the replica's snapshot): what the run reads
# stays consistent, and a change made by any process is seen at a run soon after.
_RUN = threading.local()


@contextlib.contextmanager
def page_run() -> Iterator[None]:
    """The length of one page run (app.py wraps every run in it)."""
    _RUN.signature = None
    _RUN.frozen = None
    _RUN.active = True
    try:
        yield
    finally:
        _RUN.active = False
        _RUN.signature = None
        _RUN.frozen = None


def signature() -> object:
    """The database's signature: once per page run, at every call outside one."""
    if not getattr(_RUN, "active", False):
        return database().signature()
    if _RUN.signature is None:
        _RUN.signature = database().signature()
    return _RUN.signature


@lru_cache(maxsize=16)
def _version_of(path: str, signature: object) -> str:
    return _database(path).data_version()


def version() -> str:
    """The data version now: a change made by any process (the CLI too) is seen at the next
    page run; while a frozen meeting is open, its snapshot («@7»)."""
    held = frozen()
    if held is not None:
        return f"@{held.snapshot_id}"
    current = database()
    _refresh_in_background_if_stale(current)
    return _version_of(str(current.path), signature())


def live_version() -> str:
    """Today's data version, also while a frozen meeting is open."""
    return _version_of(str(database().path), signature())


def _frozen_snapshot(data_version: str) -> int | None:
    """The snapshot a frozen meeting's data version («@7») names; None for today's."""
    return int(data_version[1:]) if data_version.startswith("@") else None


def _read(path: str, data_version: str) -> contextlib.AbstractContextManager:
    """A read of the data version's snapshot: the replica, or a frozen meeting's («@7»)."""
    return _database(path).read(_frozen_snapshot(data_version))


@lru_cache(maxsize=64)
def _freeze_of(path: str, signature: object, meeting_id: str) -> Freeze | None:
    with _database(path).read() as con:
        return meetings.frozen(con, meeting_id)


def open_frozen(meeting_id: str | None) -> Freeze | None:
    """For this page run: show the figures frozen for this meeting (None, or a meeting with
    nothing frozen: today's)."""
    _RUN.frozen = None
    if meeting_id:
        _RUN.frozen = _freeze_of(str(database().path), signature(), meeting_id)
    return _RUN.frozen


def frozen() -> Freeze | None:
    """The frozen meeting this page run shows, if any."""
    return getattr(_RUN, "frozen", None)


_REFRESHING = threading.Lock()
_LAST_REFRESH_CHECK: dict[str, dt.date] = {}


def _refresh_in_background_if_stale(current: Database) -> None:
    """Once a day per process: when the current year's prepared figures were counted on an
    earlier day (its as-of date is today), count them again in the background; pages compute
    what they need meanwhile."""
    today = dt.date.today()
    if _LAST_REFRESH_CHECK.get(str(current.path)) == today:
        return
    _LAST_REFRESH_CHECK[str(current.path)] = today

    def refresh() -> None:
        if _REFRESHING.acquire(blocking=False):
            try:
                current.refresh_if_stale(today)
            except Exception:  # another process holds the file: the next day's check retries
                _LAST_REFRESH_CHECK.pop(str(current.path), None)
            finally:
                _REFRESHING.release()

    threading.Thread(target=refresh, name="refresh-figures", daemon=True).start()


def _with_selections(params: Params, scope: Scope | None) -> dict[str, Any]:
    """A query's parameters, with the scope's `$selections` when it has one."""
    full = dict(params)
    if scope is not None:
        full["selections"] = scope.selections()
    return full


def _params(params: dict[str, Any]) -> Params:
    return tuple(sorted(params.items()))


# Figures counted on the spot (a selection the prepared figures do not hold) run the indicators'
# queries on this many cursors side by side: a new selection's scorecard in ~60 % of the time.
COUNT_WORKERS = 2


@lru_cache(maxsize=4096)
def _scorecard(path: str, data_version: str, scope: Scope) -> Scorecard:
    # A spinner only here, where the figures are counted: on a cache hit a spinner's timer thread
    # would cost more than the page.
    with st.spinner(_("Beregner indikatorene …")), _read(path, data_version) as con:
        return engine_scorecard(con, scope, workers=COUNT_WORKERS)


def scorecard(scope: Scope) -> Scorecard:
    """Every indicator for the scope with its trend: prepared rows where there are some,
    computed once per data version otherwise."""
    return _scorecard(str(database().path), version(), scope)


def scorecard_now(scope: Scope) -> Scorecard:
    """The scope's scorecard on today's data (while a frozen meeting is open: the «now» beside
    its «then»)."""
    return _scorecard(str(database().path), live_version(), scope)


@lru_cache(maxsize=4096)
def _query(path: str, data_version: str, name: str, scope: Scope | None, params: Params) -> Any:
    with _read(path, data_version) as con:
        return db.run(con, name, _with_selections(params, scope))


@cache_per_language(maxsize=1024)
def scorecard_table(card: Scorecard) -> Table:
    """The scorecard as a table (built once per scorecard and language)."""
    return page_tables.scorecard_table(card.results, card.scope.year)


def query(name: str, scope: Scope | None = None, **params: Any) -> pd.DataFrame:
    """A named query (not person-level) for the scope, cached on the data version. Read-only."""
    return _query(str(database().path), version(), name, scope, _params(params))


@cache_per_language(maxsize=2048)  # its headers and labels are in the run's language
def _table(
    path: str,
    data_version: str,
    build: Callable[..., Table],
    args: tuple[Any, ...],
    name: str,
    scope: Scope | None,
    params: Params,
) -> Table:
    return build(_query(path, data_version, name, scope, params), *args)


def table(
    build: Callable[..., Table],
    name: str,
    scope: Scope | None = None,
    args: tuple[Any, ...] = (),
    **params: Any,
) -> Table:
    """A page table (`dashboard/exchange/page_tables/`: `build(rows, *args)`) from a named query,
    built once per data version."""
    return _table(str(database().path), version(), build, args, name, scope, _params(params))


@lru_cache(maxsize=1024)
def _everyone(path: str, data_version: str, name: str, scope: Scope | None, params: Params) -> Any:
    with _read(path, data_version) as con:
        return people(con, name, _with_selections(params, scope), OPERATOR).rows


@lru_cache(maxsize=2048)
def _people(
    path: str,
    data_version: str,
    name: str,
    scope: Scope | None,
    params: Params,
    access: Access,
) -> People:
    everyone = _everyone(path, data_version, name, scope, params)
    if access.sees_all_people and not access.health_trusts:
        return People(everyone, allowed=True, hidden=0)
    column = db.load_query(name).personal_column
    group_trusts = _group_trusts(path, data_version) if access.health_trusts else {}
    visible = visible_rows(everyone, column, access, group_trusts)
    return People(visible.reset_index(drop=True), allowed=True, hidden=len(everyone) - len(visible))


@lru_cache(maxsize=8)
def _group_trusts(path: str, data_version: str) -> dict[str, str]:
    with _read(path, data_version) as con:
        return trusts_of_groups(con)


def people_for(
    name: str, access: Access, scope: Scope | None = None, live: bool = False, **params: Any
) -> People:
    """A person-level list for this viewer (the people gate): read once for everyone per data
    version (`live`: after any change, for lists that change without an import), then kept to
    the network groups the viewer may see."""
    if not access.sees_people:
        return People(pd.DataFrame(), allowed=False, hidden=0)
    current = database()
    key = str(signature()) if live else version()
    return _people(str(current.path), key, name, scope, _params(params), access)


@lru_cache(maxsize=512)
def _live(path: str, signature: object, name: str, params: Params) -> Any:
    with _database(path).read() as con:
        return db.run(con, name, dict(params) or None)


def live(name: str, **params: Any) -> pd.DataFrame:
    """Small tables that change without an import (users, audit log, draws, history), read
    again after any change to the database, by any process."""
    current = database()
    return _live(str(current.path), signature(), name, _params(params))


@lru_cache(maxsize=512)
def _access(path: str, signature: object, email: str) -> Access:
    with _database(path).read() as con:
        return access_for(con, email)


def access_of(email: str) -> Access:
    """A signed-in user's access, read again after any change to the database."""
    current = database()
    return _access(str(current.path), signature(), email)


def read(work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    """Run `work` on a read connection (for engine functions that take one)."""
    with database().read() as con:
        return work(con)


def read_version(data_version: str, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    """Run `work` on the snapshot of a data version (`version()`: a frozen meeting's while one
    is open), for engine functions that take a connection and are cached on the version."""
    with _read(str(database().path), data_version) as con:
        return work(con)


def write(change: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    """Make a change (an import, an undo, a target or user edit, an audit line): one lake
    transaction, one snapshot. The replica follows it before this process reads again, and the
    caches follow the new snapshot by themselves."""
    try:
        return database().change(change)
    finally:
        _RUN.signature = None  # the rest of the run reads what the change made


@lru_cache(maxsize=8)
def _figures_as_of(path: str, data_version: str) -> dt.datetime | None:
    return _database(path).figures_as_of(_frozen_snapshot(data_version))


def figures_as_of() -> dt.datetime | None:
    """When the snapshot the figures were counted from was made (the page's «tall per»)."""
    return _figures_as_of(str(database().path), version())


@lru_cache(maxsize=8)
def _years(path: str, data_version: str, this_year: int) -> tuple[int, ...]:
    found = {int(y) for y in _query(path, data_version, "data_years", None, ())["year"]}
    return tuple(sorted(found | {this_year}, reverse=True))


def available_years() -> tuple[int, ...]:
    """Years with events, reporting rounds or appointments, and the current year, newest first."""
    return _years(str(database().path), version(), dt.date.today().year)


@lru_cache(maxsize=8)
def _place_names(path: str, data_version: str) -> dict[tuple[str, str], str]:
    with _read(path, data_version) as con:
        return engine_place_names(con)


def place_names() -> dict[tuple[str, str], str]:
    """(filter, code) → name, for health trusts, network groups, municipalities and units."""
    return _place_names(str(database().path), version())


def make_document(
    scope: Scope,
    output_format: str,
    filters: dict[str, str],
    progress: Callable[[float, str], None],
    trusts: frozenset[str] = frozenset(),
) -> bytes:
    """The annual report or meeting pack for the scope (not cached: it says when it was made).
    `trusts`: the health trusts a limited user sees side by side in the pack."""
    held = frozen()
    notes = None
    if held is not None:
        with database().read() as con:
            notes = meetings.notes_until(con, held)
    with _read(str(database().path), version()) as con:
        return report.build(
            con,
            scope,
            output_format,
            filters=filters,
            progress=progress,
            trusts=trusts,
            notes=notes,
            frozen_line=meetings.frozen_line(held) if held is not None else "",
        )
