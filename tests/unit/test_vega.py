"""The app's charts as Vega-Lite (dashboard/exchange/vega.py): the same bars, texts, colours,
codes and target as the Plotly figure of charts.py, worked out by hand here."""

from __future__ import annotations

import pytest

from dashboard.engine.i18n import using
from dashboard.engine.indicators import STATUS_COLOURS
from dashboard.exchange import charts
from dashboard.exchange.vega import SELECTION, vega_lite


def _layers(spec: dict, mark: str) -> list[dict]:
    """Every unit layer drawing `mark`, with its data (from itself or its parent layer)."""
    found = []
    for layer in spec["layer"]:
        for unit in layer.get("layer", [layer]):
            kind = unit["mark"]["type"] if isinstance(unit["mark"], dict) else unit["mark"]
            if kind == mark:
                found.append({**unit, "data": unit.get("data", layer.get("data"))})
    return found


def test_share_bars_keep_values_texts_colours_codes_and_the_target() -> None:
    with using("nb"):
        figure = charts.share_bars(
            ["Sola & <Sand>", "Hå"], [4, 1], [5, 2], "Dekning", 0.8, ["1124", "1119"]
        )
        spec = vega_lite(figure.to_dict())
    [bars] = _layers(spec, "bar")
    rows = bars["data"]["values"]
    # 4 of 5 = 80 % meets the target 80 %; 1 of 2 is below the min-N of 5: too few.
    assert [r["value"] for r in rows] == [pytest.approx(80.0), pytest.approx(50.0)]
    assert [r["label"] for r in rows] == ["Sola & <Sand>", "Hå"]  # plain text, not HTML
    assert [r["code"] for r in rows] == ["1124", "1119"]
    assert [r["colour"] for r in rows] == [STATUS_COLOURS["met"], STATUS_COLOURS["too_few"]]
    assert rows[0]["text"] == "✔ 80,0 % (4 av 5)"
    assert bars["params"][0]["name"] == SELECTION
    [rule] = _layers(spec, "rule")
    assert rule["data"]["values"][0]["target"] == pytest.approx(80.0)
    assert rule["encoding"]["x"]["field"] == "target"  # a vertical line across horizontal bars
    assert spec["config"]["locale"]["number"]["decimal"] == ","


def test_event_bars_with_their_own_targets_get_a_mark_per_bar() -> None:
    with using("nb"):
        figure = charts.event_bars(
            ["Møte 1", "Fagdag"], [8, 3], [10, 4], "Oppmøte", [0.8, 0.9], ["E1", "E2"]
        )
        spec = vega_lite(figure.to_dict())
    [ticks] = _layers(spec, "tick")
    assert [(r["label"], r["target"]) for r in ticks["data"]["values"]] == [
        ("Møte 1", pytest.approx(80.0)),
        ("Fagdag", pytest.approx(90.0)),
    ]
    assert _layers(spec, "rule") == []  # two targets: no common line


def test_year_bars_are_grouped_by_series() -> None:
    with using("nb"):
        figure = charts.year_bars([2025, 2026], [("Nye", [3, 4]), ("Sluttet", [1, 2])], "Turnover")
        spec = vega_lite(figure.to_dict())
    [bars] = _layers(spec, "bar")
    assert [(r["label"], r["series"], r["value"]) for r in bars["data"]["values"]] == [
        ("2025", "Nye", 3),
        ("2026", "Nye", 4),
        ("2025", "Sluttet", 1),
        ("2026", "Sluttet", 2),
    ]
    assert "xOffset" in bars["encoding"]
    assert "params" not in bars  # no codes: nothing to click


def test_municipality_points_keep_coordinates_and_coverage() -> None:
    with using("nb"):
        figure = charts.municipality_points(
            ["Sola"], [5.6], [58.9], [0.75], ["3 av 4"], "Kart", ["1124"]
        )
        spec = vega_lite(figure.to_dict())
    [points] = _layers(spec, "circle")
    [row] = points["data"]["values"]
    assert (row["x"], row["y"], row["value"], row["code"]) == (5.6, 58.9, 75.0, "1124")
    assert row["text"] == "Sola: 3 av 4"
