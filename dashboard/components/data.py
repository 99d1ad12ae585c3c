"""The app's access to the engine: one connection per process, results cached on the data version.

Pages call these functions only; they never see SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import duckdb
import pandas as pd
import streamlit as st

from dashboard import db, report, store
from dashboard.scorecard import IndicatorResult, Selection, compute_scorecard, compute_trend
from dashboard.settings import database_path

if TYPE_CHECKING:
    from dashboard.components.filters import Filters


T = TypeVar("T")


class DatabaseMissing(RuntimeError):
    """The configured database file does not exist."""


@st.cache_resource(show_spinner=False, max_entries=4)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    """One connection per file and process: read-write for a single file, read-only for a
    version of a shared store (see dashboard/store.py)."""
    return db.connect(path, read_only=Path(path).parent.joinpath(store.POINTER).is_file())


def _current_file() -> Path:
    path: Path = database_path()
    if store.is_store(path):
        return store.current_file(path)
    if not path.is_file():
        raise DatabaseMissing(str(path))
    return path


def connection() -> duckdb.DuckDBPyConnection:
    return _connection(str(_current_file()))


def write(change: Callable[[duckdb.DuckDBPyConnection], T], refresh: bool = True) -> T:
    """Make a change: on the one read-write connection, or, with a shared store, on a new
    version that every process then reads. `refresh=False` for changes that alter no figure
    (an audit line)."""
    path: Path = database_path()
    result = store.publish(path, change) if store.is_store(path) else change(connection())
    if refresh:
        clear_caches()
    return result


@st.cache_data(ttl=2, show_spinner=False)
def _data_version(file: str) -> str:
    """Asked once per page run at most, not once per query: a change in this process clears
    the caches at once, one in another process is seen within two seconds."""
    return db.data_version(_connection(file))


def _key() -> tuple[str, str]:
    """(database, data version): what every cached result is keyed on. A new version file of a
    shared store with the same data version (an audit line) keeps the cached figures."""
    return str(database_path()), _data_version(str(_current_file()))


# The cached functions take the connection as `_con` (not hashed) and the key (hashed).


@st.cache_data(show_spinner=False, max_entries=512)
def _scorecard(
    _con: duckdb.DuckDBPyConnection, key: tuple[str, str], year: int, selection: Selection,
    as_of: dt.date | None,
) -> list[IndicatorResult]:  # fmt: skip
    return compute_scorecard(_con, year, selection, as_of_date=as_of)


def scorecard(
    year: int, selection: Selection, as_of: dt.date | None = None
) -> list[IndicatorResult]:
    return _scorecard(connection(), _key(), year, selection, as_of)


@st.cache_data(show_spinner=False, max_entries=256)
def _trend(
    _con: duckdb.DuckDBPyConnection, key: tuple[str, str], years: tuple[int, ...],
    selection: Selection,
) -> pd.DataFrame:  # fmt: skip
    rows = compute_trend(_con, list(years), selection)
    return pd.DataFrame(rows, columns=["indicator", "year", "value"])


def trend(years: list[int], selection: Selection) -> pd.DataFrame:
    """Every indicator's value per year (each year at its own as-of date)."""
    return _trend(connection(), _key(), tuple(years), selection)


@st.cache_data(show_spinner=False, max_entries=1024)
def _query(
    _con: duckdb.DuckDBPyConnection, key: tuple[str, str], name: str,
    params: tuple[tuple[str, Any], ...],
) -> pd.DataFrame:  # fmt: skip
    return db.run_selecting(_con, name, dict(params))


def query(name: str, **params: Any) -> pd.DataFrame:
    """A named query with those of the given parameters it declares, cached on the data version."""
    return _query(connection(), _key(), name, tuple(sorted(params.items())))


def query_uncached(name: str, **params: Any) -> pd.DataFrame:
    """For small tables that change without an import (the prize draws)."""
    return db.run_selecting(connection(), name, params)


def available_years() -> list[int]:
    """Years with events or reporting rounds, plus the current year."""
    years = {int(y) for y in query("data_years")["year"]}
    years.add(dt.date.today().year)
    return sorted(years, reverse=True)


def clear_caches() -> None:
    """After an import or undo: cached figures are keyed on the data version anyway; this frees
    the memory of the old ones at once."""
    st.cache_data.clear()


def make_document(
    filters: Filters, output_format: str, progress: Callable[[float, str], None]
) -> bytes:
    """The annual report or meeting pack for the filters (not cached: it says when it was made)."""
    return report.build(connection(), filters.year, output_format, filters.selection,
                        as_of=filters.as_of, filters=filters.describe(), progress=progress)  # fmt: skip
