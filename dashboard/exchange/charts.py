"""Plotly figures readable on a projector: large fonts, few colours, the target as a line,
Norwegian numbers (`80 %`, decimal comma). Built with graph_objects directly (cheap)."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from dashboard.engine.formatting import format_fraction, format_share

BLUE = "#0072B2"
ORANGE = "#E69F00"
VERMILLION = "#D55E00"
GREY = "#7F7F7F"
TARGET_COLOUR = "#222222"
FONT_SIZE = 16


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(
        title={"text": title, "font": {"size": FONT_SIZE + 4}},
        font={"size": FONT_SIZE},
        separators=", ",  # decimal comma, space between thousands
        height=height,
        margin={"l": 10, "r": 30, "t": 60, "b": 40},
        plot_bgcolor="white",
        showlegend=False,
    )
    return fig


def share_bars(
    labels: Sequence[str],
    numerators: Sequence[int],
    denominators: Sequence[int],
    title: str,
    target: float | None = None,
) -> go.Figure:
    """Horizontal bars of shares (as %), each labelled «x av n», with the target as a line."""
    shares = [n / d * 100 if d else 0.0 for n, d in zip(numerators, denominators, strict=True)]
    texts = [
        f"{format_share(n / d) if d else 'ingen data'} ({format_fraction(n, d)})"
        for n, d in zip(numerators, denominators, strict=True)
    ]
    colours = [
        GREY if d == 0 else (BLUE if target is None or s >= target * 100 - 1e-9 else ORANGE)
        for s, d in zip(shares, denominators, strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=shares,
            y=list(labels),
            orientation="h",
            marker_color=colours,
            text=texts,
            textposition="auto",
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    fig.update_xaxes(range=[0, 105], ticksuffix=" %", gridcolor="#e5e5e5")
    fig.update_yaxes(autorange="reversed", automargin=True)
    if target is not None:
        _target_line(fig, target * 100, vertical=True)
    return _layout(fig, title, height=max(260, 60 + 34 * len(labels)))


def _target_line(fig: go.Figure, value: float, vertical: bool) -> None:
    label = f"Mål {format_share(value / 100, 0)}"
    if vertical:
        fig.add_vline(
            x=value,
            line_dash="dash",
            line_color=TARGET_COLOUR,
            line_width=2,
            annotation_text=label,
            annotation_position="top",
        )
    else:
        fig.add_hline(
            y=value,
            line_dash="dash",
            line_color=TARGET_COLOUR,
            line_width=2,
            annotation_text=label,
            annotation_position="bottom right",
        )


def event_bars(
    labels: Sequence[str],
    numerators: Sequence[int],
    denominators: Sequence[int],
    title: str,
    targets: Sequence[float | None],
) -> go.Figure:
    """Vertical bars per event (attended / expected), each judged against its own kind's target
    (an event kind no rate counts has none): one line when they all share it, else a mark per
    bar."""
    shares = [n / d * 100 if d else 0.0 for n, d in zip(numerators, denominators, strict=True)]
    texts = [format_fraction(n, d) for n, d in zip(numerators, denominators, strict=True)]
    colours = [
        GREY if d == 0 else BLUE if t is None or s >= t * 100 - 1e-9 else ORANGE
        for s, d, t in zip(shares, denominators, targets, strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=list(labels),
            y=shares,
            marker_color=colours,
            text=texts,
            textposition="auto",
            hovertemplate="%{x}: %{y:.1f} % (%{text})<extra></extra>",
        )
    )
    fig.update_yaxes(range=[0, 105], ticksuffix=" %", gridcolor="#e5e5e5")
    distinct = {t for t in targets if t is not None}
    if len(distinct) == 1 and None not in targets:
        _target_line(fig, distinct.pop() * 100, vertical=False)
    elif distinct:
        marked = [
            (label, t * 100) for label, t in zip(labels, targets, strict=True) if t is not None
        ]
        fig.add_trace(
            go.Scatter(
                x=[m[0] for m in marked],
                y=[m[1] for m in marked],
                mode="markers",
                name="Mål",
                marker={
                    "symbol": "line-ew",
                    "size": 40,
                    "line": {"width": 4, "color": TARGET_COLOUR},
                },
                hovertemplate="Mål: %{y:.0f} %<extra></extra>",
            )
        )
    return _layout(fig, title, height=420)


def sparkline(years: Sequence[int], values: Sequence[float | None], kind: str) -> go.Figure:
    """A small trend line of one indicator over the years."""
    scale = 100 if kind == "share" else 1
    ys = [None if v is None else v * scale for v in values]
    fig = go.Figure(
        go.Scatter(
            x=[str(y) for y in years],
            y=ys,
            mode="lines+markers",
            line={"color": BLUE, "width": 3},
            marker={"size": 6},
            hovertemplate="%{x}: %{y:.1f}" + (" %" if kind == "share" else "") + "<extra></extra>",
        )
    )
    fig.update_layout(
        height=110,
        margin={"l": 0, "r": 0, "t": 5, "b": 0},
        showlegend=False,
        plot_bgcolor="white",
        separators=", ",
        font={"size": 12},
    )
    fig.update_xaxes(showgrid=False, tickfont={"size": 11})
    fig.update_yaxes(visible=False)
    return fig


def municipality_points(
    names: Sequence[str],
    lon: Sequence[float],
    lat: Sequence[float],
    shares: Sequence[float | None],
    labels: Sequence[str],
    title: str,
) -> go.Figure:
    """Municipalities as points on their coordinates (no map tiles), coloured by coverage on a
    colour-blind-safe scale, each labelled with its name and «x av n»."""
    values = [None if s is None else s * 100 for s in shares]
    fig = go.Figure(
        go.Scatter(
            x=list(lon),
            y=list(lat),
            mode="markers+text",
            text=list(names),
            textposition="top center",
            customdata=list(labels),
            marker={
                "size": 22,
                "color": [v if v is not None else -1 for v in values],
                "colorscale": "Cividis",
                "cmin": 0,
                "cmax": 100,
                "line": {"width": 1},
                "colorbar": {"title": "Dekning", "ticksuffix": " %"},
            },
            hovertemplate="%{text}: %{customdata}<extra></extra>",
        )
    )
    fig.update_xaxes(visible=False)
    # Keep distances honest near 59° N: one degree of longitude is about half a degree of latitude.
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1.95)
    return _layout(fig, title, height=520)


def year_bars(
    years: Sequence[int], series: Sequence[tuple[str, Sequence[int]]], title: str
) -> go.Figure:
    """Grouped bars per year, e.g. starters and leavers: (name, values) per series."""
    colours = [BLUE, VERMILLION, ORANGE]
    fig = go.Figure(
        [
            go.Bar(
                x=[str(y) for y in years],
                y=list(values),
                name=name,
                marker_color=colours[i % 3],
                text=list(values),
                textposition="auto",
            )
            for i, (name, values) in enumerate(series)
        ]
    )
    fig.update_layout(barmode="group", showlegend=True)
    _layout(fig, title, height=380)
    fig.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.15})
    return fig


def indicator_bars(
    titles: Sequence[str],
    values: Sequence[float | None],
    targets: Sequence[float | None],
    texts: Sequence[str],
    title: str,
) -> go.Figure:
    """One focus area's shares as bars (labelled «x av n») with each indicator's target as a
    marker: the chart of a focus area in the app, the annual report and the meeting pack."""
    xs = [0.0 if v is None else v * 100 for v in values]
    met = [
        t is None or (v is not None and v * 100 >= t * 100 - 1e-9)
        for v, t in zip(values, targets, strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=xs,
            y=list(titles),
            orientation="h",
            text=list(texts),
            textposition="auto",
            marker_color=[BLUE if m else ORANGE for m in met],
            name="Verdi",
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    target_points = [
        (t * 100, name) for t, name in zip(targets, titles, strict=True) if t is not None
    ]
    if target_points:
        fig.add_trace(
            go.Scatter(
                x=[p[0] for p in target_points],
                y=[p[1] for p in target_points],
                mode="markers",
                name="Mål",
                marker={
                    "symbol": "line-ns",
                    "size": 34,
                    "line": {"width": 4, "color": TARGET_COLOUR},
                },
                hovertemplate="Mål: %{x:.1f} %<extra></extra>",
            )
        )
    fig.update_xaxes(range=[0, 105], ticksuffix=" %", gridcolor="#e5e5e5")
    fig.update_yaxes(autorange="reversed", automargin=True)
    _layout(fig, title, height=max(240, 80 + 60 * len(titles)))
    fig.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.2})
    return fig
