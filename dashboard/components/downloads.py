"""CSV and XLSX downloads beside a table, built only when clicked. A download of person-level
data is recorded in the audit trail when it is built."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from dashboard.access import record
from dashboard.components.data import write
from dashboard.components.identity import current_user
from dashboard.export import ColumnFormat, ExportMeta, file_name, to_csv, to_xlsx


def download_buttons(
    frame: pd.DataFrame | Callable[[], pd.DataFrame],
    title: str,
    filters: Mapping[str, str],
    key: str,
    formats: Mapping[str, ColumnFormat] | None = None,
    personal: bool = False,
) -> None:
    """Two buttons, «Last ned Excel» and «Last ned CSV», for exactly this table. `personal`
    marks person-level data: its downloads are audited."""
    user = current_user() if personal else ""

    def build(writer: Callable[..., bytes], label: str) -> Callable[[], bytes]:
        def data() -> bytes:
            table = frame() if callable(frame) else frame
            if personal:
                chosen = "; ".join(f"{k}: {v}" for k, v in filters.items())
                write(lambda target: record(target, user, "eksport av personopplysninger",
                                            f"{title} ({label})", chosen, len(table)),
                      refresh=False)  # fmt: skip
            return writer(table, ExportMeta(title, dict(filters)), formats)

        return data

    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        "Last ned Excel", data=build(to_xlsx, "xlsx"), file_name=file_name(title, "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx", on_click="ignore", icon=":material/download:",
    )  # fmt: skip
    right.download_button(
        "Last ned CSV", data=build(to_csv, "csv"), file_name=file_name(title, "csv"),
        mime="text/csv", key=f"{key}_csv", on_click="ignore", icon=":material/download:",
    )  # fmt: skip
