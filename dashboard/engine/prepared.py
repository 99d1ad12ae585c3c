"""The prepared figures: the counts of the selections people use (everything, each single
filter, each health trust with each profession) for the years they look at, counted ahead in
each replica, stored in the lake for the next process, forgotten for the years a change moved,
and found stale when a year's as-of date has moved on. A page reads them through
`scorecard.prepared_counts`; what is not prepared is counted on the spot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import duckdb
import pandas as pd

from dashboard.engine import db
from dashboard.engine.contract import GROUP_NETWORKS, PROFESSIONS, UNIT_TYPES
from dashboard.engine.indicators import INDICATORS
from dashboard.engine.scope import Selection, as_of_date_for, selection_rows
from dashboard.engine.scorecard import count_many, load_target_rules


def single_selections(con: duckdb.DuckDBPyConnection) -> list[Selection]:
    """Everything, and each single filter value (the health trusts, network groups and
    municipalities in the data, every network, profession and unit type)."""
    places = db.run(con, "filter_options")
    chosen = [(kind, code) for kind, code in zip(places["kind"], places["code"], strict=True)]
    chosen += [("network", code) for code in GROUP_NETWORKS]
    chosen += [("profession", code) for code in PROFESSIONS]
    chosen += [("unit_type", code) for code in UNIT_TYPES]
    return [Selection()] + [Selection(**{kind: code}) for kind, code in chosen]


def prepared_selections(con: duckdb.DuckDBPyConnection) -> list[Selection]:
    """The selections people use: the single ones, and each health trust with each profession
    (Regionen's columns when a profession is chosen; +19 % to the time a refresh takes on national
    data, where a trust with a network would add as much again)."""
    single = single_selections(con)
    trusts = [s.health_trust for s in single if s.health_trust]
    return single + [
        Selection(health_trust=trust, profession=profession)
        for trust in trusts
        for profession in PROFESSIONS
    ]


def prepared_years(con: duckdb.DuckDBPyConnection, today: dt.date | None = None) -> list[int]:
    """Every year with data and the current one, each year before them (last year's values),
    and the baseline years of the targets."""
    years = {int(y) for y in db.run(con, "data_years")["year"]}
    years.add((today or dt.date.today()).year)
    years.update({y - 1 for y in years})
    years.update(r.baseline_year for r in load_target_rules(con) if r.baseline_year is not None)
    return sorted(years)


def prepare_figures(
    con: duckdb.DuckDBPyConnection,
    today: dt.date | None = None,
    years: Collection[int] | None = None,
) -> int:
    """Count every indicator for every prepared selection and year into `prepared_count`
    (replacing what was there; with `years`, only those years' rows); returns the number of rows.
    Run inside the transaction that made the replica's data, readers see data and figures
    together."""
    frame = count_prepared(con, today, years)
    store_prepared(con, frame, years)
    return len(frame)


# The tables that decide which selections and years are prepared: a change to one of them can
# move every indicator's figures (a new health trust, a new year, another target's baseline).
SHAPE_QUERIES = ("data_years", "filter_options")
SHAPE_TABLES = ("target",)


def indicators_reading(tables: Collection[str]) -> frozenset[str] | None:
    """The ids of the indicators whose figures a change to these tables can move, by the tables
    each indicator's query reads (its `-- reads:` header); None: every indicator."""
    written = set(tables)
    shape = set(SHAPE_TABLES)
    for name in SHAPE_QUERIES:
        reads = db.load_query(name).reads
        if reads is None:
            return None
        shape |= reads
    if shape & written:
        return None
    moved = set()
    for indicator in INDICATORS:
        reads = db.load_query(indicator.query_name).reads
        if reads is None or reads & written:
            moved.add(indicator.id)
    return frozenset(moved)


def count_prepared(
    con: duckdb.DuckDBPyConnection,
    today: dt.date | None = None,
    years: Collection[int] | None = None,
    indicators: Collection[str] | None = None,
) -> pd.DataFrame:
    """The prepared figures of these years (None: every year) and indicators (ids; None: every
    one), counted (read only)."""
    counted = [year for year in prepared_years(con, today) if years is None or year in years]
    wanted = [
        (year, as_of_date_for(year, today), selection)
        for selection in prepared_selections(con)
        for year in counted
    ]
    chosen = [i for i in INDICATORS if indicators is None or i.id in indicators]
    counts = count_many(con, selection_rows(wanted), chosen)
    return pd.DataFrame(
        [
            (
                wanted[s][2].key(),
                wanted[s][0],
                wanted[s][1],
                indicator_id,
                numerator,
                denominator,
            )
            for (indicator_id, s), (numerator, denominator) in counts.items()
        ],
        columns=["selection_key", "year", "as_of_date", "indicator", "numerator", "denominator"],
    )


def store_prepared(
    con: duckdb.DuckDBPyConnection,
    frame: pd.DataFrame,
    years: Collection[int] | None,
    indicators: Collection[str] | None = None,
) -> None:
    """`frame` (from `count_prepared`) in place of these years' and indicators' prepared rows
    (None: all)."""
    forget_prepared(con, years, indicators)
    con.register("prepared_frame", frame)
    try:
        con.execute("insert into prepared_count select * from prepared_frame")
    finally:
        con.unregister("prepared_frame")


def forget_prepared(
    con: duckdb.DuckDBPyConnection,
    years: Collection[int] | None,
    indicators: Collection[str] | None = None,
) -> None:
    """These years' prepared rows of these indicators gone (None: all): pages count such a year
    themselves (every indicator) until it is prepared again."""
    conditions, params = ["true"], {}
    if years is not None:
        conditions.append("list_contains($years, year)")
        params["years"] = sorted(years)
    if indicators is not None:
        conditions.append("list_contains($indicators, indicator)")
        params["indicators"] = sorted(indicators)
    con.execute(f"delete from prepared_count where {' and '.join(conditions)}", params)


def stale_years(con: duckdb.DuckDBPyConnection, today: dt.date | None = None) -> list[int]:
    """Prepared years whose as-of date is no longer theirs (the current year, the day after it
    was prepared): a refresh makes them current again."""
    frame = db.run(con, "prepared_as_of")
    return [
        int(year)
        for year, day in zip(frame["year"], frame["as_of_date"], strict=True)
        if pd.Timestamp(day).date() != as_of_date_for(int(year), today)
    ]
