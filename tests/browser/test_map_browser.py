"""The coverage map in a real Chromium, on the demo and the national data: it draws every
municipality of the data on its boundaries, a hover shows the municipality, its figure «x av n»
as the engine counts it and its status, a click selects the municipality in the URL and the page
follows, nothing is fetched from anywhere but the app's own server, and axe finds nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from dashboard.engine import db
from dashboard.engine.database import Database
from dashboard.engine.formatting import format_fraction
from dashboard.engine.scope import Scope
from dashboard.exchange import boundaries
from tests.browser.conftest import running_server, wait_for_run
from tests.browser.test_accessibility_browser import axe_violations
from tests.engine import copy_lake

pytestmark = pytest.mark.browser

TOOLTIP = "#vg-tooltip-element.visible"


@pytest.fixture(scope="module")
def national_server(
    national_db: tuple[Path, float], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    path = Path(copy_lake(national_db[0], tmp_path_factory.mktemp("map") / "national.lake"))
    with running_server(path) as base_url:
        yield base_url


def _coverage(path: Path, year: int) -> dict[str, tuple[str, str]]:
    """Municipality name → (number, «x av n») of the unit coverage, as the engine counts it."""
    with Database(path).read() as con:
        frame = db.run(con, "coverage_by_municipality", {"selections": Scope(year).selections()})
    return {
        name: (number, format_fraction(covered, units))
        for name, number, covered, units in zip(
            frame["municipality_name"],
            frame["municipality_number"],
            frame["n_units_covered"],
            frame["n_units"],
            strict=True,
        )
    }


def _hover_a_municipality(page: object, chart: object) -> tuple[float, float, str]:
    """Move over the map until the tooltip names a municipality; where, and what it says."""
    box = chart.bounding_box()  # type: ignore[attr-defined]
    steps = 16
    for i in range(1, steps):
        for j in range(1, steps):
            x = box["x"] + box["width"] * j / steps
            y = box["y"] + box["height"] * i / steps
            page.mouse.move(x, y)  # type: ignore[attr-defined]
            tooltip = page.locator(TOOLTIP)  # type: ignore[attr-defined]
            if tooltip.count() and " av " in tooltip.inner_text():
                return x, y, tooltip.inner_text()
    raise AssertionError("no municipality under the mouse anywhere on the map")


@pytest.mark.parametrize("data", ["demo", "national"])
def test_the_map_draws_shows_the_figure_and_selects_a_municipality(
    request: pytest.FixtureRequest, browser: object, data: str
) -> None:
    if data == "demo":
        base, path = request.getfixturevalue("server"), request.getfixturevalue("demo_db")
    else:
        base = request.getfixturevalue("national_server")
        path = request.getfixturevalue("national_db")[0]
    context = browser.new_context(viewport={"width": 1400, "height": 1800}, locale="nb-NO")  # type: ignore[attr-defined]
    page = context.new_page()
    elsewhere: list[str] = []
    page.on(
        "request",
        lambda r: (
            elsewhere.append(r.url) if not r.url.startswith((base, "data:", "blob:")) else None
        ),
    )
    loaded: list[str] = []
    page.on("response", lambda r: loaded.append(r.url) if r.ok else None)
    try:
        page.goto(f"{base}/dekning")
        wait_for_run(page)
        page.get_by_role("tab", name="Kart").click()
        panel = page.get_by_role("tabpanel", name="Kart")
        chart = panel.locator("[data-testid='stVegaLiteChart']")
        chart.locator("canvas, svg").first.wait_for(timeout=30_000)
        page.wait_for_timeout(1_000)  # the boundaries fetched and drawn
        assert f"{base}/{boundaries.URL}" in loaded
        assert panel.get_by_text(boundaries.CREDIT).is_visible()

        year = int(parse_qs(urlparse(page.url).query).get("ar", ["2026"])[0])
        coverage = _coverage(path, year)
        x, y, said = _hover_a_municipality(page, chart)
        name = next(n for n in sorted(coverage, key=len, reverse=True) if n in said)
        number, fraction = coverage[name]
        assert fraction in said  # the engine's «x av n» for that municipality
        assert any(word in said for word in ("Nådd", "Nær målet", "Ikke nådd", "For få"))

        assert not axe_violations(page)

        page.mouse.click(x, y)
        page.wait_for_function(
            "n => new URLSearchParams(location.search).get('kommune') === n", arg=number
        )
        wait_for_run(page)
        # The page follows: the headline counts the municipality's units, as the map did.
        assert f"{fraction} · Mål" in page.get_by_test_id("stMain").inner_text()
        assert not elsewhere, elsewhere
    finally:
        context.close()
