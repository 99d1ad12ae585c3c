"""The report's charts: the app's own Plotly figures for the content, drawn to PNG offline by
kaleido with Debian's chromium (none without it: the documents then say so).
"""

from __future__ import annotations

import os
import shutil
import threading
import warnings

import plotly.graph_objects as go

from dashboard.engine.formatting import format_date_long
from dashboard.engine.i18n import _
from dashboard.engine.indicators import RATE_OF_EVENT_KIND
from dashboard.engine.scorecard import IndicatorResult
from dashboard.exchange.charts import event_bars, focus_area_bars, label, map_figure, share_bars
from dashboard.exchange.report.content import ReportContent


def figures(content: ReportContent) -> dict[str, go.Figure]:
    """The app's figures for the report: one per focus area with indicators, and the sections'."""
    charts: dict[str, go.Figure] = {
        f"focus_{number}": figure for number, figure in focus_area_bars(content.results).items()
    }
    coverage, events = content.coverage.frame, content.events.frame
    if len(coverage):
        charts["coverage"] = share_bars(
            coverage[_("Kommune")].tolist(),
            coverage[_("Med ressurssykepleier")].tolist(),
            coverage[_("Enheter som skal ha ressurssykepleier")].tolist(),
            _("Kommunale enheter med ressurssykepleier"),
            target=_result(content, "unit_coverage").target,
        )
    if any(area.status is not None for area in content.map_areas):
        charts["map"] = map_figure(
            content.map_areas, _("Kommunale enheter med ressurssykepleier, per kommune")
        )
    if len(events):
        charts["events"] = event_bars(
            [
                label(format_date_long(d), g)
                for d, g in zip(events[_("Dato")], events[_("Gruppe")], strict=True)
            ],
            events[_("Møtt")].tolist(),
            events[_("Forventet")].tolist(),
            _("Møtt av forventet per arrangement"),
            [_kind_target(content, kind) for kind in content.event_kinds],
        )
    return charts


def _result(content: ReportContent, indicator_id: str) -> IndicatorResult:
    return next(r for r in content.results if r.indicator.id == indicator_id)


def _kind_target(content: ReportContent, kind: str) -> float | None:
    """The target of the rate an event of this kind counts in (None for gatherings)."""
    rate = RATE_OF_EVENT_KIND.get(kind)
    return None if rate is None else _result(content, rate).target


_KALEIDO_LOCK = threading.Lock()
_kaleido_started = False


def render_pngs(charts: dict[str, go.Figure], width: int = 1000) -> dict[str, bytes]:
    """PNG per chart (empty when chromium is missing: the documents then say so)."""
    global _kaleido_started
    chromium = os.environ.get("BROWSER_PATH") or shutil.which("chromium")
    if not chromium or not charts:
        return {}
    os.environ["BROWSER_PATH"] = chromium
    import kaleido

    with _KALEIDO_LOCK, warnings.catch_warnings():
        # plotly warns that its per-call options are ignored once a kaleido server runs.
        warnings.simplefilter("ignore", UserWarning)
        if not _kaleido_started:
            kaleido.start_sync_server(silence_warnings=True)
            _kaleido_started = True
        return {
            key: fig.to_image(
                format="png", width=width, height=int(fig.layout.height or 450), scale=1.5
            )
            for key, fig in charts.items()
        }
