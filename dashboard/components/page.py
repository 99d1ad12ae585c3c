"""What every page starts with: title, the database check, the shared filters, meeting mode."""

from __future__ import annotations

import streamlit as st

from dashboard.components.data import DatabaseMissing, connection
from dashboard.components.filters import Filters, meeting_mode, sidebar_filters

# Static CSS for the projector view (no user data in it): hide the sidebar and its toggle,
# enlarge text.
MEETING_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"] {display: none;}
.stMainBlockContainer {max-width: 100%; padding-top: 1rem;}
.stMarkdown p, .stCaption {font-size: 1.25rem !important;}
</style>
"""


def start_page(title: str, caption: str) -> Filters:
    """Draw the title and the filters; stop with a clear message when there is no database."""
    st.title(title)
    try:
        connection()
    except DatabaseMissing as missing:
        st.error(
            f"Fant ingen database på {missing}. Bygg demodatabasen med `make run`, "
            "eller pek miljøvariabelen DASHBOARD_DB til en database."
        )
        st.stop()
    meeting = meeting_mode()
    filters = sidebar_filters()
    if meeting:
        st.html(MEETING_CSS)
        st.toggle("Møtemodus", key="meeting_mode_page", value=True,
                  on_change=_leave_meeting_mode)  # fmt: skip
    else:
        st.caption(caption)
    if filters.is_filtered:
        chosen = ", ".join(f"{k}: {v}" for k, v in filters.describe().items())
        st.caption(f"Utvalg – {chosen}")
    return filters


def _leave_meeting_mode() -> None:
    st.session_state["meeting_mode"] = False
    st.query_params.pop("mote", None)


def nothing_selected(message: str = "Utvalget gir ingen data.") -> None:
    st.info(
        f"{message} Velg et annet år eller et videre utvalg i menyen til venstre, eller trykk "
        "«Nullstill utvalget»."
    )
