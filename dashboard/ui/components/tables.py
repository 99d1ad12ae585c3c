"""Tables as the pages show them: filtered by the values of any column, with «Last ned Excel» and
«Last ned CSV» beside them for exactly the rows shown; and the one way a page shows people,
`person_table`, which asks the people gate, says why rows are missing, and audits every download.

A table and its filter run as a fragment: filtering reruns the table alone, not the page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import pandas as pd
import pyarrow as pa
import streamlit as st

from dashboard.engine.access import Access, People
from dashboard.engine.formatting import date_pattern
from dashboard.engine.i18n import _, cache_per_language
from dashboard.engine.scope import Scope
from dashboard.exchange.export import format_at
from dashboard.exchange.page_tables import Table, cell_text
from dashboard.ui.components.data_access import people_for
from dashboard.ui.components.downloads import download_buttons
from dashboard.ui.components.page import describe


def _date_column() -> Any:
    """Dates as the language writes them: DD.MM.YYYY (nb, nn), DD/MM/YYYY (en)."""
    return st.column_config.DateColumn(format=date_pattern())


def _datetime_column() -> Any:
    return st.column_config.DatetimeColumn(format=f"{date_pattern()} HH:mm")


COUNT = st.column_config.NumberColumn(format="localized")
MAX_FILTER_VALUES = 500


@lru_cache(maxsize=512)
def display(table: Table) -> tuple[pd.DataFrame, dict[str, Any], pa.Table]:
    """The table as shown: shares and mixed columns as Norwegian text («80,5 %», «ingen data»),
    counts as numbers, dates as dates; never «None» or «nan». Also as Arrow, which Streamlit
    sends without converting it again on every run."""
    frame = table.frame
    shown: dict[str, Any] = {}
    config: dict[str, Any] = {}
    for column in frame.columns:
        values = frame[column]
        formats = table.formats.get(column)
        if isinstance(formats, str) and formats == "integer":
            shown[column] = pd.to_numeric(values, errors="coerce").astype("Int64")
            config[column] = COUNT
        elif formats == "date":
            shown[column] = pd.to_datetime(values)
            config[column] = _date_column()
        elif pd.api.types.is_datetime64_any_dtype(values):
            shown[column] = values
            config[column] = _datetime_column()
        elif formats is None and pd.api.types.is_integer_dtype(values):
            shown[column] = values
            config[column] = COUNT
        elif formats is None and pd.api.types.is_string_dtype(values):
            shown[column] = values.fillna("").astype(str)
        else:
            shown[column] = [
                cell_text(v, format_at(table.formats, column, i)) for i, v in enumerate(values)
            ]
    shown_frame = pd.DataFrame(shown, index=range(len(frame)))
    return shown_frame, config, pa.Table.from_pandas(shown_frame, preserve_index=False)


@lru_cache(maxsize=1024)
def _filter_values(table: Table, column: str) -> tuple[pd.Series, list[str]]:
    """A column's cells as text, and its distinct values, for «Filtrer tabellen»."""
    texts = display(table)[0][column].map(lambda v: cell_text(v, None))
    return texts, sorted(set(texts))[:MAX_FILTER_VALUES]


def _filter(table: Table, key: str) -> pd.Series | None:
    """«Filtrer tabellen»: rows whose chosen column has one of the chosen values (None: all)."""
    with st.popover(_("Filtrer tabellen"), icon=":material/filter_alt:"):
        column = st.selectbox(_("Kolonne"), list(table.frame.columns), key=f"{key}_filter_column")
        texts, values = _filter_values(table, column)
        chosen = st.multiselect(
            _("Verdier (tomt = alle)"),
            values,
            key=f"{key}_filter_{column}",
            placeholder=_("Alle"),
        )
    return texts.isin(chosen) if chosen else None


@st.fragment
def _table(table: Table, key: str, filters: dict[str, str], caption: str) -> None:
    shown, config, arrow = display(table)
    rows = _filter(table, key)
    lines = [caption] if caption else []
    if rows is not None:
        lines.append(
            _("Viser {shown} av {total} rader.").format(shown=int(rows.sum()), total=len(rows))
        )
    if lines:
        st.caption(" ".join(lines))
    data = arrow if rows is None else shown[rows.to_numpy()]
    st.dataframe(data, hide_index=True, width="stretch", column_config=config)
    download_buttons(
        table.frame if rows is None else table.frame[rows.to_numpy()],
        table.title,
        {**filters, **({_("Filter"): _("ja")} if rows is not None else {})},
        key=key,
        formats=table.formats,
        personal=table.personal,
    )


def show_table(
    table: Table, key: str, scope: Scope | None, empty_text: str = "", caption: str = ""
) -> None:
    """A table with its filter and downloads, or `empty_text` when it has no rows."""
    if table.frame.empty:
        st.caption(empty_text or _("Ingen rader å vise."))
        return
    _table(table, key, describe(scope) if scope is not None else {}, caption)


@cache_per_language(maxsize=512)  # the table's headers and labels are in the run's language
def _built(found: People, build: Callable[[pd.DataFrame], Table]) -> Table:
    return build(found.rows)


def person_table(
    query: str,
    access: Access,
    scope: Scope | None,
    build: Callable[[pd.DataFrame], Table],
    key: str,
    empty_text: str,
    caption: Callable[[pd.DataFrame], str] | None = None,
    live: bool = False,
    **params: Any,
) -> People:
    """A person-level table for this viewer: the rows they may see with audited downloads, or a
    line saying why there are none. Returns what the people gate gave."""
    found = people_for(query, access, scope, live=live, **params)
    if not found.allowed or found.rows.empty:
        st.caption(found.reason or empty_text)
        return found
    lines = [found.reason, caption(found.rows) if caption else ""]
    show_table(_built(found, build), key, scope, caption=" ".join(line for line in lines if line))
    return found
