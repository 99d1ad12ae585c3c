"""Where the tables live: a DuckLake, named by one setting, attached once per process.

- Embedded (`make run`, the tests): a folder with the catalog in SQLite (`catalog.sqlite`) and the
  data files beside it (`data/`). No server; several processes on one machine share it. The
  folder can be copied or moved whole (the data path is the folder's own).
- Deployed: a PostgreSQL catalog and a data path every process reaches, written as
  `ducklake:postgres:dbname=lake host=db user=app data_path=/mnt/lake/` (the libpq keywords, and
  `data_path=` for the files: a shared volume, or object storage through `httpfs`).

The setting is `DASHBOARD_LAKE` (or `[database] lake` in `.streamlit/secrets.toml`; the older
`DASHBOARD_DB` is read when neither is set). DuckDB's extensions come as wheels of the same
version and are loaded by their path inside the installed wheel: there is no internet to
`INSTALL` from.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import re
import sqlite3
import subprocess
import sys
import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from dashboard.engine.i18n import _

ALIAS = "lake"
# The process's replica: an in-memory database attached with compression (a table's rows are
# compressed once committed: the national replica takes ~35 MB, not ~70, and scans faster than
# in DuckDB's default `memory` database, which never compresses).
REPLICA = "replica"
CATALOG_FILE = "catalog.sqlite"
DATA_FOLDER = "data"
# The extensions a lake needs: DuckLake, and the scanner of its catalog's kind.
CATALOG_SCANNERS = {"ducklake:sqlite:": "sqlite_scanner", "ducklake:postgres:": "postgres_scanner"}
# Each is loaded from the file its wheel installed (pinned in pyproject.toml; there is no
# internet to INSTALL from). A signed extension's file is read whole and hashed at every LOAD,
# in every new DuckDB: 0.3-0.6 s for each of these 35-41 MB files, 1.2-1.5 s for a process's
# lake, against 1-10 ms unchecked. So the lake's DuckDB allows unsigned extensions, and loads
# only these files, by their paths inside the installed wheels: the check guards files fetched
# at run time, and nothing here is fetched (autoinstall and autoload are off), no SQL comes from
# a user, and who can change a wheel's file can change DuckDB's own library beside it.
DUCKDB_CONFIG = {
    "threads": 1,
    "allow_unsigned_extensions": "true",
    "autoinstall_known_extensions": "false",
    "autoload_known_extensions": "false",
}
# Commits that meet another writer's are retried by DuckLake itself this many times (the
# product retries the whole change on a conflict DuckLake cannot resolve; see database.py).
RETRY_SETTINGS = {
    "ducklake_max_retry_count": 20,
    "ducklake_retry_wait_ms": 20,
    "ducklake_retry_backoff": 1.5,
}


class LakeUnavailable(RuntimeError):
    """The lake's catalog or data path cannot be reached (said in Norwegian)."""


@dataclass(frozen=True)
class LakeLocation:
    """A lake: its catalog (`ducklake:sqlite:…` or `ducklake:postgres:…`) and its data path."""

    catalog: str
    data_path: str
    folder: Path | None = None  # an embedded lake's own folder

    @property
    def is_embedded(self) -> bool:
        return self.folder is not None

    def __str__(self) -> str:
        return str(self.folder) if self.folder is not None else _without_secrets(self.catalog)


def _without_secrets(catalog: str) -> str:
    return re.sub(r"password=\S+", "password=…", catalog)


def location(setting: str | Path) -> LakeLocation:
    """The lake a setting names: a folder (embedded), or `ducklake:postgres:… data_path=…`."""
    text = str(setting).strip()
    if text.startswith("ducklake:"):
        words = text.split()
        data = [w for w in words if w.startswith("data_path=")]
        if not data:
            raise LakeUnavailable(
                _(
                    "Innstillingen for databasen mangler data_path=… (der datafilene ligger): {lake}"
                ).format(lake=_without_secrets(text))
            )
        catalog = " ".join(w for w in words if not w.startswith("data_path="))
        return LakeLocation(catalog=catalog, data_path=data[0].removeprefix("data_path="))
    folder = Path(text).resolve()
    return LakeLocation(
        catalog=f"ducklake:sqlite:{folder / CATALOG_FILE}",
        data_path=str(folder / DATA_FOLDER) + "/",
        folder=folder,
    )


def older_file(file: Path) -> str:
    """What to do with a database file of the product before the lake (said in Norwegian)."""
    return _(
        "{file} er en databasefil fra før DuckLake. Flytt den inn i en database-mappe med "
        "python -m dashboard lake init --from {file} --db MAPPE, og bruk mappen."
    ).format(file=file)


def exists(where: LakeLocation) -> bool:
    """Whether an embedded lake has been made (a deployed catalog is assumed to exist)."""
    return where.folder is None or (where.folder / CATALOG_FILE).is_file()


def _extension_file(name: str) -> Path:
    spec = importlib.util.find_spec(f"duckdb_extension_{name}")
    if spec is None or spec.origin is None:
        raise LakeUnavailable(
            _("DuckDB-utvidelsen {name} er ikke installert (pip install -e .).").format(name=name)
        )
    version = duckdb.__version__
    return Path(spec.origin).parent / "extensions" / f"v{version}" / f"{name}.duckdb_extension"


def extensions(catalog: str) -> tuple[str, ...]:
    """The extensions a lake with this catalog needs, DuckLake's first."""
    scanners = [scan for prefix, scan in CATALOG_SCANNERS.items() if catalog.startswith(prefix)]
    return ("ducklake", *scanners)


def load_extensions(con: duckdb.DuckDBPyConnection, catalog: str) -> None:
    for name in extensions(catalog):
        path = str(_extension_file(name)).replace("'", "''")
        con.execute(f"load '{path}'")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def attach(con: duckdb.DuckDBPyConnection, where: LakeLocation, *, create: bool = False) -> None:
    """Attach the lake to `con` as `lake` (an embedded one is made when `create`)."""
    load_extensions(con, where.catalog)
    if where.folder is not None:
        if where.folder.is_file():
            raise LakeUnavailable(older_file(where.folder))
        if not exists(where) and not create:
            raise LakeUnavailable(_("Fant ingen database i {lake}.").format(lake=where.folder))
        where.folder.mkdir(parents=True, exist_ok=True)
        (where.folder / DATA_FOLDER).mkdir(exist_ok=True)
        _use_wal(where.folder / CATALOG_FILE)  # before DuckLake opens it (made here if new)
        options = f"data_path {_literal(where.data_path)}, override_data_path true"
    else:
        options = f"data_path {_literal(where.data_path)}"
    for name, value in RETRY_SETTINGS.items():
        con.execute(f"set global {name} = {value}")
    try:
        con.execute(f"attach {_literal(where.catalog)} as {ALIAS} ({options})")
    except duckdb.Error as error:
        raise LakeUnavailable(
            _("Får ikke kontakt med databasen ({lake}): {error}").format(
                lake=where, error=str(error).splitlines()[0]
            )
        ) from error


# An embedded catalog kept open by a small process beside this one (`keep_open`). DuckDB opens
# SQLite for each transaction and closes it after; when the last connection to a WAL-mode
# database closes, SQLite writes the log back and deletes it, under a lock that makes anyone
# opening it meanwhile wait, and the SQLite inside DuckDB's extension waits in whole seconds.
# Measured (2 processes checking in at once): one check-in in ten waited 1.0 s more, p95 1.4 s;
# with the catalog kept open, p95 0.45 s. An idle connection holds no transaction: writers and
# the log's checkpoints go on as before. The keeper ends when this process does (its stdin, a
# pipe from here, closes), also when this process is killed.
_KEEPER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("select count(*) from sqlite_master").fetchall()
sys.stdin.read()
"""
_KEEPERS: dict[Path, subprocess.Popen[bytes]] = {}
_KEEPERS_GUARD = threading.Lock()


def keep_open(catalog: Path) -> None:
    """Keep this embedded catalog open while this process uses it (see `_KEEPER`): for the
    engine a process keeps (database.py), not for a script's passing connection."""
    with _KEEPERS_GUARD:
        keeper = _KEEPERS.get(catalog)
        if keeper is not None and keeper.poll() is None:
            return
        _KEEPERS[catalog] = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", _KEEPER, str(catalog)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


def let_go(catalog: Path) -> None:
    """Stop keeping this catalog open (before its folder is moved or removed)."""
    with _KEEPERS_GUARD:
        keeper = _KEEPERS.pop(catalog, None)
    if keeper is None:
        return
    if keeper.stdin is not None:
        with contextlib.suppress(OSError):
            keeper.stdin.close()
    try:
        keeper.wait(timeout=5)
    except subprocess.TimeoutExpired:
        keeper.kill()


def _use_wal(catalog: Path) -> None:
    """SQLite in write-ahead-log mode: readers never block the writer, and a writer that meets
    another fails at once (and is retried) instead of waiting on SQLite's lock."""
    connection = sqlite3.connect(catalog, timeout=30)
    try:
        if connection.execute("pragma journal_mode").fetchone()[0] != "wal":
            connection.execute("pragma journal_mode=wal")
    finally:
        connection.close()


def connect(where: LakeLocation, *, create: bool = False) -> duckdb.DuckDBPyConnection:
    """A new in-memory DuckDB with the lake attached (about 150 ms, the extensions 10 ms).

    One thread: what a process asks of DuckDB is many small statements (a change's, a page's),
    often from several sessions at once, and for those DuckDB's thread pool costs more than it
    saves. Measured on the demo lake, 2 CPUs: a check-in 0.18 s on one thread against 0.25 s on
    two, with 30 % less CPU; counting every year's prepared figures of the national data (in
    the background) takes 15 % longer (23 s, not 20 s). The replica (`REPLICA`) is the default
    database of `con`; a cursor of it starts elsewhere (`replica_cursor`)."""
    con = duckdb.connect(":memory:", config=DUCKDB_CONFIG)
    try:
        con.execute(f"attach ':memory:' as {REPLICA} (compress)")
        con.execute(f"use {REPLICA}")
        attach(con, where, create=create)
    except BaseException:
        con.close()
        raise
    return con


def replica_cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A new cursor on `con`'s database instance whose default database is the replica (a new
    cursor starts in DuckDB's own `memory`, whatever its parent uses)."""
    cursor = con.cursor()
    cursor.execute(f"use {REPLICA}")
    return cursor


def snapshot_id(con: duckdb.DuckDBPyConnection) -> int:
    """The newest committed snapshot of the lake (about 2 ms)."""
    return int(con.execute(f"select id from ducklake_current_snapshot('{ALIAS}')").fetchall()[0][0])


# Where `[database] lake` is read from when no environment variable names the lake.
SECRET_FILES = (Path.cwd() / ".streamlit" / "secrets.toml",)


def setting_from_environment() -> str | None:
    """`DASHBOARD_LAKE`, else `[database] lake` in `.streamlit/secrets.toml`, else the older
    `DASHBOARD_DB`; None when nothing names a lake."""
    if os.environ.get("DASHBOARD_LAKE"):
        return os.environ["DASHBOARD_LAKE"]
    for file in SECRET_FILES:
        if file.is_file():
            with open(file, "rb") as handle:
                setting = tomllib.load(handle).get("database", {}).get("lake")
            if setting:
                return str(setting)
    return os.environ.get("DASHBOARD_DB") or None
