"""The municipalities' boundaries the maps draw, shipped with the app: Kartverket's
«Administrative enheter» of 2024 (CC BY 4.0, credited under every map as `CREDIT`), as
simplified in robhop/fylker-og-kommuner (../shared/reference/kommuner-2024.geojson, 1.3 MB),
simplified further here and written once:

    python -m dashboard.exchange.boundaries ../shared/reference/kommuner-2024.geojson

What `simplify` does: Douglas–Peucker on every ring (`TOLERANCE` degrees, ~1 km: half a pixel
of a map of all Norway, two of a region's), islands and holes under `MIN_AREA` square degrees
(~10 km²) left out except each municipality's largest part, coordinates rounded to three
decimals (~100 m), rings turned so a hole stays a hole when filled (outer rings clockwise,
holes anticlockwise), and a point to place a symbol on (the centre of the largest
part). 31,000 points and 1.3 MB become ~14,000 and ~0.26 MB.

What `projected` then does: every point, and the symbol's point (`x`, `y`), in Mercator, as whole
numbers of `SCALE`ths of the earth's radius (~30 m in Norway). The maps draw these as they are
(Vega's identity projection, Plotly's plain axes), so the browser does no spherical geometry when
the map's tab opens: that took ~45 ms of the 270–280 ms the national map took to draw.

The file lies where Streamlit serves static files (`dashboard/ui/static/`, beside the app's
script): the browser fetches it once from the app's own server (no tiles, no request elsewhere)
and the report (`report/`) reads the same file.
"""

from __future__ import annotations

import itertools
import json
import math
import sys
from functools import cache
from pathlib import Path
from typing import Any

FILE = Path(__file__).resolve().parents[1] / "ui" / "static" / "kommuner-2024.json"
# The URL the browser loads `FILE` from (Streamlit's static serving, relative to the page).
URL = "app/static/kommuner-2024.json"
CREDIT = "Kartgrunnlag: Kartverket, CC BY 4.0"
TOLERANCE = 0.012
MIN_AREA = 0.002
DIGITS = 3
SCALE = 100_000

Ring = list[list[float]]


def _douglas_peucker(points: Ring, tolerance: float) -> Ring:
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    spans = [(0, len(points) - 1)]
    while spans:
        first, last = spans.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        farthest, at = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                distance = abs(dy * px - dx * py + bx * ay - by * ax) / length
            else:
                distance = math.hypot(px - ax, py - ay)
            if distance > farthest:
                farthest, at = distance, i
        if farthest > tolerance:
            keep[at] = True
            spans += [(first, at), (at, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def signed_area(ring: Ring) -> float:
    """Planar (square degrees, or square units of `SCALE`): positive when the ring runs
    anticlockwise. Mercator keeps a ring's turn: east stays east and north stays north."""
    return (
        sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1))
        / 2
    )


def _centre(ring: Ring) -> tuple[float, float]:
    area = signed_area(ring)
    if not area:
        return ring[0][0], ring[0][1]
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return cx / (6 * area), cy / (6 * area)


def _ring(points: Ring, outer: bool, tolerance: float) -> Ring | None:
    """One ring simplified, rounded and turned (None: nothing left of it)."""
    rounded = [[round(x, DIGITS), round(y, DIGITS)] for x, y in _douglas_peucker(points, tolerance)]
    ring = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
    if len(ring) < 4:
        return None
    if (signed_area(ring) > 0) == outer:  # outer rings clockwise, holes anticlockwise
        ring.reverse()
    return ring


def simplify(collection: dict[str, Any], tolerance: float = TOLERANCE) -> dict[str, Any]:
    """Kartverket's municipalities (a GeoJSON FeatureCollection with `kommunenummer` and
    `kommunenavn`) as the maps draw them (see the module's docstring)."""
    features = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        parts = geometry["coordinates"]
        parts = parts if geometry["type"] == "MultiPolygon" else [parts]
        parts = sorted(parts, key=lambda part: -abs(signed_area(part[0])))
        kept = []
        for n, part in enumerate(parts):
            rings = []
            for i, points in enumerate(part):
                if (n or i) and abs(signed_area(points)) < MIN_AREA:
                    continue  # a small island or hole
                ring = _ring(points, i == 0, tolerance)
                if ring is None and i == 0:
                    break  # an outer ring that vanished takes its holes along
                if ring is not None:
                    rings.append(ring)
            if rings:
                kept.append(rings)
        if not kept:  # too small to simplify: its largest part unsimplified
            kept = [[_ring(parts[0][0], True, 0.0) or parts[0][0]]]
        lon, lat = _centre(kept[0][0])
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "kommunenummer": str(feature["properties"]["kommunenummer"]),
                    "kommunenavn": str(feature["properties"]["kommunenavn"]),
                    "lon": round(lon, DIGITS),
                    "lat": round(lat, DIGITS),
                },
                "geometry": {"type": "MultiPolygon", "coordinates": kept},
            }
        )
    features.sort(key=lambda f: f["properties"]["kommunenummer"])
    return {"type": "FeatureCollection", "features": features}


def mercator(lon: float, lat: float) -> list[int]:
    """A point in degrees as Mercator's x and y (north up) in `SCALE`ths of the earth's radius."""
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return [round(math.radians(lon) * SCALE), round(y * SCALE)]


def projected(collection: dict[str, Any]) -> dict[str, Any]:
    """`simplify`'s municipalities in Mercator (see the module's docstring); a point the rounding
    repeats is dropped."""
    features = []
    for feature in collection["features"]:
        parts = []
        for part in feature["geometry"]["coordinates"]:
            rings = []
            for ring in part:
                points = [mercator(lon, lat) for lon, lat in ring]
                rings.append([p for i, p in enumerate(points) if i == 0 or p != points[i - 1]])
            parts.append(rings)
        properties = dict(feature["properties"])
        properties["x"], properties["y"] = mercator(properties.pop("lon"), properties.pop("lat"))
        geometry = {"type": "MultiPolygon", "coordinates": parts}
        features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


@cache
def municipalities() -> dict[str, dict[str, Any]]:
    """The shipped boundaries by kommunenummer (read once per process)."""
    with open(FILE, encoding="utf-8") as handle:
        collection = json.load(handle)
    return {f["properties"]["kommunenummer"]: f for f in collection["features"]}


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else Path("../shared/reference/kommuner-2024.geojson")
    with open(source, encoding="utf-8") as handle:
        simplified = projected(simplify(json.load(handle)))
    text = json.dumps(simplified, separators=(",", ":"), ensure_ascii=False)
    FILE.parent.mkdir(parents=True, exist_ok=True)
    FILE.write_text(text + "\n", encoding="utf-8")
    points = sum(
        len(r) for f in simplified["features"] for p in f["geometry"]["coordinates"] for r in p
    )
    print(
        f"{FILE.name}: {len(simplified['features'])} kommuner, {points} punkter, {len(text) // 1024} kB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
