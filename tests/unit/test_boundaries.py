"""The municipalities' boundaries the maps draw (dashboard/exchange/boundaries.py): the shipped
file covers every municipality, is small, and is turned the way Vega reads it; `simplify` on a
shape worked out by hand."""

from __future__ import annotations

import csv
import json

from dashboard.engine.db import DATA_DIR
from dashboard.exchange import boundaries


def test_the_shipped_file_has_every_municipality_small_and_turned_for_vega() -> None:
    shapes = boundaries.municipalities()
    assert len(shapes) == 357  # Kartverket's municipalities of 2024
    with open(DATA_DIR / "municipalities.csv", encoding="utf-8", newline="") as handle:
        assert {row["number"] for row in csv.DictReader(handle)} <= set(shapes)
    assert boundaries.FILE.stat().st_size < 400_000
    for feature in shapes.values():
        for part in feature["geometry"]["coordinates"]:
            outer, *holes = part
            assert boundaries.signed_area(outer) < 0  # clockwise: Vega fills the inside
            assert all(boundaries.signed_area(hole) > 0 for hole in holes)
        xs = [x for part in feature["geometry"]["coordinates"] for x, _y in part[0]]
        ys = [y for part in feature["geometry"]["coordinates"] for _x, y in part[0]]
        assert 4 < feature["properties"]["lon"] < 32 and 57 < feature["properties"]["lat"] < 72
        assert min(xs) <= feature["properties"]["lon"] <= max(xs)
        assert min(ys) <= feature["properties"]["lat"] <= max(ys)


def test_simplify_keeps_the_shape_drops_the_crumbs_and_turns_the_rings() -> None:
    """A 1° square (anticlockwise, as GeoJSON writes it) with a point 0.001° off its edge, a hole
    of 0.04 square degrees and an island of 0.0001: the point goes (within the tolerance), the
    island goes (under MIN_AREA), the square turns clockwise, the hole anticlockwise."""
    square = [[5, 60], [5.5, 60.001], [6, 60], [6, 61], [5, 61], [5, 60]]
    hole = [[5.4, 60.4], [5.4, 60.6], [5.6, 60.6], [5.6, 60.4], [5.4, 60.4]]  # clockwise
    island = [[7, 60], [7.01, 60], [7.01, 60.01], [7, 60.01], [7, 60]]
    collection = {
        "features": [
            {
                "properties": {"kommunenummer": "4601", "kommunenavn": "Bergen"},
                "geometry": {"type": "MultiPolygon", "coordinates": [[island], [square, hole]]},
            }
        ]
    }
    [feature] = boundaries.simplify(json.loads(json.dumps(collection)))["features"]
    assert feature["properties"] == {
        "kommunenummer": "4601",
        "kommunenavn": "Bergen",
        "lon": 5.5,
        "lat": 60.5,
    }
    [[outer, inner]] = feature["geometry"]["coordinates"]
    assert outer == [[5, 60], [5, 61], [6, 61], [6, 60], [5, 60]]
    assert inner == list(reversed(hole))
