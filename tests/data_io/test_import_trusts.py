"""A coordinator limited to a health trust imports only that trust's rows: a file with a row of
another trust is refused whole, each such row named by file, row and column, and nothing is
written. Targets carry a scope; old target files (without it) still import as the region's."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.engine.access import OPERATOR, Access
from dashboard.engine.database import Database
from dashboard.engine.scope import Scope
from dashboard.exchange import importer
from dashboard.exchange.export import ExportMeta, to_csv
from dashboard.exchange.tables import named_table
from tests.data_io.conftest import BASE_FILES, UNIT_HEADER, csv_bytes, imported, snapshot

STAVANGER_COORDINATOR = Access("hst@eksempel.no", "koordinator", health_trusts=frozenset({"hst"}))


@pytest.fixture
def two_trusts(tmp_path: Path) -> Path:
    """The base database's Helse Stavanger (hst: 1103 and 1108, group G1, units A and B, leader
    LA) with member m1 in unit A and event E1, and Helse Bergen (hb: 4601, group GB, unit X with
    member x1 and event EB)."""
    bergen = {
        "health_trust.csv": [["hb", "Helse Bergen HF"]],
        "municipality.csv": [["4601", "Bergen", "hb"]],
        "network_group.csv": [["GB", "Bergen + HUS", "sykepleier", "hb"]],
        "unit.csv": [["X", "Xtra sykehjem", "sykehjem", "kommune", "4601", "hb", "GB"]],
    }
    files = {name: [*rows, *bergen.get(name, [])] for name, rows in BASE_FILES.items()}
    files["member.csv"] = [
        ["member_id", "name", "profession", "unit_id", "start_date"],
        ["m1", "Mia", "sykepleier", "A", "2024-01-01"],
        ["x1", "Xander", "sykepleier", "X", "2024-01-01"],
    ]
    files["event.csv"] = [
        ["event_id", "kind", "title", "event_date", "network", "health_trust"],
        ["E1", "fagdag", "Fagdag", "2026-11-12", "alle", "hst"],
        ["EB", "fagdag", "Fagdag", "2026-11-13", "alle", "hb"],
    ]
    return imported(tmp_path / "two.lake", files)


def _refused(path: Path, files: list[tuple[str, bytes]], access: Access) -> list[str]:
    """The problems of an import that must be refused; the database is left as it was."""
    database = Database(path)
    with database.read() as con:
        before = snapshot(con)
    with pytest.raises(importer.ImportRejected) as rejected:
        database.change(lambda con: importer.import_files(con, files, "test", access=access))
    with database.read() as con:
        assert snapshot(con) == before
    return [str(p) for p in rejected.value.problems]


def _imports(path: Path, files: list[tuple[str, bytes]], access: Access) -> importer.ImportResult:
    return Database(path).change(
        lambda con: importer.import_files(con, files, "test", access=access)
    )


def test_a_unit_of_another_trust_refuses_the_whole_file(two_trusts: Path) -> None:
    unit = csv_bytes(
        [
            UNIT_HEADER,
            ["A2", "Ny sykehjem", "sykehjem", "kommune", "1103", "hst", "G1"],
            ["X2", "Bergensk sykehjem", "sykehjem", "kommune", "4601", "hb", "GB"],
        ]
    )
    assert _refused(two_trusts, [("unit.csv", unit)], STAVANGER_COORDINATOR) == [
        "unit.csv, rad 3, kolonne health_trust: raden gjelder Helse Bergen HF; du kan bare "
        "importere rader for Helse Stavanger HF"
    ]
    # The same file from a coordinator for the whole region (and the CLI's operator) lands.
    assert _imports(two_trusts, [("unit.csv", unit)], OPERATOR).inserted == 2


def test_rows_that_belong_to_another_trust_through_what_they_reference(two_trusts: Path) -> None:
    member = csv_bytes(
        [
            ["member_id", "name", "profession", "unit_id", "start_date"],
            ["m2", "Mona", "sykepleier", "A", "2026-01-01"],
            ["x2", "Xenia", "sykepleier", "X", "2026-01-01"],
        ]
    )
    attendance = csv_bytes(
        [["event_id", "person_id", "person_type", "status"], ["EB", "x1", "member", "møtt"]]
    )
    report = csv_bytes([["year", "member_id", "met_leader"], ["2026", "x1", "ja"]])
    problems = _refused(
        two_trusts,
        [("medlem.csv", member), ("attendance.csv", attendance), ("annual_report.csv", report)],
        STAVANGER_COORDINATOR,
    )
    assert problems == [
        "medlem.csv, rad 3, kolonne unit_id: «X» hører til Helse Bergen HF; du kan bare "
        "importere rader for Helse Stavanger HF",
        "attendance.csv, rad 2, kolonne event_id: «EB» hører til Helse Bergen HF; du kan bare "
        "importere rader for Helse Stavanger HF",
        "annual_report.csv, rad 2, kolonne member_id: «x1» hører til Helse Bergen HF; du kan "
        "bare importere rader for Helse Stavanger HF",
    ]


def test_moving_another_trusts_row_into_ones_own_is_refused(two_trusts: Path) -> None:
    """The new row says Stavanger, but unit X belongs to Bergen: that is editing Bergen's row."""
    unit = csv_bytes(
        [UNIT_HEADER, ["X", "Xtra sykehjem", "sykehjem", "kommune", "1103", "hst", "G1"]]
    )
    assert _refused(two_trusts, [("unit.csv", unit)], STAVANGER_COORDINATOR) == [
        "unit.csv, rad 2, kolonne unit_id: raden endrer en rad som hører til Helse Bergen HF; "
        "du kan bare endre rader for Helse Stavanger HF"
    ]


def test_own_rows_import_and_the_preview_shows_them(two_trusts: Path) -> None:
    member = csv_bytes(
        [
            ["member_id", "name", "profession", "unit_id", "start_date"],
            ["m2", "Mona", "sykepleier", "A", "2026-01-01"],
        ]
    )
    target = csv_bytes(
        [
            ["indicator", "year_from", "value", "comparison", "health_trust", "network_group"],
            ["meeting_attendance", "2026", "0,9", ">=", "hst", ""],
            ["meeting_attendance", "2026", "0,95", ">=", "", "G1"],
        ]
    )
    files = [("member.csv", member), ("target.csv", target)]
    with Database(two_trusts).read() as con:
        plan = importer.preview(con, files, access=STAVANGER_COORDINATOR)
    assert [(c.table, c.inserted) for c in plan.changes] == [("member", 1), ("target", 2)]
    assert _imports(two_trusts, files, STAVANGER_COORDINATOR).inserted == 3


def test_targets_of_the_region_or_another_trust_are_refused(two_trusts: Path) -> None:
    target = csv_bytes(
        [
            ["indicator", "year_from", "value", "comparison", "health_trust", "network_group"],
            ["meeting_attendance", "2026", "0,9", ">=", "", ""],
            ["meeting_attendance", "2026", "0,9", ">=", "hb", ""],
            ["meeting_attendance", "2026", "0,9", ">=", "", "GB"],
        ]
    )
    assert _refused(two_trusts, [("mål.csv", target)], STAVANGER_COORDINATOR) == [
        "mål.csv, rad 2, kolonne health_trust: målet gjelder hele regionen og kan bare endres av "
        "en koordinator for hele regionen; fyll inn helseforetaket (Helse Stavanger HF) eller en "
        "nettverksgruppe",
        "mål.csv, rad 3, kolonne health_trust: målet gjelder Helse Bergen HF; du kan bare legge "
        "inn mål for Helse Stavanger HF",
        "mål.csv, rad 4, kolonne network_group: målet gjelder nettverksgruppen «GB» i Helse "
        "Bergen HF; du kan bare legge inn mål for Helse Stavanger HF",
    ]


def test_a_group_target_must_lie_within_its_trust_for_everyone(two_trusts: Path) -> None:
    target = csv_bytes(
        [
            ["indicator", "year_from", "value", "comparison", "health_trust", "network_group"],
            ["meeting_attendance", "2026", "0,9", ">=", "hb", "G1"],
        ]
    )
    assert _refused(two_trusts, [("target.csv", target)], OPERATOR) == [
        "target.csv, rad 2, kolonne network_group: nettverksgruppen «G1» hører til Helse "
        "Stavanger HF, ikke til Helse Bergen HF; la helseforetak stå tomt eller velg foretaket "
        "gruppen hører til"
    ]


def test_an_old_target_file_without_scope_updates_the_regions_rows(two_trusts: Path) -> None:
    """Target files written before targets had a scope still import: as the whole region's."""
    target = csv_bytes(
        [
            ["indicator", "year_from", "value", "comparison"],
            ["meeting_attendance", "2021", "0,85", ">="],
        ]
    )
    result = _imports(two_trusts, [("target.csv", target)], OPERATOR)
    assert (result.inserted, result.updated) == (0, 1)
    with Database(two_trusts).read() as con:
        rows = con.execute(
            "select value, health_trust, network_group from target"
            " where indicator = 'meeting_attendance'"
        ).fetchall()
    assert rows == [(0.85, "", "")]


def test_exported_targets_import_again_unchanged(two_trusts: Path, tmp_path: Path) -> None:
    scoped = csv_bytes(
        [
            ["indicator", "year_from", "value", "comparison", "health_trust", "network_group"],
            ["meeting_attendance", "2026", "0,9", ">=", "hst", ""],
        ]
    )
    _imports(two_trusts, [("target.csv", scoped)], OPERATOR)
    with Database(two_trusts).read() as con:
        table = named_table(con, "target", Scope(2026))
        before = snapshot(con)["target"]
    assert {"Helseforetak", "Nettverksgruppe"} <= set(table.frame.columns)
    exported = to_csv(table.frame, ExportMeta(table.title), table.formats)
    result = _imports(two_trusts, [("target.csv", exported)], OPERATOR)
    assert (result.inserted, result.updated) == (0, 0)
    with Database(two_trusts).read() as con:
        assert snapshot(con)["target"] == before


def test_many_rows_of_another_trust_are_named_then_counted(two_trusts: Path) -> None:
    rows = [["member_id", "name", "profession", "unit_id", "start_date"]]
    rows += [[f"x{n}", "X", "sykepleier", "X", "2026-01-01"] for n in range(100, 130)]
    problems = _refused(two_trusts, [("member.csv", csv_bytes(rows))], STAVANGER_COORDINATOR)
    assert len(problems) == 26
    assert problems[-1] == (
        "member.csv, rad –, kolonne (hele filen): … og 5 rader til som gjelder andre "
        "helseforetak enn Helse Stavanger HF"
    )


def test_plan_activities_belong_to_the_trust_of_their_delmal(two_trusts: Path) -> None:
    goals = csv_bytes(
        [
            [
                "goal_id",
                "year",
                "health_trust",
                "focus_area_number",
                "focus_area",
                "goal_number",
                "title",
            ],
            ["S-1", "2026", "hst", "1", "Kompetanse", "1", "Fagdag"],
            ["B-1", "2026", "hb", "1", "Kompetanse", "1", "Fagdag"],
        ]
    )
    _imports(two_trusts, [("plan_goal.csv", goals)], OPERATOR)
    activities = csv_bytes(
        [
            ["activity_id", "goal_id", "title", "status"],
            ["a1", "S-1", "Program", "planned"],
            ["a2", "B-1", "Program", "planned"],
        ]
    )
    assert _refused(two_trusts, [("plan_activity.csv", activities)], STAVANGER_COORDINATOR) == [
        "plan_activity.csv, rad 3, kolonne goal_id: «B-1» hører til Helse Bergen HF; du kan "
        "bare importere rader for Helse Stavanger HF"
    ]
    own = csv_bytes(
        [["activity_id", "goal_id", "title", "status"], ["a1", "S-1", "Program", "done"]]
    )
    assert _imports(two_trusts, [("plan_activity.csv", own)], STAVANGER_COORDINATOR).inserted == 1
