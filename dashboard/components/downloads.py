"""CSV and XLSX downloads beside a table, built only when clicked."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from dashboard.export import ColumnFormat, ExportMeta, file_name, to_csv, to_xlsx


def download_buttons(
    frame: pd.DataFrame | Callable[[], pd.DataFrame],
    title: str,
    filters: Mapping[str, str],
    key: str,
    formats: Mapping[str, ColumnFormat] | None = None,
) -> None:
    """Two buttons, «Last ned Excel» and «Last ned CSV», for exactly this table."""

    def frame_now() -> pd.DataFrame:
        return frame() if callable(frame) else frame

    def xlsx() -> bytes:
        return to_xlsx(frame_now(), ExportMeta(title, dict(filters)), formats)

    def csv() -> bytes:
        return to_csv(frame_now(), ExportMeta(title, dict(filters)), formats)

    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        "Last ned Excel", data=xlsx, file_name=file_name(title, "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx", on_click="ignore", icon=":material/download:",
    )  # fmt: skip
    right.download_button(
        "Last ned CSV", data=csv, file_name=file_name(title, "csv"), mime="text/csv",
        key=f"{key}_csv", on_click="ignore", icon=":material/download:",
    )  # fmt: skip
