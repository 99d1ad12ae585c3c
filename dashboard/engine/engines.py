"""Each process's engines, one per lake it uses: its DuckDB with the lake attached and the
replica in memory, the figures the replica owes a recount, the replicas of earlier snapshots it
keeps; and their shutdown at the process's exit. `Database` (database.py) runs them.
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import duckdb

from dashboard.engine import lake
from dashboard.engine.replica import Owed


@dataclass
class Engine:
    """One process's DuckDB with the lake attached and the replica in its memory database."""

    con: duckdb.DuckDBPyConnection
    folder: Path | None = None  # an embedded lake's folder
    refreshing: threading.Lock = field(default_factory=threading.Lock)
    held: int | None = None  # the snapshot the replica holds
    # The snapshot of the last change to a table figures or cached page tables read (a change
    # to only `replica.NOT_FIGURES`, such as an audit line, leaves the pages' caches warm).
    figures_at: int = 0
    needed: int = 0  # the newest snapshot this process committed (read your own writes)
    polled_at: float = 0.0
    background: threading.Thread | None = None
    # The years whose prepared figures the replica dropped and a recount owes ("none": none
    # owed, None: every year), and the thread counting them.
    owed: Owed | Literal["none"] = "none"
    recounter: threading.Thread | None = None
    # When figures were first and last owed since the last count (time.monotonic()), and a
    # wake-up for the recounter's wait (`settle`, closing).
    owed_since: float = 0.0
    owed_at: float = 0.0
    hurry: threading.Event = field(default_factory=threading.Event)
    closed: bool = False
    # Replicas of earlier snapshots (frozen meetings), by snapshot: the in-memory database's
    # name, least recently used first.
    earlier: dict[int, str] = field(default_factory=dict)
    earlier_lock: threading.Lock = field(default_factory=threading.Lock)


def owe_more(engine: Engine, more: Owed | Literal["none"]) -> None:
    """`more` owed by the replica from now on (hold `refreshing`)."""
    if more == "none":
        return
    now = time.monotonic()
    if engine.owed == "none":
        engine.owed_since = now
    engine.owed_at = now
    engine.owed = more if engine.owed == "none" else engine.owed | more


# One engine per lake this process uses (the app uses one; tests and the bench use many): the
# least recently opened is closed past this many.
MAX_ENGINES = 6
# Replicas of earlier snapshots (frozen meetings) each process keeps in memory.
MAX_EARLIER = 2
ENGINES: dict[str, Engine] = {}
ENGINES_GUARD = threading.Lock()


def shut(engine: Engine) -> None:
    engine.closed = True
    engine.hurry.set()
    with contextlib.suppress(duckdb.Error):
        engine.con.close()
    if engine.folder is not None:
        lake.let_go(engine.folder / lake.CATALOG_FILE)


def wind_down() -> None:
    """At the process's exit (registered by database.py, after everything it imports, so that it
    runs before what they registered): background work on the replicas ends before DuckDB does (a
    thread still inside a DuckDB query at exit aborts the process)."""
    with ENGINES_GUARD:
        engines = list(ENGINES.values())
    for engine in engines:
        engine.closed = True
        engine.hurry.set()
    for engine in engines:
        # Twice: a follow that ends may just have started a recount (it then stops at once).
        for _round in range(2):
            for thread in (engine.background, engine.recounter):
                if thread is not None and thread.is_alive():
                    thread.join(timeout=60)
