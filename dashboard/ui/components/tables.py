"""Tables with their downloads beside them, and the one way a page shows people: `person_list`,
which asks the people gate, says why rows are missing, and audits every download."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.engine.access import Access, People
from dashboard.engine.formatting import format_share
from dashboard.engine.scope import Scope
from dashboard.exchange.export import ColumnFormat
from dashboard.ui.components.data import people_for
from dashboard.ui.components.downloads import download_buttons
from dashboard.ui.components.page import describe


def data_table(
    frame: pd.DataFrame,
    title: str,
    scope: Scope | None,
    key: str,
    formats: Mapping[str, ColumnFormat] | None = None,
    column_config: Mapping[str, Any] | None = None,
    personal: bool = False,
) -> None:
    """A table exactly as shown, with «Last ned Excel» and «Last ned CSV» beside it. Shares
    (`formats` «percent») show as «80,5 %» and download as numbers."""
    shown = frame
    percent = [c for c, f in (formats or {}).items() if f == "percent" and c in frame]
    if percent:
        shown = frame.assign(**{c: [format_share(v) for v in frame[c]] for c in percent})
    st.dataframe(shown, hide_index=True, width="stretch", column_config=column_config)
    filters = describe(scope) if scope is not None else {}
    download_buttons(frame, title, filters, key=key, formats=formats, personal=personal)


def person_list(
    query: str,
    access: Access,
    scope: Scope | None,
    title: str,
    key: str,
    shape: Callable[[pd.DataFrame], pd.DataFrame],
    empty_text: str,
    column_config: Mapping[str, Any] | None = None,
    caption: Callable[[pd.DataFrame], str] | None = None,
    **params: Any,
) -> People:
    """A person-level list for this viewer: the rows they may see (shaped for display) with
    audited downloads, or a line saying why there are none. Returns what the gate gave."""
    found = people_for(query, access, scope, **params)
    if not found.allowed:
        st.caption(found.reason)
        return found
    if found.rows.empty:
        st.caption(found.reason or empty_text)
        return found
    if found.reason:
        st.caption(found.reason)
    if caption is not None:
        st.caption(caption(found.rows))
    data_table(shape(found.rows), title, scope, key, column_config=column_config, personal=True)
    return found
