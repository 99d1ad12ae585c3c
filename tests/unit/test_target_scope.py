"""Targets per scope: the most specific target wins (network group > health trust > region),
within the years each row covers; a database made before targets had a scope keeps its rows as
the whole region's."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from dashboard.engine import admin, db, moving
from dashboard.engine.database import Database
from dashboard.engine.indicators import REGION, TargetPlace, TargetRule, applicable_rule
from dashboard.engine.target_scope import ScopePlace, rule_text, scope_problems, targets_in_effect
from dashboard.exchange.target_views import targets_in_effect_table

STAVANGER = TargetPlace("hst")
SANDNES = TargetPlace("hst", "SYK-SAND")
BERGEN = TargetPlace("hb")
RULES = [
    # The region: 80 % from 2021, 100 % from 2026.
    TargetRule("leader_meeting", 2021, 2025, 0.8, ">="),
    TargetRule("leader_meeting", 2026, None, 1.0, ">="),
    # Helse Stavanger: 90 % for 2021–2027 only.
    TargetRule("leader_meeting", 2021, 2027, 0.9, ">=", health_trust="hst"),
    # The group Sandnes + SUS: 95 % from 2024.
    TargetRule("leader_meeting", 2024, None, 0.95, ">=", network_group="SYK-SAND"),
]


def _value(place: TargetPlace, year: int) -> float | None:
    rule = applicable_rule(RULES, "leader_meeting", year, place)
    return None if rule is None else rule.value


def test_the_region_uses_only_its_own_rows() -> None:
    assert _value(REGION, 2025) == 0.8
    assert _value(REGION, 2026) == 1.0


def test_a_trust_target_wins_over_the_region_in_its_years() -> None:
    assert _value(STAVANGER, 2023) == 0.9
    # Even over the region's newer row: the most specific scope wins before the newest year.
    assert _value(STAVANGER, 2026) == 0.9
    # After 2027 the trust has no row of its own: the region's applies.
    assert _value(STAVANGER, 2028) == 1.0
    # Another trust has none: the region's.
    assert _value(BERGEN, 2023) == 0.8


def test_a_group_target_wins_over_its_trust_and_the_region() -> None:
    assert _value(SANDNES, 2023) == 0.9  # before the group's row starts: the trust's
    assert _value(SANDNES, 2024) == 0.95
    assert _value(SANDNES, 2030) == 0.95
    # A group target does not apply to a place that is not that group.
    assert _value(TargetPlace("hst", "SYK-STAV"), 2024) == 0.9


def test_without_scoped_rows_the_choice_is_as_before() -> None:
    region_rules = [r for r in RULES if not r.is_scoped]
    for year in range(2020, 2032):
        for place in (REGION, STAVANGER, SANDNES):
            assert applicable_rule(region_rules, "leader_meeting", year, place) == applicable_rule(
                region_rules, "leader_meeting", year
            )


def test_which_target_applies_where() -> None:
    places = [
        ScopePlace("region", None, "Hele regionen"),
        ScopePlace("health_trust", "hst", "Helse Stavanger HF", "hst"),
        ScopePlace("network_group", "SYK-SAND", "Sandnes + SUS", "hst"),
        ScopePlace("health_trust", "hb", "Helse Bergen HF", "hb"),
    ]
    in_effect = targets_in_effect(RULES, 2026, places)
    table = targets_in_effect_table(
        in_effect, 2026, {"hst": "Helse Stavanger HF"}, {"SYK-SAND": "Sandnes + SUS"}
    )
    rows = table.frame[table.frame["Indikator"] == "Årlig møte med leder"]
    assert rows[["Gjelder for", "Mål", "Satt for"]].values.tolist() == [
        ["Hele regionen", "≥ 100,0 %", "Hele regionen"],
        ["Helse Stavanger HF", "≥ 90,0 %", "Helse Stavanger HF"],
        ["Sandnes + SUS", "≥ 95,0 %", "Sandnes + SUS"],
        ["Helse Bergen HF", "≥ 100,0 %", "Hele regionen"],
    ]
    assert rule_text(TargetRule("x", 2022, None, 1.5, ">=", 2021), "share") == (
        "≥ 1,50 × verdien i 2021"
    )
    assert rule_text(TargetRule("x", 2021, None, None, "rising"), "share") == (
        "over fjorårets verdi"
    )


def test_scope_checks_and_duplicate_keys_per_scope() -> None:
    frame = pd.DataFrame(
        [
            ["leader_meeting", 2026, None, 1.0, ">=", None, None, "", ""],
            ["leader_meeting", 2026, None, 0.9, ">=", None, None, "hst", ""],
            ["leader_meeting", 2026, None, 0.9, ">=", None, None, "hst", "SYK-SAND"],
            ["leader_meeting", 2026, None, 0.9, ">=", None, None, "hb", "SYK-SAND"],
            ["leader_meeting", 2026, None, 0.9, ">=", None, None, "oslo", ""],
        ],
        columns=admin.TARGET_COLUMNS,
    )
    # Three different scopes of the same indicator and year are not duplicates.
    assert admin.validate_targets(frame.iloc[:3]) == []
    assert scope_problems(frame, {"hst", "hb"}, {"SYK-SAND": "hst"}) == [
        "Rad 4: nettverksgruppen SYK-SAND hører til hst, ikke hb.",
        "Rad 5: ukjent helseforetak «oslo».",
    ]
    doubled = pd.concat([frame.iloc[1:2], frame.iloc[1:2]])
    assert admin.validate_targets(doubled) == ["Rad 2: leader_meeting fra 2026 står flere ganger."]


def test_an_older_database_gets_scoped_targets_and_keeps_its_rows(tmp_path: Path) -> None:
    """A database made when a target had no scope, moved into a lake (`lake init`): every row
    kept, as the whole region's."""
    old = tmp_path / "old.duckdb"
    con = duckdb.connect(str(old))
    con.execute(
        "create table target (indicator varchar not null, year_from integer not null,"
        " year_to integer, value double, comparison varchar not null, baseline_year integer,"
        " source varchar, primary key (indicator, year_from))"
    )
    rows = [
        (
            r["indicator"],
            r["year_from"],
            r["year_to"],
            r["value"],
            r["comparison"],
            r["baseline_year"],
            r["source"],
        )
        for r in db.seed_targets()
        if not r["health_trust"]
    ]
    con.executemany("insert into target values (?, ?, ?, ?, ?, ?, ?)", rows)
    con.close()
    lake_db = Database(tmp_path / "new.lake", create=True)
    moved = {m.table: m for m in moving.move(old, lake_db)}
    assert moved["target"].before == moved["target"].after == len(rows)
    with lake_db.read() as con:
        scopes = con.execute("select distinct health_trust, network_group from target").fetchall()
    assert scopes == [("", "")]
