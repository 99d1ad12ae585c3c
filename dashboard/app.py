"""The Streamlit entry point: `streamlit run dashboard/app.py`. Navigation is built from the
user's role; every restricted page checks the role again itself."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard.components.data import DatabaseMissing

PAGES_DIR = Path(__file__).resolve().parent / "app_pages"

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


def main() -> None:
    st.set_page_config(
        page_title="Nettverksindikatorer – kreftomsorg og lindrende behandling",
        page_icon=":material/monitoring:",
        layout="wide",
    )
    from dashboard.components.identity import current_access

    try:
        allowed = current_access().pages
    except DatabaseMissing:
        allowed = ("oversikt",)  # the page explains what is missing
    pages = [
        st.Page(PAGES_DIR / PAGES[page][0], title=PAGES[page][1], icon=PAGES[page][2],
                url_path=page, default=i == 0)
        for i, page in enumerate(allowed)
    ]  # fmt: skip
    st.navigation(pages).run()


main()
