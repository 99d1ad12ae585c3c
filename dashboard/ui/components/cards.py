"""The scorecard, the headline figures of a page and the breadcrumb as HTML: one Streamlit element
each instead of dozens, built once per scorecard and cached. Every text goes through
`html_escape`; the only markup is ours. Status is a word, a symbol and a colour (WCAG AA); each
tile is a link to its indicator's section with the same selection; a trend is an inline SVG line
(no Plotly figure per tile).
"""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.engine.formatting import format_fraction, format_number, format_value
from dashboard.engine.i18n import _, cache_per_language
from dashboard.engine.indicators import FOCUS_AREAS, STATUS_COLOURS, STATUS_LABELS
from dashboard.engine.scope import Scope
from dashboard.engine.scorecard import IndicatorResult, Scorecard, target_text
from dashboard.engine.text import html_escape
from dashboard.ui.components.selection import link

# Where each indicator is explained: (page, section of the page).
SECTION_OF: dict[str, tuple[str, str]] = {
    "unit_coverage": ("dekning", "enheter"),
    "vacant_units": ("dekning", "enheter"),
    "municipality_coverage_nurse": ("dekning", "kommuner"),
    "municipality_coverage_physio_ot": ("dekning", "fysio"),
    "meeting_attendance": ("oppmote", "arrangementer"),
    "fagdag_attendance": ("oppmote", "arrangementer"),
    "full_attendance": ("oppmote", "premie"),
    "leader_fagdag_share": ("oppmote", "ledere"),
    "intro_course_uptake": ("oppmote", "intro"),
    "report_response": ("rapportering", "svar"),
    "leader_meeting": ("rapportering", "svar"),
    "routine_new_staff": ("rapportering", "svar"),
    "routine_inform_colleagues": ("rapportering", "svar"),
    "earmarked_time": ("rapportering", "svar"),
    "job_shadowing": ("rapportering", "svar"),
    "development_work": ("rapportering", "svar"),
}

# Static CSS (no user data in it). Sizes in rem so a browser's zoom scales them; meeting mode
# sizes for a 1920×1080 projector read from the back of the room.
CSS = """
<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {color: #545454; opacity: 1;}
.nk-grid {display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr));
  gap: 0.75rem; margin: 0.25rem 0 1rem 0;}
.nk-area {font-size: 1.05rem; font-weight: 700; margin: 1rem 0 0.25rem 0; color: #1f1f1f;}
a.nk-tile {display: flex; flex-direction: column; gap: 0.2rem; padding: 0.75rem 0.9rem;
  border: 1px solid #c4c4c4; border-left: 0.45rem solid var(--nk-status); border-radius: 0.5rem;
  color: #1f1f1f; text-decoration: none; background: #ffffff;}
a.nk-tile:hover {background: #f2f6fa;}
a.nk-tile:focus-visible {outline: 3px solid #005a8c; outline-offset: 2px;}
.nk-title {font-weight: 600; font-size: 1rem;}
.nk-row {display: flex; align-items: center; gap: 0.6rem; flex-wrap: wrap;}
.nk-value {font-size: 1.9rem; font-weight: 700; line-height: 1.1;}
.nk-chip {display: inline-block; padding: 0.1rem 0.55rem; border-radius: 1rem; color: #ffffff;
  background: var(--nk-status); font-weight: 700; font-size: 0.95rem; white-space: nowrap;}
.nk-detail {font-size: 0.9rem; color: #3c3c3c;}
.nk-more {font-size: 0.9rem; color: #005a8c; text-decoration: underline;}
.nk-spark {display: flex; align-items: flex-end; gap: 0.2rem; height: 2rem; margin-top: 0.2rem;}
.nk-bar {display: inline-block; width: 0.9rem; background: #005a8c; border-radius: 0.1rem;}
.nk-bar.nk-noted {position: relative; background: #7a3e00;}
.nk-bar.nk-noted::after {content: "◆"; position: absolute; top: -1.1rem; left: 0.05rem;
  font-size: 0.8rem; color: #7a3e00;}
.nk-decisions {color: #7a3e00;}
.nk-footer {margin-top: 3rem; padding-top: 0.5rem; border-top: 1px solid #d0d0d0;
  font-size: 0.9rem;}
.nk-footer a {color: #005a8c;}
.nk-gap {height: 2px; background: #9e9e9e;}
.nk-crumbs {font-size: 1rem; margin: 0 0 0.5rem 0;}
.nk-crumbs a {color: #005a8c;}
.nk-meeting .nk-grid {grid-template-columns: repeat(4, 1fr); gap: 0.9rem;}
.nk-meeting a.nk-tile {padding: 0.55rem 0.9rem; border-left-width: 0.8rem; min-height: 11.5rem;}
.nk-meeting .nk-areaname {font-size: 1.05rem; color: #3c3c3c;}
.nk-meeting .nk-title {font-size: 1.45rem; line-height: 1.2;}
.nk-meeting .nk-value {font-size: 3rem;}
.nk-meeting .nk-chip {font-size: 1.5rem; padding: 0.15rem 0.8rem;}
.nk-meeting .nk-detail {font-size: 1.25rem; color: #1f1f1f;}
</style>
"""


def _sparkline(
    years: Sequence[int], values: Sequence[float | None], noted: Sequence[int] = ()
) -> str:
    """A small trend of the last years as bars (decorative: last year's value is written out
    beside it), a year with a decision recorded marked ◆ (said in words in the tile too). Plain
    HTML: Streamlit's sanitiser removes SVG."""
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return ""
    high = max(known) or 1.0
    bars = "".join(
        f'<span class="nk-bar{" nk-noted" if year in noted else ""}" '
        f'style="height: {max(v / high * 100, 4):.0f}%"></span>'
        if v is not None
        else '<span class="nk-bar nk-gap"></span>'
        for year, v in zip(years, values, strict=False)
    )
    span = f"{years[0]}–{years[-1]}" if years else ""
    return f'<span class="nk-spark" aria-hidden="true" title="{span}">{bars}</span>'


def change_text(result: IndicatorResult) -> str:
    """«▲ 2,3 prosentpoeng fra i fjor» (or a count's difference)."""
    if result.value is None or result.previous_value is None:
        return _("ingen sammenligning med i fjor")
    difference = result.value - result.previous_value
    if abs(difference) < 1e-9:
        return "▬ " + _("som i fjor")
    if result.indicator.kind == "share":
        amount = _("{points} prosentpoeng").format(points=format_number(abs(difference) * 100, 1))
    else:
        amount = format_number(abs(difference))
    arrow = "▲" if difference > 0 else "▼"
    return f"{arrow} " + _("{amount} fra i fjor").format(amount=amount)


def last_year_text(result: IndicatorResult) -> str:
    return _("I fjor: {value}").format(
        value=format_value(result.indicator.kind, result.previous_value)
    )


def _tile(
    result: IndicatorResult,
    scope: Scope,
    years: Sequence[int],
    trend: Sequence[float | None],
    meeting: bool,
    noted: Sequence[int] = (),
) -> str:
    indicator = result.indicator
    symbol, word = STATUS_LABELS[result.status]
    value = format_value(indicator.kind, result.value)
    page, section = SECTION_OF[indicator.id]
    href = link(page, scope, anchor=indicator.id, **{"del": section})
    fraction = format_fraction(result.numerator, result.denominator)
    area = (
        f'<span class="nk-areaname">{indicator.focus_area}. '
        f"{html_escape(indicator.focus_area_name)}</span>"
        if meeting
        else ""
    )
    details = (
        f'<span class="nk-detail">{html_escape(fraction)} · {html_escape(target_text(result))}'
        f"</span>"
        f'<span class="nk-detail">{html_escape(last_year_text(result))} · '
        f"{html_escape(change_text(result))}</span>"
    )
    if noted:
        said = _("◆ Vedtak om indikatoren: {years}").format(years=", ".join(str(y) for y in noted))
        details += f'<span class="nk-detail nk-decisions">{html_escape(said)}</span>'
    explained = html_escape(_("Forklaring og detaljer"))
    more = "" if meeting else f'<span class="nk-more">{explained}</span>'
    spark = "" if meeting else _sparkline(years, trend, noted)
    return (
        f'<a class="nk-tile" id="tile-{indicator.id}" href="{html_escape(href)}" '
        f'style="--nk-status: {STATUS_COLOURS[result.status]}">{area}'
        f'<span class="nk-title">{html_escape(indicator.title)}</span>'
        f'<span class="nk-row"><span class="nk-value">{html_escape(value)}</span>'
        f'<span class="nk-chip">{symbol} {html_escape(word)}</span></span>'
        f"{details}{spark}{more}</a>"
    )


@cache_per_language(maxsize=1024)
def scorecard_html(
    card: Scorecard, meeting: bool, noted: tuple[tuple[str, tuple[int, ...]], ...] = ()
) -> str:
    """Every indicator as a tile: by focus area, or on one projector screen in meeting mode.
    `noted`: per indicator, the years with a decision recorded (marked on its trend)."""
    marks = dict(noted)

    def tiles_of(results: Sequence[IndicatorResult]) -> str:
        return "".join(
            _tile(
                r,
                card.scope,
                card.trend_years,
                card.trend[r.indicator.id],
                meeting,
                marks.get(r.indicator.id, ()),
            )
            for r in results
        )

    if meeting:
        tiles = tiles_of(sorted(card.results, key=lambda r: r.indicator.focus_area))
        return f'<div class="nk-meeting"><div class="nk-grid">{tiles}</div></div>'
    parts = []
    for number, name in FOCUS_AREAS.items():
        in_area = [r for r in card.results if r.indicator.focus_area == number]
        heading = f'<h3 class="nk-area">{number}. {html_escape(name)}</h3>'
        if not in_area:
            empty = _(
                "Strategien har ingen målbare indikatorer i dette fokusområdet; arbeidet følges i "
                "årsplanen."
            )
            parts.append(f"{heading}<p>{html_escape(empty)}</p>")
            continue
        parts.append(f'{heading}<div class="nk-grid">{tiles_of(in_area)}</div>')
    return "".join(parts)


@cache_per_language(maxsize=1024)
def headline_html(card: Scorecard, indicator_ids: tuple[str, ...]) -> str:
    """Some indicators as tiles at the top of their page (each links to its own section)."""
    tiles = "".join(
        _tile(card[i], card.scope, card.trend_years, card.trend[i], meeting=False)
        for i in indicator_ids
    )
    return f'<div class="nk-grid">{tiles}</div>'


def breadcrumb_html(steps: Sequence[tuple[str, str]]) -> str:
    """«Hele regionen › Helse Stavanger › Sandnes + SUS»: each step but the last a link back."""
    parts = [f'<a href="{html_escape(href)}">{html_escape(name)}</a>' for name, href in steps[:-1]]
    parts.append(f'<span aria-current="page">{html_escape(steps[-1][0])}</span>')
    aria = html_escape(_("Utvalget, fra hele regionen og nedover"))
    return f'<nav class="nk-crumbs" aria-label="{aria}">' + " › ".join(parts) + "</nav>"
