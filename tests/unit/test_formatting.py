from __future__ import annotations

import datetime as dt

from dashboard.engine.formatting import (
    format_date,
    format_date_long,
    format_fraction,
    format_number,
    format_share,
    format_value,
)


def test_norwegian_numbers() -> None:
    assert format_share(0.805) == "80,5 %"
    assert format_share(1.0) == "100,0 %"
    assert format_share(None) == "ingen data"
    assert format_number(1234.5, 1) == "1 234,5"
    assert format_fraction(41, 52) == "41 av 52"
    assert format_value("count", 4.0) == "4"
    assert format_value("share", 0.25) == "25,0 %"


def test_norwegian_dates() -> None:
    assert format_date(dt.date(2026, 4, 16)) == "16.04.2026"
    assert format_date_long(dt.date(2026, 11, 12)) == "12. nov. 2026"
    assert format_date(None) == ""
