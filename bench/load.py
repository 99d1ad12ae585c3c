"""A load generator that speaks Streamlit's own websocket protocol (much cheaper than a browser
per user): each session opens the app, reruns pages like a person clicking, and waits for
`script_finished`. Traffic goes only to the loopback address it is given."""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

# A person's visit: open Oversikt, change a filter, go to Oppmøte or Dekning.
VISIT = [("", ""), ("", "gruppe={group}"), ("{page}", "gruppe={group}")]


@dataclass
class LoadResult:
    sessions: int
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    actions: int = 0

    def summary(self) -> dict[str, float | int]:
        ordered = sorted(self.latencies)
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else float("nan")
        return {
            "sessions": self.sessions,
            "actions": self.actions,
            "errors": self.errors,
            "p50_s": round(statistics.median(ordered), 3) if ordered else float("nan"),
            "p95_s": round(p95, 3),
        }


async def _rerun(ws: object, page: str, query: str, timeout: float) -> bool:
    """One rerun; True when it finished without an exception element."""
    message = BackMsg()
    message.rerun_script.page_name = page
    message.rerun_script.query_string = query
    await ws.send(message.SerializeToString())  # type: ignore[attr-defined]
    ok = True
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        data = await asyncio.wait_for(ws.recv(), remaining)  # type: ignore[attr-defined]
        forward = ForwardMsg()
        forward.ParseFromString(data)
        element = forward.delta.new_element if forward.HasField("delta") else None
        if element is not None and element.HasField("exception"):
            ok = False
        if forward.HasField("script_finished"):
            if forward.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                return ok
            if forward.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                return False


async def _session(
    base_url: str,
    result: LoadResult,
    rng: random.Random,
    think: float,
    groups: list[str],
    visits: int,
    timeout: float,
) -> None:
    parsed = urlparse(base_url)
    await asyncio.sleep(rng.uniform(0, think))  # people do not all arrive at once
    try:
        ws = await connect(
            f"ws://{parsed.netloc}/_stcore/stream",
            subprotocols=["streamlit"],
            origin=f"http://{parsed.netloc}",
            max_size=None,
            open_timeout=timeout,
        )
    except Exception:
        result.errors += 1
        return
    try:
        for _ in range(visits):
            group = rng.choice(groups)
            page = rng.choice(["oppmote", "dekning"])
            for page_template, query_template in VISIT:
                started = time.perf_counter()
                try:
                    ok = await _rerun(
                        ws,
                        page_template.format(page=page),
                        query_template.format(group=group),
                        timeout,
                    )
                except Exception:
                    ok = False
                result.actions += 1
                if ok:
                    result.latencies.append(time.perf_counter() - started)
                else:
                    result.errors += 1
                await asyncio.sleep(think * rng.uniform(0.5, 1.5))  # 5 s ± 50 %
    finally:
        await ws.close()


async def run_load(
    base_url: str,
    sessions: int,
    think: float = 5.0,
    visits: int = 2,
    groups: list[str] | None = None,
    seed: int = 1,
    timeout: float = 60.0,
) -> LoadResult:
    """`sessions` people at once, each making `visits` visits of three actions."""
    if urlparse(base_url).hostname not in ("127.0.0.1", "localhost"):
        raise ValueError("the load generator only targets this machine")
    result = LoadResult(sessions=sessions)
    rngs = [random.Random(seed * 1000 + i) for i in range(sessions)]
    await asyncio.gather(
        *(
            _session(base_url, result, rngs[i], think, groups or [""], visits, timeout)
            for i in range(sessions)
        )
    )
    return result


def load(base_url: str, sessions: int, **kwargs: object) -> dict[str, float | int]:
    return asyncio.run(run_load(base_url, sessions, **kwargs)).summary()  # type: ignore[arg-type]
