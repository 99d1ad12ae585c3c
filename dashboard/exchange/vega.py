"""The charts of `charts.py` as Vega-Lite specs, for the app.

`charts.py` stays the one place that decides what a chart shows (bars and their status colours,
texts, targets, codes for a click); the report draws those Plotly figures with kaleido. In the
browser Plotly's library is 4.7 MB of JavaScript that a new tab reads before it draws anything
(about 0.8 s on a slow PC), Vega-Lite's a sixth of that, so the app draws the same figure with
Vega-Lite: `vega_lite(figure)` translates the parts of a figure that `charts.py` uses (bars,
grouped bars, points, target lines and marks, titles, percent ticks). Labels are plain text in
Vega (never HTML), so the escaping for Plotly is undone and `<br>` becomes a line break.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from dashboard.engine.i18n import _
from dashboard.engine.indicators import STATUS_LABELS
from dashboard.exchange import boundaries
from dashboard.exchange.charts import (
    FONT_SIZE,
    GRID_COLOUR,
    TARGET_COLOUR,
    TEXT_COLOUR,
    MapArea,
    area_label,
    map_legend,
)

# The name of the click selection on the bars or points that carry codes (Streamlit reports it
# in the chart's state under this name).
SELECTION = "valg"
# Room Plotly's layout height gives to the title and the axis labels, in pixels.
TITLE_AND_AXES = 110


def _text(value: object) -> str:
    """A label for Vega: the Plotly escaping undone, `<br>` as a line break."""
    return html.unescape(str(value)).replace("<br>", "\n")


def _locale(separators: str | None) -> dict[str, Any]:
    """Plotly's «decimal, thousands» separators as a d3 number locale."""
    pair = separators or ".,"
    decimal, thousands = pair[0], pair[1:2]
    return {"decimal": decimal, "thousands": thousands, "grouping": [3], "currency": ["", ""]}


def _ticks(axis: Mapping[str, Any]) -> dict[str, Any]:
    """The axis of a continuous channel: its range, its tick values and their written labels."""
    scale: dict[str, Any] = {"zero": True}
    if axis.get("range"):
        scale["domain"] = list(axis["range"])
    spec: dict[str, Any] = {"grid": True, "gridColor": GRID_COLOUR, "title": None}
    values = axis.get("tickvals")
    if values:
        texts = axis.get("ticktext") or [str(v) for v in values]
        lookup = ", ".join(
            f"{v!r}: {html.unescape(str(t))!r}" for v, t in zip(values, texts, strict=True)
        )
        spec |= {"values": list(values), "labelExpr": f"({{{lookup}}})[datum.value]"}
    return {"scale": scale, "axis": spec}


def _category_axis(horizontal: bool) -> dict[str, Any]:
    labels = {"labelExpr": "split(datum.label, '\\n')", "labelLimit": 0, "title": None}
    if not horizontal:
        labels |= {"labelAngle": 0}
    return labels


def _along(trace: Mapping[str, Any], horizontal: bool) -> tuple[Sequence[Any], Sequence[Any]]:
    """A trace's categories and values, whichever axis holds which."""
    return (trace["y"], trace["x"]) if horizontal else (trace["x"], trace["y"])


def _channels(layout: Mapping[str, Any], horizontal: bool) -> tuple[str, str, dict[str, Any]]:
    """The category channel, the value channel and the value axis (range, ticks)."""
    if horizontal:
        return "y", "x", _ticks(layout.get("xaxis", {}))
    return "x", "y", _ticks(layout.get("yaxis", {}))


def _bars(figure: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Rows of the bar traces: label, value, text, colour, code, series."""
    rows = []
    for trace in figure["data"]:
        if trace.get("type") != "bar":
            continue
        names, values = _along(trace, trace.get("orientation") == "h")
        colour = trace.get("marker", {}).get("color")
        colours = [colour] * len(names) if isinstance(colour, str | None) else colour
        texts = trace.get("text")
        codes = trace.get("customdata")
        for i, (name, value) in enumerate(zip(names, values, strict=True)):
            rows.append(
                {
                    "label": _text(name),
                    "value": value,
                    "text": _text(texts[i]) if isinstance(texts, Sequence) else "",
                    "colour": colours[i],
                    "code": codes[i] if codes is not None else None,
                    "series": _text(trace.get("name") or ""),
                }
            )
    return rows


def _bar_layers(figure: Mapping[str, Any], horizontal: bool) -> list[dict[str, Any]]:
    layout = figure["layout"]
    rows = _bars(figure)
    grouped = layout.get("barmode") == "group"
    name, value, continuous = _channels(layout, horizontal)
    encoding: dict[str, Any] = {
        name: {
            "field": "label",
            "type": "nominal",
            "sort": None,
            "axis": _category_axis(horizontal),
        },
        value: {"field": "value", "type": "quantitative", **continuous},
    }
    if grouped:
        offset = "yOffset" if horizontal else "xOffset"
        encoding[offset] = {"field": "series", "sort": None}
        colour = {
            "field": "series",
            "type": "nominal",
            "sort": None,
            "scale": {"range": list(dict.fromkeys(r["colour"] for r in rows))},
            "legend": {"orient": "bottom", "title": None},
        }
    else:
        colour = {"field": "colour", "type": "nominal", "scale": None, "legend": None}
    bar: dict[str, Any] = {
        "mark": {"type": "bar"},
        "encoding": {**encoding, "color": colour},
    }
    if any(r["code"] is not None for r in rows):
        bar["params"] = [{"name": SELECTION, "select": {"type": "point", "fields": ["code"]}}]
        bar["encoding"]["tooltip"] = [{"field": "label"}, {"field": "text"}]
    text_mark = (
        {"type": "text", "align": "left", "dx": 4, "baseline": "middle"}
        if horizontal
        else {"type": "text", "baseline": "bottom", "dy": -4}
    )
    text = {
        "mark": {**text_mark, "color": TEXT_COLOUR, "fontSize": FONT_SIZE - 2},
        "encoding": {**encoding, "text": {"field": "text"}},
    }
    return [{"data": {"values": rows}, "layer": [bar, text]}]


def _marks(figure: Mapping[str, Any], horizontal: bool) -> list[dict[str, Any]]:
    """Each bar's own target as a short line across it (Plotly: markers `line-ew`/`line-ns`)."""
    layers = []
    name, value, continuous = _channels(figure["layout"], horizontal)
    for trace in figure["data"]:
        if trace.get("type") != "scatter" or "line-" not in str(
            trace.get("marker", {}).get("symbol")
        ):
            continue
        names, values = _along(trace, horizontal)
        layers.append(
            {
                "data": {
                    "values": [
                        {"label": _text(n), "target": v} for n, v in zip(names, values, strict=True)
                    ]
                },
                "mark": {"type": "tick", "color": TARGET_COLOUR, "thickness": 4},
                "encoding": {
                    name: {"field": "label", "type": "nominal", "sort": None},
                    value: {"field": "target", "type": "quantitative", **continuous},
                },
            }
        )
    return layers


def _target_lines(figure: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The target as a dashed line across the chart, with its «Mål 80 %»."""
    layout = figure["layout"]
    texts = [a.get("text", "") for a in layout.get("annotations", ())]
    layers = []
    for i, shape in enumerate(layout.get("shapes", ())):
        vertical = shape.get("x0") == shape.get("x1") and shape.get("xref") == "x"
        channel = "x" if vertical else "y"
        value = shape["x0"] if vertical else shape["y0"]
        text = _text(texts[i]) if i < len(texts) else ""
        layers.append(
            {
                "data": {"values": [{"target": value, "text": text}]},
                "layer": [
                    {
                        "mark": {"type": "rule", "strokeDash": [6, 4], "strokeWidth": 2},
                        "encoding": {
                            channel: {"field": "target", "type": "quantitative"},
                            "color": {"value": TARGET_COLOUR},
                        },
                    },
                    {
                        "mark": {
                            "type": "text",
                            "color": TEXT_COLOUR,
                            "fontSize": FONT_SIZE - 2,
                            **(
                                {"y": -8, "align": "center"}
                                if vertical
                                else {"x": "width", "align": "right", "dy": 14}
                            ),
                        },
                        "encoding": {
                            channel: {"field": "target", "type": "quantitative"},
                            "text": {"field": "text"},
                        },
                    },
                ],
            }
        )
    return layers


def vega_lite(figure: Mapping[str, Any]) -> dict[str, Any]:
    """The Vega-Lite spec of a figure of `charts.py` (its `to_dict()`)."""
    layout = figure["layout"]
    traces = figure["data"]
    horizontal = any(t.get("orientation") == "h" for t in traces if t.get("type") == "bar")
    layers = [*_bar_layers(figure, horizontal), *_marks(figure, horizontal)]
    layers += _target_lines(figure)
    title = layout.get("title", {}).get("text", "")
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "title": {"text": _text(title), "fontSize": FONT_SIZE + 4, "anchor": "start"},
        "height": max(int(layout.get("height", 400)) - TITLE_AND_AXES, 120),
        "layer": layers,
        "config": {
            "font": "sans-serif",
            "axis": {"labelFontSize": 14, "labelColor": TEXT_COLOUR},
            "legend": {"labelFontSize": 14, "titleFontSize": 14},
            "view": {"stroke": None},
            "locale": {"number": _locale(layout.get("separators"))},
        },
    }


def status_map(areas: Sequence[MapArea], title: str, height: int = 560) -> dict[str, Any]:
    """The municipality map of `charts.map_areas` for the app: the boundaries (`boundaries.URL`,
    fetched once from the app's own server) filled by status with the status's symbol on each
    municipality of the selection, the others grey; a legend in words; hover shows the name, the
    figure as «x av n» and the status; a click selects the municipality (`SELECTION`, code)."""
    legend = map_legend(areas)
    values = [
        {
            "code": a.code,
            "name": a.name,
            "status": area_label(a),
            "figure": a.text,
            "symbol": "" if a.status is None else STATUS_LABELS[a.status][0],
            "said": f"{a.name}: {a.text}" if a.status is not None else f"{a.name}: {area_label(a)}",
        }
        for a in areas
    ]
    tooltip = [
        {"field": "name", "title": _("Kommune")},
        {"field": "figure", "title": _("Dekning")},
        {"field": "status", "title": _("Status")},
    ]
    located = {"longitude": {"field": "properties.x"}, "latitude": {"field": "properties.y"}}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "title": {"text": title, "fontSize": FONT_SIZE + 4, "anchor": "start"},
        "height": height,
        "data": {"url": boundaries.URL, "format": {"type": "json", "property": "features"}},
        "transform": [
            {
                "lookup": "properties.kommunenummer",
                "from": {
                    "data": {"values": values},
                    "key": "code",
                    "fields": ["code", "name", "status", "figure", "symbol", "said"],
                },
            },
            {"filter": "datum.code != null"},
        ],
        # The boundaries are in Mercator already (`boundaries.projected`): drawn as they are, north
        # up, fitted to the chart.
        "projection": {"type": "identity", "reflectY": True},
        "layer": [
            {
                "mark": {"type": "geoshape", "stroke": "#FFFFFF", "strokeWidth": 0.6},
                "params": [{"name": SELECTION, "select": {"type": "point", "fields": ["code"]}}],
                "encoding": {
                    "color": {
                        "field": "status",
                        "type": "nominal",
                        "scale": {
                            "domain": [word for word, _colour in legend],
                            "range": [colour for _word, colour in legend],
                        },
                        "legend": {
                            "title": _("Status"),
                            "orient": "bottom",
                            "columns": 3,
                            "symbolType": "square",
                            "symbolSize": 250,
                            "symbolStrokeWidth": 0,
                        },
                    },
                    "tooltip": tooltip,
                    # Each shape's label for a screen reader (aria-label of its path).
                    "description": {"field": "said"},
                },
            },
            {
                "mark": {
                    "type": "text",
                    "fontSize": FONT_SIZE - 4,
                    "color": "#FFFFFF",
                    "aria": False,  # the shape beneath says it in words
                },
                # Only where there is a symbol: no empty text element on the grey municipalities.
                "transform": [{"filter": "datum.symbol != ''"}],
                "encoding": {**located, "text": {"field": "symbol"}, "tooltip": tooltip},
            },
        ],
        "config": {
            "font": "sans-serif",
            "legend": {"labelFontSize": 14, "titleFontSize": 14, "labelLimit": 0},
            "view": {"stroke": None},
        },
    }
