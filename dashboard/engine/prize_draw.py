"""The prize draw among members who attended everything: reproducible from its seed, recorded."""

from __future__ import annotations

import datetime as dt
import random

import duckdb
import pandas as pd

from dashboard.engine import db


def draw_winners(candidates: list[str], seed: int, n_winners: int) -> list[str]:
    """The same candidates and seed give the same winners, in the same order."""
    pool = sorted(set(candidates))
    return random.Random(seed).sample(pool, min(n_winners, len(pool)))


def new_seed() -> int:
    """A seed people can read out and type: six digits."""
    return random.SystemRandom().randrange(100_000, 1_000_000)


def record_draw(
    con: duckdb.DuckDBPyConnection,
    year: int,
    seed: int,
    candidates: pd.DataFrame,
    winners: list[str],
    drawn_by: str,
    filters: str,
) -> int:
    """Store a draw among `candidates` (rows with member_id and network_group): with the network
    group they all belong to, so the draw is seen by those who may see that group."""
    groups = set(candidates["network_group"].dropna())
    db.run(
        con,
        "prize_draw_record",
        {
            "year": year,
            "drawn_at": dt.datetime.now(dt.UTC),
            "drawn_by": drawn_by,
            "seed": seed,
            "n_candidates": candidates["member_id"].nunique(),
            "winners": ", ".join(winners),
            "filters": filters,
            "network_group": groups.pop() if len(groups) == 1 else None,
        },
    )
    return int(db.run(con, "prize_draw_last").iat[0, 0])
