"""What every page starts with: the title, the role check, the chosen selection in words, demo
banner and meeting mode."""

from __future__ import annotations

import streamlit as st

from dashboard.engine.access import Access
from dashboard.engine.scope import Scope, namer
from dashboard.ui.components.data import place_names
from dashboard.ui.components.identity import oidc_configured
from dashboard.ui.components.selection import current_scope, meeting_mode
from dashboard.ui.components.text import md_escape

ACCESS = "page_access"

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


def current_access() -> Access:
    """The access the entrypoint found for this session's user."""
    return st.session_state[ACCESS]


def describe(scope: Scope) -> dict[str, str]:
    """The scope in Norwegian words (names, not codes), for headers and files."""
    return scope.describe(namer(place_names()))


def start_page(page_id: str, title: str, caption: str) -> tuple[Scope, Access]:
    """Draw the title; stop with a clear message when the user's role does not include this
    page. Returns the selection and the user's access."""
    st.title(title)
    access = current_access()
    if not access.may_open(page_id):
        st.error("Du har ikke tilgang til denne siden.")
        st.stop()
    scope = current_scope()
    _who(access)
    if meeting_mode():
        st.html(MEETING_CSS)
        st.toggle("Møtemodus", key="meeting_mode_page", value=True, on_change=_leave_meeting_mode)
    else:
        st.caption(caption)
        if access.role == "demo":
            st.info(
                "Demomodus: innlogging er slått av (DASHBOARD_DEMO=1), så alle sider vises for "
                "alle. Personene i demodataene er oppdiktet.",
                icon=":material/info:",
            )
    if not scope.selection.is_everything:
        chosen = ", ".join(f"{k}: {v}" for k, v in describe(scope).items())
        st.caption(f"Utvalg – {md_escape(chosen)}")
    return scope, access


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
