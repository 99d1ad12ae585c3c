"""The rules every row obeys, in one place: each table's key and the checks on its values.

DuckLake has no PRIMARY KEY, UNIQUE, CHECK or enum (they are refused), so the product enforces
them: `Database.change` runs `violations` on the tables a change wrote, inside its transaction,
before it commits, and a change that breaks a rule is rolled back with a Norwegian message (the
importer says the same earlier, naming file, row and column; this is the last line, for every
write path). Changes are serialised across processes (database.py), so a key checked here
cannot be taken by another writer before the commit.

The tables of the data contract take their keys and allowed values from
`dashboard/engine/contract.py`; the product's own tables are declared here. SQL is built from
these constants only, never from user input.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

from dashboard.engine import contract
from dashboard.engine.i18n import _

ROLES = ("styringsgruppe", "nettverksleder", "koordinator")
IMPORT_ACTIONS = ("import", "undo", "demo")
CHECKIN_OUTCOMES = ("registrert", "allerede_registrert", "ukjent")
CHECKIN_RESOLUTIONS = ("gjest", "ny_ressursperson", "registrert", "avvist")
SUBSCRIPTION_KINDS = ("digest", "pack", "alert", "reminder")
SUBSCRIPTION_FREQUENCIES = ("weekly", "monthly", "before_meeting", "daily")
DELIVERY_STATES = ("sending", "sent", "failed", "skipped")


@dataclass(frozen=True)
class Check:
    """A condition every row of `table` meets (NULLs pass unless the condition says otherwise)."""

    table: str
    condition: str


def _choices(column: str, values: Iterable[str]) -> str:
    quoted = ", ".join("'" + value.replace("'", "''") + "'" for value in values)
    return f"{column} is null or {column} in ({quoted})"


def _ordered(first: str, last: str) -> str:
    return f"{first} is null or {last} is null or {last} >= {first}"


# The product's own tables: their keys (the contract's tables take theirs from contract.py).
OWN_KEYS: dict[str, tuple[str, ...]] = {
    "import_batch": ("batch_id",),
    "prize_draw": ("draw_id",),
    "app_user": ("email",),
    "audit_log": ("audit_id",),
    "checkin_attempt": ("attempt_id",),
    "capture_round": ("year", "network", "health_trust"),
    "report_comment": ("year", "member_id"),
    "governance_meeting": ("meeting_id",),
    "meeting_freeze": ("meeting_id",),
    "decision_note": ("note_id",),
    "subscription": ("subscription_id",),
    "delivery": ("delivery_key",),
}

OWN_CHECKS: tuple[Check, ...] = (
    Check("municipality", "regexp_full_match(number, '[0-9]{4}')"),
    Check("unit", _ordered("valid_from", "valid_to")),
    Check("member", _ordered("start_date", "end_date")),
    Check("reporting_round", _ordered("sent_on", "closes_on")),
    Check("target", _ordered("year_from", "year_to")),
    Check("target", "comparison = 'rising' or value is not null"),
    Check("plan_activity", _ordered("start_date", "due_date")),
    Check("governance_member", _ordered("start_date", "end_date")),
    Check("governance_member", "body <> 'nettverksgruppe' or network_group is not null"),
    Check("import_batch", _choices("action", IMPORT_ACTIONS)),
    Check("app_user", "email = lower(email) and email like '%_@_%'"),
    Check("app_user", _choices("role", ROLES)),
    Check("checkin_attempt", _choices("outcome", CHECKIN_OUTCOMES)),
    Check("checkin_attempt", _choices("person_type", contract.PERSON_TYPES)),
    Check("checkin_attempt", _choices("resolution", CHECKIN_RESOLUTIONS)),
    Check("governance_meeting", _choices("body", contract.GOVERNANCE_BODIES)),
    Check("decision_note", _choices("body", contract.GOVERNANCE_BODIES)),
    Check("decision_note", "length(trim(note)) > 0"),
    Check("subscription", _choices("kind", SUBSCRIPTION_KINDS)),
    Check("subscription", _choices("frequency", SUBSCRIPTION_FREQUENCIES)),
    Check("subscription", "frequency <> 'before_meeting' or days_before >= 0"),
    Check("subscription", "email = lower(email) and email like '%_@_%'"),
    Check("delivery", _choices("state", DELIVERY_STATES)),
)


def keys() -> dict[str, tuple[str, ...]]:
    """Every table's key: the contract's tables and the product's own."""
    return {table.name: table.key for table in contract.TABLES} | OWN_KEYS


def checks() -> tuple[Check, ...]:
    """Every check: the contract's allowed values (a column's `choices`) and the others."""
    from_contract = tuple(
        Check(table.name, _choices(column.name, column.choices))
        for table in contract.TABLES
        for column in table.columns
        if column.choices
    )
    return from_contract + OWN_CHECKS


class RuleBroken(ValueError):
    """A change would break a key or a check; nothing of it is saved."""


def _key_message(table: str, key: tuple[str, ...]) -> str:
    return (
        _("To rader i {table} har samme nøkkel ({columns}): {row}. Endringen er ikke lagret.")
        .replace("{table}", table)
        .replace("{columns}", ", ".join(key))
    )


def _check_message(check: Check) -> str:
    return (
        _("En rad i {table} bryter regelen «{rule}»: {row}. Endringen er ikke lagret.")
        .replace("{table}", check.table)
        .replace("{rule}", check.condition)
    )


# DuckLake numbers the rows a transaction inserts from here until it commits (an update keeps a
# row's number): tests/unit/test_db.py checks it still does.
NEW_ROW_IDS_FROM = 10**18


def _rule_queries(
    tables: Iterable[str], only_new: Iterable[str] = ()
) -> tuple[list[str], list[str]]:
    """The message of every rule on these tables (numbered by position), and per table one SQL
    statement reading the table once: (rule number, one offending row's key) per broken rule.
    Each table a lake query names costs a round of catalog look-ups, so a table's key and all its
    checks are asked in one pass over it. Tables in `only_new` were only inserted into by the
    change: their rows with the keys of its new rows are checked, not every row (the others
    obeyed every rule before the change)."""
    all_keys, all_checks = keys(), checks()
    messages: list[str] = []
    queries: list[str] = []
    new = set(only_new)
    for table in sorted(set(tables) & ruled_tables()):
        key = all_keys[table]  # every ruled table has a key
        columns = ", ".join(key)
        rows = table
        if table in new:
            same_key = " and ".join(f"t.{k} is not distinct from n.{k}" for k in key)
            rows = (
                f"{table} as t semi join (select {columns} from {table}"
                f" where rowid >= {NEW_ROW_IDS_FROM}) as n on {same_key}"
            )
        tests = [("count(*) > 1", _key_message(table, key))]
        tests += [
            (f"bool_or(not coalesce(({check.condition}), true))", _check_message(check))
            for check in all_checks
            if check.table == table
        ]
        names = [f"r{len(messages) + number}" for number in range(len(tests))]
        messages += [message for _test, message in tests]
        selected = ", ".join(
            f"{test} as {name}" for (test, _m), name in zip(tests, names, strict=True)
        )
        queries.append(
            f"select any_value(row) as row, rule from (unpivot (select concat_ws(', ', {columns})"
            f" as row, {selected} from {rows} group by {columns})"
            f" on {', '.join(names)} into name rule value broken) where broken group by rule"
        )
    return messages, queries


def violations(
    con: duckdb.DuckDBPyConnection, tables: Iterable[str], only_new: Iterable[str] = ()
) -> list[str]:
    """What breaks a rule in these tables now (as `con` sees them), one message per rule. All
    rules are asked in one query (one round trip to the lake), each table read once. `only_new`:
    tables the change in `con`'s transaction only inserted into (see `_rule_queries`)."""
    messages, queries = _rule_queries(tables, only_new)
    if not queries:
        return []
    rows = con.execute(" union all ".join(f"({query})" for query in queries)).fetchall()
    found = sorted((int(rule.removeprefix("r")), row) for row, rule in rows)
    return [messages[number].replace("{row}", str(row)) for number, row in found]


def enforce(
    con: duckdb.DuckDBPyConnection, tables: Iterable[str], only_new: Iterable[str] = ()
) -> None:
    """Raise `RuleBroken` when a rule is broken in these tables."""
    found = violations(con, tables, only_new)
    if found:
        raise RuleBroken("\n".join(found))


def ruled_tables() -> frozenset[str]:
    return frozenset(keys()) | {check.table for check in checks()}
