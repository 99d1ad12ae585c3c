"""Lakes for tests on both catalogs: a real PostgreSQL server for the session, started in a
temporary folder on a free port, and a fresh empty database on it per call.

`postgres_lake()` gives the setting a deployment uses (`ducklake:postgres:dbname=… host=… port=…
user=postgres data_path=…/`); an embedded lake is a folder (`tmp_path / "x.lake"`). The server
runs as an unprivileged user when the tests run as root (`initdb` refuses root), with `trust`
authentication on 127.0.0.1 only and without fsync (a test server: nothing to keep).

The PostgreSQL server binaries are part of the test set-up (`make test` installs Debian's
`postgresql` through `make browser-deps`): when they are missing the fixture fails, it does not
skip, so a catalog nobody tested is never reported as passing.
"""

from __future__ import annotations

import contextlib
import grp
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# Debian's layout (`postgresql-15` and later); `initdb` on PATH otherwise.
BINARY_FOLDERS = "/usr/lib/postgresql/*/bin"
SERVER_USER = "nobody"  # when the tests run as root
START_SECONDS = 60

PostgresLake = Callable[[], str]


def postgres_binaries() -> Path | None:
    """The folder holding `initdb`, `pg_ctl` and `psql` (the newest version), or None."""
    found = sorted(
        Path("/").glob(BINARY_FOLDERS.lstrip("/")),
        key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
    )
    for folder in reversed(found):
        if all((folder / name).is_file() for name in ("initdb", "pg_ctl", "psql")):
            return folder
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl") and shutil.which("psql"):
        return Path(on_path).resolve().parent
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """One PostgreSQL cluster in a temporary folder, listening on 127.0.0.1:`port`."""

    def __init__(self, binaries: Path, lakes_folder: Path) -> None:
        self.binaries = binaries
        self.lakes_folder = lakes_folder
        self.port = 0
        self._names = itertools.count(1)
        # Outside pytest's own temporary folders (mode 0700, owned by root): the server's user
        # must reach its data folder and socket.
        self.folder = Path(tempfile.mkdtemp(prefix="dashboard-postgres-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self._as_user: dict[str, Any] = {}
        if os.geteuid() == 0:
            user = pwd.getpwnam(SERVER_USER)
            self._as_user = {
                "user": user.pw_uid,
                "group": grp.getgrgid(user.pw_gid).gr_gid,
                "extra_groups": [],
            }
            os.chown(self.folder, user.pw_uid, user.pw_gid)

    def _server_command(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        """A server command (`initdb`, `pg_ctl`) as the server's user; its output is kept for
        the failure message."""
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "TZ": "UTC"}
        return subprocess.run(
            [str(arg) for arg in args],
            capture_output=True,
            text=True,
            env=env,
            cwd=self.folder,
            timeout=START_SECONDS,
            check=False,
            **self._as_user,
        )

    def _check(self, result: subprocess.CompletedProcess[str], what: str) -> None:
        if result.returncode != 0:
            log = self.log.read_text(errors="replace") if self.log.is_file() else ""
            pytest.fail(
                f"PostgreSQL for the catalog tests: {what} failed ({result.returncode}):\n"
                f"{result.stdout}{result.stderr}{log[-2000:]}",
                pytrace=False,
            )

    def start(self) -> None:
        self._check(
            self._server_command(
                self.binaries / "initdb",
                "-D",
                self.data,
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ),
            "initdb",
        )
        for attempt in range(3):  # another process may take the free port first
            self.port = _free_port()
            options = (
                f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder}"
                " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            )
            started = self._server_command(
                self.binaries / "pg_ctl",
                "start",
                "-D",
                self.data,
                "-l",
                self.log,
                "-w",
                "-t",
                str(START_SECONDS),
                "-o",
                options,
            )
            if started.returncode == 0 or attempt == 2:
                self._check(started, "pg_ctl start")
                return

    def stop(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self._server_command(self.binaries / "pg_ctl", "stop", "-D", self.data, "-m", "fast")
        shutil.rmtree(self.folder, ignore_errors=True)

    def sql(self, statement: str) -> None:
        """One statement on the `postgres` database, as the superuser `postgres`."""
        result = subprocess.run(
            [
                str(self.binaries / "psql"),
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-c",
                statement,
            ],
            capture_output=True,
            text=True,
            timeout=START_SECONDS,
            check=False,
        )
        self._check(result, statement)

    def new_lake(self) -> str:
        """A fresh empty database and data folder: the lake's setting."""
        name = f"lake_{next(self._names)}"
        self.sql(f"create database {name}")
        data_path = self.lakes_folder / name
        data_path.mkdir(parents=True)
        return (
            f"ducklake:postgres:dbname={name} host=127.0.0.1 port={self.port} user=postgres"
            f" data_path={data_path}/"
        )


@pytest.fixture(scope="session")
def postgres_lake(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresLake]:
    """A function giving the setting of a new, empty lake with its catalog in PostgreSQL (one
    server for the session, stopped at its end)."""
    binaries = postgres_binaries()
    if binaries is None:
        pytest.fail(
            "PostgreSQL's server programs (initdb, pg_ctl, psql) are missing: the catalog tests "
            "need them. `make test` installs them (`make browser-deps`: Debian's postgresql); "
            "by hand: apt-get install postgresql.",
            pytrace=False,
        )
    server = PostgresServer(binaries, tmp_path_factory.mktemp("postgres-lakes"))
    try:
        server.start()
        yield server.new_lake
    finally:
        server.stop()
