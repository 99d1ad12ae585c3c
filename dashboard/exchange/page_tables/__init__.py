"""Every table the product shows or exports, built from the rows of its query: headers in the
language of the moment (bokmål in the code, wrapped in `_()`), codes as labels
(`dashboard/engine/labels.py`), shares as numbers between 0 and 1 with a
percent format, counts as integers, dates as dates, times in Oslo time. The pages, the CLI's
`export` and the report use these, so a table looks the same everywhere and its file holds the
same figures.

One module per page (overview, coverage, attendance, reporting, members, data_and_admin,
mail_subscriptions), each built on table.py (`Table` and the helpers every builder uses); callers
import from this package.
"""

from __future__ import annotations

from dashboard.exchange.page_tables.attendance import (
    attendance_by_place,
    attendance_matrix,
    events,
    full_attendance,
    intro_course,
    prize_draws,
)
from dashboard.exchange.page_tables.coverage import (
    appointments_ending,
    coverage_by_group,
    coverage_by_municipality,
    municipalities_without_physio_ot,
    turnover,
    uncovered_units,
    unit_status,
    vacant_units,
)
from dashboard.exchange.page_tables.data_and_admin import audit_log, decisions, import_history
from dashboard.exchange.page_tables.mail_subscriptions import (
    Names,
    deliveries,
    subscription_words,
    subscriptions,
)
from dashboard.exchange.page_tables.members import HISTORY_KIND, member_history, member_register
from dashboard.exchange.page_tables.overview import change_since, scorecard_table
from dashboard.exchange.page_tables.reporting import ANSWERS, report_missing, reporting_by
from dashboard.exchange.page_tables.table import (
    OSLO,
    Table,
    cell_text,
    counts,
    is_missing,
    labelled,
    oslo_time,
    share,
)

__all__ = [
    "ANSWERS",
    "HISTORY_KIND",
    "OSLO",
    "Names",
    "Table",
    "appointments_ending",
    "attendance_by_place",
    "attendance_matrix",
    "audit_log",
    "cell_text",
    "change_since",
    "counts",
    "coverage_by_group",
    "coverage_by_municipality",
    "decisions",
    "deliveries",
    "events",
    "full_attendance",
    "import_history",
    "intro_course",
    "is_missing",
    "labelled",
    "member_history",
    "member_register",
    "municipalities_without_physio_ot",
    "oslo_time",
    "prize_draws",
    "report_missing",
    "reporting_by",
    "scorecard_table",
    "share",
    "subscription_words",
    "subscriptions",
    "turnover",
    "uncovered_units",
    "unit_status",
    "vacant_units",
]
