"""What every page starts with: title, the database check, the shared filters, meeting mode."""

from __future__ import annotations

import streamlit as st

from dashboard.access import Access
from dashboard.components.data import DatabaseMissing, connection
from dashboard.components.filters import Filters, meeting_mode, sidebar_filters
from dashboard.components.identity import current_access, oidc_configured

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


def start_page(page_id: str, title: str, caption: str) -> tuple[Filters, Access]:
    """Draw the title and the filters; stop with a clear message when there is no database or
    the user's role does not include this page."""
    st.title(title)
    try:
        connection()
    except DatabaseMissing as missing:
        st.error(
            f"Fant ingen database på {missing}. Bygg demodatabasen med `make run`, "
            "eller pek miljøvariabelen DASHBOARD_DB til en database."
        )
        st.stop()
    access = current_access()
    if not access.may_open(page_id):
        st.error("Du har ikke tilgang til denne siden.")
        st.stop()
    meeting = meeting_mode()
    filters = sidebar_filters()
    _who(access)
    if meeting:
        st.html(MEETING_CSS)
        st.toggle("Møtemodus", key="meeting_mode_page", value=True,
                  on_change=_leave_meeting_mode)  # fmt: skip
    else:
        st.caption(caption)
        if access.role == "demo":
            st.info(
                "Demomodus: innlogging er ikke satt opp, så alle sider vises for alle. "
                "Personene i demodataene er oppdiktet.",
                icon=":material/info:",
            )
    if filters.is_filtered:
        chosen = ", ".join(f"{k}: {v}" for k, v in filters.describe().items())
        st.caption(f"Utvalg – {chosen}")
    return filters, access


def _who(access: Access) -> None:
    """The signed-in user and role at the bottom of the sidebar."""
    if access.email is None:
        return
    st.sidebar.divider()
    st.sidebar.caption(f"Innlogget som {access.label.lower()}")
    st.sidebar.text(access.email)
    if oidc_configured():
        st.sidebar.button("Logg ut", on_click=st.logout, icon=":material/logout:")


def _leave_meeting_mode() -> None:
    st.session_state["meeting_mode"] = False
    st.query_params.pop("mote", None)


def nothing_selected(message: str = "Utvalget gir ingen data.") -> None:
    st.info(
        f"{message} Velg et annet år eller et videre utvalg i menyen til venstre, eller trykk "
        "«Nullstill utvalget»."
    )
