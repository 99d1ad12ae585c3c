"""What a user sees at the top of each indicator page: the headline tiles show the engine's own
figures (value, «x av n», status) for the selection in the URL, and the filters show that
selection."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboard.engine.formatting import format_fraction, format_value
from dashboard.engine.indicators import INDICATORS, status_label
from tests.app.conftest import html_text
from tests.engine import engine

SELECTIONS = [{}, {"gruppe": "SYK-SAND"}, {"kommune": "1108", "ar": "2025"}]
URL_FILTERS = {"gruppe": "network_group", "kommune": "municipality"}


@pytest.mark.parametrize("page", ["dekning", "oppmote", "rapportering"])
@pytest.mark.parametrize("url", SELECTIONS, ids=["alle", "gruppe", "kommune-2025"])
def test_headline_tiles_are_the_engines_figures(
    run_page, app_db: Path, page: str, url: dict[str, str]
) -> None:
    at = run_page(app_db, f"app_pages/{page}.py", **url)
    assert not at.exception
    year = int(url.get("ar", dt.date.today().year))
    filters = {URL_FILTERS[k]: v for k, v in url.items() if k in URL_FILTERS}
    expected = engine(app_db, year, **filters)
    tiles = html_text(at)
    shown = [i for i in INDICATORS if i.page == page and f"tile-{i.id}" in _ids(at)]
    assert shown, f"{page} shows no headline tile"
    for indicator in shown:
        result = expected[indicator.id]
        assert format_value(indicator.kind, result.value) in tiles, indicator.id
        assert format_fraction(result.numerator, result.denominator) in tiles, indicator.id
        assert status_label(result.status) in tiles, indicator.id
    assert at.selectbox(key="f_year").value == str(year)
    for key, name in URL_FILTERS.items():
        if key in url:
            assert at.selectbox(key=f"f_{name}").value == url[key]


def _ids(at) -> str:  # type: ignore[no-untyped-def]
    return " ".join(e.proto.body for e in at.get("html"))
