"""Regionen and trust-limited roles on the real app (AppTest): the comparison for every role, a
cell that opens the trust's scorecard, and coordinators limited to one health trust who see,
import and edit only that trust's rows.

The demo network is Helse Stavanger's; Helse Bergen, Fonna, Førde and Innlandet are in the data
without units: a coordinator limited to Helse Bergen sees none of Stavanger's people.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.engine import db
from dashboard.engine.database import Database
from dashboard.engine.formatting import format_fraction
from dashboard.engine.scope import Scope, Selection
from dashboard.engine.scorecard import compute_scorecard
from tests.app.test_roles import _all_text, _people, _run
from tests.data_io.conftest import csv_bytes

REGION = "app_pages/region.py"
USERS = {
    "styr@eksempel.no": ("styringsgruppe", "", ""),
    "leder@eksempel.no": ("nettverksleder", "SYK-SAND", ""),
    "koord@eksempel.no": ("koordinator", "", ""),
    "bergen@eksempel.no": ("koordinator", "", "bergen"),
    "stavanger@eksempel.no": ("koordinator", "", "stavanger"),
}
TRUSTS = [
    "Helse Bergen HF",
    "Helse Fonna HF",
    "Helse Førde HF",
    "Helse Stavanger HF",
    "Sykehuset Innlandet HF",
]


@pytest.fixture
def users_db(app_db: Path) -> Path:
    con = db.connect(app_db)
    for email, (role, groups, trusts) in USERS.items():
        con.execute(
            "insert into app_user (email, role, network_groups, health_trusts)"
            " values ($e, $r, $g, $t)",
            {"e": email, "r": role, "g": groups, "t": trusts},
        )
    con.close()
    return app_db


def _places(at: AppTest) -> list[str]:
    """The places the comparison's table shows (its value columns)."""
    frame = at.dataframe[0].value
    return [c for c in frame.columns[1:] if not c.endswith(("(antall)", "(status)"))]


@pytest.mark.parametrize("email", ["styr@eksempel.no", "leder@eksempel.no", "koord@eksempel.no"])
def test_every_role_sees_every_trust_and_the_region(
    monkeypatch: pytest.MonkeyPatch, users_db: Path, email: str
) -> None:
    at = _run(monkeypatch, users_db, email, REGION, ar="2025")
    assert not at.exception
    assert _places(at) == [*TRUSTS, "Hele regionen"]
    frame = at.dataframe[0].value
    with Database(users_db).read() as con:
        own = compute_scorecard(con, Scope(2025, None, Selection(health_trust="stavanger")))
    for row, result in enumerate(own.results):
        assert frame["Indikator"][row] == result.indicator.title
        assert frame["Helse Stavanger HF (antall)"][row] == format_fraction(
            result.numerator, result.denominator
        )


def test_the_switch_compares_the_network_groups_of_the_chosen_trust(
    monkeypatch: pytest.MonkeyPatch, users_db: Path
) -> None:
    at = _run(
        monkeypatch, users_db, "styr@eksempel.no", REGION, hf="stavanger", **{"del": "grupper"}
    )
    assert not at.exception
    places = _places(at)
    assert places[-2:] == ["Helse Stavanger HF", "Hele regionen"]
    assert "Sandnes + SUS" in places and len(places) == 7  # the demo's five groups


def test_a_cell_opens_that_trusts_scorecard(
    monkeypatch: pytest.MonkeyPatch, users_db: Path
) -> None:
    at = _run(monkeypatch, users_db, "styr@eksempel.no", REGION, ar="2025")
    at.session_state["region_cells_0"] = {
        "selection": {"rows": [], "columns": [], "cells": [(3, "Helse Stavanger HF (status)")]}
    }
    at.run()
    assert not at.exception
    assert at.title[0].value == "Oversikt"
    assert (at.query_params["hf"], at.query_params["ar"]) == ("stavanger", "2025")
    assert any("Helse Stavanger HF" in c.value for c in at.caption)  # «Utvalg – …»


def test_a_bergen_coordinator_sees_no_other_trust(
    monkeypatch: pytest.MonkeyPatch, users_db: Path
) -> None:
    everyone, _sandnes, _leaders = _people(users_db)
    at = _run(monkeypatch, users_db, "bergen@eksempel.no", REGION, ar="2025")
    assert not at.exception
    assert _places(at) == ["Helse Bergen HF", "Hele regionen"]
    trust_filter = next(s for s in at.sidebar.selectbox if s.label == "Helseforetak")
    assert trust_filter.options == ["Helse Bergen HF"]  # no «Alle»
    # A link to Stavanger's people gives Bergen's (none): the filter keeps to Bergen, and the
    # people gate keeps the rows to Bergen's network groups.
    at = _run(
        monkeypatch, users_db, "bergen@eksempel.no", "app_pages/ressurspersoner.py", hf="stavanger"
    )
    assert not at.exception
    assert at.query_params["hf"] == "bergen"
    shown = _all_text(at)
    assert not [person for person in everyone if person in shown]


def test_a_stavanger_coordinator_sees_their_own_people(
    monkeypatch: pytest.MonkeyPatch, users_db: Path
) -> None:
    everyone, _sandnes, _leaders = _people(users_db)
    at = _run(monkeypatch, users_db, "stavanger@eksempel.no", "app_pages/ressurspersoner.py")
    assert not at.exception
    shown = _all_text(at)
    assert [person for person in everyone if person in shown]


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader[0].set_value([(name, data, "text/csv")])
    return at.run()


def test_a_bergen_coordinator_cannot_import_stavangers_rows(
    monkeypatch: pytest.MonkeyPatch, users_db: Path
) -> None:
    unit = db.connect(users_db).execute("select min(unit_id) from unit").fetchall()[0][0]
    member = csv_bytes(
        [
            ["member_id", "name", "profession", "unit_id", "start_date"],
            ["NY-1", "Nina Ny", "sykepleier", unit, "01.03.2026"],
        ]
    )
    with Database(users_db).read() as con:
        before = con.execute("select count(*) from member").fetchall()
    at = _upload(
        _run(monkeypatch, users_db, "bergen@eksempel.no", "app_pages/data.py"), "member.csv", member
    )
    assert not at.exception
    assert "Filene har 1 feil. Ingenting er importert." in at.error[0].value
    problems = at.dataframe[0].value
    assert problems["Fil"].tolist() == ["member.csv"]
    assert problems["Kolonne"].tolist() == ["unit_id"]
    assert problems["Problem"][0] == (
        f"«{unit}» hører til Helse Stavanger HF; du kan bare importere rader for Helse Bergen HF"
    )
    assert not [b for b in at.button if b.label == "Bekreft og importer"]
    with Database(users_db).read() as con:
        assert con.execute("select count(*) from member").fetchall() == before
    # The same file from Stavanger's own coordinator passes the check.
    at = _upload(
        _run(monkeypatch, users_db, "stavanger@eksempel.no", "app_pages/data.py"),
        "member.csv",
        member,
    )
    assert not at.exception
    assert "Kontrollen fant ingen feil" in at.info[0].value


def test_a_limited_coordinator_does_not_manage_users_or_the_regions_targets(
    monkeypatch: pytest.MonkeyPatch, users_db: Path
) -> None:
    at = _run(monkeypatch, users_db, "bergen@eksempel.no", "app_pages/admin.py")
    assert not at.exception
    assert "Brukere forvaltes av en koordinator for hele regionen" in at.info[0].value
    save_users = next(b for b in at.button if b.label == "Lagre brukere")
    assert save_users.disabled
    # Which target applies where: the region, Bergen, and no other trust.
    where = next(df.value for df in at.dataframe if "Gjelder for" in df.value.columns)
    assert set(where["Gjelder for"]) == {"Hele regionen", "Helse Bergen HF"}
