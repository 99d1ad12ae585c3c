"""The hand-checked SQL tests on every kind of database the product runs on.

A test module that builds its dataset with `tests.network.Network` runs once per catalog:

- `memory`: the network's own in-memory DuckDB laid out as a replica (`db.connect(None)`);
- `sqlite`: an embedded lake (a folder, SQLite catalog), the way `make run` keeps the data;
- `postgres`: a lake with its catalog in a real PostgreSQL server (tests/lakes.py), the way a
  deployment keeps it.

In a lake the rows are written through `db.connect(setting)` (the lake as the connection's default
database; each run of inserts is one transaction, so one snapshot) and every figure is read
through `Database(setting).read()`: the replica the app reads, which follows the lake (the changed
tables copied, the derived tables rebuilt, the prepared figures counted again). The test modules
are unchanged: `Network` in their namespace is replaced for the length of a test.

A lake is reused from test to test (attaching one and building its first replica cost seconds):
a network empties the tables the previous one wrote, in the same transaction as its own rows.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from dashboard.engine import db
from dashboard.engine.database import Database
from tests.lakes import PostgresLake
from tests.lakes import postgres_lake as postgres_lake
from tests.network import Network

CATALOGS = ("memory", "sqlite", "postgres")
_COMMENTS = re.compile(r"--[^\n]*")
_WRITES = re.compile(
    r"^\s*(?:insert\s+into|update|delete\s+from)\s+\"?(\w+)\"?", re.IGNORECASE | re.MULTILINE
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test of a module that uses `Network`, once per catalog."""
    if "catalog" in metafunc.fixturenames and getattr(metafunc.module, "Network", None) is Network:
        metafunc.parametrize("catalog", CATALOGS, indirect=True)


def _written(sql: object) -> list[str]:
    """The tables a statement writes (none: it reads)."""
    return _WRITES.findall(_COMMENTS.sub("", sql)) if isinstance(sql, str) else []


class _Lake:
    """One lake of the session: its writing connection and the replica it is read through."""

    def __init__(self, setting: str | Path) -> None:
        self.writer = db.connect(setting)
        self.database = Database(setting)
        self.written: set[str] = {"target"}  # the seeds' targets of a new lake
        self.writing = False
        self._reading: contextlib.ExitStack | None = None
        self._reader: duckdb.DuckDBPyConnection | None = None

    def write(self) -> duckdb.DuckDBPyConnection:
        """The lake, in the transaction of the rows written since the last read."""
        self.stop_reading()
        if not self.writing:
            self.writer.execute("begin transaction")
            self.writing = True
        return self.writer

    def read(self) -> duckdb.DuckDBPyConnection:
        """A read of the replica, which holds every row written so far."""
        if self.writing:
            self.writer.execute("commit")
            self.writing = False
            self.stop_reading()
        if self._reader is None:
            self.database.refresh()  # the rows came through another connection: follow now
            self._reading = contextlib.ExitStack()
            self._reader = self._reading.enter_context(self.database.read())
        return self._reader

    def stop_reading(self) -> None:
        if self._reading is not None:
            self._reading.close()
        self._reading = self._reader = None

    def empty(self) -> None:
        """Begin the next network's transaction with the previous one's rows deleted."""
        self.stop_reading()
        if self.writing:
            self.writer.execute("rollback")
            self.writing = False
        writer = self.write()
        for table in sorted(self.written):
            writer.execute(f'delete from "{table}"')
        self.written.clear()

    def close(self) -> None:
        self.stop_reading()
        with contextlib.suppress(duckdb.Error):
            self.writer.close()


class _LakeConnection:
    """`Network.con` on a lake: a statement that writes goes to the lake (inside the network's
    open transaction); anything else reads the replica, which first follows what was written."""

    def __init__(self, lake: _Lake) -> None:
        self._lake = lake

    def _route(self, sql: object) -> duckdb.DuckDBPyConnection:
        tables = _written(sql)
        if tables:
            self._lake.written.update(table.lower() for table in tables)
            return self._lake.write()
        return self._lake.read()

    def execute(self, sql: object, *args: Any, **kwargs: Any) -> Any:
        return self._route(sql).execute(sql, *args, **kwargs)

    def executemany(self, sql: object, *args: Any, **kwargs: Any) -> Any:
        return self._route(sql).executemany(sql, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._lake.read(), name)


class LakeNetwork(Network):
    """A `Network` whose rows go into a lake and whose figures come from the replica of it that
    `Database(setting).read()` gives."""

    def __init__(self, lake: _Lake) -> None:  # not Network's: no in-memory database
        self.lake = lake
        lake.empty()
        # As Network.__init__: a hand-made network sets its own targets, and two health trusts.
        self.con.execute("delete from target")
        self.con.execute("insert into health_trust values ('hst', 'Helse Stavanger HF')")
        self.con.execute("insert into health_trust values ('hb', 'Helse Bergen HF')")

    @property
    def con(self) -> duckdb.DuckDBPyConnection:  # type: ignore[override]
        return _LakeConnection(self.lake)  # type: ignore[return-value]

    def refresh(self) -> None:
        """What an import does after changing data: here the replica follows the lake."""
        self.lake.read()


class _Lakes:
    """The session's lakes of one catalog: a test takes free ones and gives them back."""

    def __init__(self, new_setting: Callable[[], str | Path]) -> None:
        self._new_setting = new_setting
        self._free: list[_Lake] = []
        self._all: list[_Lake] = []

    def take(self) -> _Lake:
        if not self._free:
            self._all.append(_Lake(self._new_setting()))
            self._free.append(self._all[-1])
        return self._free.pop()

    def give_back(self, lake: _Lake) -> None:
        lake.stop_reading()
        self._free.append(lake)

    def close(self) -> None:
        for lake in self._all:
            lake.close()


@pytest.fixture(scope="session")
def sqlite_lakes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Lakes]:
    """The session's embedded lakes (folders)."""
    folder = tmp_path_factory.mktemp("network-lakes")
    numbers = itertools.count(1)
    pool = _Lakes(lambda: folder / f"network-{next(numbers)}.lake")
    yield pool
    pool.close()


@pytest.fixture(scope="session")
def postgres_lakes(postgres_lake: PostgresLake) -> Iterator[_Lakes]:
    """The session's lakes with a PostgreSQL catalog (closed before the server stops)."""
    pool = _Lakes(postgres_lake)
    yield pool
    pool.close()


@pytest.fixture(autouse=True)
def catalog(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The catalog the test's networks live in (`memory` unless the module uses `Network`)."""
    name = getattr(request, "param", "memory")
    if name == "memory":
        yield name
        return
    pool: _Lakes = request.getfixturevalue(f"{name}_lakes")
    taken: list[_Lake] = []

    def network() -> LakeNetwork:
        taken.append(pool.take())
        return LakeNetwork(taken[-1])

    monkeypatch.setattr(request.module, "Network", network)
    try:
        yield name
    finally:
        for lake in taken:
            pool.give_back(lake)
