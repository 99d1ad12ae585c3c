"""The hand-checked SQL tests on every kind of database the product runs on.

A test module that builds its dataset with `tests.network.Network` runs once per catalog:

- `memory`: the network's own in-memory DuckDB laid out as a replica (`db.connect(None)`);
- `sqlite`: an embedded lake (a folder, SQLite catalog), the way `make run` keeps the data;
- `postgres`: a lake with its catalog in a real PostgreSQL server (tests/lakes.py), the way a
  deployment keeps it.

In a lake the rows are written through `db.connect(setting)` (the lake as the connection's default
database, one transaction, so one snapshot, per run of inserts) and every figure is read through
`Database(setting).read()`: the replica the app reads, with its derived tables and prepared figures
rebuilt from the lake. The test modules are unchanged: `Network` in their namespace is replaced
for the length of a test.
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
from tests.lakes import postgres_lake as postgres_lake
from tests.network import Network

CATALOGS = ("memory", "sqlite", "postgres")
_WRITE = re.compile(r"\s*(?:insert|update|delete)\b", re.IGNORECASE)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test of a module that uses `Network`, once per catalog."""
    if "catalog" in metafunc.fixturenames and getattr(metafunc.module, "Network", None) is Network:
        metafunc.parametrize("catalog", CATALOGS, indirect=True)


class _LakeConnection:
    """`Network.con` on a lake: a statement that writes goes to the lake (inside the network's
    open transaction); anything else reads the replica, which first follows what was written."""

    def __init__(self, network: LakeNetwork) -> None:
        self._network = network

    def execute(self, sql: object, *args: Any, **kwargs: Any) -> Any:
        if isinstance(sql, str) and _WRITE.match(sql):
            return self._network.writer().execute(sql, *args, **kwargs)
        return self._network.reader().execute(sql, *args, **kwargs)

    def executemany(self, sql: object, *args: Any, **kwargs: Any) -> Any:
        if isinstance(sql, str) and _WRITE.match(sql):
            return self._network.writer().executemany(sql, *args, **kwargs)
        return self._network.reader().executemany(sql, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._network.reader(), name)


class LakeNetwork(Network):
    """A `Network` whose rows go into the lake `setting` and whose figures come from the
    replica of it that `Database(setting).read()` gives."""

    def __init__(self, setting: str | Path) -> None:  # not Network's: no in-memory database
        self.database = Database(setting)
        self._writer = db.connect(setting)
        self._writing = False
        self._reading: contextlib.ExitStack | None = None
        self._reader: duckdb.DuckDBPyConnection | None = None
        # As Network.__init__: a hand-made network sets its own targets, and two health trusts.
        self.con.execute("delete from target")
        self.con.execute("insert into health_trust values ('hst', 'Helse Stavanger HF')")
        self.con.execute("insert into health_trust values ('hb', 'Helse Bergen HF')")

    @property
    def con(self) -> duckdb.DuckDBPyConnection:  # type: ignore[override]
        return _LakeConnection(self)  # type: ignore[return-value]

    def writer(self) -> duckdb.DuckDBPyConnection:
        """The lake, in the transaction of the rows written since the last read."""
        if self._reading is not None:
            self._reading.close()
            self._reading = self._reader = None
        if not self._writing:
            self._writer.execute("begin transaction")
            self._writing = True
        return self._writer

    def reader(self) -> duckdb.DuckDBPyConnection:
        """A read of the replica, which holds every row written so far."""
        if self._writing:
            self._writer.execute("commit")
            self._writing = False
        if self._reader is None:
            self.database.refresh()  # the rows came through another connection: follow now
            self._reading = contextlib.ExitStack()
            self._reader = self._reading.enter_context(self.database.read())
        return self._reader

    def refresh(self) -> None:
        """What an import does after changing data: here the replica follows the lake."""
        self.reader()

    def close(self) -> None:
        if self._reading is not None:
            self._reading.close()
        with contextlib.suppress(duckdb.Error):
            if self._writing:
                self._writer.execute("rollback")
            self._writer.close()


@pytest.fixture(autouse=True)
def catalog(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """The catalog the test's networks live in (`memory` unless the module uses `Network`)."""
    name = getattr(request, "param", "memory")
    if name == "memory":
        yield name
        return
    numbers = itertools.count(1)
    new_lake: Callable[[], str | Path]
    if name == "sqlite":
        new_lake = lambda: tmp_path / f"network-{next(numbers)}.lake"  # noqa: E731
    else:
        new_lake = request.getfixturevalue("postgres_lake")
    made: list[LakeNetwork] = []

    def network() -> LakeNetwork:
        made.append(LakeNetwork(new_lake()))
        return made[-1]

    monkeypatch.setattr(request.module, "Network", network)
    try:
        yield name
    finally:
        for net in made:
            net.close()
