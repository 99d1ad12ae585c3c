"""The Streamlit entry point: `streamlit run dashboard/app.py`."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES_DIR = Path(__file__).resolve().parent / "app_pages"

# (file, title, icon, url path); the first is the default page.
PAGES = (
    ("oversikt.py", "Oversikt", ":material/dashboard:", "oversikt"),
    ("dekning.py", "Dekning og rekruttering", ":material/map:", "dekning"),
    ("oppmote.py", "Oppmøte", ":material/groups:", "oppmote"),
    ("rapportering.py", "Årlig rapportering", ":material/assignment:", "rapportering"),
    ("ressurspersoner.py", "Ressurspersoner", ":material/badge:", "ressurspersoner"),
    ("data.py", "Data", ":material/upload_file:", "data"),
)


def main() -> None:
    st.set_page_config(
        page_title="Nettverksindikatorer – kreftomsorg og lindrende behandling",
        page_icon=":material/monitoring:",
        layout="wide",
    )
    pages = [
        st.Page(PAGES_DIR / file, title=title, icon=icon, url_path=url, default=i == 0)
        for i, (file, title, icon, url) in enumerate(PAGES)
    ]
    st.navigation(pages).run()


main()
