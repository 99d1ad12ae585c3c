"""Readers on other cursors keep working during imports and never see half of one."""

from __future__ import annotations

import threading
from pathlib import Path

from dashboard import db, importer
from tests.data_io.conftest import csv_bytes

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
    return [("member.csv", csv_bytes(members)), ("event.csv", csv_bytes(events)),
            ("attendance.csv", csv_bytes(attendance))]  # fmt: skip


def test_readers_never_see_a_partial_import(base_db: Path) -> None:
    con = db.connect(base_db)
    valid = {(i * MEMBERS_PER_IMPORT, i * MEMBERS_PER_IMPORT * ATTENDANCE_PER_MEMBER)
             for i in range(N_IMPORTS + 1)}  # fmt: skip
    seen: list[tuple[int, int]] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            cursor = con.cursor()
            try:
                row = cursor.execute(
                    "select (select count(*) from member), (select count(*) from attendance)"
                ).fetchall()[0]
                seen.append((int(row[0]), int(row[1])))
            except BaseException as error:
                errors.append(error)
            finally:
                cursor.close()

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        for number in range(N_IMPORTS):
            importer.import_files(con, _batch(number), imported_by="test")
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    con.close()
    assert not errors, errors[:3]
    assert len(seen) > 50, "the readers did not get to run during the imports"
    torn = [s for s in seen if s not in valid]
    assert not torn, torn[:5]
    # The readers saw more than the start and the end.
    assert len(set(seen)) > 2
