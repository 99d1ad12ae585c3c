"""Page runs in Streamlit's AppTest, in a process of their own (run by bench/run.py):

- warm: every page (default selection, a narrowed one, each section) rerun in the same session
  after a warm-up, the median of several runs, each run next to a run of the empty page
  (bench/empty_app.py) in the same process, interleaved so both see the same machine; and the
  same for a page of the app's elements that does no work (bench/elements_app.py);
- first visit: a fresh AppTest (a new session) on a selection this process has not shown before,
  a municipality (its scorecard is among the prepared figures) and a municipality with a
  profession (a combination the prepared figures do not hold, counted on the spot).

Scripts are compiled once, as a server compiles them: AppTest otherwise makes a new script cache
for every run and compiles app.py and the page again each time (`compile_once`).

    .venv/bin/python -m bench.pages --db bench/data/national.lake --out FILE
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dashboard" / "ui" / "app.py"
EMPTY_APP = ROOT / "bench" / "empty_app.py"
ELEMENTS_APP = ROOT / "bench" / "elements_app.py"  # the app's elements, no work
PAGES = ("oversikt", "dekning", "oppmote", "rapportering", "ressurspersoner", "data", "admin")
SECTIONS = {
    "dekning": ("kommuner", "grupper", "enheter", "fysio", "slutter", "turnover"),
    "oppmote": ("arrangementer", "steder", "hvem", "premie", "ledere", "intro"),
    "rapportering": ("svar", "mangler"),
}


def compile_once() -> None:
    """One script cache for every AppTest run in this process, as a Streamlit server keeps one
    for its lifetime. AppTest makes a new one per run, so each run would compile app.py and the
    page file again (1–2 ms of the app's run, ~0.1 ms of the empty page's), a cost no server
    pays after its first run."""
    import streamlit.testing.v1.app_test as app_test
    import streamlit.testing.v1.local_script_runner as local_script_runner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared  # type: ignore[assignment,misc]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def new_app(script: Path, page: str | None, query: dict[str, str]) -> Any:
    """An AppTest (a new session) on a page with URL parameters."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(script), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    if page is not None:
        at.switch_page(f"app_pages/{page}.py")
    return at


def timed_run(at: Any) -> float:
    started = time.perf_counter()
    at.run()
    return time.perf_counter() - started


def problems(at: Any) -> list[str]:
    """Exceptions on the page, and errors it shows (st.error)."""
    found = [f"exception: {e.value}"[:300] for e in at.exception]
    return found + [f"error: {e.value}"[:200] for e in at.error]


def warm(
    page: str | None, query: dict[str, str], empty: Any, runs: int, script: Path = APP
) -> dict[str, Any]:
    """Median of `runs` reruns of one page after two warm-up runs, each beside an empty-page
    run."""
    at = new_app(script, page, query)
    at.run()
    at.run()
    app_times, floor_times = [], []
    for _ in range(runs):
        app_times.append(timed_run(at))
        floor_times.append(timed_run(empty))
    app_ms, floor_ms = ms(statistics.median(app_times)), ms(statistics.median(floor_times))
    return {
        "query": query,
        "median_ms": app_ms,
        "max_ms": ms(max(app_times)),
        "floor_ms": floor_ms,
        "ratio": round(app_ms / floor_ms, 1) if floor_ms else None,
        "problems": problems(at),
    }


def first_visit(page: str, query: dict[str, str]) -> dict[str, Any]:
    """A new session's first run of a page on a selection not shown before in this process."""
    started = time.perf_counter()
    at = new_app(APP, page, query)
    at.run()
    return {
        "query": query,
        "ms": ms(time.perf_counter() - started),
        "problems": problems(at),
    }


def places(db: Path) -> tuple[list[str], list[str]]:
    """Network groups (nurses first) and municipality numbers in the database."""
    from dashboard.engine.database import Database

    with Database(db).read() as con:
        groups = [
            r[0]
            for r in con.execute(
                "select code from network_group order by network = 'sykepleier' desc, code"
            ).fetchall()
        ]
        numbers = [r[0] for r in con.execute("select number from municipality").fetchall()]
    return groups, numbers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--first-visits", type=int, default=3)
    parser.add_argument("--pages", default=",".join(PAGES), help="page files, comma-separated")
    args = parser.parse_args()
    pages = args.pages.split(",")
    compile_once()
    os.environ["DASHBOARD_LAKE"] = str(args.db.resolve())
    os.environ["DASHBOARD_DEMO"] = "1"
    groups, numbers = places(args.db)
    group = "hbergen-G1" if "hbergen-G1" in groups else groups[0]
    last_year = str(dt.date.today().year - 1)
    narrowed = {"gruppe": group, "ar": last_year}
    started = time.perf_counter()

    # Warm the process: every page once, as a server is after its first visitors.
    for page in pages:
        new_app(APP, page, {}).run()
    empty = new_app(EMPTY_APP, None, {})
    empty.run()
    empty.run()

    result: dict[str, Any] = {"group": group, "narrowed": narrowed, "runs": args.runs}
    result["warm"] = {
        page: {
            "default": warm(page, {}, empty, args.runs),
            "narrowed": warm(page, narrowed, empty, args.runs),
        }
        for page in pages
    }
    result["elements_page"] = warm(None, {}, empty, args.runs, script=ELEMENTS_APP)
    print(f"pages: warm runs done ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    result["sections"] = {
        f"{page}/{section}": warm(page, {"del": section}, empty, args.runs)
        for page, sections in SECTIONS.items()
        for section in sections
    }
    print(f"pages: sections done ({time.perf_counter() - started:.0f} s)", file=sys.stderr)

    # First visits: municipalities never shown in this process (the warm runs used a group),
    # each followed by a fresh AppTest of the empty page, the floor.
    rng = random.Random(14)
    unseen = rng.sample(numbers, k=len(numbers))
    first: dict[str, Any] = {
        "municipality": {},
        "municipality_profession": {},
        "municipalities_reused": False,
    }
    floor: list[float] = []
    for page in pages:
        for kind in ("municipality", "municipality_profession"):
            visits = []
            for _ in range(args.first_visits):
                if not unseen:  # a small database: seen before after all, and said so
                    first["municipalities_reused"] = True
                    unseen = rng.sample(numbers, k=len(numbers))
                query = {"kommune": unseen.pop()}
                if kind == "municipality_profession":
                    query["yrke"] = "fysioterapeut"
                visits.append(first_visit(page, query))
                begun = time.perf_counter()
                new_app(EMPTY_APP, None, {}).run()
                floor.append(ms(time.perf_counter() - begun))
            times = [v["ms"] for v in visits]
            first[kind][page] = {
                "median_ms": statistics.median(times),
                "max_ms": max(times),
                "visits": visits,
            }
    first["floor_ms"] = statistics.median(floor)
    result["first_visit"] = first
    result["seconds"] = round(time.perf_counter() - started, 1)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
