"""A browser tab on a Streamlit server, speaking Streamlit's own websocket protocol (bench/load.py
simulates people with it, far cheaper than a browser per user).

Like a browser, a session keeps the values of the widgets the server drew and sends all of them
with every rerun (`BackMsg.rerun_script` with `widget_states`, `page_script_hash` or `page_name`,
and the URL's `query_string`), and waits for `script_finished`."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlparse

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

# URL parameters that belong to a page, not to the selection: dropped when following a link.
PAGE_PARAMS = ("del", "arrangement", "person")


@dataclass
class Outcome:
    """One action: whether it finished cleanly, and what went wrong if not."""

    ok: bool
    seconds: float
    error: str = ""  # timeout | exception | compile_error | connection
    texts: list[str] = field(default_factory=list)  # exception messages
    alerts: list[str] = field(default_factory=list)  # st.error messages shown by the app


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
