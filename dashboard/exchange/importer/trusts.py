"""Whose rows a file holds: the health trust of every row, for a coordinator limited to some
trusts (they import only those trusts' rows, and change no row that belongs to another), and the
scope of every target row (a network group's target lies within its trust).

A row's trust is its own `health_trust` column, or the trust of the row it references (a member
through its unit, an attendance through its event, an annual report through the member's
appointments), found in the same batch first, then in the database. A row that updates an
existing row must also leave that row's own trust alone. Any row of another trust refuses the
whole import (validation writes nothing), each such row named with its file, row and column.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import duckdb

from dashboard.engine import db
from dashboard.engine.access import Access
from dashboard.engine.contract import Table
from dashboard.engine.i18n import _
from dashboard.exchange.importer.problems import WHOLE_FILE, Problem

# The scope columns of a target row ('' = the whole region).
TARGET_SCOPE = ("health_trust", "network_group")
# Rows of another trust named one by one per file; the rest are counted in one line.
MAX_NAMED_ROWS = 25
# Tables whose rows carry their trust in a column of their own.
OWN_COLUMN = {
    "health_trust": "code",
    "municipality": "health_trust",
    "network_group": "health_trust",
    "unit": "health_trust",
    "event": "health_trust",
    "reporting_round": "health_trust",
}
# Tables whose rows belong to the trust of the row they reference: column → referenced table.
THROUGH = {
    "network_group_municipality": ("group_code", "network_group"),
    "leader": ("unit_id", "unit"),
    "member": ("unit_id", "unit"),
    "attendance": ("event_id", "event"),
    "annual_report": ("member_id", "member"),
    "plan_activity": ("goal_id", "plan_goal"),
}
# Tables whose existing row (by its key) may belong to another trust than the new one says:
# table → the `trust_owners` kind that holds the existing row's trust.
EXISTING = {
    "municipality": "municipality",
    "network_group": "network_group",
    "unit": "unit",
    "event": "event",
    "leader": "leader",
    "member": "appointment",
}


class TypedFile(Protocol):
    """What the check reads of a typed file (validate.py's `_Typed`)."""

    parsed: Any  # ParsedFile: file_name, table, column_label()
    columns: list[str]
    values: list[list[Any]]
    row_numbers: Sequence[int]

    def index(self, column: str) -> int | None: ...


def _appointment_key(member_id: object, start: object) -> str:
    day = start.isoformat() if isinstance(start, dt.date) else str(start)
    return f"{member_id}|{day}"


class _Owners:
    """Which trust each referenced row belongs to: rows of the batch first, then the database."""

    def __init__(self, con: duckdb.DuckDBPyConnection, files: Sequence[TypedFile]) -> None:
        self.known: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        frame = db.run(con, "trust_owners")
        for kind, key, trust in zip(
            frame["kind"], frame["row_key"], frame["health_trust"], strict=True
        ):
            self.known[kind][key].add(trust)
        names = db.run(con, "filter_options")
        self.names = {
            code: name
            for kind, code, name in zip(names["kind"], names["code"], names["name"], strict=True)
            if kind == "health_trust"
        }
        self.batch: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        by_table = {f.parsed.table.name: f for f in files}
        # Parents first, so that a member's unit from the same batch is known.
        for table in ("health_trust", "network_group", "unit", "event", "plan_goal"):
            if table in by_table:
                file = by_table[table]
                key_at = file.index(file.parsed.table.key[0])
                trust_at = file.index(OWN_COLUMN.get(table, "health_trust"))
                if key_at is None or trust_at is None:
                    continue
                for key, trust in zip(file.values[key_at], file.values[trust_at], strict=True):
                    if key is not None and trust is not None:
                        self.batch[table][key] = {trust}
                        if table == "health_trust":
                            self.names.setdefault(key, key)
        if "member" in by_table:
            file = by_table["member"]
            member_at, unit_at = file.index("member_id"), file.index("unit_id")
            if member_at is not None and unit_at is not None:
                for member, unit in zip(file.values[member_at], file.values[unit_at], strict=True):
                    self.batch["member"][member] |= self.of("unit", unit)

    def of(self, table: str, key: object) -> set[str]:
        """The trusts of a referenced row (a member may have appointments in several)."""
        if key is None:
            return set()
        found = set(self.batch[table].get(key, set()))
        if table == "member" or not found:
            found |= self.known[table].get(str(key), set())
        return found

    def name(self, trust: str) -> str:
        return self.names.get(trust, trust)

    def names_of(self, trusts: Iterable[str]) -> str:
        return ", ".join(sorted(self.name(t) for t in trusts))


def trust_problems(
    con: duckdb.DuckDBPyConnection, files: Sequence[TypedFile], access: Access | None
) -> list[Problem]:
    """The scope problems of target rows (for everyone), and, for a user limited to some
    health trusts, every row that belongs to another trust. Empty: nothing to refuse."""
    limited = access is not None and bool(access.health_trusts)
    targets = [f for f in files if f.parsed.table.name == "target"]
    if not limited and not targets:
        return []
    owners = _Owners(con, files)
    problems: list[Problem] = []
    for file in targets:
        problems.extend(_target_scope(file, owners))
    if limited:
        assert access is not None
        for file in files:
            problems.extend(_other_trusts(file, owners, access.health_trusts))
    return problems


def _target_scope(file: TypedFile, owners: _Owners) -> list[Problem]:
    """A target for a network group and a trust: the group must belong to that trust."""
    trust_at, group_at = file.index("health_trust"), file.index("network_group")
    if trust_at is None or group_at is None:
        return []
    problems = []
    for position, (trust, group) in enumerate(
        zip(file.values[trust_at], file.values[group_at], strict=True)
    ):
        if not trust or not group:
            continue
        group_trusts = owners.of("network_group", group)
        if group_trusts and trust not in group_trusts:
            problems.append(
                Problem(
                    file.parsed.file_name,
                    file.row_numbers[position],
                    file.parsed.column_label("network_group"),
                    _(
                        "nettverksgruppen «{group}» hører til {owner}, ikke til {trust}; la "
                        "helseforetak stå tomt eller velg foretaket gruppen hører til"
                    ).format(
                        group=group,
                        owner=owners.names_of(group_trusts),
                        trust=owners.name(trust),
                    ),
                )
            )
    return problems


@dataclass
class _Refusals:
    """The rows of one file refused because they belong to another trust than those allowed:
    the first MAX_NAMED_ROWS named by row and column, the rest counted."""

    file: TypedFile
    owners: _Owners
    allowed: Collection[str]
    found: list[Problem] = field(default_factory=list)
    more: int = 0

    @property
    def allowed_names(self) -> str:
        return self.owners.names_of(self.allowed)

    def refuse(self, position: int, column: str, message: str) -> None:
        if len(self.found) >= MAX_NAMED_ROWS:
            self.more += 1
            return
        self.found.append(
            Problem(
                self.file.parsed.file_name,
                self.file.row_numbers[position],
                self.file.parsed.column_label(column),
                message,
            )
        )


def _other_trusts(file: TypedFile, owners: _Owners, allowed: Collection[str]) -> list[Problem]:
    """Every row of the file that belongs (or would change a row that belongs) to another
    trust than those allowed."""
    table: Table = file.parsed.table
    name = table.name
    check = _Refusals(file, owners, allowed)
    allowed_names = check.allowed_names
    refuse = check.refuse
    if name == "target":
        _target_rows(check)
    elif name in OWN_COLUMN or "health_trust" in table.column_names:
        column = OWN_COLUMN.get(name, "health_trust")
        at = file.index(column)
        if at is None:
            return [_whole_file(file, allowed_names)]
        for position, trust in enumerate(file.values[at]):
            if trust not in allowed:
                refuse(
                    position,
                    column,
                    _("raden gjelder {trust}; du kan bare importere rader for {allowed}").format(
                        trust=owners.name(str(trust)), allowed=allowed_names
                    ),
                )
    elif name in THROUGH:
        column, parent = THROUGH[name]
        at = file.index(column)
        if at is None:
            return [_whole_file(file, allowed_names)]
        for position, key in enumerate(file.values[at]):
            trusts = owners.of(parent, key)
            if key is None:
                refuse(
                    position,
                    column,
                    _(
                        "verdien mangler, så helseforetaket raden hører til kan ikke avgjøres; "
                        "du kan bare importere rader for {allowed}"
                    ).format(allowed=allowed_names),
                )
            elif trusts and not trusts & set(allowed):
                refuse(
                    position,
                    column,
                    _(
                        "«{key}» hører til {trust}; du kan bare importere rader for {allowed}"
                    ).format(key=key, trust=owners.names_of(trusts), allowed=allowed_names),
                )
    else:
        return [_whole_file(file, allowed_names)]
    if name in EXISTING:
        _existing_rows(check)
    found, more = check.found, check.more
    if more:
        found.append(
            Problem(
                file.parsed.file_name,
                None,
                WHOLE_FILE,
                _("… og {more} rader til som gjelder andre helseforetak enn {allowed}").format(
                    more=more, allowed=allowed_names
                ),
            )
        )
    return found


def _target_rows(check: _Refusals) -> None:
    file, owners = check.file, check.owners
    trust_at, group_at = file.index("health_trust"), file.index("network_group")
    trusts = file.values[trust_at] if trust_at is not None else []
    groups = file.values[group_at] if group_at is not None else []
    for position in range(len(file.row_numbers)):
        trust = trusts[position] if trusts else ""
        group = groups[position] if groups else ""
        if group:
            group_trusts = owners.of("network_group", group)
            if group_trusts and not group_trusts & set(check.allowed):
                check.refuse(
                    position,
                    "network_group",
                    _(
                        "målet gjelder nettverksgruppen «{group}» i {trust}; du kan bare legge "
                        "inn mål for {allowed}"
                    ).format(
                        group=group,
                        trust=owners.names_of(group_trusts),
                        allowed=check.allowed_names,
                    ),
                )
        elif trust:
            if trust not in check.allowed:
                check.refuse(
                    position,
                    "health_trust",
                    _("målet gjelder {trust}; du kan bare legge inn mål for {allowed}").format(
                        trust=owners.name(trust), allowed=check.allowed_names
                    ),
                )
        else:
            check.refuse(
                position,
                "health_trust",
                _(
                    "målet gjelder hele regionen og kan bare endres av en koordinator for hele "
                    "regionen; fyll inn helseforetaket ({allowed}) eller en nettverksgruppe"
                ).format(allowed=check.allowed_names),
            )


def _existing_rows(check: _Refusals) -> None:
    """Rows that would update a row of another trust (e.g. move another trust's unit)."""
    file, owners = check.file, check.owners
    table: Table = file.parsed.table
    kind = EXISTING[table.name]
    key_columns = list(table.key)
    positions = [file.index(c) for c in key_columns]
    if any(p is None for p in positions):
        return
    columns = [file.values[p] for p in positions if p is not None]
    for position in range(len(file.row_numbers)):
        values = [column[position] for column in columns]
        key = _appointment_key(*values) if kind == "appointment" else str(values[0])
        trusts = owners.known[kind].get(key, set())
        if trusts and not trusts & set(check.allowed):
            check.refuse(
                position,
                key_columns[0],
                _(
                    "raden endrer en rad som hører til {trust}; du kan bare endre rader for "
                    "{allowed}"
                ).format(trust=owners.names_of(trusts), allowed=check.allowed_names),
            )


def _whole_file(file: TypedFile, allowed_names: str) -> Problem:
    return Problem(
        file.parsed.file_name,
        None,
        WHOLE_FILE,
        _(
            "{table} kan ikke knyttes til ett helseforetak og kan bare importeres av en "
            "koordinator for hele regionen (du har tilgang til {allowed})"
        ).format(table=file.parsed.table.title, allowed=allowed_names),
    )
