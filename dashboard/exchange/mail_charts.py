"""The digest's charts as PNG images for e-mail: the figures of the report and the meeting pack
(`charts.focus_area_bars`, each focus area's shares against their targets), translated to
Vega-Lite by the app's own `vega.vega_lite` and drawn by vl-convert inside this process: no
browser, no server, no network (every external URL is refused; the fonts are the machine's own).
Each image has a Content-ID the HTML names (`cid:`) and an alt text in words.

A chart that cannot be drawn raises ChartFailed: the message is then not sent at all (the
delivery is recorded failed and tried again at the next run).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from email.utils import make_msgid
from typing import Any

from dashboard.engine.formatting import format_fraction, format_value
from dashboard.engine.i18n import _
from dashboard.engine.indicators import FOCUS_AREAS, status_label
from dashboard.engine.scorecard import IndicatorResult, Scorecard, target_text
from dashboard.exchange import vega
from dashboard.exchange.charts import focus_area_bars, focus_area_shares

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Pixels per CSS pixel: sharp on high-density screens, shown at half its pixel width.
SCALE = 2.0


class ChartFailed(RuntimeError):
    """A chart could not be drawn (the message says which and why)."""


@dataclass(frozen=True)
class Image:
    """A PNG for the HTML part: `cid` without the angle brackets, its size in pixels."""

    cid: str
    png: bytes
    alt: str
    width: int
    height: int


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (ValueError when it is no PNG)."""
    if data[:8] != PNG_SIGNATURE or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def draw(spec: dict[str, Any], title: str) -> bytes:
    """A Vega-Lite spec as PNG, offline (no data or image is fetched from anywhere)."""
    # Imported here: vl-convert holds 8 MB in every process that imports it, and the app's
    # processes import this module (through `mail`) without ever drawing a chart for e-mail.
    import vl_convert

    try:
        data = vl_convert.vegalite_to_png(spec, scale=SCALE, allowed_base_urls=[])
        png_size(data)
    except Exception as error:  # vl-convert says ValueError; anything else is as fatal
        raise ChartFailed(
            _("Diagrammet «{title}» kunne ikke tegnes: {error}").format(
                title=title,
                error=(str(error).splitlines() or [type(error).__name__])[0],
            )
        ) from error
    return data


def alt_text(title: str, results: list[IndicatorResult]) -> str:
    """What a chart shows, in words: each indicator's value, «x av n», status and target."""
    said = [
        _("{indicator}: {value} ({fraction}), {status}, {target}").format(
            indicator=r.indicator.title,
            value=format_value(r.indicator.kind, r.value),
            fraction=format_fraction(r.numerator, r.denominator),
            status=status_label(r.status),
            target=target_text(r).lower(),
        )
        for r in results
    ]
    return _("Stolpediagram, {title}.").format(title=title) + " " + "; ".join(said) + "."


def digest_images(card: Scorecard) -> list[Image]:
    """One image per focus area with shares: the same chart as the report's, for the digest."""
    images = []
    shares = focus_area_shares(card.results)
    for number, figure in focus_area_bars(card.results).items():
        title = f"{number}. {FOCUS_AREAS[number]}"
        data = draw(vega.vega_lite(figure.to_dict()), title)
        width, height = png_size(data)
        images.append(
            Image(
                cid=make_msgid(idstring=f"diagram{number}", domain="indikatorer")[1:-1],
                png=data,
                alt=alt_text(title, shares[number]),
                width=width,
                height=height,
            )
        )
    return images
