"""A load generator that speaks Streamlit's own websocket protocol (far cheaper than a browser per
user). Each simulated person opens the app on a selection of their own, changes a filter, follows
a link to another page, opens a section of it and reruns, thinking 5 s ± 50 % between actions.

Like a browser, a session keeps the values of the widgets the server drew and sends all of them
with every rerun (`BackMsg.rerun_script` with `widget_states`, `page_script_hash` or `page_name`,
and the URL's `query_string`), and waits for `script_finished`. Traffic goes only to this
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

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

# One visit: the actions in order, each timed on its own.
ACTIONS = ("open", "filter", "page", "section", "rerun")
# Pages by URL path ("" is Oversikt), and the sections of those that have them.
PAGES = ("", "dekning", "oppmote", "rapportering", "ressurspersoner", "data", "admin")
SECTIONS = {
    "dekning": ("kommuner", "grupper", "enheter", "fysio", "slutter", "turnover"),
    "oppmote": ("arrangementer", "steder", "hvem", "premie", "ledere", "intro"),
    "rapportering": ("svar", "mangler"),
}
# URL parameters that belong to a page, not to the selection: dropped when following a link.
PAGE_PARAMS = ("del", "arrangement", "person")
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
class Outcome:
    """One action: whether it finished cleanly, and what went wrong if not."""

    ok: bool
    seconds: float
    error: str = ""  # timeout | exception | compile_error | connection
    texts: list[str] = field(default_factory=list)  # exception messages
    alerts: list[str] = field(default_factory=list)  # st.error messages shown by the app


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


class Widgets:
    """The widget values a browser holds: the server's value when it sets one, else what the
    person chose, else the widget's default. Sent in full with every rerun."""

    def __init__(self) -> None:
        self.values: dict[str, WidgetState] = {}
        self.options: dict[str, list[str]] = {}  # selectbox and button group: wire values
        self._drawn: dict[str, WidgetState] = {}

    def start_run(self) -> None:
        self._drawn = {}

    def finish_run(self) -> None:
        self.values = self._drawn
        self.options = {k: v for k, v in self.options.items() if k in self.values}

    def see(self, element: Element) -> None:
        kind = element.WhichOneof("type")
        proto = getattr(element, kind) if kind else None
        if proto is None or not hasattr(proto, "id") or getattr(proto, "form_id", ""):
            return
        state = WidgetState(id=proto.id)
        known = self.values.get(proto.id)
        if kind == "selectbox":
            self.options[proto.id] = list(proto.options)
            if proto.set_value:
                value = proto.raw_value if proto.HasField("raw_value") else None
            elif known is not None:
                value = known.string_value
            elif proto.HasField("default") and proto.options:
                value = proto.options[proto.default]
            else:
                value = None
            if value is None:
                return
            state.string_value = value
        elif kind in ("button_group", "multiselect"):
            if kind == "button_group":
                choices = [option.content for option in proto.options]
            else:
                choices = list(proto.options)
            self.options[proto.id] = choices
            if proto.set_value:
                chosen = list(proto.raw_values)
            elif known is not None:
                chosen = list(known.string_array_value.data)
            else:
                chosen = [choices[i] for i in proto.default if i < len(choices)]
            state.string_array_value.SetInParent()
            state.string_array_value.data.extend(chosen)
        elif kind == "date_input":
            if proto.set_value:
                days = list(proto.value)
            elif known is not None:
                days = list(known.string_array_value.data)
            else:
                days = list(proto.default)
            state.string_array_value.SetInParent()
            state.string_array_value.data.extend(days)
        elif kind == "checkbox":
            state.bool_value = (
                proto.value if proto.set_value else (known.bool_value if known else proto.default)
            )
        elif kind == "text_input":
            if proto.set_value:
                state.string_value = proto.value
            elif known is not None:
                state.string_value = known.string_value
            elif proto.HasField("default"):
                state.string_value = proto.default
            else:
                return
        else:
            return
        self._drawn[proto.id] = state

    def find(self, key: str) -> str | None:
        """The id of the drawn widget with this key."""
        return next((wid for wid in self.values if wid.endswith(f"-{key}")), None)

    def choose(self, widget_id: str, value: str) -> None:
        """What a person does in the browser: picks a value."""
        state = self.values[widget_id]
        if state.WhichOneof("value") == "string_array_value":
            del state.string_array_value.data[:]
            state.string_array_value.data.append(value)
        else:
            state.string_value = value

    def current(self, widget_id: str) -> str:
        state = self.values[widget_id]
        if state.WhichOneof("value") == "string_array_value":
            return state.string_array_value.data[0] if state.string_array_value.data else ""
        return state.string_value


class Session:
    """One browser tab: a websocket, the URL it shows, the page and its widgets."""

    def __init__(self, ws: ClientConnection, timeout: float) -> None:
        self.ws = ws
        self.timeout = timeout
        self.query = ""
        self.page_hash = ""
        self.pages: list[str] = []  # URL paths of the pages the navigation offers
        self.widgets = Widgets()

    @classmethod
    async def connect(cls, base_url: str, timeout: float) -> Session:
        host = urlparse(base_url).netloc
        ws = await connect(
            f"ws://{host}/_stcore/stream",
            subprotocols=["streamlit"],  # type: ignore[list-item]
            origin=f"http://{host}",  # type: ignore[arg-type]
            max_size=None,
            open_timeout=timeout,
            ping_interval=None,
        )
        return cls(ws, timeout)

    async def close(self) -> None:
        await self.ws.close()

    async def rerun(self, page_name: str | None = None, query: str | None = None) -> Outcome:
        """A rerun as the browser sends it: every widget's value, the URL's query string, and
        the page (by URL path when following a link, else the page shown now)."""
        message = BackMsg()
        rerun = message.rerun_script
        rerun.query_string = self.query if query is None else query
        if page_name is None:
            rerun.page_script_hash = self.page_hash
        else:
            rerun.page_name = page_name
        rerun.widget_states.SetInParent()
        rerun.widget_states.widgets.extend(self.widgets.values.values())
        self.query = rerun.query_string
        started = time.perf_counter()
        try:
            await self.ws.send(message.SerializeToString())
            return await self._until_finished(started)
        except TimeoutError:
            return Outcome(False, time.perf_counter() - started, "timeout")
        except Exception as error:  # the server closed the socket, or worse
            return Outcome(False, time.perf_counter() - started, "connection", [repr(error)])

    async def _until_finished(self, started: float) -> Outcome:
        deadline = started + self.timeout
        texts: list[str] = []
        alerts: list[str] = []
        while True:
            data = await asyncio.wait_for(self.ws.recv(), max(0.001, deadline - time.monotonic()))
            forward = ForwardMsg()
            forward.ParseFromString(data)
            kind = forward.WhichOneof("type")
            if kind == "new_session":
                self.widgets.start_run()
                self.page_hash = forward.new_session.page_script_hash or self.page_hash
            elif kind == "navigation":
                self.page_hash = forward.navigation.page_script_hash or self.page_hash
                self.pages = [
                    p.url_pathname for p in forward.navigation.app_pages if not p.is_hidden
                ]
            elif kind == "page_info_changed":
                self.query = forward.page_info_changed.query_string
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                if element.HasField("exception"):
                    texts.append(f"{element.exception.type}: {element.exception.message}"[:300])
                elif element.HasField("alert") and element.alert.format == element.alert.ERROR:
                    alerts.append(element.alert.body[:200])
                else:
                    self.widgets.see(element)
            elif kind == "script_finished":
                status = forward.script_finished
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    return Outcome(False, time.perf_counter() - started, "compile_error", texts)
                if status == ForwardMsg.FINISHED_SUCCESSFULLY:
                    self.widgets.finish_run()
                    seconds = time.perf_counter() - started
                    if texts:
                        return Outcome(False, seconds, "exception", texts, alerts)
                    return Outcome(True, seconds, alerts=alerts)
                # Early for a rerun, or a fragment: the run that counts is still to come.

    def selection_query(self) -> str:
        """The URL's selection, without the page's own parameters: what a link carries."""
        return urlencode([(k, v) for k, v in parse_qsl(self.query) if k not in PAGE_PARAMS])


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
