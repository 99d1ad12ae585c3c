"""The Streamlit entry point: `streamlit run dashboard/app.py`."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES_DIR = Path(__file__).resolve().parent / "app_pages"


def main() -> None:
    st.set_page_config(
        page_title="Nettverksindikatorer – kreftomsorg og lindrende behandling",
        page_icon=":material/monitoring:",
        layout="wide",
    )
    pages = [
        st.Page(
            PAGES_DIR / "oversikt.py",
            title="Oversikt",
            icon=":material/dashboard:",
            url_path="oversikt",
            default=True,
        ),
        st.Page(
            PAGES_DIR / "data.py",
            title="Data",
            icon=":material/upload_file:",
            url_path="data",
        ),
    ]
    st.navigation(pages).run()


main()
