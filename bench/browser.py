"""One person in headless Debian chromium (Playwright): how long each page takes to settle, from
navigation start until the script has finished (`stApp` in state `notRunning`) and no skeleton
is left, read in the page as `performance.now()`."""

from __future__ import annotations

import statistics
from typing import Any

from tests.serving import CHROMIUM, CHROMIUM_ARGS

# Settled: the milliseconds since navigation start; false while the page is still working.
SETTLED = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") { return false; }
  if (document.querySelector("[data-testid='stSkeleton']")) { return false; }
  return performance.now();
}"""

# An exception on the page, or an error the app shows (st.error).
PROBLEMS = "[data-testid='stException'], [data-testid='stAlertContentError']"


def settle_times(targets: dict[str, str], loads: int = 3) -> dict[str, Any]:
    """For each named URL: one warm-up load, then `loads` loads taken in turns with the other
    URLs (so each sees the same machine), each in a new tab; the median settle time."""
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {name: [] for name in targets}
    problems: dict[str, int] = {name: 0 for name in targets}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 2000}, locale="nb-NO")
        try:
            for round_number in range(loads + 1):
                for name, url in targets.items():
                    page = context.new_page()
                    try:
                        page.goto(url, wait_until="commit", timeout=60_000)
                        settled = page.wait_for_function(SETTLED, polling="raf", timeout=60_000)
                        elapsed = float(settled.json_value())
                        problems[name] += page.locator(PROBLEMS).count()
                    finally:
                        page.close()
                    if round_number > 0:  # the first round warms the server and the cache
                        times[name].append(elapsed)
        finally:
            context.close()
            browser.close()
    return {
        name: {
            "median_ms": round(statistics.median(values)),
            "max_ms": round(max(values)),
            "loads_ms": [round(v) for v in values],
            "problems_seen": problems[name],
        }
        for name, values in times.items()
    }


# A tab's chart drawn: the open tab's Vega chart (SVG) holds its marks (`mark`: the municipalities'
# shapes of the map, the bars of the bar chart).
DRAWN = """mark => {
  const panel = document.querySelector("[role='tabpanel']");
  const marks = panel && panel.querySelectorAll(`g.mark-${mark} path`).length;
  return marks > 0 ? performance.now() : false;
}"""


def map_times(url: str, loads: int = 3) -> dict[str, Any]:
    """The coverage page (`url`): its settle time; how long from a click on its «Kart» tab until
    the map is drawn, and from a click back on «Diagram» until its bar chart is drawn again (a
    floor: what any chart in a tab costs). One warm-up load, then `loads` loads, each in a new
    tab (the boundaries come from the browser's cache after the first)."""
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {"settle": [], "map": [], "bars": []}

    def clicked_until(page: Any, tab: str, mark: str) -> float:
        started = float(page.evaluate("() => performance.now()"))
        page.get_by_role("tab", name=tab).click()
        drawn = page.wait_for_function(DRAWN, arg=mark, polling="raf", timeout=60_000)
        return float(drawn.json_value()) - started

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 2000}, locale="nb-NO")
        try:
            for round_number in range(loads + 1):
                page = context.new_page()
                try:
                    page.goto(url, wait_until="commit", timeout=60_000)
                    settled = page.wait_for_function(SETTLED, polling="raf", timeout=60_000)
                    map_ms = clicked_until(page, "Kart", "shape")
                    bars_ms = clicked_until(page, "Diagram", "rect")
                    if round_number > 0:
                        times["settle"].append(float(settled.json_value()))
                        times["map"].append(map_ms)
                        times["bars"].append(bars_ms)
                finally:
                    page.close()
        finally:
            context.close()
            browser.close()
    return {
        "settle_median_ms": round(statistics.median(times["settle"])),
        "map_median_ms": round(statistics.median(times["map"])),
        "map_max_ms": round(max(times["map"])),
        "bars_median_ms": round(statistics.median(times["bars"])),
        "map_loads_ms": [round(v) for v in times["map"]],
    }
