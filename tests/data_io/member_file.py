"""The member file as the import tests write it: its columns and two members. Nothing imported,
so that bench/xlsx_readers.py, run by an interpreter without the project's packages, writes the
same columns."""

MEMBER_HEADER = [
    "member_id",
    "name",
    "email",
    "profession",
    "unit_id",
    "leader_id",
    "start_date",
    "end_date",
]
MEMBERS = [
    ["m1", "Åse Ødegård", "ase@eksempel.no", "sykepleier", "A", "LA", "2026-04-16", ""],
    ["m2", "Per Ærlig", "", "fysioterapeut", "B", "", "01.02.2025", "31.12.2025"],
]
