"""The tables of Oversikt: the scorecard, and the change since a frozen meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from dashboard.engine.formatting import format_date, format_number
from dashboard.engine.i18n import _
from dashboard.engine.indicators import status_label
from dashboard.engine.scorecard import IndicatorResult
from dashboard.exchange.page_tables.table import Table, counts


def scorecard_table(results: Sequence[IndicatorResult], year: int) -> Table:
    """The scorecard with real numbers: shares as fractions (a percent format), counts as
    integers (the count of vacant units is never a percent)."""
    frame = pd.DataFrame(
        {
            _("Indikator"): [r.indicator.title for r in results],
            "ID": [r.indicator.id for r in results],
            _("Fokusområde"): [r.indicator.focus_area_name for r in results],
            _("Verdi"): [r.value for r in results],
            _("Teller"): [r.numerator for r in results],
            _("Nevner"): [r.denominator for r in results],
            _("Mål"): [r.target for r in results],
            _("Status"): [status_label(r.status) for r in results],
            _("I fjor"): [r.previous_value for r in results],
            _("Per dato"): [r.as_of_date for r in results],
            _("Kilde"): [r.indicator.source for r in results],
        }
    )
    by_kind = ["share" if r.indicator.kind == "share" else "count" for r in results]
    targets = ["percent" if r.indicator.kind == "share" else "integer" for r in results]
    formats = {
        _("Verdi"): by_kind,
        _("Mål"): targets,
        _("I fjor"): by_kind,
        **counts(_("Teller"), _("Nevner")),
    }
    return Table(_("Indikatorer {year}").format(year=year), frame, formats)


def change_since(
    then: Sequence[IndicatorResult], now: Sequence[IndicatorResult], meeting_day: dt.date
) -> Table:
    """A frozen meeting's figures beside today's: each indicator then, now, the change (in
    percentage points for a share) and the status then and now."""
    today = {r.indicator.id: r for r in now}
    later = [today.get(r.indicator.id) for r in then]

    def change(before: IndicatorResult, after: IndicatorResult | None) -> str:
        """«+4,5 prosentpoeng», «−1», «0»; empty when either has no value."""
        if after is None or before.value is None or after.value is None:
            return ""
        difference = after.value - before.value
        if before.indicator.kind == "share":
            difference *= 100
        if abs(difference) < 1e-9:
            return "0"
        sign = "+" if difference > 0 else "−"
        if before.indicator.kind != "share":
            return f"{sign}{format_number(abs(difference))}"
        amount = format_number(abs(difference), 1)
        return _("{sign}{points} prosentpoeng").format(sign=sign, points=amount)

    frame = pd.DataFrame(
        {
            _("Indikator"): [r.indicator.title for r in then],
            _("Da"): [r.value for r in then],
            _("Teller da"): [r.numerator for r in then],
            _("Nå"): [a.value if a is not None else None for a in later],
            _("Teller nå"): [a.numerator if a is not None else None for a in later],
            _("Endring"): [change(r, a) for r, a in zip(then, later, strict=True)],
            _("Status da"): [status_label(r.status) for r in then],
            _("Status nå"): [status_label(a.status) if a is not None else "" for a in later],
        }
    )
    by_kind = ["share" if r.indicator.kind == "share" else "count" for r in then]
    return Table(
        _("Endring siden møtet {day}").format(day=format_date(meeting_day)),
        frame,
        {
            _("Da"): by_kind,
            _("Nå"): by_kind,
            **counts(_("Teller da"), _("Teller nå")),
        },
    )
