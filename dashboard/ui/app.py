"""The Streamlit entry point: `streamlit run dashboard/ui/app.py`.

Refuses to serve data without sign-in configured (or `DASHBOARD_DEMO=1`); builds the navigation
from the user's role (every restricted page checks the role again itself); draws the selection
filters here, before the page, so the selection survives every page change.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import streamlit as st

from dashboard.ui.components.cards import CSS
from dashboard.ui.components.data import DatabaseMissing, database
from dashboard.ui.components.identity import configuration_problem, current_access
from dashboard.ui.components.page import ACCESS
from dashboard.ui.components.selection import selection_sidebar

PAGES_DIR = Path(__file__).resolve().parent / "app_pages"
FAVICON = Path(__file__).resolve().parent / "favicon.png"

# page id → (file, title, icon). The first page the role gets is its start page.
PAGES = {
    "oversikt": ("oversikt.py", "Oversikt", ":material/dashboard:"),
    "dekning": ("dekning.py", "Dekning og rekruttering", ":material/map:"),
    "oppmote": ("oppmote.py", "Oppmøte", ":material/groups:"),
    "rapportering": ("rapportering.py", "Årlig rapportering", ":material/assignment:"),
    "ressurspersoner": ("ressurspersoner.py", "Ressurspersoner", ":material/badge:"),
    "data": ("data.py", "Data", ":material/upload_file:"),
    "admin": ("admin.py", "Brukere, mål og logg", ":material/admin_panel_settings:"),
    "ingen_tilgang": ("ingen_tilgang.py", "Velkommen", ":material/lock:"),
}
_REPORTED: set[str] = set()


def main() -> None:
    st.set_page_config(
        page_title="Nettverksindikatorer – kreftomsorg og lindrende behandling",
        page_icon=str(FAVICON),  # a file of ours: a Material icon here is fetched from Google
        layout="wide",
    )
    st.html(CSS)  # the app's own styles (static): readable captions, the tiles
    problem = configuration_problem()
    if problem is not None:
        if problem not in _REPORTED:  # one line in the server's log, once
            _REPORTED.add(problem)
            print(f"dashboard: serverer ingen data: {problem}", file=sys.stderr, flush=True)
        st.error(f"Appen er ikke satt opp for innlogging og viser ingen data. {problem}")
        st.stop()
    access = current_access()
    try:
        database().current_file()
    except DatabaseMissing as missing:
        st.error(
            f"Fant ingen database på {missing}. Bygg demodatabasen med `make run`, eller pek "
            "miljøvariabelen DASHBOARD_DB til en database."
        )
        st.stop()
    st.session_state[ACCESS] = access
    pages = [
        st.Page(
            PAGES_DIR / PAGES[page][0],
            title=PAGES[page][1],
            icon=PAGES[page][2],
            url_path=page,
            default=i == 0,
        )
        for i, page in enumerate(access.pages)
    ]
    page = st.navigation(pages)
    if access.pages != ("ingen_tilgang",):
        selection_sidebar()
    try:
        page.run()
    except Exception:  # a fault of ours: say so in Norwegian, keep the details in the server's log
        traceback.print_exc(file=sys.stderr)
        st.error(
            "Noe gikk galt da siden skulle vises. Prøv igjen, eller velg et annet utvalg. "
            "Feilen er skrevet i serverens logg; meld fra til koordinatoren om den gjentar seg.",
            icon=":material/error:",
        )


main()
