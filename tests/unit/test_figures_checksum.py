"""The demo's figures, recorded: every indicator for every prepared selection and year (at year
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
from dashboard.engine.scope import Scope
from dashboard.engine.scorecard import compute_scorecard, prepared_selections

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


def figures(path: Path) -> dict[str, object]:
    recorded: dict[str, object] = {}
    with Database(path).read() as con:
        for selection in prepared_selections(con):
            for year in YEARS:
                scope = Scope(year, dt.date(year, 12, 31), selection)
                card = compute_scorecard(con, scope, TODAY)
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
