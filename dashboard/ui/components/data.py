"""The app's access to the engine: one `Database` per process, figures and lists cached on the data
version. Pages call these functions only; they never see SQL.

Cache keys are small strings hashed once (the data version and a scope key). Cached results are
shared, not copied, between sessions (`st.cache_resource`): pages treat them as read-only and build
new frames for display.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import duckdb
import pandas as pd
import streamlit as st

from dashboard.engine import db
from dashboard.engine.access import Access, People, access_for, people
from dashboard.engine.database import Database, DatabaseMissing, database_from_environment
from dashboard.engine.scope import Scope
from dashboard.engine.scope import place_names as engine_place_names
from dashboard.engine.scorecard import Scorecard
from dashboard.engine.scorecard import scorecard as engine_scorecard
from dashboard.exchange import report

T = TypeVar("T")

__all__ = ["DatabaseMissing"]


@st.cache_resource(show_spinner=False)
def _database(path: str) -> Database:
    return Database(path)


def database() -> Database:
    """The database this app serves (`DASHBOARD_DB`)."""
    return _database(str(database_from_environment().path))


@st.cache_resource(show_spinner=False, max_entries=16)
def _version_of(path: str, signature: object) -> str:
    """The data version of the database as it is at this signature (asked once per change)."""
    return _database(path).data_version()


def version() -> str:
    """The data version now: a `stat` of the file (or the store's pointer), and a query only
    when that changed. A change made by another process (the CLI) is seen at the next run."""
    current = database()
    version_now = _version_of(str(current.path), current.signature())
    _refresh_in_background_if_stale(current)
    return version_now


_REFRESHING = threading.Lock()
_LAST_REFRESH_CHECK: dict[str, dt.date] = {}


def _refresh_in_background_if_stale(current: Database) -> None:
    """Once a day per process: when the prepared figures of the current year were counted on an
    earlier day, count them again in the background (pages compute what they need meanwhile)."""
    today = dt.date.today()
    if _LAST_REFRESH_CHECK.get(str(current.path)) == today:
        return
    _LAST_REFRESH_CHECK[str(current.path)] = today

    def refresh() -> None:
        if _REFRESHING.acquire(blocking=False):
            try:
                current.refresh_if_stale(today)
            except Exception:  # another process is refreshing, or the file is busy: try tomorrow
                _LAST_REFRESH_CHECK.pop(str(current.path), None)
            finally:
                _REFRESHING.release()

    threading.Thread(target=refresh, name="refresh-figures", daemon=True).start()


def scope_key(scope: Scope) -> str:
    return f"{scope.year}|{scope.as_of or ''}|{scope.selection.key()}"


@st.cache_resource(show_spinner=False, max_entries=2048)
def _scorecard(path: str, data_version: str, key: str, _scope: Scope) -> Scorecard:
    with _database(path).read() as con:
        return engine_scorecard(con, _scope)


def scorecard(scope: Scope) -> Scorecard:
    """Every indicator for the scope with its trend: prepared rows where there are some,
    computed once per data version otherwise."""
    return _scorecard(str(database().path), version(), scope_key(scope), scope)


@st.cache_resource(show_spinner=False, max_entries=4096)
def _query(path: str, data_version: str, name: str, key: str, _params: dict[str, Any]) -> Any:
    with _database(path).read() as con:
        return db.run(con, name, _params)


def query(name: str, scope: Scope | None = None, **params: Any) -> pd.DataFrame:
    """A named query (not person-level) for the scope, cached on the data version. Read-only."""
    full = dict(params)
    if scope is not None:
        full["selections"] = scope.selections()
    key = f"{scope_key(scope) if scope else ''}|{sorted(params.items())}"
    return _query(str(database().path), version(), name, key, full)


@st.cache_resource(show_spinner=False, max_entries=1024)
def _people_rows(
    path: str, data_version: str, name: str, key: str, _params: dict[str, Any]
) -> People:
    with _database(path).read() as con:
        return people(con, name, _params, Access(email=None, role="koordinator"))


def people_for(name: str, access: Access, scope: Scope | None = None, **params: Any) -> People:
    """A person-level list for this viewer (the people gate), cached for everyone on the data
    version and filtered per viewer."""
    if not access.sees_people:
        return People(pd.DataFrame(), allowed=False, hidden=0)
    full = dict(params)
    if scope is not None:
        full["selections"] = scope.selections()
    key = f"{scope_key(scope) if scope else ''}|{sorted(params.items())}"
    everyone = _people_rows(str(database().path), version(), name, key, full).rows
    if access.sees_all_people:
        return People(everyone, allowed=True, hidden=0)
    column = db.load_query(name).personal_column
    visible = everyone[everyone[column].isin(access.network_groups)]
    return People(visible.reset_index(drop=True), allowed=True, hidden=len(everyone) - len(visible))


@st.cache_resource(show_spinner=False, max_entries=512)
def _access(path: str, signature: object, email: str) -> Access:
    with _database(path).read() as con:
        return access_for(con, email)


def access_of(email: str) -> Access:
    """A signed-in user's access, read again after every change to the database (any process)."""
    current = database()
    return _access(str(current.path), current.signature(), email)


def query_now(name: str, **params: Any) -> pd.DataFrame:
    """Not cached: small tables that change without an import (users, audit log, draws)."""
    return database().run(name, params or None)


def read(work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    """Run `work` on a read connection (for engine functions that take one)."""
    with database().read() as con:
        return work(con)


def write(change: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    """Make a change (an import, an undo, a target or user edit, an audit line): one
    transaction on a file, a new published version of a store. Figures are counted again in the
    same change when the data moved; the caches follow the new data version by themselves."""
    return database().change(change)


def available_years() -> list[int]:
    """Years with events or reporting rounds, plus the current year, newest first."""
    years = {int(y) for y in query("data_years")["year"]}
    years.add(dt.date.today().year)
    return sorted(years, reverse=True)


@st.cache_resource(show_spinner=False, max_entries=8)
def _place_names(path: str, data_version: str) -> dict[tuple[str, str], str]:
    with _database(path).read() as con:
        return engine_place_names(con)


def place_names() -> dict[tuple[str, str], str]:
    """(filter, code) → name, for health trusts, network groups and municipalities."""
    return _place_names(str(database().path), version())


def make_document(
    scope: Scope,
    output_format: str,
    filters: dict[str, str],
    progress: Callable[[float, str], None],
) -> bytes:
    """The annual report or meeting pack for the scope (not cached: it says when it was made)."""
    with database().read() as con:
        return report.build(con, scope, output_format, filters=filters, progress=progress)
