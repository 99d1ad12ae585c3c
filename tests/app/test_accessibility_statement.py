"""The accessibility statement: open without sign-in (even where the app serves no data), in
Uutilsynet's structure, with the contact configured; and every page's footer links to it."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import ENTRY

PAGE = "app_pages/oversikt.py"


def test_statement_opens_without_sign_in(monkeypatch: pytest.MonkeyPatch, app_db: Path) -> None:
    monkeypatch.setenv("DASHBOARD_LAKE", str(app_db))
    monkeypatch.delenv("DASHBOARD_DEMO", raising=False)  # no sign-in configured: no data served
    monkeypatch.setenv("DASHBOARD_ACCESSIBILITY_CONTACT", "tilgjengelighet@eksempel.no")
    at = AppTest.from_file(ENTRY, default_timeout=60)
    at.query_params["side"] = "tilgjengelighet"
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Tilgjengelighetserklæring"]
    headings = [h.value for h in at.subheader]
    assert headings == [
        "Status",
        "Dette er i samsvar med kravene",
        "Dette er ikke i samsvar med kravene ennå",
        "Meld fra om et problem",
        "Klage",
    ]
    text = " ".join(m.value for m in at.markdown).replace("\\", "").replace("\u2060", "")
    assert "tilgjengelighet@eksempel.no" in text and "Uutilsynet" in text
    assert not at.error  # not the «ikke satt opp for innlogging» refusal
    assert len(at.dataframe) == 0


def test_every_page_ends_with_the_link(run_page, app_db: Path) -> None:
    at = run_page(app_db, PAGE, sprak="nn")
    footers = [e.proto.body for e in at.get("html") if "<footer" in e.proto.body]
    assert len(footers) == 1
    assert 'href="./?side=tilgjengelighet&amp;sprak=nn"' in footers[0]
    assert "Tilgjengelegheitserklæring" in footers[0]
