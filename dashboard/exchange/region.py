"""The region side by side as a table people see and download (the «Regionen» page, the meeting
pack's first page) and as records for the CLI's `compare`.

Each place (health trust, network group, total) has three columns: the value (a share, or the
count of vacant units), «x av n» and the status word with its symbol. Rows are the indicators in
the registry's order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from dashboard.engine.comparison import Comparison, Place
from dashboard.engine.formatting import format_fraction, format_value
from dashboard.engine.i18n import _
from dashboard.engine.indicators import INDICATORS, status_label
from dashboard.exchange.export import ColumnFormat
from dashboard.exchange.page_tables import Table

# The three columns of a place, in order: (key, header pattern).
PART_VALUE, PART_COUNT, PART_STATUS = "value", "count", "status"


def place_headers(comparison: Comparison) -> list[tuple[Place, dict[str, str]]]:
    """Each place with its three column headers (unique, also when two names are alike)."""
    seen: set[str] = set()
    headers = []
    for place in comparison.places:
        name = place.name
        if name in seen or name == _("Indikator"):
            name = f"{name} ({place.code})"
        seen.add(name)
        headers.append(
            (
                place,
                {
                    PART_VALUE: name,
                    PART_COUNT: _("{place} (antall)").format(place=name),
                    PART_STATUS: _("{place} (status)").format(place=name),
                },
            )
        )
    return headers


def order_places(comparison: Comparison, indicator_id: str | None) -> Comparison:
    """The places (not the totals) ordered by one indicator's value: the highest first for a
    share, the lowest first for a count (fewest vacant units); no data last. None: as given."""
    if indicator_id is None:
        return comparison
    columns = [c for c in comparison.columns if not c[0].is_total]
    totals = [c for c in comparison.columns if c[0].is_total]

    def key(column: tuple[Place, Any]) -> tuple[bool, float]:
        result = column[1][indicator_id]
        if result.value is None:
            return (True, 0.0)
        return (False, result.value if result.indicator.kind == "count" else -result.value)

    ordered = sorted(columns, key=key) + totals
    return Comparison(
        comparison.scope,
        comparison.by,
        tuple(p for p, _card in ordered),
        tuple(c for _place, c in ordered),
    )


def comparison_table(comparison: Comparison) -> Table:
    """Indicators as rows; per place its value, «x av n» and status."""
    data: dict[str, list[Any]] = {_("Indikator"): [i.title for i in INDICATORS]}
    kinds: list[ColumnFormat | None] = [
        "share" if i.kind == "share" else "count" for i in INDICATORS
    ]
    formats: dict[str, ColumnFormat | Sequence[ColumnFormat | None]] = {}
    for (_place, headers), card in zip(place_headers(comparison), comparison.cards, strict=True):
        results = [card[i.id] for i in INDICATORS]
        data[headers[PART_VALUE]] = [r.value for r in results]
        data[headers[PART_COUNT]] = [format_fraction(r.numerator, r.denominator) for r in results]
        data[headers[PART_STATUS]] = [status_label(r.status) for r in results]
        formats[headers[PART_VALUE]] = kinds
    title = (
        _("Helseforetakene side om side {year}")
        if comparison.by == "health_trust"
        else _("Nettverksgruppene side om side {year}")
    ).format(year=comparison.scope.year)
    return Table(title, pd.DataFrame(data), formats)


def comparison_records(comparison: Comparison) -> list[dict[str, Any]]:
    """One record per indicator and place, for the CLI (JSON and CSV): the scorecard's own keys
    (`indicator`, `numerator`, `denominator`, `value`, `target`, `status`) and where."""
    records = []
    for place, card in comparison.columns:
        for result in card.results:
            records.append(
                {
                    "by": "region" if place.kind == "region" else place.kind,
                    "code": place.code,
                    "name": place.name,
                    "health_trust": place.health_trust,
                    "is_total": place.is_total,
                    **result.to_json(),
                }
            )
    return records


RECORD_KEYS = (
    "by",
    "code",
    "name",
    "health_trust",
    "is_total",
    "indicator",
    "numerator",
    "denominator",
    "value",
    "target",
    "status",
)


# --- the meeting pack's first page ------------------------------------------------------------

# Places per page of the pack (landscape A4, one line per cell), and the column widths in mm.
PACK_PLACES_PER_PAGE = 6
PACK_INDICATOR_WIDTH = 67.0
PACK_WIDTH = 277.0


def pack_cell(result: Any) -> str:
    """«80,5 % · 41 av 52 · ✔»: value, «x av n» and the status symbol (the legend explains)."""
    symbol = status_label(result.status).split(" ", 1)[0]
    if result.denominator == 0:
        return f"{symbol} " + _("ingen data")
    value = format_value(result.indicator.kind, result.value)
    return f"{value} · {format_fraction(result.numerator, result.denominator)} · {symbol}"


def pack_legend() -> str:
    return _(
        "✔ nådd · ◐ nær målet · ✖ ikke nådd · … for få (nevner under 5) · – uten mål · ∅ ingen data"
    )


def region_pages(
    pdf: Any,
    comparison: Comparison,
    heading: Callable[..., None],
    table: Callable[..., None],
    paragraph: Callable[..., None],
) -> None:
    """The comparison on the current page of the pack (and the next, six places a page): every
    indicator as a row, each place's value, «x av n» and status in one cell."""
    columns = list(comparison.columns)
    pages = [
        columns[i : i + PACK_PLACES_PER_PAGE] for i in range(0, len(columns), PACK_PLACES_PER_PAGE)
    ]
    for number, chunk in enumerate(pages):
        if number:
            pdf.add_page()
        title = _("Regionen side om side")
        if len(pages) > 1:
            title = f"{title} ({number + 1}/{len(pages)})"
        heading(pdf, title, 16)
        width = (PACK_WIDTH - PACK_INDICATOR_WIDTH) / PACK_PLACES_PER_PAGE
        table(
            pdf,
            [_("Indikator"), *(place.name for place, _card in chunk)],
            [
                [indicator.title, *(pack_cell(card[indicator.id]) for _place, card in chunk)]
                for indicator in INDICATORS
            ],
            (PACK_INDICATOR_WIDTH, *([width] * len(chunk))),
            size=7,
        )
        paragraph(pdf, pack_legend(), 8)
