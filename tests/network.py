"""A tiny network built row by row for hand-checked tests: an in-memory DuckDB with the real schema."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
import pandas as pd

from dashboard.engine import db
from dashboard.engine.access import OPERATOR, people
from dashboard.engine.scope import Scope, Selection
from dashboard.engine.scorecard import count_indicator

D = dt.date
YEAR_END_2026 = D(2026, 12, 31)


class Network:
    """Insert rows with short defaults; `count` runs an indicator's real SQL file."""

    def __init__(self) -> None:
        self.con: duckdb.DuckDBPyConnection = db.connect(None)
        # A hand-made network sets its own targets (a new database gets the seeds').
        self.con.execute("delete from target")
        self.con.execute("insert into health_trust values ('hst', 'Helse Stavanger HF')")
        self.con.execute("insert into health_trust values ('hb', 'Helse Bergen HF')")

    def _insert(self, table: str, **values: Any) -> None:
        columns = ", ".join(values)
        placeholders = ", ".join(f"${name}" for name in values)
        self.con.execute(f"insert into {table} ({columns}) values ({placeholders})", values)

    def municipality(self, number: str, trust: str = "hst", groups: tuple[str, ...] = ()) -> None:
        self._insert("municipality", number=number, name=f"Kommune {number}", health_trust=trust)
        for group in groups:
            self._insert("network_group_municipality", group_code=group, municipality_number=number)

    def group(self, code: str, network: str = "sykepleier", trust: str = "hst") -> None:
        self._insert(
            "network_group", code=code, name=f"Gruppe {code}", network=network, health_trust=trust
        )

    def unit(
        self,
        unit_id: str,
        municipality: str,
        group: str | None = None,
        unit_type: str = "sykehjem",
        owner: str = "kommune",
        trust: str = "hst",
        needs_member: bool = True,
        valid_from: dt.date | None = None,
        valid_to: dt.date | None = None,
    ) -> None:
        self._insert(
            "unit",
            unit_id=unit_id,
            name=f"Enhet {unit_id}",
            unit_type=unit_type,
            owner=owner,
            municipality_number=municipality,
            health_trust=trust,
            network_group=group,
            needs_member=needs_member,
            valid_from=valid_from,
            valid_to=valid_to,
        )
        self._insert(
            "leader",
            leader_id=f"L-{unit_id}",
            name=f"Leder {unit_id}",
            email=f"leder.{unit_id.lower()}@eksempel.no",
            unit_id=unit_id,
        )

    def member(
        self,
        member_id: str,
        unit_id: str,
        start: dt.date,
        end: dt.date | None = None,
        profession: str = "sykepleier",
    ) -> None:
        self._insert(
            "member",
            member_id=member_id,
            name=f"Person {member_id}",
            email=f"{member_id.lower()}@eksempel.no",
            profession=profession,
            unit_id=unit_id,
            leader_id=f"L-{unit_id}",
            start_date=start,
            end_date=end,
        )

    def event(
        self,
        event_id: str,
        kind: str,
        day: dt.date,
        network: str = "sykepleier",
        group: str | None = None,
        trust: str = "hst",
    ) -> None:
        self._insert(
            "event",
            event_id=event_id,
            kind=kind,
            title=event_id,
            event_date=day,
            network=network,
            network_group=group,
            health_trust=trust,
        )

    def attend(
        self, event_id: str, person_id: str, status: str = "møtt", person_type: str = "member"
    ) -> None:
        self._insert(
            "attendance",
            event_id=event_id,
            person_id=person_id,
            person_type=person_type,
            status=status,
        )

    def round(self, year: int, network: str, sent_on: dt.date, trust: str = "hst") -> None:
        self._insert(
            "reporting_round",
            year=year,
            network=network,
            health_trust=trust,
            sent_on=sent_on,
            closes_on=sent_on + dt.timedelta(days=60),
        )

    def report(self, year: int, member_id: str, **answers: bool | None) -> None:
        self._insert(
            "annual_report", year=year, member_id=member_id, submitted_on=D(year, 10, 20), **answers
        )

    def target(
        self,
        indicator: str,
        year_from: int,
        value: float | None,
        comparison: str,
        baseline_year: int | None = None,
        year_to: int | None = None,
    ) -> None:
        self._insert(
            "target",
            indicator=indicator,
            year_from=year_from,
            year_to=year_to,
            value=value,
            comparison=comparison,
            baseline_year=baseline_year,
        )

    def refresh(self) -> None:
        """What an import does after changing data: rebuild the materialised views."""
        db.refresh_derived(self.con)

    def count(
        self, indicator: str, year: int = 2026, as_of: dt.date = YEAR_END_2026, **filters: str
    ) -> tuple[int, int]:
        """(numerator, denominator) from the indicator's SQL file."""
        self.refresh()
        return count_indicator(self.con, indicator, Scope(year, as_of, Selection(**filters)))

    def scope(self, year: int = 2026, as_of: dt.date = YEAR_END_2026, **filters: str) -> Scope:
        return Scope(year, as_of, Selection(**filters))

    def list(
        self,
        query: str,
        year: int = 2026,
        as_of: dt.date = YEAR_END_2026,
        params: dict[str, Any] | None = None,
        **filters: str,
    ) -> pd.DataFrame:
        """A list query's rows for one selection (person-level ones through the people gate, as
        an operator who sees everyone)."""
        self.refresh()
        full = {"selections": self.scope(year, as_of, **filters).selections(), **(params or {})}
        if db.load_query(query).personal_column:
            return people(self.con, query, full, OPERATOR).rows
        return db.run(self.con, query, full)
