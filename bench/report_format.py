"""How bench/report.py writes the benchmark's figures: the goals, a number with its unit, a
figure beside its goal, a ratio to the empty page, a load's setting, CPU and problems."""

from __future__ import annotations

import math
from typing import Any

GOAL_WARM = 3.0  # × the empty page's AppTest run
GOAL_FIRST_VISIT_MS = 300.0
GOAL_LOAD_P95 = 2.0  # × the empty page's p95 under the same load
GOAL_MEMORY_MB = 400.0
# What the coverage map may add, national data (issue: Map).
GOAL_MAP_MS = 150
GOAL_BROWSER = 2.0  # × the empty page's settle time

Row = tuple[str, ...]


def ratio(value: float | None, floor: float | None) -> float | None:
    if value is None or not floor or math.isnan(value) or math.isnan(floor):
        return None
    return round(value / floor, 1)


def fmt(value: float | None, unit: str = "", digits: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:.{digits}f}{unit}"


def goal(measured: float | None, limit: float, unit: str = "×") -> str:
    """The measured figure beside its goal, and whether it is met."""
    if measured is None:
        return f"goal ≤ {limit:g}{unit}: not measured"
    verdict = "met" if measured <= limit else "NOT met"
    return f"{fmt(measured, unit, 1)} (goal ≤ {limit:g}{unit}: {verdict})"


def query_text(query: dict[str, str]) -> str:
    return "&".join(f"{k}={v}" for k, v in query.items()) or "default selection"


def where(scenario: dict[str, Any]) -> str:
    processes = scenario["processes"]
    servers = "1 process" if processes == 1 else f"{processes} processes + HAProxy"
    return f"{scenario['scale']}, {servers}, {scenario['sessions']} sessions"


def cpu_per_action_ms(run: dict[str, Any]) -> float | None:
    """Server CPU per action under load: what one action costs, whatever else the machine
    did (one process, one GIL, can give at most about one core)."""
    if not run.get("actions_done"):
        return None
    return round(1000 * sum(run["server_cpu_s"]) / run["actions_done"])


def other_share(run: dict[str, Any], cpus: int) -> float | None:
    """The share of the machine's CPU used by other work while a load ran."""
    if "other_cpu_s" not in run or not run.get("wall_s"):
        return None
    return round(100 * max(0.0, run["other_cpu_s"]) / (run["wall_s"] * cpus))


def problems_text(run: dict[str, Any]) -> str:
    """What the error count leaves out: error messages the app showed instead of an exception,
    and tracebacks the servers logged."""
    shown = sum(run.get("error_alerts", {}).values())
    logged = sum(run.get("server_exceptions_logged", {}).values())
    parts = [f"{shown} error messages shown"] if shown else []
    parts += [f"{logged} tracebacks logged"] if logged else []
    return f" ({', '.join(parts)})" if parts else ""


def load_runs(results: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        s
        for s in results.get("load", {}).values()
        if "all" in s.get("app", {}) and "all" in s.get("empty_page", {})
    ]
