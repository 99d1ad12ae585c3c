"""The municipalities' boundaries the maps draw (dashboard/exchange/boundaries.py): the shipped
file covers every municipality, is small, in Mercator and turned so holes stay holes; `simplify`
and `mercator` on shapes and points worked out by hand."""

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
            assert boundaries.signed_area(outer) < 0  # clockwise
            assert all(boundaries.signed_area(hole) > 0 for hole in holes)
        xs = [x for part in feature["geometry"]["coordinates"] for x, _y in part[0]]
        ys = [y for part in feature["geometry"]["coordinates"] for _x, y in part[0]]
        assert all(isinstance(v, int) for v in xs + ys)
        x, y = feature["properties"]["x"], feature["properties"]["y"]
        # Norway in Mercator: 4–32° east is 6 981–55 851, 57–72° north 121 667–184 273.
        assert 6_981 < x < 55_851 and 121_667 < y < 184_273
        assert min(xs) <= x <= max(xs) and min(ys) <= y <= max(ys)


def test_mercator_by_hand() -> None:
    """x is the longitude in radians, y is ln(tan(45° + latitude / 2)), in 100 000ths."""
    assert boundaries.mercator(0, 0) == [0, 0]
    # 5.5° = 0.0959931 rad; tan(75°) = 3.7320508, ln = 1.3169579.
    assert boundaries.mercator(5.5, 60) == [9_599, 131_696]
    assert boundaries.mercator(-5.5, -60) == [-9_599, -131_696]


def test_projected_keeps_the_turn_and_drops_what_rounding_repeats() -> None:
    """Two points 0.000 001° apart become one point; the ring still runs clockwise."""
    ring = [[5, 60], [5, 61], [6, 61], [6, 60], [6.000001, 60], [5, 60]]
    collection = {
        "features": [
            {
                "properties": {
                    "kommunenummer": "1103",
                    "kommunenavn": "Stavanger",
                    "lon": 5.5,
                    "lat": 60.5,
                },
                "geometry": {"type": "MultiPolygon", "coordinates": [[ring]]},
            }
        ]
    }
    [feature] = boundaries.projected(collection)["features"]
    [[outer]] = feature["geometry"]["coordinates"]
    # 5° = 8 727, 6° = 10 472; 60° = 131 696, 61° = 135 240 (tan 75.5° = 3.8667, ln = 1.3524).
    assert outer == [
        [8_727, 131_696],
        [8_727, 135_240],
        [10_472, 135_240],
        [10_472, 131_696],
        [8_727, 131_696],
    ]
    assert boundaries.signed_area(outer) < 0
    assert feature["properties"] == {
        "kommunenummer": "1103",
        "kommunenavn": "Stavanger",
        "x": 9_599,
        "y": 133_454,  # tan 75.25° = 3.7983, ln = 1.3345
    }


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
