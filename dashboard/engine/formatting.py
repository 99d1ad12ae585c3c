"""Numbers and dates for the screen and for people reading exports, in the current language's CLDR
locale through Babel (`nb`, `nn`: `80,5 %`, `1 234`, `16.04.2026`; English: `80.5%`, `1,234`,
`16/04/2026`): pure functions.

Babel writes a no-break space (U+00A0) between thousands and before `%` in Norwegian, and a
minus sign (U+2212) for negatives. These functions write a plain space and `-` instead, so the
Norwegian output is the one the product has always written (tests, CSV files and charts rely on
it), and a spreadsheet reads `-1,5` as a number.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from dashboard.engine.i18n import _, format_locale
from dashboard.engine.indicators import Kind

_PLAIN = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2212": "-"})
_NUMBER_PART = re.compile(r"[#0,.]+")


def _plain(text: str) -> str:
    return text.translate(_PLAIN)


@cache
def _percent_affixes(locale: str) -> tuple[str, str]:
    """What stands before and after the number in the locale's percent pattern (`nb`: «» and
    « %»; `en_GB`: «» and «%»)."""
    pattern = Locale.parse(locale).percent_formats[None].pattern.split(";")[0]
    number = _NUMBER_PART.search(pattern)
    assert number is not None
    return _plain(pattern[: number.start()]), _plain(pattern[number.end() :])


def format_number(value: float, decimals: int = 0) -> str:
    """`1234.5` → `1 234,5` (nb, nn) or `1,234.5` (en). Rounded as Python rounds (to the nearest,
    ties to even on the binary value), then written by Babel."""
    rounded = round(float(value), decimals)
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return _plain(format_decimal(rounded, format=pattern, locale=format_locale()))


def format_share(value: float | None, decimals: int = 1) -> str:
    """`0.805` → `80,5 %` (nb, nn) or `80.5%` (en); None (or NaN) → `ingen data`."""
    if value is None or value != value:
        return _("ingen data")
    before, after = _percent_affixes(format_locale())
    return f"{before}{format_number(value * 100, decimals)}{after}"


def format_value(kind: Kind, value: float | None) -> str:
    if value is None or value != value:
        return _("ingen data")
    return format_share(value) if kind == "share" else format_number(value)


def format_fraction(numerator: int, denominator: int) -> str:
    """`41 av 52`."""
    return _("{numerator} av {denominator}").format(
        numerator=format_number(numerator), denominator=format_number(denominator)
    )


def format_date(day: dt.date | None) -> str:
    """`16.04.2026` (the locale's short date: `16/04/2026` in English)."""
    return "" if day is None else babel_format_date(day, format="short", locale=format_locale())


def format_date_long(day: dt.date) -> str:
    """`12. nov. 2026` (the locale's medium date: `12 Nov 2026` in English), for chart axes and
    headings."""
    return _plain(babel_format_date(day, format="medium", locale=format_locale()))


def date_pattern() -> str:
    """The short date as a pattern for widgets and spreadsheets: `DD.MM.YYYY` (nb, nn),
    `DD/MM/YYYY` (en). Spreadsheets take it in lower case (`dd.mm.yyyy`)."""
    pattern = Locale.parse(format_locale()).date_formats["short"].pattern
    return re.sub(r"y+", "YYYY", pattern.replace("dd", "DD").replace("d", "D"))


def separators() -> str:
    """Plotly's `separators`: the decimal mark, then the thousands separator (`, ` in nb and
    nn)."""
    locale = format_locale()
    return _plain(get_decimal_symbol(locale) + get_group_symbol(locale))
