"""The demo's figures, recorded: every indicator for every single-filter selection and year (at year
end), and the rows of the lists behind the headline counts. A change that moves any figure fails
here; if the change is meant, say why in the commit and record the new checksum.

Recorded 01.12.2026 from the layout before the restructuring into engine/exchange/ui (the same
figures, compared selection by selection), with one deliberate difference: the list of units
without a resource nurse now follows the profession and network filters like its headline.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from dashboard.engine import db
from dashboard.engine.access import OPERATOR, people
from dashboard.engine.database import Database
from dashboard.engine.indicators import INDICATORS
from dashboard.engine.prepared import single_selections
from dashboard.engine.scope import Scope, selection_rows
from dashboard.engine.scorecard import (
    assemble,
    count_many,
    load_target_rules,
    target_place,
    years_needed,
)

# Every year has ended for the checksum: no figure depends on the day the test runs.
TODAY = dt.date(2027, 1, 1)
YEARS = range(2021, 2027)
LISTS = {
    "uncovered_unit_list": "unit_id",
    "full_attendance_list": "member_id",
    "intro_course_list": "member_id",
    "report_missing_list": "member_id",
}
RECORDED = "39fb5de0258ac5b618c9c2122b026256b091a9aa81df4d43fe9764ee748b138b"


def _scorecards(con: object, scopes: list[Scope]) -> list[object]:
    """`compute_scorecard(con, scope, TODAY)` for every scope, with every (selection, year,
    as-of date) any of them needs counted in one query per indicator, as the prepared figures
    are (`tests/unit/test_prepared_figures.py` shows the two ways agree)."""
    rules = load_target_rules(con)
    needs = [years_needed(scope, rules, (), TODAY) for scope in scopes]
    wanted = sorted(
        {
            (scope.selection, year, day)
            for scope, need in zip(scopes, needs, strict=True)
            for year, day in need.items()
        },
        key=lambda w: (w[0].key(), w[1], w[2]),
    )
    counts = count_many(con, selection_rows((year, day, s) for s, year, day in wanted))
    number = {w: i for i, w in enumerate(wanted)}
    places = {s: target_place(con, s, rules) for s in {scope.selection for scope in scopes}}
    cards = []
    for scope, need in zip(scopes, needs, strict=True):
        own = {
            (indicator_id, year): counts[indicator_id, number[scope.selection, year, day]]
            for year, day in need.items()
            for indicator_id in (i.id for i in INDICATORS)
        }
        cards.append(assemble(scope, own, rules, (), TODAY, places[scope.selection]))
    return cards


def figures(path: Path) -> dict[str, object]:
    recorded: dict[str, object] = {}
    with Database(path).read() as con:
        scopes = [
            Scope(year, dt.date(year, 12, 31), selection)
            for selection in single_selections(con)
            for year in YEARS
        ]
        for scope, card in zip(scopes, _scorecards(con, scopes), strict=True):
            year, selection = scope.year, scope.selection
            recorded[f"{year}|{selection.key()}"] = [
                [
                    r.indicator.id,
                    r.numerator,
                    r.denominator,
                    None if r.target is None else round(r.target, 9),
                    r.status,
                    None if r.previous_value is None else round(r.previous_value, 9),
                ]
                for r in card.results
            ]
            if year in (2023, 2026):
                params = {"selections": scope.selections()}
                for name, key in LISTS.items():
                    query = db.load_query(name)
                    rows = (
                        people(con, name, params, OPERATOR).rows
                        if query.personal_column
                        else db.run(con, name, params)
                    )
                    recorded[f"{year}|{selection.key()}|{name}"] = sorted(rows[key])
    return recorded


def test_the_demo_figures_are_the_recorded_ones(demo_db: Path) -> None:
    text = json.dumps(figures(demo_db), sort_keys=True)
    checksum = hashlib.sha256(text.encode()).hexdigest()
    assert checksum == RECORDED, checksum
