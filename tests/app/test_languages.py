"""Languages in AppTest, where the tables' own headers and cells can be read (the browser sees
them as a canvas): with `?sprak=nn` and `?sprak=en` no bokmål-only text on the pages, in their
tables or in the sidebar; changing the language keeps the selection; the language is in the URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import PAGES, html_text
from tests.languages import bokmål_only, data_text

TEXT_ELEMENTS = ("title", "header", "subheader", "caption", "markdown", "info", "error", "success")


def screen_text(at: AppTest) -> str:
    """The words a user reads: elements, widget labels and options, tables (headers and cells),
    the HTML blocks."""
    parts = [str(e.value) for kind in TEXT_ELEMENTS for e in at.get(kind)]
    for kind in ("selectbox", "button", "toggle", "checkbox", "text_input", "multiselect"):
        for widget in at.get(kind):
            parts.append(str(widget.label))
            parts.extend(str(o) for o in getattr(widget, "options", []) or [])
    for frame in at.dataframe:
        parts.extend(str(c) for c in frame.value.columns)
        parts.extend(str(v) for v in frame.value.astype(str).to_numpy().ravel())
    parts.append(html_text(at))
    return " ".join(" ".join(parts).split())


@pytest.mark.parametrize("language", ["nn", "en"])
def test_no_bokmål_is_left_in_pages_and_tables(run_page, app_db: Path, language: str) -> None:
    forbidden = bokmål_only(language, data_text(app_db))
    left = {}
    for page in PAGES:
        at = run_page(app_db, page, sprak=language)
        assert not at.exception, (page, [e.value for e in at.exception])
        text = screen_text(at)
        found = [part for part in forbidden if part in text]
        if found:
            left[page] = found
    assert not left, left


def test_changing_the_language_keeps_the_selection(run_page, app_db: Path) -> None:
    at = run_page(app_db, "app_pages/oppmote.py", ar="2025", gruppe="SYK-STAV")
    assert at.title[0].value == "Oppmøte"
    at.selectbox(key="f_language").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Attendance"
    assert at.selectbox(key="f_network_group").value == "SYK-STAV"
    assert at.selectbox(key="f_year").value == "2025"
    assert at.query_params["sprak"] == "en"
    assert at.query_params["gruppe"] == "SYK-STAV"
    # back to bokmål: the default leaves the URL
    at.selectbox(key="f_language").set_value("nb").run()
    assert at.title[0].value == "Oppmøte"
    assert "sprak" not in at.query_params


def test_a_link_sets_the_language(run_page, app_db: Path) -> None:
    at = run_page(app_db, "app_pages/dekning.py", sprak="nn")
    assert at.title[0].value == "Dekning og rekruttering"  # the same words in nynorsk
    assert at.selectbox(key="f_language").value == "nn"
    assert at.selectbox(key="f_health_trust").label == "Helseføretak"
    at = run_page(app_db, "app_pages/dekning.py", sprak="xx")  # unknown: bokmål
    assert at.selectbox(key="f_health_trust").label == "Helseforetak"
