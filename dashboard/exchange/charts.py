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

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from dashboard.engine.formatting import format_fraction, format_share, separators
from dashboard.engine.i18n import _
from dashboard.engine.indicators import STATUS_COLOURS, STATUS_LABELS, Status, judge
from dashboard.engine.text import html_escape

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


def municipality_points(
    names: Sequence[str],
    lon: Sequence[float],
    lat: Sequence[float],
    shares: Sequence[float | None],
    texts: Sequence[str],
    title: str,
    codes: Sequence[str] | None = None,
) -> go.Figure:
    """Municipalities as points on their coordinates (no map tiles), coloured by coverage on a
    colour-blind-safe scale, each labelled with its name and «x av n»."""
    values = [None if s is None else s * 100 for s in shares]
    points = go.Scatter(
        x=list(lon),
        y=list(lat),
        mode="markers+text",
        text=[label(n) for n in names],
        textposition="top center",
        customdata=list(codes) if codes is not None else [label(t) for t in texts],
        marker={
            "size": 22,
            "color": [v if v is not None else -1 for v in values],
            "colorscale": "Cividis",
            "cmin": 0,
            "cmax": 100,
            "line": {"width": 1},
            "colorbar": {"title": _("Dekning"), "ticksuffix": " %"},
        },
        hovertext=[f"{label(n)}: {label(t)}" for n, t in zip(names, texts, strict=True)],
        hovertemplate="%{hovertext}<extra></extra>",
    )
    return _figure(
        [points],
        title,
        height=520,
        xaxis={"visible": False},
        # Keep distances honest near 59° N: a degree of longitude is about half one of latitude.
        yaxis={"visible": False, "scaleanchor": "x", "scaleratio": 1.95},
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
