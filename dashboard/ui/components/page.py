"""What every page starts with: the title, the role check, where in the drill-down the user is
(a breadcrumb to step back), the selection in words, the demo banner and meeting mode; and the
sections of a page (one shown at a time, kept in the URL as `del`)."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from dashboard.engine import meetings
from dashboard.engine.access import Access
from dashboard.engine.capture import OSLO
from dashboard.engine.database import SnapshotGone
from dashboard.engine.formatting import format_date
from dashboard.engine.i18n import _
from dashboard.engine.scope import Scope, namer
from dashboard.engine.text import md_escape
from dashboard.ui.components.cards import breadcrumb_html
from dashboard.ui.components.data_access import figures_as_of, frozen, place_names
from dashboard.ui.components.identity import oidc_configured
from dashboard.ui.components.selection import (
    breadcrumb,
    current_scope,
    frozen_meeting_id,
    leave_frozen,
    link,
    meeting_mode,
)

ACCESS = "page_access"

# Static CSS for the projector view (no user data in it): no sidebar, no toolbar, the whole
# width and height for the scorecard.
MEETING_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stHeader"] {display: none;}
.stMainBlockContainer {max-width: 100%; padding: 0.75rem 1.5rem 0 1.5rem;}
.stMainBlockContainer h1 {font-size: 2rem; padding: 0 0 0.25rem 0;}
</style>
"""

# Static script (no user data in it): a link to «page#indicator» scrolls to that indicator once
# its section has been drawn (Streamlit draws the page after the browser has looked for it), and
# keeps it there while the charts above it take their height.
SCROLL_TO_ANCHOR = """
<script>
(function () {
  const id = decodeURIComponent(window.location.hash.slice(1));
  if (!id || window.__nkScrolled === id) { return; }
  window.__nkScrolled = id;
  let tries = 0;
  let found = 0;
  const timer = setInterval(function () {
    const target = document.getElementById(id);
    tries += 1;
    if (target) {
      target.scrollIntoView({block: "start"});
      found += 1;
    }
    if (found >= 15 || tries > 80) { clearInterval(timer); }
  }, 100);
})();
</script>
"""


def current_access() -> Access:
    """The access the entrypoint found for this session's user."""
    return st.session_state[ACCESS]


def describe(scope: Scope) -> dict[str, str]:
    """The scope in words (names, not codes; labels in the run's language), for headers and
    files."""
    return scope.describe(namer(place_names()))


def start_page(page_id: str, title: str, caption: str) -> tuple[Scope, Access]:
    """Draw the title; stop with a clear message when the user's role does not include this
    page. Returns the selection and the user's access."""
    st.title(title)
    access = current_access()
    if not access.may_open(page_id):
        st.error(_("Du har ikke tilgang til denne siden."))
        st.stop()
    scope = current_scope()
    _who(access)
    _frozen_banner()
    if meeting_mode():  # the projected screen: the selection in one line, nothing else
        st.html(MEETING_CSS)
        _selection_line(scope)
        return scope, access
    st.caption(f"{caption} {figures_line()}")
    if access.role == "demo":
        st.info(
            _(
                "Demomodus: innlogging er slått av (DASHBOARD_DEMO=1), så alle sider vises for "
                "alle. Personene i demodataene er oppdiktet."
            ),
            icon=":material/info:",
        )
    steps = breadcrumb(scope)
    if len(steps) > 1:
        st.html(breadcrumb_html([(name, link(page_id, step)) for name, step in steps]))
    _selection_line(scope)
    return scope, access


def _frozen_banner() -> None:
    """While a frozen meeting's figures are shown: say so on every page, with the way back."""
    wanted = frozen_meeting_id()
    if not wanted:
        return
    held = frozen()
    if held is None:
        leave_frozen()
        st.warning(
            _("Fant ingen frosne tall for møtet «{meeting}». Siden viser dagens tall.").format(
                meeting=md_escape(wanted)
            )
        )
        return
    try:
        figures_as_of()  # reads the frozen snapshot (made on first use)
    except SnapshotGone as gone:
        leave_frozen()
        st.error(str(gone) + " " + _("Last siden på nytt for dagens tall."))
        st.stop()
    left, right = st.columns([4, 1], vertical_alignment="center")
    left.warning(
        md_escape(meetings.frozen_line(held)) + " " + _("Det som er endret senere, vises ikke."),
        icon=":material/history:",
    )
    if right.button(_("Tilbake til dagens tall"), key="leave_frozen", icon=":material/update:"):
        leave_frozen()
        st.rerun()


def figures_line() -> str:
    """«Tall per 06.12.2026 kl. 14:05»: when the snapshot the figures come from was made (a
    change is counted within seconds; the page says which state it shows)."""
    when = figures_as_of()
    if when is None:
        return ""
    local = when.astimezone(OSLO)
    return _("Tall per {date} kl. {time}.").format(
        date=format_date(local.date()), time=local.strftime("%H:%M")
    )


def _selection_line(scope: Scope) -> None:
    """«Utvalg – …» in names (escaped: they came from files), when something is chosen."""
    if not scope.selection.is_everything:
        chosen = ", ".join(f"{k}: {v}" for k, v in describe(scope).items())
        st.caption(_("Utvalg – {selection}").format(selection=md_escape(chosen)))


def _who(access: Access) -> None:
    """The signed-in user and role at the bottom of the sidebar."""
    if access.email is None:
        return
    st.sidebar.divider()
    st.sidebar.caption(_("Innlogget som {role}").format(role=access.label.lower()))
    st.sidebar.text(access.email)
    if oidc_configured():
        st.sidebar.button(_("Logg ut"), on_click=st.logout, icon=":material/logout:")


def section(sections: Mapping[str, str], default: str) -> str:
    """One section of the page at a time («Vis»), kept in the URL as `del`; a link to an
    indicator's section opens it and scrolls to the indicator."""
    chosen = st.query_params.get("del")
    key = "page_section"
    if chosen in sections and st.session_state.get(f"{key}_url") != chosen:
        st.session_state[key] = chosen  # a link chose it
    if st.session_state.get(key) not in sections:
        st.session_state[key] = default
    picked = (
        st.segmented_control(
            _("Vis"),
            list(sections),
            format_func=lambda name: _(sections[name]),  # bokmål marked with N_() in the page
            key=key,
            selection_mode="single",
        )
        or default
    )
    st.session_state[f"{key}_url"] = picked
    if st.query_params.get("del") != picked:
        st.query_params["del"] = picked
    st.html(SCROLL_TO_ANCHOR, unsafe_allow_javascript=True)
    return picked


def anchors(*ids: str) -> None:
    """Targets for links to these indicators, where their section starts."""
    st.html("".join(f'<span id="{i}"></span>' for i in ids))


def nothing_selected(message: str | None = None) -> None:
    st.info(
        _(
            "{message} Velg et annet år eller et videre utvalg i menyen til venstre, eller trykk "
            "«Nullstill utvalget»."
        ).format(message=message or _("Utvalget gir ingen data."))
    )
