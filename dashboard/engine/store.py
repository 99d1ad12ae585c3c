"""A database shared by several processes: versioned files and an atomic pointer.

DuckDB lets many processes open a file read-only, but none while one holds it read-write. So when
`DASHBOARD_DB` names a directory, every process reads the version named in `current`, and a
change (an import, an undo, a target edit, an audit line) is made on a copy which is then
published by renaming a new `current` into place. Readers move to the new version on their next
query; nobody sees half of a change. One writer at a time, across processes, by a file lock.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import duckdb

from dashboard.engine import db

T = TypeVar("T")
POINTER = "current"
VERSION = re.compile(r"v(\d{6})\.duckdb")
KEEP_VERSIONS = 3


def is_store(path: Path) -> bool:
    return path.is_dir()


def current_file(store: Path) -> Path:
    name = (store / POINTER).read_text(encoding="utf-8").strip()
    if not VERSION.fullmatch(name):
        raise ValueError(f"ugyldig peker i {store / POINTER}: {name!r}")
    return store / name


def create(store: Path, source: Path) -> Path:
    """A new store whose first version is a copy of `source` (a checkpointed DuckDB file)."""
    store.mkdir(parents=True, exist_ok=True)
    first = store / "v000001.duckdb"
    shutil.copy(source, first)
    con = db.connect(first)  # brings the schema up to date
    con.execute("checkpoint")
    con.close()
    _point_to(store, first.name)
    return first


def _point_to(store: Path, name: str) -> None:
    tmp = store / f".{POINTER}.tmp"
    tmp.write_text(name + "\n", encoding="utf-8")
    os.replace(tmp, store / POINTER)


@contextmanager
def _writer_lock(store: Path) -> Iterator[None]:
    with open(store / ".lock", "w", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def publish(store: Path, change: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    """Apply `change` to a copy of the current version and make the copy current, or, if the
    change raises, leave everything as it was."""
    with _writer_lock(store):
        source = current_file(store)
        number = int(VERSION.fullmatch(source.name).group(1)) + 1  # type: ignore[union-attr]
        target = store / f"v{number:06d}.duckdb"
        building = store / f".{target.name}.building"
        shutil.copy(source, building)
        con = db.connect(building)
        try:
            result = change(con)
            con.execute("checkpoint")
        except BaseException:
            con.close()
            building.unlink(missing_ok=True)
            Path(f"{building}.wal").unlink(missing_ok=True)
            raise
        con.close()
        os.replace(building, target)
        _point_to(store, target.name)
        _prune(store, keep=number - KEEP_VERSIONS)
    return result


def _prune(store: Path, keep: int) -> None:
    """Old versions are removed once no reader can still be starting on them."""
    for path in store.glob("v*.duckdb"):
        match = VERSION.fullmatch(path.name)
        if match and int(match.group(1)) < keep:
            path.unlink(missing_ok=True)
