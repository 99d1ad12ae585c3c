"""Plotly figures readable on a projector and by everyone: large fonts, each bar judged against
its target with a symbol and a word as well as a colour (WCAG AA colours, text beside the bars),
the min-N rule («for få» below 5), numbers and words in the language of the moment (Norwegian
numbers in bokmål and nynorsk). Names from files are escaped (Plotly reads a
little HTML in labels). Bars carry their codes (`customdata`), so a click can narrow the
selection. Each figure is built in one go from its traces and a layout (Plotly's update_layout,
update_axes and add_vline walk the figure's property tree on every call: ~10 ms of a chart's
~16 ms); the app caches them per data version and draws them as Vega-Lite (`vega.py`), the report
draws them with kaleido.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from dashboard.engine.formatting import format_fraction, format_share, separators
from dashboard.engine.i18n import _
from dashboard.engine.indicators import (
    FOCUS_AREAS,
    STATUS_COLOURS,
    STATUS_LABELS,
    Status,
    judge,
    status_label,
)
from dashboard.engine.scorecard import IndicatorResult
from dashboard.engine.text import html_escape
from dashboard.exchange import boundaries

TEXT_COLOUR = "#1F1F1F"
TARGET_COLOUR = "#1F1F1F"
GRID_COLOUR = "#D9D9D9"
SERIES_COLOURS = ("#005A8C", "#A8370A", "#8A5C00")
FONT_SIZE = 16
# 0 % to 100 % on the share axis; the room above 100 holds the bars' labels.
PERCENT_TICK_VALUES = (0, 20, 40, 60, 80, 100)


def percent_ticks() -> dict[str, object]:
    """The share axis' ticks, written as percentages in the current language («80 %»)."""
    return {
        "tickvals": list(PERCENT_TICK_VALUES),
        "ticktext": [format_share(v / 100, 0) for v in PERCENT_TICK_VALUES],
        "tickfont": {"size": 14, "color": TEXT_COLOUR},
    }


def label(*lines: object) -> str:
    """A category label of one or more lines, each escaped."""
    return "<br>".join(html_escape(line) for line in lines if line is not None and line != "")


def _figure(
    traces: Sequence[go.Bar | go.Scatter],
    title: str,
    height: int,
    line: dict[str, Any] | None = None,
    **layout: Any,
) -> go.Figure:
    """The traces with the app's layout (large fonts, white, no legend unless `layout` says so),
    `line` (from `_target_line`) and the rest of `layout` (axes, legend)."""
    spec: dict[str, Any] = {
        "title": {
            "text": html_escape(title),
            "font": {"size": FONT_SIZE + 4, "color": TEXT_COLOUR},
        },
        "font": {"size": FONT_SIZE, "color": TEXT_COLOUR},
        "separators": separators(),  # nb, nn: decimal comma, space between thousands
        "height": height,
        "margin": {"l": 10, "r": 30, "t": 60, "b": 40},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "showlegend": False,
        **layout,
    }
    if line is not None:
        spec["shapes"], spec["annotations"] = [line["shape"]], [line["annotation"]]
    return go.Figure(data=list(traces), layout=spec)


def bar_statuses(
    numerators: Sequence[int], denominators: Sequence[int], targets: Sequence[float | None]
) -> list[Status]:
    """Each bar's status by the scorecard's own rule (a share: too few below 5, close within 10
    points; shares are judged `>=` their target)."""
    return [
        judge("share", n, d, t, None if t is None else ">=")
        for n, d, t in zip(numerators, denominators, targets, strict=True)
    ]


def _bar_texts(
    numerators: Sequence[int], denominators: Sequence[int], statuses: Sequence[Status]
) -> list[str]:
    """«✔ 85,0 % (17 av 20)», «… for få (2 av 3)»."""
    texts = []
    for n, d, status in zip(numerators, denominators, statuses, strict=True):
        symbol, word = STATUS_LABELS[status]
        value = format_share(n / d) if d else _("ingen data")
        if status == "too_few":
            value = word.lower()
        texts.append(f"{symbol} {value} ({format_fraction(n, d)})")
    return texts


def share_bars(
    labels: Sequence[str],
    numerators: Sequence[int],
    denominators: Sequence[int],
    title: str,
    target: float | None = None,
    codes: Sequence[str] | None = None,
) -> go.Figure:
    """Horizontal bars of shares (as %), each with its status and «x av n», and the target as a
    line. `labels` are names (escaped here); `codes` go to `customdata` for a click."""
    targets = [target] * len(numerators)
    bars = _status_bars(numerators, denominators, targets, [label(v) for v in labels], codes, True)
    return _figure(
        [bars],
        title,
        height=max(260, 60 + 34 * len(labels)),
        line=None if target is None else _target_line(target * 100, vertical=True),
        xaxis={"range": [0, 140], "gridcolor": GRID_COLOUR, **percent_ticks()},
        yaxis={"autorange": "reversed", "automargin": True},
    )


def _target_line(value: float, vertical: bool) -> dict[str, Any]:
    """A dashed line at the target across the plot, labelled «Mål 80 %» at its top (a vertical
    line) or at its right end (a horizontal one): what Plotly's add_vline and add_hline make."""
    text = _("Mål {value}").format(value=format_share(value / 100, 0))
    style = {"color": TARGET_COLOUR, "dash": "dash", "width": 2}
    if vertical:
        shape = {"x0": value, "x1": value, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain"}
        at = {
            "x": value,
            "xref": "x",
            "xanchor": "center",
            "y": 1,
            "yref": "y domain",
            "yanchor": "bottom",
        }
    else:
        shape = {"x0": 0, "x1": 1, "xref": "x domain", "y0": value, "y1": value, "yref": "y"}
        at = {
            "x": 1,
            "xref": "x domain",
            "xanchor": "right",
            "y": value,
            "yref": "y",
            "yanchor": "top",
        }
    return {
        "shape": {"type": "line", "line": style, **shape},
        "annotation": {"showarrow": False, "text": text, **at},
    }


def event_bars(
    labels: Sequence[str],
    numerators: Sequence[int],
    denominators: Sequence[int],
    title: str,
    targets: Sequence[float | None],
    codes: Sequence[str] | None = None,
) -> go.Figure:
    """Vertical bars per event (attended / expected), each judged against its own kind's target
    (gatherings count in no rate and have none): one line when they all share it, else a mark
    per bar. `labels` are built with `label(...)` (escaped, lines joined)."""
    traces: list[go.Bar | go.Scatter] = [
        _status_bars(numerators, denominators, targets, list(labels), codes, False)
    ]
    line = None
    distinct = {t for t in targets if t is not None}
    if len(distinct) == 1 and None not in targets:
        line = _target_line(distinct.pop() * 100, vertical=False)
    elif distinct:
        marked = [(x, t * 100) for x, t in zip(labels, targets, strict=True) if t is not None]
        traces.append(_target_markers(marked, "line-ew", 40, "%{y:.0f}"))
    return _figure(
        traces,
        title,
        height=460,
        line=line,
        yaxis={"range": [0, 125], "gridcolor": GRID_COLOUR, **percent_ticks()},
    )


def _status_bars(
    numerators: Sequence[int],
    denominators: Sequence[int],
    targets: Sequence[float | None],
    names: list[str],
    codes: Sequence[str] | None,
    horizontal: bool,
) -> go.Bar:
    """Bars of shares coloured by status (min-N included), each with its «x av n» outside it;
    `names` are already escaped; `codes` go to `customdata` for a click."""
    shares = [n / d * 100 if d else 0.0 for n, d in zip(numerators, denominators, strict=True)]
    statuses = bar_statuses(numerators, denominators, targets)
    name_axis = "y" if horizontal else "x"
    return go.Bar(
        **(
            {"x": shares, "y": names, "orientation": "h"}
            if horizontal
            else {"x": names, "y": shares}
        ),
        marker_color=[STATUS_COLOURS[s] for s in statuses],
        text=_bar_texts(numerators, denominators, statuses),
        textposition="outside",
        textfont={"color": TEXT_COLOUR},
        cliponaxis=False,
        customdata=list(codes) if codes is not None else None,
        hovertemplate=f"%{{{name_axis}}}: %{{text}}<extra></extra>",
    )


def _target_markers(
    points: Sequence[tuple[object, object]], symbol: str, size: int, value: str
) -> go.Scatter:
    """Each bar's own target as a short line across it (`points`: (x, y); `value`: the hover's
    number format)."""
    return go.Scatter(
        x=[p[0] for p in points],
        y=[p[1] for p in points],
        mode="markers",
        name=_("Mål"),
        marker={"symbol": symbol, "size": size, "line": {"width": 4, "color": TARGET_COLOUR}},
        hovertemplate=_("Mål") + f": {value} %<extra></extra>",
    )


def year_bars(
    years: Sequence[int], series: Sequence[tuple[str, Sequence[int]]], title: str
) -> go.Figure:
    """Grouped bars per year, e.g. starters and leavers: (name, values) per series."""
    bars = [
        go.Bar(
            x=[str(y) for y in years],
            y=list(values),
            name=name,
            marker_color=SERIES_COLOURS[i % len(SERIES_COLOURS)],
            text=list(values),
            textposition="outside",
            textfont={"color": TEXT_COLOUR},
            cliponaxis=False,
        )
        for i, (name, values) in enumerate(series)
    ]
    return _figure(
        bars,
        title,
        height=380,
        barmode="group",
        showlegend=True,
        legend={"orientation": "h", "y": -0.15},
    )


def indicator_bars(
    titles: Sequence[str],
    values: Sequence[float | None],
    targets: Sequence[float | None],
    texts: Sequence[str],
    title: str,
    statuses: Sequence[Status] | None = None,
) -> go.Figure:
    """One focus area's shares as bars (labelled «x av n» and the status) with each indicator's
    target as a mark: the chart of a focus area in the annual report and the meeting pack."""
    xs = [0.0 if v is None else v * 100 for v in values]
    if statuses is None:
        statuses = [
            "no_data" if v is None else "met" if t is None or v >= t - 1e-9 else "not_met"
            for v, t in zip(values, targets, strict=True)
        ]
    traces: list[go.Bar | go.Scatter] = [
        go.Bar(
            x=xs,
            y=[label(t) for t in titles],
            orientation="h",
            text=[f"{STATUS_LABELS[s][0]} {t}" for s, t in zip(statuses, texts, strict=True)],
            textposition="outside",
            textfont={"color": TEXT_COLOUR},
            cliponaxis=False,
            marker_color=[STATUS_COLOURS[s] for s in statuses],
            name=_("Verdi"),
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    ]
    target_points = [
        (t * 100, label(name)) for t, name in zip(targets, titles, strict=True) if t is not None
    ]
    if target_points:
        traces.append(_target_markers(target_points, "line-ns", 34, "%{x:.1f}"))
    return _figure(
        traces,
        title,
        height=max(240, 80 + 60 * len(titles)),
        xaxis={"range": [0, 135], "gridcolor": GRID_COLOUR, **percent_ticks()},
        yaxis={"autorange": "reversed", "automargin": True},
        showlegend=True,
        legend={"orientation": "h", "y": -0.2},
    )


def focus_area_shares(results: Sequence[IndicatorResult]) -> dict[int, list[IndicatorResult]]:
    """The shares among `results` per focus area (those with any), keyed by its number."""
    found: dict[int, list[IndicatorResult]] = {}
    for number in FOCUS_AREAS:
        shares = [
            r for r in results if r.indicator.focus_area == number and r.indicator.kind == "share"
        ]
        if shares:
            found[number] = shares
    return found


def focus_area_bars(results: Sequence[IndicatorResult]) -> dict[int, go.Figure]:
    """`indicator_bars` for each focus area with shares among `results`, keyed by its number:
    the charts of the annual report, the meeting pack and the digest."""
    return {
        number: indicator_bars(
            [r.indicator.title for r in shares],
            [r.value for r in shares],
            [r.target for r in shares],
            [format_fraction(r.numerator, r.denominator) for r in shares],
            f"{number}. {FOCUS_AREAS[number]}",
            [r.status for r in shares],
        )
        for number, shares in focus_area_shares(results).items()
    }


# --- the municipality map ---------------------------------------------------------------------

# Municipalities outside the selection, drawn for context.
CONTEXT_COLOUR = "#D9D9D9"
# The order statuses take in a map's legend (those that occur).
MAP_STATUSES: tuple[Status, ...] = ("met", "close", "not_met", "too_few", "no_target", "no_data")


@dataclass(frozen=True)
class MapArea:
    """One municipality on a map: in the selection with its status and «✔ 85,0 % (17 av 20)», or
    outside it (`status` None) for context. `name` is plain text (escaped where it is drawn)."""

    code: str
    name: str
    status: Status | None
    text: str


def map_areas(
    everyone: Mapping[str, str],
    codes: Sequence[str],
    numerators: Sequence[int],
    denominators: Sequence[int],
    target: float | None,
) -> list[MapArea]:
    """The selection's municipalities (`codes`, with their shares) judged like the bars, and the
    rest of `everyone` (kommunenummer → name) for context."""
    statuses = bar_statuses(numerators, denominators, [target] * len(codes))
    texts = _bar_texts(numerators, denominators, statuses)
    judged = {
        code: MapArea(code, everyone.get(code, code), status, text)
        for code, status, text in zip(codes, statuses, texts, strict=True)
    }
    return [
        judged.get(code, MapArea(code, name, None, _("utenfor utvalget")))
        for code, name in sorted({**everyone, **{c: a.name for c, a in judged.items()}}.items())
    ]


def map_legend(areas: Sequence[MapArea]) -> list[tuple[str, str]]:
    """(label, colour) of each status on the map in order, «Utenfor utvalget» last: the words
    and symbols that go with the colours."""
    present = {a.status for a in areas}
    legend = [(status_label(s), STATUS_COLOURS[s]) for s in MAP_STATUSES if s in present]
    if None in present:
        legend.append((_("Utenfor utvalget"), CONTEXT_COLOUR))
    return legend


def area_label(area: MapArea) -> str:
    return _("Utenfor utvalget") if area.status is None else status_label(area.status)


def map_figure(areas: Sequence[MapArea], title: str) -> go.Figure:
    """The map for the report (Plotly, drawn offline by kaleido): each municipality's boundary
    filled by its status, its symbol on it, on plain axes in the boundaries' Mercator (as the
    app's map; no base map to fetch). The legend in words and the credit are the report's own
    text under it."""
    shapes = boundaries.municipalities()
    traces: list[go.Bar | go.Scatter] = []
    drawn = [a for a in areas if a.code in shapes]
    for legend_label, colour in map_legend(drawn):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for area in drawn:
            if area_label(area) != legend_label:
                continue
            for part in shapes[area.code]["geometry"]["coordinates"]:
                for x, y in part[0]:
                    xs.append(x)
                    ys.append(y)
                xs.append(None)
                ys.append(None)
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=colour,
                line={"color": "white", "width": 0.5},
                name=legend_label,
                hoverinfo="skip",
            )
        )
    marked = [a for a in drawn if a.status is not None]
    traces.append(
        go.Scatter(
            x=[shapes[a.code]["properties"]["x"] for a in marked],
            y=[shapes[a.code]["properties"]["y"] for a in marked],
            mode="text",
            text=[STATUS_LABELS[a.status][0] for a in marked if a.status is not None],
            textfont={"color": "white", "size": 12},
            hoverinfo="skip",
        )
    )
    return _figure(
        traces,
        title,
        height=720,
        xaxis={"visible": False},
        yaxis={"visible": False, "scaleanchor": "x", "scaleratio": 1},  # Mercator keeps shapes
    )
