"""Readers keep working during imports and never see half of one: in one process (the app's
threads) and from another process (the CLI importing while the app reads)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from dashboard.engine.database import Database
from dashboard.exchange import importer
from tests.data_io.conftest import csv_bytes
from tests.engine import cli

N_IMPORTS = 8
MEMBERS_PER_IMPORT = 300
ATTENDANCE_PER_MEMBER = 6


def _batch(number: int) -> list[tuple[str, bytes]]:
    """One import: new members, a new event and attendance rows for them (two tables at once)."""
    members = [["member_id", "name", "profession", "unit_id", "start_date"]]
    attendance = [["event_id", "person_id", "person_type", "status"]]
    events = [["event_id", "kind", "title", "event_date", "network", "health_trust"]]
    for e in range(ATTENDANCE_PER_MEMBER):
        events.append(
            [f"E{number}-{e}", "nettverksmote", "Møte", "12.03.2026", "sykepleier", "hst"]
        )
    for i in range(MEMBERS_PER_IMPORT):
        member_id = f"b{number}-m{i}"
        members.append([member_id, f"Person {i}", "sykepleier", "A", "01.01.2026"])
        for e in range(ATTENDANCE_PER_MEMBER):
            attendance.append([f"E{number}-{e}", member_id, "member", "møtt"])
    return [
        ("member.csv", csv_bytes(members)),
        ("event.csv", csv_bytes(events)),
        ("attendance.csv", csv_bytes(attendance)),
    ]


class Readers:
    """Threads reading (members, attendance rows) through `Database.read` until stopped."""

    def __init__(self, database: Database, n_threads: int, pause: float = 0.0) -> None:
        self.database = database
        self.pause = pause
        self.seen: list[tuple[int, int]] = []
        self.errors: list[BaseException] = []
        self._stop = threading.Event()
        self._first = threading.Event()
        self._threads = [threading.Thread(target=self._read) for _ in range(n_threads)]

    def _read(self) -> None:
        while not self._stop.is_set():
            try:
                with self.database.read() as con:
                    row = con.execute(
                        "select (select count(*) from member), (select count(*) from attendance)"
                    ).fetchall()[0]
                self.seen.append((int(row[0]), int(row[1])))
            except BaseException as error:
                self.errors.append(error)
            self._first.set()
            time.sleep(self.pause)

    def __enter__(self) -> Readers:
        for thread in self._threads:
            thread.start()
        # The first read (the replica built) is done before the block starts its writes.
        assert self._first.wait(timeout=60), "the readers never read"
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)


def test_readers_never_see_a_partial_import(base_db: Path) -> None:
    database = Database(base_db)
    valid = {
        (i * MEMBERS_PER_IMPORT, i * MEMBERS_PER_IMPORT * ATTENDANCE_PER_MEMBER)
        for i in range(N_IMPORTS + 1)
    }
    with Readers(database, n_threads=3) as readers:
        for number in range(N_IMPORTS):
            files = _batch(number)
            database.change(lambda con, files=files: importer.import_files(con, files, "test"))
            time.sleep(0.05)  # people read between imports; a change waits for nobody long
    seen = readers.seen
    assert not readers.errors, readers.errors[:3]
    assert len(seen) >= N_IMPORTS, "the readers did not get to run during the imports"
    torn = [s for s in seen if s not in valid]
    assert not torn, torn[:5]
    # The readers saw more than the start and the end.
    assert len(set(seen)) > 2


def test_the_cli_imports_while_this_process_keeps_reading(base_db: Path, tmp_path: Path) -> None:
    """What happens when a coordinator imports from the command line while the app serves the
    same file: the app's reads do not lock the import out, and never see half of it."""
    database = Database(base_db)
    files = _batch(0)
    for name, data in files:
        (tmp_path / name).write_bytes(data)
    with Readers(database, n_threads=1, pause=0.005) as readers:
        result = cli("import", "--db", str(base_db), *(str(tmp_path / name) for name, _ in files))
        time.sleep(0.3)
    seen = readers.seen
    assert result.returncode == 0, result.stderr
    assert not readers.errors, readers.errors[:3]
    before, after = (0, 0), (MEMBERS_PER_IMPORT, MEMBERS_PER_IMPORT * ATTENDANCE_PER_MEMBER)
    assert set(seen) <= {before, after}, set(seen)
    assert seen[0] == before and seen[-1] == after
