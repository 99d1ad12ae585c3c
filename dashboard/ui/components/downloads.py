"""CSV and XLSX downloads beside a table, built only when clicked. A download of person-level
data is recorded in the audit trail when it is built."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from dashboard.engine.access import record
from dashboard.engine.i18n import N_, _, language, using
from dashboard.exchange.export import ExportMeta, Formats, file_name, to_csv, to_xlsx
from dashboard.ui.components.data_access import write
from dashboard.ui.components.page import current_access

# (button label, writer, file extension, MIME type), in the order the buttons stand.
FORMATS = (
    (
        N_("Last ned Excel"),
        to_xlsx,
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    (N_("Last ned CSV"), to_csv, "csv", "text/csv"),
)


def download_buttons(
    frame: pd.DataFrame | Callable[[], pd.DataFrame],
    title: str,
    filters: Mapping[str, str],
    key: str,
    formats: Formats | None = None,
    personal: bool = False,
) -> None:
    """Two buttons, «Last ned Excel» and «Last ned CSV», for exactly this table. `personal`
    marks person-level data: its downloads are audited."""
    who = current_access().audit_name
    # The file is built later, in a server thread that knows no session: in this run's language.
    chosen_language = language()

    def build(writer: Callable[..., bytes], label: str) -> Callable[[], bytes]:
        def data() -> bytes:
            with using(chosen_language):
                return built()

        def built() -> bytes:
            table = frame() if callable(frame) else frame
            if personal:
                chosen = "; ".join(f"{k}: {v}" for k, v in filters.items())
                write(
                    lambda con: record(
                        con,
                        who,
                        "eksport av personopplysninger",
                        f"{title} ({label})",
                        chosen,
                        len(table),
                    )
                )
            return writer(table, ExportMeta(title, dict(filters)), formats)

        return data

    for column, (label, writer, extension, mime) in zip(
        st.columns([1, 1, 4])[:2], FORMATS, strict=True
    ):
        column.download_button(
            _(label),
            data=build(writer, extension),
            file_name=file_name(title, extension),
            mime=mime,
            key=f"{key}_{extension}",
            on_click="ignore",
            icon=":material/download:",
        )
