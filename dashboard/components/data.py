"""The app's access to the engine: one connection per process, results cached on the data version.

Pages call these functions only; they never see SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd
import streamlit as st

from dashboard import db, report
from dashboard.scorecard import IndicatorResult, Selection, compute_scorecard, compute_trend
from dashboard.settings import database_path

if TYPE_CHECKING:
    from dashboard.components.filters import Filters


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


def _key() -> tuple[str, str]:
    """(database path, data version): what every cached result is keyed on."""
    con = connection()
    return str(database_path()), db.data_version(con)


@st.cache_data(show_spinner=False, max_entries=512)
def _scorecard(
    path: str, version: str, year: int, selection: Selection, as_of: dt.date | None
) -> list[IndicatorResult]:
    del version  # part of the cache key only: a new import gives new figures
    return compute_scorecard(_connection(path), year, selection, as_of_date=as_of)


def scorecard(
    year: int, selection: Selection, as_of: dt.date | None = None
) -> list[IndicatorResult]:
    return _scorecard(*_key(), year, selection, as_of)


@st.cache_data(show_spinner=False, max_entries=256)
def _trend(path: str, version: str, years: tuple[int, ...], selection: Selection) -> pd.DataFrame:
    del version
    rows = compute_trend(_connection(path), list(years), selection)
    return pd.DataFrame(rows, columns=["indicator", "year", "value"])


def trend(years: list[int], selection: Selection) -> pd.DataFrame:
    """Every indicator's value per year (each year at its own as-of date)."""
    return _trend(*_key(), tuple(years), selection)


@st.cache_data(show_spinner=False, max_entries=1024)
def _query(path: str, version: str, name: str, params: tuple[tuple[str, Any], ...]) -> pd.DataFrame:
    del version
    return db.run_selecting(_connection(path), name, dict(params))


def query(name: str, **params: Any) -> pd.DataFrame:
    """A named query with those of the given parameters it declares, cached on the data version."""
    return _query(*_key(), name, tuple(sorted(params.items())))


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
