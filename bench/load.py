"""A load generator that speaks Streamlit's own websocket protocol (far cheaper than a browser per
user). Each simulated person opens the app on a selection of their own, changes a filter, follows
a link to another page, opens a section of it and reruns, thinking 5 s ± 50 % between actions.

A session is a browser tab on the protocol (bench/session.py). Traffic goes only to this
machine.
"""

from __future__ import annotations

import asyncio
import math
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlparse

from bench.session import Outcome, Session

# One visit: the actions in order, each timed on its own.
ACTIONS = ("open", "filter", "page", "section", "rerun")
# Pages by URL path ("" is Oversikt), and the sections of those that have them.
PAGES = ("", "dekning", "oppmote", "rapportering", "ressurspersoner", "data", "admin")
SECTIONS = {
    "dekning": ("kommuner", "grupper", "enheter", "fysio", "slutter", "turnover"),
    "oppmote": ("arrangementer", "steder", "hvem", "premie", "ledere", "intro"),
    "rapportering": ("svar", "mangler"),
}
# Widget keys of the selection filters the app draws in the sidebar (`f_<filter>`), and of the
# section chooser; a widget id ends with its key.
FILTER_KEYS = ("f_year", "f_network_group", "f_municipality", "f_health_trust")
SECTION_KEY = "page_section"


@dataclass(frozen=True)
class Choices:
    """What the simulated people pick their selections from."""

    groups: tuple[str, ...]
    municipalities: tuple[str, ...]
    years: tuple[int, ...]

    def random_selection(self, rng: random.Random) -> dict[str, str]:
        """A group or a municipality, and sometimes a year: a link someone was sent."""
        wanted: dict[str, str] = {}
        if rng.random() < 0.5 and self.groups:
            wanted["gruppe"] = rng.choice(self.groups)
        elif self.municipalities:
            wanted["kommune"] = rng.choice(self.municipalities)
        if rng.random() < 0.5 and self.years:
            wanted["ar"] = str(rng.choice(self.years))
        return wanted


@dataclass
class LoadResult:
    """Everything the sessions measured, summed up by `summary()`."""

    sessions: int
    think_s: float
    timeout_s: float
    latencies: dict[str, list[float]] = field(
        default_factory=lambda: {action: [] for action in ACTIONS}
    )
    errors: Counter[str] = field(default_factory=Counter)
    errors_by_action: Counter[str] = field(default_factory=Counter)
    exception_texts: Counter[str] = field(default_factory=Counter)
    error_alerts: Counter[str] = field(default_factory=Counter)
    planned: int = 0
    done: int = 0
    skipped: int = 0
    widget_fallbacks: int = 0
    open_sessions: int = 0
    max_open_sessions: int = 0
    wall_s: float = 0.0

    def record(self, action: str, outcome: Outcome) -> None:
        self.done += 1
        if outcome.ok:
            self.latencies[action].append(outcome.seconds)
        else:
            self.errors[outcome.error] += 1
            self.errors_by_action[action] += 1
        self.exception_texts.update(outcome.texts)
        self.error_alerts.update(outcome.alerts)

    def summary(self) -> dict[str, Any]:
        every = [s for values in self.latencies.values() for s in values]
        return {
            "sessions": self.sessions,
            "think_s": self.think_s,
            "timeout_s": self.timeout_s,
            "actions_planned": self.planned,
            "actions_done": self.done,
            "actions_skipped": self.skipped,
            "errors": sum(self.errors.values()),
            "errors_by_kind": dict(self.errors),
            "errors_by_action": dict(self.errors_by_action),
            "exception_texts": dict(self.exception_texts.most_common(10)),
            "error_alerts": dict(self.error_alerts.most_common(10)),
            "widget_fallbacks": self.widget_fallbacks,
            "max_open_sessions": self.max_open_sessions,
            "wall_s": round(self.wall_s, 1),
            "all": _stats(every),
            "per_action": {action: _stats(values) for action, values in self.latencies.items()},
        }


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile; NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _stats(values: list[float]) -> dict[str, float | int]:
    return {
        "n": len(values),
        "p50_s": round(statistics.median(values), 3) if values else math.nan,
        "p95_s": round(percentile(values, 0.95), 3),
        "max_s": round(max(values), 3) if values else math.nan,
    }


async def _act(
    action: str,
    session: Session,
    rng: random.Random,
    choices: Choices,
    target: str,
    result: LoadResult,
) -> Outcome:
    """One action of a visit after `open`."""
    widgets = session.widgets
    if action == "filter":
        offered = [w for k in FILTER_KEYS if (w := widgets.find(k)) and len(widgets.options[w]) > 2]
        if offered:
            widget = rng.choice(offered)
            others = [o for o in widgets.options[widget] if o and o != widgets.current(widget)]
            widgets.choose(widget, rng.choice(others))
            return await session.rerun()
        # No filter drawn (the empty page): the same rerun with another year in the URL.
        result.widget_fallbacks += 1
        return await session.rerun(
            query=urlencode({**dict(parse_qsl(session.query)), "ar": rng.choice(choices.years)})
        )
    if action == "page":
        return await session.rerun(page_name=target, query=session.selection_query())
    if action == "section":
        widget = widgets.find(SECTION_KEY)
        if widget is not None:
            others = [o for o in widgets.options[widget] if o != widgets.current(widget)]
            widgets.choose(widget, rng.choice(others))
            return await session.rerun()
        result.widget_fallbacks += 1
        section = rng.choice(SECTIONS.get(target) or SECTIONS["dekning"])
        return await session.rerun(
            query=urlencode({**dict(parse_qsl(session.query)), "del": section})
        )
    return await session.rerun()


async def _person(
    base_url: str,
    result: LoadResult,
    rng: random.Random,
    choices: Choices,
    pages: tuple[str, ...],
    visits: int,
    stop_at: float,
) -> None:
    """One person: `visits` visits of the five actions, each visit in a new tab: the first on
    Oversikt, later ones on any page (a link someone was sent)."""
    think = result.think_s
    await asyncio.sleep(rng.uniform(0, think))  # people do not all arrive at once
    for visit in range(visits):
        opened = "" if visit == 0 else rng.choice(pages)
        target = rng.choice([p for p in SECTIONS if p != opened])
        remaining = len(ACTIONS)
        session: Session | None = None
        try:
            for action in ACTIONS:
                if time.monotonic() > stop_at:
                    break
                if action == "open":
                    started = time.perf_counter()
                    try:
                        session = await Session.connect(base_url, result.timeout_s)
                    except Exception as error:
                        outcome = Outcome(False, 0.0, "connection", [repr(error)])
                    else:
                        result.open_sessions += 1
                        result.max_open_sessions = max(
                            result.max_open_sessions, result.open_sessions
                        )
                        query = urlencode(choices.random_selection(rng))
                        outcome = await session.rerun(page_name=opened, query=query)
                        outcome.seconds = time.perf_counter() - started  # with the connect
                else:
                    assert session is not None
                    outcome = await _act(action, session, rng, choices, target, result)
                result.record(action, outcome)
                remaining -= 1
                if not outcome.ok:
                    break  # the tab is in an unknown state: the person closes it
                await asyncio.sleep(think * rng.uniform(0.5, 1.5))  # 5 s ± 50 %
        finally:
            result.skipped += remaining
            if session is not None:
                result.open_sessions -= 1
                await session.close()


async def run_load(
    base_url: str,
    sessions: int,
    choices: Choices,
    *,
    pages: tuple[str, ...] = PAGES,
    think: float = 5.0,
    visits: int = 2,
    timeout: float = 30.0,
    max_seconds: float = 180.0,
    seed: int = 1,
) -> LoadResult:
    """`sessions` people at once, each making `visits` visits of five actions. After
    `max_seconds` nobody starts a new action (those left are counted as skipped)."""
    if urlparse(base_url).hostname not in ("127.0.0.1", "localhost"):
        raise ValueError("the load generator only targets this machine")
    result = LoadResult(sessions=sessions, think_s=think, timeout_s=timeout)
    result.planned = sessions * visits * len(ACTIONS)
    started = time.monotonic()
    await asyncio.gather(
        *(
            _person(
                base_url,
                result,
                random.Random(seed * 100_003 + i),
                choices,
                pages,
                visits,
                started + max_seconds,
            )
            for i in range(sessions)
        )
    )
    result.wall_s = time.monotonic() - started
    return result


def load(base_url: str, sessions: int, choices: Choices, **options: Any) -> dict[str, Any]:
    """`run_load` from synchronous code; the summary."""
    return asyncio.run(run_load(base_url, sessions, choices, **options)).summary()


async def _one_rerun(base_url: str, page_name: str, query: str, timeout: float) -> Outcome:
    started = time.perf_counter()
    session = await Session.connect(base_url, timeout)
    try:
        outcome = await session.rerun(page_name=page_name, query=query)
    finally:
        await session.close()
    outcome.seconds = time.perf_counter() - started
    return outcome


def visit_once(base_url: str, page_name: str = "", query: str = "", timeout: float = 60) -> Outcome:
    """Open one page in a new session and wait for its run: a first visit, or a warm-up."""
    return asyncio.run(_one_rerun(base_url, page_name, query, timeout))


async def _page_paths(base_url: str, timeout: float) -> list[str]:
    session = await Session.connect(base_url, timeout)
    try:
        await session.rerun(page_name="", query="")
    finally:
        await session.close()
    return session.pages


def page_paths(base_url: str, timeout: float = 60) -> list[str]:
    """The URL paths of the pages the app's navigation offers ("" is the start page)."""
    return asyncio.run(_page_paths(base_url, timeout))


async def _rerun_cpu(
    base_url: str, pages: tuple[str, ...], cpu: Callable[[], float], reruns: int
) -> dict[str, float]:
    session = await Session.connect(base_url, 60)
    result: dict[str, float] = {}
    try:
        for page in pages:
            await session.rerun(page_name=page, query="")
            await session.rerun()
            before = cpu()
            for _ in range(reruns):
                await session.rerun()
            result[page] = round(1000 * (cpu() - before) / reruns, 1)
    finally:
        await session.close()
    return result


def rerun_cpu_ms(
    base_url: str, pages: tuple[str, ...], cpu: Callable[[], float], reruns: int = 10
) -> dict[str, float]:
    """Server CPU per warm rerun of each page (one session, nothing else running on the
    server): what a rerun costs the process, script and Streamlit's own work together, read
    from `cpu()` (the server's CPU seconds) so other work on the machine does not count."""
    return asyncio.run(_rerun_cpu(base_url, pages, cpu, reruns))
