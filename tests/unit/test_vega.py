"""The app's charts as Vega-Lite (dashboard/exchange/vega.py): the same bars, texts, colours,
codes and target as the Plotly figure of charts.py, worked out by hand here."""

from __future__ import annotations

import pytest

from dashboard.engine.i18n import using
from dashboard.engine.indicators import STATUS_COLOURS
from dashboard.exchange import charts
from dashboard.exchange.vega import SELECTION, status_map, vega_lite


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


def test_the_map_judges_each_municipality_and_greys_the_rest() -> None:
    """Worked by hand, target 80 %: Sola 17 of 20 (85 %) met; Hå 15 of 20 (75 %, within 10
    points) close; Time 1 of 10 not met; Klepp 3 of 4 too few (under 5); Gjesdal 0 of 0 no data;
    Bergen outside the selection."""
    everyone = {"1124": "Sola", "1119": "Hå", "1121": "Time", "1120": "Klepp", "1122": "Gjesdal"}
    everyone["4601"] = "Bergen"
    with using("nb"):
        areas = charts.map_areas(
            everyone,
            ("1124", "1119", "1121", "1120", "1122"),
            (17, 15, 1, 3, 0),
            (20, 20, 10, 4, 0),
            0.8,
        )
        spec = status_map(areas, "Kart")
    status = {a.code: a.status for a in areas}
    assert status == {
        "1124": "met",
        "1119": "close",
        "1121": "not_met",
        "1120": "too_few",
        "1122": "no_data",
        "4601": None,
    }
    values = {v["code"]: v for v in spec["transform"][0]["from"]["data"]["values"]}
    assert values["1124"]["figure"] == "✔ 85,0 % (17 av 20)"
    assert (values["1124"]["symbol"], values["1124"]["status"]) == ("✔", "✔ Nådd")
    assert values["1120"]["figure"] == "… for få (3 av 4)"
    assert values["1124"]["said"] == "Sola: ✔ 85,0 % (17 av 20)"  # a screen reader's label
    assert (values["4601"]["symbol"], values["4601"]["status"]) == ("", "Utenfor utvalget")
    [shape] = _layers(spec, "geoshape")
    scale = shape["encoding"]["color"]["scale"]
    assert scale["domain"] == [
        "✔ Nådd",
        "◐ Nær målet",
        "✖ Ikke nådd",
        "… For få",
        "∅ Ingen data",
        "Utenfor utvalget",
    ]
    assert scale["range"][:3] == [STATUS_COLOURS[s] for s in ("met", "close", "not_met")]
    assert shape["params"] == [{"name": SELECTION, "select": {"type": "point", "fields": ["code"]}}]
    assert [t["field"] for t in shape["encoding"]["tooltip"]] == ["name", "figure", "status"]
    assert spec["data"]["url"] == "app/static/kommuner-2024.json"  # from the app's own server
