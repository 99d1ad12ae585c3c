"""Norwegian number and date formats for the screen and for people reading exports: pure functions."""

from __future__ import annotations

import datetime as dt

from dashboard.engine.indicators import Kind

MONTHS_SHORT = (
    "jan.",
    "feb.",
    "mars",
    "apr.",
    "mai",
    "juni",
    "juli",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "des.",
)


def format_number(value: float, decimals: int = 0) -> str:
    """`1234.5` → `1 234,5` (space as thousands separator, decimal comma)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",")


def format_share(value: float | None, decimals: int = 1) -> str:
    """`0.805` → `80,5 %`; None (or NaN) → `ingen data`."""
    if value is None or value != value:
        return "ingen data"
    return f"{format_number(value * 100, decimals)} %"


def format_value(kind: Kind, value: float | None) -> str:
    if value is None or value != value:
        return "ingen data"
    return format_share(value) if kind == "share" else format_number(value)


def format_fraction(numerator: int, denominator: int) -> str:
    """`41 av 52`."""
    return f"{format_number(numerator)} av {format_number(denominator)}"


def format_date(day: dt.date | None) -> str:
    """`16.04.2026`."""
    return "" if day is None else day.strftime("%d.%m.%Y")


def format_date_long(day: dt.date) -> str:
    """`12. nov. 2026`, for chart axes and headings."""
    return f"{day.day}. {MONTHS_SHORT[day.month - 1]} {day.year}"
