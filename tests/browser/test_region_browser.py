"""Regionen in a real browser: the comparison renders for every role, a click on a cell opens that
trust's scorecard, and a coordinator limited to one health trust sees only it and cannot import
another trust's rows. Identities come from trusted headers set by an HAProxy in front of the
server (see test_roles_browser.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.engine import db
from tests.browser.conftest import (
    IDENTITY_HEADERS,
    identity_proxy,
    running_server,
    screenshot,
    upload,
    wait_for_run,
)
from tests.browser.test_accessibility_browser import axe_violations
from tests.browser.test_roles_browser import _download_text, _page_as
from tests.engine import copy_lake, sql

pytestmark = pytest.mark.browser

BERGEN_COORDINATOR = "bergen.koord@eksempel.no"
# Where a place's first cell is on the table's canvas: the pinned indicator column, then the
# first place's value column (fixed widths, dashboard/ui/components/region.py), below the header.
INDICATOR_WIDTH, VALUE_WIDTH, ROW_HEIGHT = 260, 150, 35


@pytest.fixture(scope="module")
def limited_server(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server of its own with a coordinator limited to Helse Bergen (the shared signed
    server's users stay as they are)."""
    path = Path(copy_lake(demo_db, tmp_path_factory.mktemp("limited") / "demo.lake"))
    con = db.connect(path)
    con.execute(
        "insert into app_user (email, role, network_groups, health_trusts)"
        " values ($e, 'koordinator', '', 'bergen')",
        {"e": BERGEN_COORDINATOR},
    )
    con.close()
    headers = json.dumps(IDENTITY_HEADERS)
    with (
        running_server(path, "--server.trustedUserHeaders", headers, demo=False) as base_url,
        identity_proxy(base_url, [BERGEN_COORDINATOR]) as urls,
    ):
        yield urls[BERGEN_COORDINATOR]


def _exceptions(page: object) -> int:
    return page.locator("[data-testid='stException']").count()  # type: ignore[attr-defined]


def _open_region(browser: object, base_url: str) -> object:
    """A new tab on «Regionen» for 2025, as the user the server signs in, with no exception."""
    page = _page_as(browser)
    page.goto(f"{base_url}/region?ar=2025")  # type: ignore[attr-defined]
    wait_for_run(page)
    assert _exceptions(page) == 0
    return page


def _header(page: object) -> list[str]:
    """The comparison's columns, from its CSV download (the table is drawn on a canvas)."""
    text = _download_text(page, page.get_by_role("button", name="Last ned CSV"))  # type: ignore[attr-defined]
    return next(line for line in text.splitlines() if line.startswith("Indikator;")).split(";")


@pytest.mark.parametrize("email", ["styr@eksempel.no", "leder@eksempel.no", "koord@eksempel.no"])
def test_the_comparison_renders_for_each_role(
    signed_server: dict, browser: object, email: str
) -> None:
    page = _open_region(browser, signed_server[email])
    assert page.locator("[data-testid='stDataFrame']").count() == 1  # type: ignore[attr-defined]
    header = _header(page)
    assert "Helse Stavanger HF (antall)" in header and "Hele regionen (status)" in header
    page.wait_for_timeout(500)  # type: ignore[attr-defined]  # the table finishes drawing
    assert axe_violations(page) == []  # WCAG 2.1 AA, as on every other page
    screenshot(page, f"region_{email.split('@')[0]}")
    page.context.close()  # type: ignore[attr-defined]


def test_a_click_on_a_cell_opens_that_trusts_scorecard(
    signed_server: dict, browser: object
) -> None:
    page = _open_region(browser, signed_server["styr@eksempel.no"])
    # Sorted by unit coverage, Stavanger (the only trust with units in the demo) comes first.
    sort = page.locator("[data-testid='stSelectbox']").filter(has_text="Sorter kolonnene etter")  # type: ignore[attr-defined]
    sort.click()
    page.get_by_role("option", name="Enheter med ressurssykepleier").click()  # type: ignore[attr-defined]
    page.wait_for_timeout(500)  # type: ignore[attr-defined]  # the rerun starts
    wait_for_run(page)
    assert _header(page)[1] == "Helse Stavanger HF"
    grid = page.locator("[data-testid='stDataFrame']").bounding_box()  # type: ignore[attr-defined]
    x, y = grid["x"] + INDICATOR_WIDTH + VALUE_WIDTH / 2, grid["y"] + ROW_HEIGHT * 1.5
    page.mouse.move(x, y)  # type: ignore[attr-defined]  # the grid takes a click after a hover
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    page.mouse.click(x, y)  # type: ignore[attr-defined]
    # Oversikt is the start page: its address is the app's root, with the selection in it.
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => location.search.includes('hf=stavanger')"
        " && document.querySelector('h1')?.innerText.trim() === 'Oversikt'",
        timeout=30_000,
    )
    wait_for_run(page)
    assert "ar=2025" in page.url  # type: ignore[attr-defined]
    assert "Helse Stavanger HF" in page.inner_text("body")  # type: ignore[attr-defined]
    assert _exceptions(page) == 0
    screenshot(page, "region_klikk_oversikt")
    page.context.close()  # type: ignore[attr-defined]


def test_a_bergen_coordinator_sees_bergen_and_cannot_import_stavangers_rows(
    limited_server: str, browser: object, demo_db: Path
) -> None:
    page = _open_region(browser, limited_server)
    places = [c for c in _header(page)[1:] if not c.endswith(("(antall)", "(status)"))]
    assert places == ["Helse Bergen HF", "Hele regionen"]

    unit = sql(demo_db, "select min(unit_id) from unit")[0][0]
    member = (
        f"member_id;name;profession;unit_id;start_date\nNY-1;Nina Ny;sykepleier;{unit};01.03.2026\n"
    )
    upload(page, limited_server, "member.csv", member.encode(), "Ingenting er importert")
    assert page.get_by_role("button", name="Bekreft og importer").count() == 0  # type: ignore[attr-defined]
    assert _exceptions(page) == 0
    problems = _download_text(page, page.get_by_role("button", name="Last ned CSV").first)  # type: ignore[attr-defined]
    assert (
        f"member.csv;2;unit_id;«{unit}» hører til Helse Stavanger HF; du kan bare importere "
        "rader for Helse Bergen HF"
    ) in problems
    screenshot(page, "region_import_avvist")
    page.context.close()  # type: ignore[attr-defined]
