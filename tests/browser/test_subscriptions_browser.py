"""«Abonner på denne visningen» in a real browser: a network-group leader, signed in through the
identity proxy, subscribes from a page with a selection, finds the subscription on the
subscriptions page, and stops it there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import screenshot, signed_in, wait_for_run
from tests.engine import copy_lake, sql

pytestmark = pytest.mark.browser

LEADER = "nettverksleder@demo.eksempel.no"  # the demo's leader of SYK-SAND


@pytest.fixture(scope="module")
def served(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    path = Path(copy_lake(demo_db, tmp_path_factory.mktemp("abonnement") / "demo.lake"))
    with signed_in(path, [LEADER]) as urls:
        yield urls[LEADER], path


def _selection_keys(path: Path) -> list[tuple[str, str]]:
    return sql(
        path,
        "select selection_key, frequency from subscription where email = $e order by 1, 2",
        {"e": LEADER},
    )


def test_subscribe_from_a_page_then_see_and_stop_it(
    served: tuple[str, Path], browser: object
) -> None:
    url, path = served
    before = _selection_keys(path)
    context = browser.new_context(viewport={"width": 1400, "height": 2000}, locale="nb-NO")  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{url}/dekning?gruppe=SYK-SAND&kommune=1108")
    wait_for_run(page)
    page.get_by_text("Abonner på denne visningen").click()
    page.get_by_text("Indikatorene hver måned").click()
    page.get_by_role("button", name="Abonner", exact=True).click()
    page.get_by_text("Abonnementet er lagret").wait_for(timeout=30_000)
    after = _selection_keys(path)
    assert set(after) - set(before) == {("network_group=SYK-SAND&municipality=1108", "monthly")}

    page.locator("[data-testid='stSidebarNav'] a", has_text="Abonnementer").click()
    page.wait_for_url("**/abonnementer**", timeout=15_000)
    wait_for_run(page)
    assert "Du har ingen abonnementer" not in page.inner_text("body")
    choice = page.get_by_label("Avslutt et abonnement")
    choice.click()
    option = page.get_by_role("option", name="Indikatorene hver måned – Sandnes + SUS, Sandnes")
    option.click()
    screenshot(page, "abonnementer_leder")
    page.get_by_role("button", name="Avslutt", exact=True).click()
    # The click's run may not have started when wait_for_run looks (a busy machine): the stop
    # is awaited in the lake itself, for up to 20 s.
    for _ in range(40):
        wait_for_run(page)
        if set(_selection_keys(path)) == set(before):
            break
        page.wait_for_timeout(500)
    assert set(_selection_keys(path)) == set(before)
    context.close()
