"""Nynorsk and English in a real browser: with `?sprak=nn` and `?sprak=en`, every page and section
(as the demo's coordinator, who sees them all) shows no bokmål-only text, checked against the
catalogues; the language survives a page change and is chosen in the sidebar; 0 exceptions.

A bokmål-only text is a catalogue message whose translation differs, as it reads on the screen:
each literal part between its placeholders (`{n}`, markdown) of at least two words, unless that
part also occurs in a translation of the language or in the data (names from files are never
translated). Tables are drawn on a canvas, so their headers are checked by the AppTest of
tests/app and the export tests, not here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.engine.access import PAGES_BY_ROLE
from tests.browser.conftest import page_sections, running_server, wait_for_run
from tests.engine import copy_lake
from tests.languages import bokmål_only, data_text

pytestmark = pytest.mark.browser

LANGUAGES = ("nn", "en")
# What the app says when a page failed (it logs the traceback and shows this instead).
FAILED = "Noe gikk galt da siden skulle vises."


def views() -> list[str]:
    """Every page the coordinator (the demo) gets, and each section of it."""
    found = []
    for page in PAGES_BY_ROLE["demo"]:
        found.append(page)
        found.extend(f"{page}?del={section}" for section in page_sections(page)[1:])
    return found


@pytest.fixture(scope="module")
def demo(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A demo server (every page, as a coordinator sees them) and the text of its data."""
    path = Path(copy_lake(demo_db, tmp_path_factory.mktemp("languages") / "demo.lake"))
    data = data_text(path)
    with running_server(path) as base_url:
        yield base_url, data


def _visible_text(page: object) -> str:
    return " ".join(page.inner_text("body").split())  # type: ignore[attr-defined]


def _choose(page: object, label: str, option: str) -> None:
    """Pick an option in a selectbox the way a person does: click it, then the option."""
    page.locator("[data-testid='stSelectbox']", has_text=label).click()  # type: ignore[attr-defined]
    page.get_by_role("option", name=option, exact=True).click()  # type: ignore[attr-defined]
    wait_for_run(page)


def test_no_bokmål_is_left_on_any_page(demo: tuple[str, str], browser: object) -> None:
    """Every view in nynorsk and in English, the two languages loading side by side."""
    base_url, data = demo
    forbidden = {language: bokmål_only(language, data) for language in LANGUAGES}
    assert all(len(parts) > 100 for parts in forbidden.values())  # something to check
    context = browser.new_context(viewport={"width": 1400, "height": 2400}, locale="nb-NO")  # type: ignore[attr-defined]
    pages = {language: context.new_page() for language in LANGUAGES}
    left: dict[str, list[str]] = {}
    failed: list[str] = []
    for view in views():
        joiner = "&" if "?" in view else "?"
        for language, page in pages.items():
            page.goto(f"{base_url}/{view}{joiner}sprak={language}", wait_until="commit")
        for language, page in pages.items():
            wait_for_run(page)
            shown = f"{view}{joiner}sprak={language}"
            text = _visible_text(page)
            if page.locator("[data-testid='stException']").count() or FAILED in text:
                failed.append(shown)
            found = [part for part in forbidden[language] if part in text]
            if found:
                left[shown] = found
    context.close()
    assert not failed, f"exceptions on {failed}"
    assert not left, f"bokmål left: {left}"


def _title(page: object, url: str) -> str:
    """The page's title once it has run at `url`."""
    page.goto(url)  # type: ignore[attr-defined]
    wait_for_run(page)
    return page.locator("h1").first.inner_text()  # type: ignore[attr-defined]


def test_the_language_survives_a_page_change(demo: tuple[str, str], page: object) -> None:
    base_url, _data = demo
    assert _title(page, f"{base_url}/?sprak=en") == "Overview"
    nav = page.locator("[data-testid='stSidebarNav']")  # type: ignore[attr-defined]
    nav.get_by_text("Coverage and recruitment", exact=True).click()
    page.wait_for_url(re.compile(r"/dekning"))  # type: ignore[attr-defined]
    wait_for_run(page)
    page.wait_for_url(re.compile(r"sprak=en"))  # type: ignore[attr-defined]
    assert page.locator("h1").first.inner_text() == "Coverage and recruitment"  # type: ignore[attr-defined]
    assert "Attendance" in nav.inner_text()


def test_the_language_is_chosen_in_the_sidebar(demo: tuple[str, str], page: object) -> None:
    base_url, _data = demo
    assert _title(page, f"{base_url}/oppmote") == "Oppmøte"
    sidebar = page.locator("[data-testid='stSidebar']")  # type: ignore[attr-defined]
    _choose(page, "Språk", "Nynorsk")
    page.wait_for_url(re.compile(r"sprak=nn"))  # type: ignore[attr-defined]
    wait_for_run(page)
    assert "Oppmøte på nettverksmøte, fagdagar og samlingar." in _visible_text(page)  # caption
    assert "Utval" in sidebar.inner_text()
    # and back to bokmål: the parameter leaves the URL
    _choose(page, "Språk", "Bokmål")
    page.wait_for_function("() => !window.location.search.includes('sprak=')")  # type: ignore[attr-defined]
    assert "Utvalg" in sidebar.inner_text()
