"""The benchmark (`make bench`): figures, not pass/fail. Every figure is measured beside its floor,
the empty page (bench/empty_app.py, `st.write("hei")`) measured the same way in the same run, and
printed next to its goal (issue 14). Writes bench/results.json (every figure and the machine) and
bench/RESULTS.md (the headline table for docs/bench.md).

1. warm page runs (AppTest, national data, bench/pages.py): each page, default and narrowed
   selection and each section, median of reruns after a warm-up, as a multiple of the empty page
   (goal ≤ 3×). Here, on a real server and in chromium a second floor is measured too, a page of
   the app's elements that does no work (bench/elements_app.py): what Streamlit's drawing of
   those elements costs, whatever the app does;
2. first visit on a selection the process has not shown (a fresh AppTest; goal ≤ 300 ms);
3. load at protocol level (bench/load.py): people who open the app on a selection of their own,
   change a filter, follow a link to another page, open a section and rerun, thinking 5 s ± 50 %
   between actions; demo and national data; 1 process with 50 sessions and 2 processes behind
   HAProxy on a shared store with 100; the empty page under the same load (goals: p95 ≤ 2× the
   empty page's, 0 errors); before each one-process load, the server CPU a warm rerun of each
   page costs (one session), a figure other work on the machine does not disturb, also against
   the empty page without Streamlit's post-run garbage collection (the app does not pay it);
4. memory per server process under that load (goal ≤ 400 MB);
5. one person in headless chromium, demo data: how long each page takes to settle (goal ≤ 2×);
6. indicator queries, cold start to the first answered page, data imports (bench/figures.py).
7. writes: sixty check-ins from two processes at once while a third process reads what a page
   reads, demo and national (bench/writes.py; goals: p95 ≤ 0.5 s, max ≤ 2 s, a read ≤ 0.5 s).

Every server, the empty page's too, is started as the app is (dashboard/ui/server.py: Streamlit
with Nagle's algorithm off on its sockets).

Databases are built into bench/data/ (git-ignored) when missing; logs of every server go to
bench/data/logs/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import Any

from bench.browser import map_times, settle_times
from bench.load import PAGES, Choices, load, page_paths, rerun_cpu_ms, visit_once
from bench.report import markdown, print_report
from bench.report_format import ratio
from bench.servers import (
    Deployment,
    MemoryWatch,
    cpu_seconds,
    load_average,
    machine_cpu_seconds,
    one_process,
    two_processes,
)
from bench.writes import lake as writes_lake
from bench.writes import report as writes_report
from dashboard.engine.database import Database

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = BENCH / "data"
LOGS = DATA / "logs"
SERVED = DATA / "served"
APP = ROOT / "dashboard" / "ui" / "app.py"
EMPTY_APP = BENCH / "empty_app.py"
ELEMENTS_APP = BENCH / "elements_app.py"  # the app's elements and no work: the second floor
PY = sys.executable

# scale:processes:sessions. Add national:1:100 (about 4 min more) to see one process drown.
DEFAULT_SCENARIOS = "demo:1:50,demo:2:100,national:1:50,national:2:100"
STARTED = time.monotonic()


def say(message: str) -> None:
    """Progress, with the minutes since the start."""
    minutes, seconds = divmod(int(time.monotonic() - STARTED), 60)
    print(f"[{minutes:2d}:{seconds:02d}] {message}", flush=True)


def machine() -> dict[str, Any]:
    """Where and when: platform, CPUs, versions, the commit and how busy the machine was."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    return {
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "streamlit": metadata.version("streamlit"),
        "duckdb": metadata.version("duckdb"),
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "git_commit": git("rev-parse", "--short", "HEAD"),
        "git_uncommitted_files": len(git("status", "--porcelain").splitlines()),
        "load_average_at_start": load_average(),
    }


def database(scale: str) -> Path:
    """bench/data/<scale>.lake, built by the product's own command when missing and read once
    (schema and prepared figures up to date), not by every server started on a copy of it."""
    return writes_lake(scale)


def part(script: str, *args: str) -> dict[str, Any]:
    """A part measured in a process of its own; {"error": ...} when it fails, so one broken
    part does not lose the others."""
    out = DATA / f"part-{script.removesuffix('.py')}.json"
    out.unlink(missing_ok=True)
    started = time.perf_counter()
    done = subprocess.run(
        [PY, "-m", f"bench.{script.removesuffix('.py')}", *args, "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 or not out.exists():
        tail = done.stderr.strip().splitlines()[-8:]
        say(f"{script} {' '.join(args)} failed: {' | '.join(tail)}")
        return {"error": "\n".join(tail)}
    result = json.loads(out.read_text())
    out.unlink()
    result["part_seconds"] = round(time.perf_counter() - started, 1)
    return result


def choices_for(db: Path) -> Choices:
    """Every network group and municipality, and the last three years up to this one."""
    with Database(db).read() as con:
        groups = tuple(r[0] for r in con.execute("select code from network_group").fetchall())
        numbers = tuple(r[0] for r in con.execute("select number from municipality").fetchall())
        years = [
            int(r[0])
            for r in con.execute(
                "select distinct year(event_date) from event where year(event_date) <= $y",
                {"y": dt.date.today().year},
            ).fetchall()
        ]
    return Choices(groups, numbers, tuple(sorted(years)[-3:]))


def served_copy(db: Path, scale: str, processes: int) -> Path:
    """A fresh copy of the lake for the servers (one lake, however many processes serve it):
    nothing a previous run wrote carries over."""
    SERVED.mkdir(parents=True, exist_ok=True)
    copy = SERVED / f"{scale}.lake"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(db, copy)
    return copy


def run_load(
    deployment: Deployment,
    script: Path,
    sessions: int,
    choices: Choices,
    pages: tuple[str, ...],
    args: argparse.Namespace,
) -> dict[str, Any]:
    """Cold start, warm-up, then the load with memory and CPU watched."""
    first = visit_once(deployment.url, timeout=120)
    figures: dict[str, Any] = {
        "health_s": round(deployment.health_s, 2),
        "first_page_s": round(time.perf_counter() - deployment.started_at, 2),
        "first_page_ok": first.ok,
    }
    for backend in deployment.backend_urls:  # as after the first few visitors
        for page in pages if script == APP else ("", ""):
            visit_once(backend, page, timeout=120)
    if len(deployment.pids) == 1:  # a rerun's cost to the process, before any load
        pid = deployment.pids[0]
        figures["rerun_cpu_ms"] = rerun_cpu_ms(
            deployment.url, pages if script == APP else ("",), lambda: cpu_seconds(pid)
        )
    figures["memory_before_load"] = deployment.memory()
    cpu_before, own_before = deployment.cpu(), time.process_time()
    machine_before = machine_cpu_seconds()
    with MemoryWatch(deployment.pids) as watch:
        summary = load(
            deployment.url,
            sessions,
            choices,
            pages=pages,
            think=args.think,
            visits=args.visits,
            timeout=args.timeout,
            max_seconds=args.max_seconds,
        )
    cpu_used = [
        round(after - before, 1) for before, after in zip(cpu_before, deployment.cpu(), strict=True)
    ]
    memory = deployment.memory()
    summary.update(figures)
    summary["memory_after_load"] = memory
    summary["peak_rss_mb"] = [m["peak_rss_mb"] for m in memory]
    summary["peak_rss_during_load_mb"] = watch.peak
    summary["server_cpu_s"] = cpu_used
    summary["load_generator_cpu_s"] = round(time.process_time() - own_before, 1)
    # What else ran on the machine meanwhile (other people's tests, HAProxy, the kernel).
    machine_used = machine_cpu_seconds() - machine_before
    summary["machine_cpu_s"] = round(machine_used, 1)
    summary["other_cpu_s"] = round(
        machine_used - sum(cpu_used) - summary["load_generator_cpu_s"], 1
    )
    summary["server_exceptions_logged"] = dict(deployment.exceptions().most_common(10))
    summary["load_average_after"] = load_average()
    return summary


def floor_without_collection(db: Path) -> dict[str, Any]:
    """The server CPU of a warm rerun with Streamlit's post-run garbage collection off
    (`runner.postScriptGC`), of the empty page and of the page of the app's elements that does
    no work: what a rerun costs Streamlit itself. The empty page as shipped pays ~20 ms a run for
    that collection; the app does not (it freezes what survives each run,
    dashboard/ui/components/memory.py), so these are the floors its page scripts compare with."""
    served = served_copy(db, "floor", 1)
    flags = ("--runner.postScriptGC", "false")
    result: dict[str, Any] = {"flags": list(flags)}
    for name, script in (("rerun_cpu_ms", EMPTY_APP), ("elements_rerun_cpu_ms", ELEMENTS_APP)):
        with one_process(script, served, LOGS / f"floor-{script.stem}.log", *flags) as server:
            for _ in range(2):
                visit_once(server.url, timeout=120)
            cpu = partial(cpu_seconds, server.pids[0])
            result[name] = rerun_cpu_ms(server.url, ("",), cpu, reruns=100)[""]
    return result


def load_scenario(
    scenario: str, db: Path, pages: tuple[str, ...], args: argparse.Namespace
) -> dict[str, Any]:
    """`scale:processes:sessions`: the app and then the empty page, each on fresh servers,
    under the same load."""
    scale, processes_text, sessions_text = scenario.split(":")
    processes, sessions = int(processes_text), int(sessions_text)
    choices = choices_for(db)
    result: dict[str, Any] = {"scale": scale, "processes": processes, "sessions": sessions}
    for label, script in (("app", APP), ("empty_page", EMPTY_APP)):
        name = f"{scale}-{processes}p-{sessions}-{label}"
        served = served_copy(db, scale, processes)
        try:
            if processes == 1:
                servers = one_process(script, served, LOGS / f"{name}.log")
            else:
                servers = two_processes(script, served, LOGS, name)
            with servers as deployment:
                result[label] = run_load(deployment, script, sessions, choices, pages, args)
        except Exception as error:  # a server that does not start: say so, go on
            result[label] = {"error": repr(error)}
        figures = result[label]
        if "error" in figures:
            say(f"load {name}: {figures['error']}")
        else:
            say(
                f"load {name}: p50 {figures['all']['p50_s']} s, p95 {figures['all']['p95_s']} s, "
                f"errors {figures['errors']}, {figures['actions_done']} actions, "
                f"peak RSS {figures['peak_rss_mb']} MB, {figures['wall_s']} s"
            )
    app, empty = result["app"], result["empty_page"]
    if "error" not in app and "error" not in empty:
        result["p95_ratio"] = ratio(app["all"]["p95_s"], empty["all"]["p95_s"])
        result["p50_ratio"] = ratio(app["all"]["p50_s"], empty["all"]["p50_s"])
        result["p95_ratio_per_action"] = {
            action: ratio(figures["p95_s"], empty["per_action"][action]["p95_s"])
            for action, figures in app["per_action"].items()
        }
    return result


def browser_part(db: Path, pages: tuple[str, ...], args: argparse.Namespace) -> dict[str, Any]:
    """Settle times of every page (demo data), of the empty page and of the page of the app's
    elements that does no work, one person, in turns."""
    served = served_copy(db, "demo-browser", 1)
    with (
        one_process(APP, served, LOGS / "browser-app.log") as app,
        one_process(EMPTY_APP, served, LOGS / "browser-empty.log") as empty,
        one_process(ELEMENTS_APP, served, LOGS / "browser-elements.log") as elements,
    ):
        targets = {"empty page": f"{empty.url}/", "elements page": f"{elements.url}/"}
        targets.update({page_file(page): f"{app.url}/{page}" for page in pages})
        times = settle_times(targets, loads=args.browser_loads)
        exceptions = dict(app.exceptions())
    floor = times.pop("empty page")
    elements_page = times.pop("elements page")
    for figures in (*times.values(), elements_page):
        figures["ratio"] = ratio(figures["median_ms"], floor["median_ms"])
    return {
        "floor": floor,
        "elements_page": elements_page,
        "pages": times,
        "server_exceptions_logged": exceptions,
    }


def map_part(db: Path, scale: str, args: argparse.Namespace) -> dict[str, Any]:
    """The coverage page's settle time, and how long its map takes to draw when its tab is
    opened, against the bar chart of the tab beside it (issue: the map's goal is ≤ 150 ms on
    the national data)."""
    served = served_copy(db, f"{scale}-map", 1)
    try:
        with one_process(APP, served, LOGS / f"map-{scale}.log") as app:
            return map_times(f"{app.url}/dekning", loads=max(args.browser_loads, 5))
    except Exception as error:
        return {"error": repr(error)}


def page_file(path: str) -> str:
    """A page's file name (app_pages/<name>.py) from its URL path; the start page is Oversikt."""
    return path or "oversikt"


def discover_pages(db: Path) -> tuple[str, ...]:
    """The pages the app offers in demo mode, from its navigation (new pages are measured too);
    the brief's list when that fails."""
    try:
        with one_process(APP, served_copy(db, "demo-pages", 1), LOGS / "pages.log") as server:
            found = tuple(page_paths(server.url))
    except Exception as error:
        say(f"could not read the pages from the app ({error!r}); using the known ones")
        return PAGES
    missing = [p for p in found if not (APP.parent / "app_pages" / f"{page_file(p)}.py").exists()]
    return tuple(p for p in found if p not in missing) or PAGES


def code_fingerprint() -> str:
    """A hash of the app's code and SQL: other people edit them while the benchmark runs."""
    digest = hashlib.sha256()
    for path in sorted([*(ROOT / "dashboard").rglob("*.py"), *(ROOT / "queries").rglob("*.sql")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--think", type=float, default=5.0, help="mean think time, s (± 50 %%)")
    parser.add_argument("--visits", type=int, default=2, help="visits of 5 actions per session")
    parser.add_argument("--timeout", type=float, default=30.0, help="a rerun slower is an error")
    parser.add_argument("--max-seconds", type=float, default=150.0, help="cap per load run")
    parser.add_argument("--scenarios", default=DEFAULT_SCENARIOS, help="scale:processes:sessions")
    parser.add_argument("--runs", type=int, default=7, help="AppTest reruns per page")
    parser.add_argument("--browser-loads", type=int, default=3)
    parser.add_argument(
        "--skip", default="", help="parts to skip: pages,load,browser,map,imports,writes"
    )
    parser.add_argument(
        "--report-only", action="store_true", help="rewrite RESULTS.md from results.json"
    )
    args = parser.parse_args()
    if args.report_only:
        results = json.loads((BENCH / "results.json").read_text())
        (BENCH / "RESULTS.md").write_text(markdown(results))
        print_report(results)
        return
    skip = set(args.skip.split(",")) - {""}
    LOGS.mkdir(parents=True, exist_ok=True)
    code_at_start = code_fingerprint()
    results: dict[str, Any] = {"machine": machine()}
    results["settings"] = {
        "think_s": args.think,
        "think_spread": "± 50 % (uniform)",
        "visits": args.visits,
        "actions_per_visit": 5,
        "timeout_s": args.timeout,
        "max_seconds_per_load_run": args.max_seconds,
        "apptest_runs": args.runs,
        "browser_loads": args.browser_loads,
        "scenarios": args.scenarios,
        "skipped": sorted(skip),
    }
    say(
        f"settings: think {args.think:g} s ± 50 %, {args.visits} visits × 5 actions per "
        f"session, timeout {args.timeout:g} s, each load run capped at {args.max_seconds:g} s "
        f"(shortened to keep `make bench` near 25 min); load average "
        f"{results['machine']['load_average_at_start']}"
    )
    dbs = {scale: database(scale) for scale in ("demo", "national")}
    for scale, db in dbs.items():
        prepared = part("figures.py", "prepare", "--db", str(db))
        say(f"{scale} database ready: {prepared}")
    pages = discover_pages(dbs["demo"])
    results["settings"]["pages"] = list(pages)
    say(f"pages: {', '.join(page_file(p) for p in pages)}")
    results["indicators"] = {
        scale: part("figures.py", "indicators", "--db", str(db)) for scale, db in dbs.items()
    }
    say("indicator queries done")
    if "pages" not in skip:
        results["pages"] = part(
            "pages.py",
            "--db",
            str(dbs["national"]),
            "--runs",
            str(args.runs),
            "--pages",
            ",".join(page_file(p) for p in pages),
        )
        say("AppTest page runs done")
    if "load" not in skip:
        results["floor_without_gc"] = floor_without_collection(dbs["demo"])
        results["load"] = {
            scenario: load_scenario(scenario, dbs[scenario.split(":")[0]], pages, args)
            for scenario in args.scenarios.split(",")
        }
    if "browser" not in skip:
        try:
            results["browser"] = browser_part(dbs["demo"], pages, args)
        except Exception as error:
            results["browser"] = {"error": repr(error)}
        say("chromium done")
    if "map" not in skip:
        results["map"] = {scale: map_part(db, scale, args) for scale, db in dbs.items()}
        say(f"map done: {results['map']}")
    if "imports" not in skip:
        results["imports"] = part("figures.py", "imports", "--db", str(dbs["national"]))
        say("imports done")
    if "writes" not in skip:
        results["writes"] = {
            scale: part("writes.py", "--scale", scale, "--db", str(db)) for scale, db in dbs.items()
        }
        for figures in results["writes"].values():
            if "error" not in figures:
                print(writes_report(figures), flush=True)
        say("writes done")
    results["machine"]["load_average_at_end"] = load_average()
    results["machine"]["bench_minutes"] = round((time.monotonic() - STARTED) / 60, 1)
    results["machine"]["app_code_changed_during_run"] = code_fingerprint() != code_at_start
    (BENCH / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    (BENCH / "RESULTS.md").write_text(markdown(results))
    print_report(results)
    say("wrote bench/results.json and bench/RESULTS.md")


if __name__ == "__main__":
    main()
