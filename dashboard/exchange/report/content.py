"""What a report shows, gathered once for the annual report (PDF and XLSX) and the meeting pack:
the figures, the pages' tables, the map's areas, the governance summary and decisions; and the
text every document shares (the selection in words, the method note).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from dashboard.engine import db, meetings
from dashboard.engine.comparison import Comparison
from dashboard.engine.formatting import format_date
from dashboard.engine.governance import register_date
from dashboard.engine.i18n import _
from dashboard.engine.scope import Scope
from dashboard.engine.scorecard import IndicatorResult, compute_scorecard
from dashboard.exchange import page_tables
from dashboard.exchange.charts import MapArea, map_areas
from dashboard.exchange.governance_tables import GovernanceSummary, governance_summary
from dashboard.exchange.page_tables import Table, cell_text

Progress = Callable[[float, str], None]
FORMATS = ("pdf", "xlsx", "pack")


@dataclass
class ReportContent:
    """Everything a document shows, computed once. The tables are the pages' own
    (`dashboard/exchange/page_tables/`)."""

    year: int
    as_of: dt.date
    filters: dict[str, str]
    made_at: dt.datetime
    data_version: str
    last_import: str
    results: list[IndicatorResult]
    coverage: Table
    attendance_groups: Table
    events: Table
    event_kinds: list[str]
    reporting: Table
    gaps: Table
    # The selection's municipalities on the map, the rest of the data's for context.
    map_areas: list[MapArea] = field(default_factory=list)
    # The meeting pack's page on the governance bodies and the plan (no names).
    governance: GovernanceSummary | None = None
    # The meeting pack's first page: every health trust side by side (dashboard/exchange/region.py).
    region: Comparison | None = None
    # The decisions recorded on the indicators for this selection and year.
    decisions: Table | None = None
    # Set when the document shows a frozen meeting's figures: «Tall slik de var på møtet …».
    frozen_line: str = ""


def collect(
    con: duckdb.DuckDBPyConnection,
    scope: Scope,
    filters: dict[str, str] | None = None,
    notes: pd.DataFrame | None = None,
) -> ReportContent:
    """`notes`: the decisions to show (default: those `con` holds for the scope's selection and
    year)."""
    params = {"selections": scope.selections()}
    if notes is None:
        notes = meetings.notes(con, year=scope.year, selection_key=scope.selection.key())
    places = db.run(con, "attendance_by_place", params)
    coverage = db.run(con, "coverage_by_municipality", params)
    results = list(compute_scorecard(con, scope).results)
    options = db.run(con, "filter_options")
    municipalities = options[options["kind"] == "municipality"]
    events = db.run(con, "attendance_by_event", params)
    last = db.run(con, "last_import").iat[0, 0]
    return ReportContent(
        year=scope.year,
        as_of=scope.as_of_date,
        filters=filters if filters is not None else scope.selection.describe(),
        made_at=dt.datetime.now().replace(microsecond=0),
        data_version=db.data_version(con),
        last_import=_("ukjent") if last is None or pd.isna(last) else cell_text(last, None),
        results=results,
        coverage=page_tables.coverage_by_municipality(coverage),
        map_areas=map_areas(
            dict(zip(municipalities["code"], municipalities["name"], strict=True)),
            tuple(coverage["municipality_number"]),
            tuple(coverage["n_units_covered"]),
            tuple(coverage["n_units"]),
            next(r for r in results if r.indicator.id == "unit_coverage").target,
        ),
        attendance_groups=page_tables.attendance_by_place(
            places[places["dimension"] == "network_group"]
        ),
        events=page_tables.events(events),
        event_kinds=list(events["kind"]),
        reporting=page_tables.reporting_by(db.run(con, "report_by_group", params), "municipality"),
        gaps=page_tables.uncovered_units(db.run(con, "uncovered_unit_list", params)),
        governance=governance_summary(
            con,
            register_date(scope),
            scope.year,
            scope.as_of_date,
            scope.selection.health_trust,
            scope.selection.network,
        ),
        decisions=page_tables.decisions(notes) if not notes.empty else None,
    )


def scorecard_rows(content: ReportContent) -> Table:
    return page_tables.scorecard_table(content.results, content.year)


def method_note(content: ReportContent) -> list[str]:
    lines = [
        _(
            "Tallene gjelder {year}, per {day} (31. desember, eller dagens dato for et år som "
            "ikke er over)."
        ).format(year=content.year, day=format_date(content.as_of)),
        _("Utvalg: {selection}.").format(selection=selection_text(content)),
        _(
            "Dataversjon {version}; data sist importert {last_import}. Rapporten er laget "
            "{day} {time}."
        ).format(
            version=content.data_version,
            last_import=content.last_import,
            day=format_date(content.made_at.date()),
            time=f"{content.made_at:%H:%M}",
        ),
        _(
            "En andel vises med teller og nevner («41 av 52») og er «ingen data» når nevneren er "
            "0. Status: nådd når målet holder; nær målet når en andel er mindre enn 10 "
            "prosentpoeng fra målet; for få når nevneren er under 5. Målene står i måltabellen og "
            "kommer fra styringsdokumentene (kilde i parentes)."
        ),
    ]
    lines.extend(
        _("{title}: {description} (Kilde: {source}.)").format(
            title=r.indicator.title,
            description=r.indicator.description,
            source=r.indicator.source,
        )
        for r in content.results
    )
    return lines


def selection_text(content: ReportContent) -> str:
    return ", ".join(f"{k}: {v}" for k, v in content.filters.items()) or _("hele nettverket")
