"""The steering group's meeting pack (landscape PDF, large type): the region side by side, one page
per focus area, the decisions, and the governance bodies and annual plan (no names).
"""

from __future__ import annotations

from dashboard.engine.formatting import format_date
from dashboard.engine.i18n import _
from dashboard.engine.indicators import FOCUS_AREAS
from dashboard.exchange.governance_tables import GovernanceSummary
from dashboard.exchange.region import region_pages
from dashboard.exchange.report.content import ReportContent
from dashboard.exchange.report.pdf_layout import (
    decisions_page,
    heading,
    image,
    new_pdf,
    paragraph,
    pdf_table,
    png_height,
    scope_lines,
    scorecard_cells,
)


def _governance_page(pdf: object, summary: GovernanceSummary) -> None:
    """The pack's page on the steering bodies: terms ending soon and network groups without a
    leader, and the year's plan in numbers. No names: the pack is projected in the steering
    group's meeting (see dashboard/engine/governance.py)."""
    pdf.add_page()  # type: ignore[attr-defined]
    heading(pdf, _("Styringsorganer og årsplan"), 24)
    counts = summary.plan_counts
    if sum(counts[s] for s in ("planned", "under_way", "done", "dropped")):
        text = _(
            "Årsplan {year}: {done} gjennomført, {under_way} pågår, {planned} planlagt, "
            "{dropped} utgår; {overdue} forfalt."
        ).format(year=summary.plan_year, **counts)
    else:
        text = _("Ingen årsplan for {year} i databasen.").format(year=summary.plan_year)
    paragraph(pdf, text, 14)
    heading(
        pdf,
        _("Verv som slutter innen {days} dager (per {day})").format(
            days=summary.within_days, day=format_date(summary.day)
        ),
        16,
    )
    ending = [
        _("Slutter"),
        _("Dager igjen"),
        _("Organ"),
        _("Nettverksgruppe"),
        _("Rolle"),
        _("Organisasjon"),
        _("Etterfølger oppnevnt"),
    ]
    if summary.ending.frame.empty:
        paragraph(
            pdf, _("Ingen verv slutter innen {days} dager.").format(days=summary.within_days), 13
        )
    else:
        widths = (30, 22, 55, 45, 25, 70, 30)
        pdf_table(pdf, ending, summary.ending.text_rows(ending), widths, size=12)
    heading(pdf, _("Nettverksgrupper uten leder"), 16)
    groups = [
        _("Nettverksgruppe"),
        _("Nettverk"),
        _("Forrige leders periode sluttet"),
        _("Dager uten leder"),
        _("Ny leder fra"),
    ]
    if summary.leaderless.frame.empty:
        paragraph(pdf, _("Alle nettverksgruppene har en leder."), 13)
    else:
        widths = (70, 70, 55, 40, 42)
        pdf_table(pdf, groups, summary.leaderless.text_rows(groups), widths, size=12)


def to_pack(content: ReportContent, pngs: dict[str, bytes]) -> bytes:
    """The meeting pack: landscape, large type, one page per focus area with every area's chart
    and last year's value."""
    pdf = new_pdf("L")
    pdf.add_page()  # type: ignore[attr-defined]
    pdf.ln(4 if content.region is not None else 40)  # type: ignore[attr-defined]
    heading(pdf, _("Styringsgruppemøte – indikatorer {year}").format(year=content.year), 28)
    scope_lines(pdf, content, _("{selection} · per {day}"), 16, 14)
    if content.region is not None:  # the first page: the region side by side
        region_pages(pdf, content.region, heading, pdf_table, paragraph)
    for number, name in FOCUS_AREAS.items():
        in_area = [r for r in content.results if r.indicator.focus_area == number]
        pdf.add_page()  # type: ignore[attr-defined]
        heading(pdf, f"{number}. {name}", 24)
        if not in_area:
            paragraph(pdf, _("Ingen målbare indikatorer i dette fokusområdet."), 16)
            continue
        pdf_table(
            pdf,
            *scorecard_cells(in_area),
            (90, 30, 40, 30, 45, 30),
            size=13,
        )
        png = pngs.get(f"focus_{number}")
        if png is not None:
            # The chart fills what is left of the page (an area of many indicators gets a taller
            # chart, drawn smaller to fit).
            room = 190 - pdf.get_y()  # type: ignore[attr-defined]
            image(pdf, png, min(200.0, max(90.0, room * 1000 / png_height(png))))
    decisions_page(pdf, content, 24)
    if content.governance is not None:
        _governance_page(pdf, content.governance)
    return bytes(pdf.output())  # type: ignore[attr-defined]
