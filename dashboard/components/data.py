"""The app's access to the engine: one connection per process, results cached on the data version."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import streamlit as st

from dashboard import db
from dashboard.scorecard import IndicatorResult, Selection, compute_scorecard
from dashboard.settings import database_path


class DatabaseMissing(RuntimeError):
    """The configured database file does not exist."""


@st.cache_resource(show_spinner=False)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return db.connect(path)


def connection() -> duckdb.DuckDBPyConnection:
    path: Path = database_path()
    if not path.is_file():
        raise DatabaseMissing(str(path))
    return _connection(str(path))


def data_version() -> int:
    return db.data_version(connection())


@st.cache_data(show_spinner=False, max_entries=256)
def _scorecard(
    path: str, version: int, year: int, selection: Selection, as_of: dt.date | None
) -> list[IndicatorResult]:
    del version  # part of the cache key only: a new import gives new figures
    return compute_scorecard(_connection(path), year, selection, as_of_date=as_of)


def scorecard(
    year: int, selection: Selection, as_of: dt.date | None = None
) -> list[IndicatorResult]:
    con = connection()
    return _scorecard(str(database_path()), db.data_version(con), year, selection, as_of)


@st.cache_data(show_spinner=False)
def _years(path: str, version: int) -> list[int]:
    del version
    frame = db.run(_connection(path), "data_years")
    return [int(y) for y in frame["year"]]


def available_years() -> list[int]:
    """Years with events or reporting rounds, plus the current year."""
    con = connection()
    years = set(_years(str(database_path()), db.data_version(con)))
    years.add(dt.date.today().year)
    return sorted(years, reverse=True)


def clear_caches() -> None:
    """After an import or undo: cached figures are keyed on the data version anyway; this frees
    the memory of the old ones at once."""
    st.cache_data.clear()
