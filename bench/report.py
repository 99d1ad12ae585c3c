"""The benchmark's report: bench/RESULTS.md (the headline figures, for docs/bench.md) and the console
print-out with each goal beside its measured ratio, both from the results bench/run.py measured
(written as bench/report_format.py writes a figure)."""

from __future__ import annotations

import statistics
from typing import Any

from bench.report_format import (
    GOAL_BROWSER,
    GOAL_FIRST_VISIT_MS,
    GOAL_LOAD_P95,
    GOAL_MAP_MS,
    GOAL_MEMORY_MB,
    GOAL_WARM,
    Row,
    cpu_per_action_ms,
    fmt,
    goal,
    load_runs,
    other_share,
    problems_text,
    query_text,
    ratio,
    where,
)


def _elements_row(what: str, figures: dict[str, Any], seconds: bool = False) -> Row:
    """The page of the app's elements that does no work (bench/elements_app.py) beside the empty
    page: the part of a page's figure that is Streamlit drawing its elements."""
    measured, floor = figures["median_ms"], figures["floor_ms"]
    shown = (lambda v: f"{v / 1000:.2f} s") if seconds else (lambda v: f"{v:.1f} ms")
    return (
        f"A page of the app's elements that does no work (bench/elements_app.py): {what}",
        shown(measured),
        shown(floor),
        f"{measured / floor:.1f}×",
        "(a floor)",
    )


def headline(results: dict[str, Any]) -> list[Row]:
    """(figure, measured, empty page, ratio, goal) rows of the headline table."""
    rows: list[Row] = []
    pages = results.get("pages", {})
    if "warm" in pages:
        for kind in ("default", "narrowed"):
            runs = {page: v[kind] for page, v in pages["warm"].items()}
            slowest = max(runs, key=lambda p: runs[p]["ratio"] or 0)
            floor = statistics.median(r["floor_ms"] for r in runs.values())
            typical = statistics.median(r["median_ms"] for r in runs.values())
            rows.append(
                (
                    f"Warm page run (AppTest), national, {query_text(runs[slowest]['query'])}: "
                    "median of pages (slowest)",
                    f"{typical:.1f} ms ({runs[slowest]['median_ms']:.1f} ms {slowest})",
                    f"{floor:.1f} ms",
                    f"{typical / floor:.1f}× ({runs[slowest]['ratio']:.1f}×)",
                    f"≤ {GOAL_WARM:g}×",
                )
            )
        if "elements_page" in pages:
            rows.append(_elements_row("AppTest warm run", pages["elements_page"]))
        sections = pages["sections"]
        slowest = max(sections, key=lambda s: sections[s]["ratio"] or 0)
        rows.append(
            (
                "Warm section run (AppTest), national: slowest section",
                f"{sections[slowest]['median_ms']:.1f} ms ({slowest})",
                f"{sections[slowest]['floor_ms']:.1f} ms",
                f"{sections[slowest]['ratio']:.1f}×",
                f"≤ {GOAL_WARM:g}×",
            )
        )
    floors = results.get("floor_without_gc", {})  # the empty page and the page of elements
    for scenario in load_runs(results):
        app, empty = scenario["app"], scenario["empty_page"]
        if "rerun_cpu_ms" not in app or "rerun_cpu_ms" not in empty:
            continue
        costs = app["rerun_cpu_ms"]
        slowest = max(costs, key=costs.__getitem__)
        typical = statistics.median(costs.values())
        floor = next(iter(empty["rerun_cpu_ms"].values()))
        rows.append(
            (
                f"Warm rerun on a real server, {scenario['scale']}, one session: server CPU per "
                "rerun, median of pages (slowest)",
                f"{typical:.0f} ms ({costs[slowest]:.0f} ms {slowest or 'oversikt'})",
                f"{floor:.0f} ms",
                f"{typical / floor:.1f}× ({costs[slowest] / floor:.1f}×)",
                f"≤ {GOAL_WARM:g}×",
            )
        )
        bare = floors.get("rerun_cpu_ms")
        if bare:
            rows.append(
                (
                    f"… the same, against the empty page without Streamlit's post-run garbage "
                    f"collection (the app does not pay it either), {scenario['scale']}",
                    f"{typical:.0f} ms ({costs[slowest]:.0f} ms {slowest or 'oversikt'})",
                    f"{bare:.1f} ms",
                    f"{typical / bare:.1f}× ({costs[slowest] / bare:.1f}×)",
                    f"≤ {GOAL_WARM:g}×",
                )
            )
    if floors.get("elements_rerun_cpu_ms") and floors.get("rerun_cpu_ms"):
        rows.append(
            _elements_row(
                "server CPU per warm rerun, without post-run garbage collection",
                {"median_ms": floors["elements_rerun_cpu_ms"], "floor_ms": floors["rerun_cpu_ms"]},
            )
        )
    if "warm" in pages:
        first = pages["first_visit"]
        for kind, label in (
            ("municipality", "a municipality not shown before"),
            ("municipality_profession", "a municipality + profession (not prepared)"),
        ):
            visits = first[kind]
            slowest = max(visits, key=lambda p: visits[p]["median_ms"])
            typical = statistics.median(v["median_ms"] for v in visits.values())
            rows.append(
                (
                    f"First visit (fresh AppTest), national, {label}: median of pages (slowest)",
                    f"{typical:.0f} ms ({visits[slowest]['median_ms']:.0f} ms {slowest})",
                    f"{first['floor_ms']:.0f} ms",
                    "",
                    f"≤ {GOAL_FIRST_VISIT_MS:g} ms",
                )
            )
    for scenario in load_runs(results):
        app, empty = scenario["app"], scenario["empty_page"]
        rows.append(
            (
                f"Load p95 (p50), {where(scenario)}",
                f"{fmt(app['all']['p95_s'], ' s', 2)} ({fmt(app['all']['p50_s'], ' s', 2)}), "
                f"{app['errors']} errors{problems_text(app)}",
                f"{fmt(empty['all']['p95_s'], ' s', 2)} ({fmt(empty['all']['p50_s'], ' s', 2)}), "
                f"{empty['errors']} errors",
                fmt(scenario.get("p95_ratio"), "×", 1),
                f"≤ {GOAL_LOAD_P95:g}×, 0 errors",
            )
        )
    by_scale: dict[str, list[dict[str, Any]]] = {}
    for scenario in load_runs(results):
        by_scale.setdefault(scenario["scale"], []).append(scenario)
    for scale, runs in by_scale.items():
        rows.append(
            (
                f"Peak memory per process (VmHWM), {scale}, processes × sessions "
                + " / ".join(f"{s['processes']} × {s['sessions']}" for s in runs),
                " / ".join(", ".join(f"{m:.0f}" for m in s["app"]["peak_rss_mb"]) for s in runs)
                + " MB",
                " / ".join(
                    ", ".join(f"{m:.0f}" for m in s["empty_page"]["peak_rss_mb"]) for s in runs
                )
                + " MB",
                "",
                f"≤ {GOAL_MEMORY_MB:g} MB",
            )
        )
    browser = results.get("browser", {})
    if "pages" in browser:
        settle = browser["pages"]
        slowest = max(settle, key=lambda p: settle[p]["median_ms"])
        typical = statistics.median(v["median_ms"] for v in settle.values())
        floor = browser["floor"]["median_ms"]
        rows.append(
            (
                "Chromium settle, demo, one person: median of pages (slowest)",
                f"{typical / 1000:.2f} s ({settle[slowest]['median_ms'] / 1000:.2f} s {slowest})",
                f"{floor / 1000:.2f} s",
                f"{typical / floor:.1f}× ({settle[slowest]['ratio']:.1f}×)",
                f"≤ {GOAL_BROWSER:g}×",
            )
        )
        if "elements_page" in browser:
            elements = browser["elements_page"]
            rows.append(
                _elements_row("chromium settle", {**elements, "floor_ms": floor}, seconds=True)
            )
    for scale, drawn in results.get("map", {}).items():
        if "map_median_ms" in drawn:
            rows.append(
                (
                    f"Coverage map, {scale}: its tab opened until drawn, median (slowest); the bar "
                    "chart's tab beside it; the page's settle (the map adds no work to it: a tab "
                    "is drawn when opened)",
                    f"{drawn['map_median_ms']} ms ({drawn['map_max_ms']} ms); "
                    f"bars {drawn['bars_median_ms']} ms; settle {drawn['settle_median_ms']} ms",
                    "",
                    f"+{drawn['map_median_ms'] - drawn['bars_median_ms']} ms over the bars",
                    f"≤ {GOAL_MAP_MS} ms" if scale == "national" else "",
                )
            )
    cold: dict[str, list[float]] = {}
    empty_cold: list[float] = []
    for scenario in load_runs(results):
        if scenario["processes"] == 1:
            cold.setdefault(scenario["scale"], []).append(scenario["app"]["first_page_s"])
            empty_cold.append(scenario["empty_page"]["first_page_s"])
    if cold:
        rows.append(
            (
                "Cold start to the first answered page (median), " + " / ".join(cold),
                " / ".join(f"{statistics.median(v):.1f}" for v in cold.values()) + " s",
                f"{statistics.median(empty_cold):.1f} s",
                "",
                "",
            )
        )
    indicators = results.get("indicators", {})
    if indicators and all("median_ms" in v for v in indicators.values()):
        rows.append(
            (
                "Indicator query, " + " / ".join(indicators) + ": median (slowest)",
                " / ".join(
                    f"{v['median_ms']:.1f} ({v['slowest_ms']:.0f})" for v in indicators.values()
                )
                + " ms",
                "",
                "",
                "",
            )
        )
    imports = results.get("imports", {})
    if "member_10k_s" in imports:
        rows.append(
            (
                "Import into national, 10 000 members / 100 000 attendance rows (each with the "
                "refresh of prepared figures; the refresh alone)",
                f"{imports['member_10k_s']:.1f} / {imports['attendance_100k_s']:.1f} s "
                f"({imports['refresh_prepared_figures_s']:.1f} s)",
                "",
                "",
                "",
            )
        )
    return rows


def load_rows(results: dict[str, Any]) -> list[Row]:
    """(load, app p50 / p95, empty p50 / p95, p95 ratio, errors, CPU per action, other work)."""
    cpus = results["machine"]["cpus"]
    rows: list[Row] = []
    for scenario in load_runs(results):
        app, empty = scenario["app"], scenario["empty_page"]
        rows.append(
            (
                where(scenario),
                f"{fmt(app['all']['p50_s'], '', 2)} / {fmt(app['all']['p95_s'], ' s', 2)}",
                f"{fmt(empty['all']['p50_s'], '', 2)} / {fmt(empty['all']['p95_s'], ' s', 2)}",
                fmt(scenario.get("p95_ratio"), "×", 1),
                f"{app['errors']}{problems_text(app)} / {empty['errors']}",
                f"{fmt(cpu_per_action_ms(app), ' ms')} / {fmt(cpu_per_action_ms(empty), ' ms')}",
                f"{fmt(other_share(app, cpus), ' %')} / {fmt(other_share(empty, cpus), ' %')}",
            )
        )
    return rows


def per_page(results: dict[str, Any]) -> list[Row]:
    """(page, warm default, warm narrowed, first visit, server CPU per rerun, chromium settle)
    per page."""
    pages = results.get("pages", {})
    settle = results.get("browser", {}).get("pages", {})
    rerun: dict[str, float] = {}
    floor = None
    for scenario in load_runs(results):
        if scenario["scale"] == "national" and "rerun_cpu_ms" in scenario["app"]:
            rerun = {p or "oversikt": v for p, v in scenario["app"]["rerun_cpu_ms"].items()}
            floor = next(iter(scenario["empty_page"].get("rerun_cpu_ms", {}).values()), None)
    names = list(pages.get("warm", {})) or list(settle)
    rows: list[Row] = []
    for page in names:
        warm = pages.get("warm", {}).get(page, {})
        first = pages.get("first_visit", {}).get("municipality", {}).get(page, {})
        browser = settle.get(page, {})
        rows.append(
            (
                page,
                *(
                    f"{fmt(warm.get(k, {}).get('median_ms'), ' ms', 1)} "
                    f"({fmt(warm.get(k, {}).get('ratio'), '×', 1)})"
                    for k in ("default", "narrowed")
                ),
                fmt(first.get("median_ms"), " ms"),
                f"{fmt(rerun.get(page), ' ms')} ({fmt(ratio(rerun.get(page), floor), '×', 1)})",
                f"{fmt(browser.get('median_ms'), ' ms')} ({fmt(browser.get('ratio'), '×', 1)})",
            )
        )
    return rows


def _table(header: Row, rows: list[Row]) -> list[str]:
    return [
        f"| {' | '.join(header)} |",
        "|" + "---|" * len(header),
        *(f"| {' | '.join(row)} |" for row in rows),
    ]


def markdown(results: dict[str, Any]) -> str:
    """bench/RESULTS.md: the headline figures, ready for docs/bench.md."""
    m, s = results["machine"], results["settings"]
    busy = [
        share
        for run in load_runs(results)
        for label in ("app", "empty_page")
        if (share := other_share(run[label], m["cpus"])) is not None
    ]
    changed = (
        " The app's code changed while the benchmark ran (other people's edits)."
        if m.get("app_code_changed_during_run")
        else ""
    )
    lines = [
        "<!-- Written by `make bench` (bench/run.py, bench/report.py) from bench/results.json. -->",
        f"Measured {m['date'][:16].replace('T', ' ')} on {m['cpus']} cores ({m['platform']}), "
        f"Python {m['python']}, Streamlit {m['streamlit']}, DuckDB {m['duckdb']}, commit "
        f"{m['git_commit']} with {m['git_uncommitted_files']} files changed. **The load "
        f"generator, the servers and chromium share the {m['cpus']} cores**, and other work "
        f"on the machine used {min(busy, default=0):.0f}–{max(busy, default=0):.0f} % of its "
        f"CPU during the load runs (load average {m['load_average_at_start']:.1f} at the "
        f"start).{changed} Every figure stands beside its floor, the empty page "
        '(`st.write("hei")`) measured the same way in the same run, served the same way '
        "(dashboard/ui/server.py: Streamlit with Nagle's algorithm off). Load: think time "
        f"{s['think_s']:g} s ± 50 %, {s['visits']} visits of 5 actions per session (open the "
        "app on a selection of one's own, change a filter, follow a link to another page, open "
        "a section, rerun), the browser's widget states sent with every rerun; an error is a "
        f"rerun not finished within {s['timeout_s']:g} s or showing an exception. "
        f"The whole run took {m.get('bench_minutes', '?')} min.",
        "",
        *_table(("figure", "measured", "empty page", "ratio", "goal"), headline(results)),
        "",
        "Load in detail (app / empty page). Server CPU per action is what one action costs a "
        "server process, whatever else the machine does: one process (one GIL) gives at most "
        "about 1000 / that many actions per second.",
        "",
        *_table(
            (
                "load",
                "app p50 / p95",
                "empty p50 / p95",
                "p95 ratio",
                "errors",
                "server CPU per action",
                "other work's CPU share",
            ),
            load_rows(results),
        ),
        "",
        "Per page (× the empty page): national AppTest runs, server CPU per warm rerun on a real "
        "national server (one session), demo in chromium:",
        "",
        *_table(
            (
                "page",
                "warm, default",
                "warm, narrowed",
                "first visit, new municipality",
                "server CPU per rerun",
                "chromium settle",
            ),
            per_page(results),
        ),
        "",
    ]
    return "\n".join(lines)


def print_report(results: dict[str, Any]) -> None:
    """Everything, each goal beside its measured ratio."""
    print("\n=== Headline (figure | measured | empty page | ratio | goal)")
    for row in headline(results):
        print(" | ".join(row))
    pages = results.get("pages", {})
    if "warm" in pages:
        print(f"\n=== 1. Warm page runs, national (AppTest, median of {pages['runs']} reruns)")
        print(f"{'page':<22}{'selection':<27}{'ms':>7}{'empty ms':>10}  ratio")
        runs = [
            (page, query_text(v["query"]), v)
            for page, k in pages["warm"].items()
            for v in k.values()
        ]
        runs += [(name, f"del={name.split('/')[1]}", v) for name, v in pages["sections"].items()]
        for name, selection, v in runs:
            print(
                f"{name:<22}{selection:<27}{v['median_ms']:>7.1f}{v['floor_ms']:>10.1f}  "
                f"{goal(v['ratio'], GOAL_WARM)}"
                + (f"  problems: {v['problems']}" if v["problems"] else "")
            )
        first = pages["first_visit"]
        print(
            "\n=== 2. First visit on a new selection, national (a fresh AppTest; the empty "
            f"page's fresh AppTest takes {first['floor_ms']:.0f} ms)"
        )
        for kind in ("municipality", "municipality_profession"):
            for page, v in first[kind].items():
                problems = [p for visit in v["visits"] for p in visit["problems"]]
                print(
                    f"{kind:<25}{page:<17}max {v['max_ms']:>6.0f} ms, median "
                    f"{goal(v['median_ms'], GOAL_FIRST_VISIT_MS, ' ms')}"
                    + (f"  problems: {problems}" if problems else "")
                )
    elif "error" in pages:
        print(f"\npages: failed: {pages['error']}")
    print("\n=== 3. Load (p50/p95 per action, s) and 4. memory per process")
    cpus = results["machine"]["cpus"]
    for scenario in results.get("load", {}).values():
        print(f"-- {where(scenario)}")
        for label in ("app", "empty_page"):
            v = scenario.get(label, {})
            if "all" not in v:
                print(f"   {label}: {v.get('error', 'not measured')}")
                continue
            actions = ", ".join(
                f"{a} {fmt(f['p50_s'], '', 2)}/{fmt(f['p95_s'], '', 2)}"
                for a, f in v["per_action"].items()
            )
            memory = (
                goal(max(v["peak_rss_mb"]), GOAL_MEMORY_MB, " MB")
                if label == "app"
                else f"{max(v['peak_rss_mb'])} MB"
            )
            print(
                f"   {label:<11} all {fmt(v['all']['p50_s'], '', 2)}/{fmt(v['all']['p95_s'], '', 2)}"
                f"  [{actions}]  errors {v['errors']} {v['errors_by_kind'] or ''}, "
                f"{v['actions_done']}/{v['actions_planned']} actions done, {v['actions_skipped']} "
                "skipped"
            )
            print(
                f"   {'':<11} peak RSS per process {v['peak_rss_mb']}: {memory}; server CPU "
                f"{v['server_cpu_s']} s ({cpu_per_action_ms(v)} ms per action), load generator "
                f"{v['load_generator_cpu_s']} s, other work {v['other_cpu_s']} s "
                f"({other_share(v, cpus)} % of the machine) in {v['wall_s']} s; cold start "
                f"{v['first_page_s']} s"
            )
            if "rerun_cpu_ms" in v:
                print(
                    f"   {'':<11} server CPU per warm rerun, one session (ms): {v['rerun_cpu_ms']}"
                )
            texts = {**v["exception_texts"], **v["server_exceptions_logged"], **v["error_alerts"]}
            for text, count in texts.items():
                print(f"   {'':<11} {count} × {text}")
        print(
            f"   p95 ratio {goal(scenario.get('p95_ratio'), GOAL_LOAD_P95)}, errors "
            f"{scenario.get('app', {}).get('errors', '–')} (goal 0); p95 ratio per action "
            f"{scenario.get('p95_ratio_per_action')}"
        )
    browser = results.get("browser", {})
    if "pages" in browser:
        floor = browser["floor"]["median_ms"]
        print(f"\n=== 5. Chromium settle, demo, one person (empty page {floor} ms)")
        if "elements_page" in browser:
            v = browser["elements_page"]
            print(f"{'elements page':<17}{v['median_ms']:>6} ms  {v['ratio']}× (a floor)")
        for page, v in browser["pages"].items():
            seen = v.get("problems_seen", 0)
            problems = f"  {seen} exceptions or error messages seen" if seen else ""
            print(f"{page:<17}{v['median_ms']:>6} ms  {goal(v['ratio'], GOAL_BROWSER)}{problems}")
    elif "error" in browser:
        print(f"\nbrowser: failed: {browser['error']}")
    print("\n=== 6. Engine figures")
    for scale, v in results.get("indicators", {}).items():
        print(f"indicators {scale}: {v}")
    print(f"imports: {results.get('imports')}")
