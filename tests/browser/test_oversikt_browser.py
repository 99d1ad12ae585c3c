"""The real server in a real Chromium: the path from DuckDB to the screen."""

from __future__ import annotations

import urllib.request

import pytest

from tests.browser.conftest import screenshot, wait_for_run

pytestmark = pytest.mark.browser


def test_health_answers_ok(server: str) -> None:
    with urllib.request.urlopen(f"{server}/_stcore/health", timeout=5) as response:
        assert response.read().decode() == "ok"


def test_oversikt_renders_the_scorecard(server: str, page: object) -> None:
    page.goto(server)  # type: ignore[attr-defined]
    wait_for_run(page)
    assert "Page not found" not in page.inner_text("body")  # type: ignore[attr-defined]
    assert page.locator("h1", has_text="Oversikt").count() == 1  # type: ignore[attr-defined]
    assert page.locator("[data-testid='stException']").count() == 0  # type: ignore[attr-defined]
    frames = page.locator("[data-testid='stDataFrame']")  # type: ignore[attr-defined]
    # The table of all indicators below the tiles, and the plan's activities due or overdue.
    assert frames.count() == 2
    text = page.inner_text("body")  # type: ignore[attr-defined]
    assert "Organisering og drift av nettverket" in text
    assert "Alle indikatorer" in text and "Årsplan og styringsorganer" in text
    path = screenshot(page, "oversikt")
    assert path.stat().st_size > 10_000
