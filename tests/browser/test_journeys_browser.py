"""The user's place survives every click (sidebar links, tile links, a reload, a copied URL), a
chart click narrows the selection, meeting mode fits a projector, no raw value reaches the screen,
and the keyboard reaches the filters, sections and downloads."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from dashboard.engine.formatting import format_fraction
from tests.browser.conftest import ALL_VIEWS, RAW_VALUES, screenshot, wait_for_run
from tests.engine import engine

pytestmark = pytest.mark.browser

YEAR = "2025"
GROUP = "SYK-SAND"
NAV = {
    "": "Oversikt",
    "dekning": "Dekning og rekruttering",
    "oppmote": "Oppmøte",
    "rapportering": "Årlig rapportering",
    "ressurspersoner": "Ressurspersoner",
}


def _query(page: object) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)  # type: ignore[attr-defined]


def _group_figure(demo_db: Path, indicator: str) -> str:
    result = engine(demo_db, int(YEAR), network_group=GROUP)[indicator]
    return format_fraction(result.numerator, result.denominator)


def test_selection_survives_sidebar_links_reload_and_a_copied_url(
    server: str, page: object, browser: object, demo_db: Path
) -> None:
    meeting = _group_figure(demo_db, "meeting_attendance")
    coverage = _group_figure(demo_db, "unit_coverage")
    page.goto(f"{server}/?ar={YEAR}&gruppe={GROUP}")  # type: ignore[attr-defined]
    wait_for_run(page)
    for path, title in [*list(NAV.items())[1:], ("", "Oversikt")]:
        page.locator("[data-testid='stSidebarNav'] a", has_text=title).first.click()  # type: ignore[attr-defined]
        page.wait_for_function(  # type: ignore[attr-defined]
            f"() => window.location.pathname.endsWith('/{path}')", timeout=15_000
        )
        wait_for_run(page)
        page.wait_for_function(  # type: ignore[attr-defined]
            f"() => window.location.search.includes('gruppe={GROUP}')", timeout=15_000
        )
        query = _query(page)
        assert query["gruppe"] == [GROUP] and query["ar"] == [YEAR], (path, page.url)  # type: ignore[attr-defined]
        body = page.inner_text("body")  # type: ignore[attr-defined]
        if path in ("", "oppmote"):
            assert meeting in body, path
        if path in ("", "dekning"):
            assert coverage in body, path
        page.reload()  # type: ignore[attr-defined]
        wait_for_run(page)
        assert _query(page)["gruppe"] == [GROUP], path
        copied = page.url  # type: ignore[attr-defined]
        context = browser.new_context(viewport={"width": 1400, "height": 2400}, locale="nb-NO")  # type: ignore[attr-defined]
        other = context.new_page()
        other.goto(copied)
        wait_for_run(other)
        shown = other.inner_text("body")
        assert "Nettverksgruppe: Sandnes + SUS" in shown, path
        if path in ("", "oppmote"):
            assert meeting in shown, path
        context.close()


def test_a_tile_opens_its_indicators_section_with_the_same_selection(
    server: str, browser: object, demo_db: Path
) -> None:
    meeting = _group_figure(demo_db, "meeting_attendance")
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="nb-NO")  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{server}/?ar={YEAR}&gruppe={GROUP}")
    wait_for_run(page)
    page.locator("a#tile-meeting_attendance").click()  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/oppmote\?"), timeout=15_000)  # type: ignore[attr-defined]
    wait_for_run(page)
    query = _query(page)
    assert (
        query["gruppe"] == [GROUP] and query["ar"] == [YEAR] and query["del"] == ["arrangementer"]
    )
    assert urlparse(page.url).fragment == "meeting_attendance"  # type: ignore[attr-defined]
    assert meeting in page.inner_text("body")  # type: ignore[attr-defined]
    # The page scrolled to the indicator's section.
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => { const a = document.getElementById('meeting_attendance');"
        " return a && Math.abs(a.getBoundingClientRect().top) < 200; }",
        timeout=10_000,
    )
    screenshot(page, "tile_to_section")
    context.close()


def test_a_chart_click_narrows_the_selection(server: str, page: object) -> None:
    page.goto(f"{server}/dekning?ar={YEAR}&del=kommuner")  # type: ignore[attr-defined]
    wait_for_run(page)
    bars = page.locator(  # type: ignore[attr-defined]
        "[data-testid='stVegaLiteChart'] path[role='graphics-symbol'][aria-roledescription='bar']"
    )
    bars.first.wait_for(timeout=15_000)
    bars.nth(1).click(force=True)
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => window.location.search.includes('kommune=')", timeout=15_000
    )
    wait_for_run(page)
    number = _query(page)["kommune"][0]
    assert re.fullmatch(r"\d{4}", number)
    # The breadcrumb offers the way back.
    crumbs = page.locator("nav.nk-crumbs")  # type: ignore[attr-defined]
    assert "Hele regionen" in crumbs.inner_text()
    crumbs.get_by_text("Hele regionen").click()
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => !window.location.search.includes('kommune=')", timeout=15_000
    )


def test_meeting_mode_fits_one_projector_screen(server: str, browser: object) -> None:
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="nb-NO")  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{server}/?mote=1")
    wait_for_run(page)
    tiles = page.locator("a.nk-tile")
    assert tiles.count() == 16
    bottom = tiles.nth(15).bounding_box()
    assert bottom is not None and bottom["y"] + bottom["height"] <= 1080
    # Status chips large enough to read from the back of the room (≥ 20 px text).
    size = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.nk-chip')).fontSize)"
    )
    assert size >= 20
    assert page.locator("[data-testid='stSidebar']").is_hidden()
    page.screenshot(path=str(screenshot(page, "meeting_mode").with_name("meeting_mode_1080.png")))
    context.close()


def test_no_raw_values_on_any_page(server: str, page: object) -> None:
    """Every view with the default selection (the same views under a group filter are checked
    in `test_names_with_markup_show_as_literal_text_and_fetch_nothing`)."""
    for view in ALL_VIEWS:
        page.goto(f"{server}/{view}")  # type: ignore[attr-defined]
        wait_for_run(page)
        found = RAW_VALUES.findall(page.inner_text("body"))  # type: ignore[attr-defined]
        assert not found, (view, found[:5])
        assert page.locator("[data-testid='stException']").count() == 0, view  # type: ignore[attr-defined]


def test_keyboard_reaches_filters_sections_and_downloads(server: str, page: object) -> None:
    page.goto(f"{server}/dekning")  # type: ignore[attr-defined]
    wait_for_run(page)
    # A filter: focus it and choose by typing.
    box = page.locator("[data-testid='stSelectbox']", has_text="Nettverksgruppe").locator("input")  # type: ignore[attr-defined]
    box.focus()
    page.keyboard.type("Sandnes")  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => window.location.search.includes('gruppe=SYK-SAND')", timeout=15_000
    )
    wait_for_run(page)
    # A section: a button of the «Vis» control, by Tab focus and Enter.
    section = page.get_by_role("radio", name="Nye og sluttet")  # type: ignore[attr-defined]
    section.focus()
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => window.location.search.includes('del=turnover')", timeout=15_000
    )
    wait_for_run(page)
    # A download, by Enter on the focused button.
    button = page.get_by_role("button", name="Last ned CSV").first  # type: ignore[attr-defined]
    button.focus()
    with page.expect_download() as info:  # type: ignore[attr-defined]
        page.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert info.value.suggested_filename.endswith(".csv")
