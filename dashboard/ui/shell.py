"""The app's shell, run by the entry point (`dashboard/ui/app.py`) on every page run.

Refuses to serve data without sign-in configured (or `DASHBOARD_DEMO=1`); builds the navigation
from the user's role (every restricted page checks the role again itself); draws the selection
filters here, before the page, so the selection survives every page change.

It lives in a module rather than in app.py because Streamlit runs the entry script in a new
namespace on every run: what app.py defines (a cache, a set of what was said) would be made
again each time.
"""

from __future__ import annotations

import copy
import sys
import traceback
from functools import lru_cache
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from dashboard.engine.i18n import N_, _
from dashboard.ui.components.accessibility import footer, statement_page
from dashboard.ui.components.cards import CSS
from dashboard.ui.components.data_access import LakeUnavailable, open_frozen, signature
from dashboard.ui.components.identity import configuration_problem, current_access
from dashboard.ui.components.language import language_picker, start_language
from dashboard.ui.components.page import ACCESS
from dashboard.ui.components.public_pages import public_page
from dashboard.ui.components.selection import frozen_meeting_id, selection_sidebar
from dashboard.ui.components.subscribe import subscribe_sidebar
from dashboard.ui.components.unsubscribe import unsubscribe_page

PAGES_DIR = Path(__file__).resolve().parent / "app_pages"


@lru_cache(maxsize=128)
def _page(page: str, title: str, default: bool) -> StreamlitPage:
    """A page of the navigation, made once per title (language) and place: `st.Page` resolves
    and checks its file on the disk (~3 % of a loaded server's CPU when made on every run).
    Each run takes a copy, since `st.navigation` marks the one it runs."""
    return st.Page(
        PAGES_DIR / PAGES[page][0], title=title, icon=PAGES[page][2], url_path=page, default=default
    )


FAVICON = Path(__file__).resolve().parent / "favicon.png"

# page id → (file, title, icon). The first page the role gets is its start page. Titles are
# bokmål marked with N_() and shown in the run's language.
PAGES = {
    "oversikt": ("oversikt.py", N_("Oversikt"), ":material/dashboard:"),
    "region": ("region.py", N_("Regionen"), ":material/compare_arrows:"),
    "dekning": ("dekning.py", N_("Dekning og rekruttering"), ":material/map:"),
    "oppmote": ("oppmote.py", N_("Oppmøte"), ":material/groups:"),
    "rapportering": ("rapportering.py", N_("Årlig rapportering"), ":material/assignment:"),
    "arsplan": ("arsplan.py", N_("Årsplan"), ":material/checklist:"),
    "styringsorganer": ("styringsorganer.py", N_("Styringsorganer"), ":material/account_tree:"),
    "ressurspersoner": ("ressurspersoner.py", N_("Ressurspersoner"), ":material/badge:"),
    "data": ("data.py", N_("Data"), ":material/upload_file:"),
    "admin": ("admin.py", N_("Brukere, mål og logg"), ":material/admin_panel_settings:"),
    "abonnementer": ("abonnementer.py", N_("Abonnementer"), ":material/mail:"),
    "ingen_tilgang": ("ingen_tilgang.py", N_("Velkommen"), ":material/lock:"),
}
_REPORTED: set[str] = set()


def main() -> None:
    start_language()  # first: every text below is drawn in the run's language
    st.set_page_config(
        page_title=_("Nettverksindikatorer – kreftomsorg og lindrende behandling"),
        page_icon=str(FAVICON),  # a file of ours: a Material icon here is fetched from Google
        layout="wide",
    )
    st.html(CSS)  # the app's own styles (static): readable captions, the tiles
    if statement_page():  # the accessibility statement: open to everyone, no data
        return
    if public_page() or unsubscribe_page():  # a link from a QR code or an e-mail: no sign-in
        footer()
        return
    problem = configuration_problem()
    if problem is not None:
        if problem not in _REPORTED:  # one line in the server's log, once
            _REPORTED.add(problem)
            print(f"dashboard: serverer ingen data: {problem}", file=sys.stderr, flush=True)
        st.error(
            _("Appen er ikke satt opp for innlogging og viser ingen data. {problem}").format(
                problem=problem
            )
        )
        footer()
        st.stop()
    access = current_access()
    try:
        signature()
    except LakeUnavailable as missing:
        st.error(
            _(
                "Databasen kan ikke leses: {problem} Bygg demodatabasen med `make run`, eller pek "
                "miljøvariabelen DASHBOARD_LAKE til en database."
            ).format(problem=missing)
        )
        st.stop()
    st.session_state[ACCESS] = access
    pages = [
        copy.copy(_page(page, _(PAGES[page][1]), i == 0)) for i, page in enumerate(access.pages)
    ]
    page = st.navigation(pages)
    language_picker()
    if access.pages != ("ingen_tilgang",):
        open_frozen(frozen_meeting_id())  # a frozen meeting's link: every page reads its snapshot
        selection_sidebar(access.health_trusts)
        subscribe_sidebar(access)
    try:
        page.run()
    except Exception:  # a fault of ours: say so in Norwegian, keep the details in the server's log
        traceback.print_exc(file=sys.stderr)
        st.error(
            _(
                "Noe gikk galt da siden skulle vises. Prøv igjen, eller velg et annet utvalg. "
                "Feilen er skrevet i serverens logg; meld fra til koordinatoren om den gjentar seg."
            ),
            icon=":material/error:",
        )
    footer()
