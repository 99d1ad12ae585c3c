"""The annual-plan tracker and the governance register in a real browser, signed in as each role
(trusted headers set by the proxy of `signed_server`): every view renders without an exception
and without WCAG violations, the register's downloads hold names only for those who may see
them, and a coordinator's change of an activity's status is still there after a reload.

`signed_server` is shared by the whole session: the status test puts the activity back as it
found it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import USERS, screenshot, wait_for_run
from tests.browser.test_accessibility_browser import axe_violations
from tests.browser.test_roles_browser import _download_text, _page_as
from tests.engine import sql

pytestmark = pytest.mark.browser

COORDINATOR = "koord@eksempel.no"
VIEWS = {
    "arsplan?ar=2026": "Årsplan",
    "arsplan?ar=2026&del=aktiviteter": "Årsplan",
    "styringsorganer": "Styringsorganer",
    "styringsorganer?del=alle": "Styringsorganer",
}
FIRST = "2026-STAV-1.1-01"  # the plan's first activity (the default in the form)


def _register_people(demo_db: Path) -> dict[str, set[str]]:
    rows = sql(demo_db, "select coalesce(network_group, ''), name, email from governance_member")
    found: dict[str, set[str]] = {}
    for group, *values in rows:
        found.setdefault(group, set()).update(v for v in values if v)
    return found


def _exceptions(page: object) -> int:
    return page.locator("[data-testid='stException']").count()  # type: ignore[attr-defined]


@pytest.mark.parametrize("email", list(USERS))
def test_plan_and_register_render_for_each_role(
    signed_server: dict, browser: object, demo_db: Path, email: str
) -> None:
    role, groups = USERS[email]
    page = _page_as(browser)
    views = dict(VIEWS)
    if role == "koordinator":
        views["arsplan?ar=2026&del=oppdater"] = "Årsplan"
    found = {}
    for view, title in views.items():
        page.goto(f"{signed_server[email]}/{view}")  # type: ignore[attr-defined]
        wait_for_run(page)
        assert page.locator("h1", has_text=title).count() == 1, view  # type: ignore[attr-defined]
        assert _exceptions(page) == 0, view
        assert "Page not found" not in page.inner_text("body")  # type: ignore[attr-defined]
        page.wait_for_timeout(300)  # type: ignore[attr-defined]
        violations = axe_violations(page)
        if violations:
            found[view] = violations
        screenshot(page, f"styring_{role}_{view.replace('?', '_').replace('&', '_')}")
    assert not found, found
    # The plan is there for everyone: its first delmål and activity, with status words.
    page.goto(f"{signed_server[email]}/arsplan?ar=2026")  # type: ignore[attr-defined]
    wait_for_run(page)
    item = page.locator(f"[id='act-{FIRST}']")  # type: ignore[attr-defined]
    assert item.count() == 1 and "Tema for årlig fagdag" in item.inner_text()
    # The register's whole table, downloaded: names only where the role may see them.
    people = _register_people(demo_db)
    everyone = set().union(*people.values())
    page.goto(f"{signed_server[email]}/styringsorganer?del=alle")  # type: ignore[attr-defined]
    wait_for_run(page)
    button = page.get_by_role("button", name="Last ned CSV").first  # type: ignore[attr-defined]
    text = _download_text(page, button)
    shown = {p for p in everyone if p in text}
    if role == "styringsgruppe":
        assert not shown
    elif role == "nettverksleder":
        assert shown == people[groups]
    else:
        assert shown == everyone
    assert "Sykepleiernettverket" in text  # the structure is there for every role
    page.context.close()  # type: ignore[attr-defined]


def _status_box(page: object) -> object:
    return page.locator("[data-testid='stForm'] [data-testid='stSelectbox']")  # type: ignore[attr-defined]


def _status(page: object) -> str:
    """The status the form shows (the combobox's value)."""
    return _status_box(page).locator("input").input_value()  # type: ignore[attr-defined]


def _set_status(page: object, label: str, note: str) -> None:
    """Choose a status and a note in the form and save, as a person does."""
    _status_box(page).click()  # type: ignore[attr-defined]
    page.get_by_role("option", name=label, exact=True).click()  # type: ignore[attr-defined]
    page.locator("[data-testid='stForm'] textarea").fill(note)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Lagre").click()  # type: ignore[attr-defined]
    saved = page.locator("[data-testid='stAlertContentSuccess']", has_text="Lagret:")  # type: ignore[attr-defined]
    saved.wait_for(timeout=30_000)
    wait_for_run(page)


def test_coordinator_changes_a_status_and_sees_it_after_reload(
    signed_server: dict, browser: object
) -> None:
    page = _page_as(browser)
    url = f"{signed_server[COORDINATOR]}/arsplan?ar=2026&del=oppdater"
    page.goto(url)  # type: ignore[attr-defined]
    wait_for_run(page)
    original = _status(page)
    assert original in ("✔ Gjennomført", "◐ Pågår", "○ Planlagt", "✖ Utgår")
    wanted = "◐ Pågår" if original != "◐ Pågår" else "○ Planlagt"
    _set_status(page, wanted, "Endret i nettleseren")
    # A reload is a new session: what it shows comes from the database.
    page.reload()  # type: ignore[attr-defined]
    wait_for_run(page)
    assert _status(page) == wanted
    page.goto(f"{signed_server[COORDINATOR]}/arsplan?ar=2026&del=plan")  # type: ignore[attr-defined]
    wait_for_run(page)
    item = page.locator(f"[id='act-{FIRST}']").inner_text()  # type: ignore[attr-defined]
    assert wanted in item and "Endret i nettleseren" in item
    assert _exceptions(page) == 0
    screenshot(page, "styring_koordinator_endret_status")
    # Put it back as it was, for the other tests on this shared server.
    page.goto(url)  # type: ignore[attr-defined]
    wait_for_run(page)
    _set_status(page, original, "")
    page.reload()  # type: ignore[attr-defined]
    wait_for_run(page)
    assert _status(page) == original
    page.context.close()  # type: ignore[attr-defined]
