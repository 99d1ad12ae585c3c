"""Who sees what, per role (AppTest with `at.user` and an `[auth]` section in `at.secrets`)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.engine import admin, db
from dashboard.engine.access import record
from tests.app.conftest import ENTRY, PAGES

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "k5Qm0c3fYt1qWbRzX8vN2pL6sD9gH4jA7eU0iO3yT6rE1wQ",
    "client_id": "x",
    "client_secret": "y",
    "server_metadata_url": "https://login.example/.well-known/openid-configuration",
}
PERSON_PAGES = ["app_pages/ressurspersoner.py"]
# Every section of every page (URL parameter `del`): people may hide in any of them.
SECTIONS = {
    "app_pages/oversikt.py": [""],
    "app_pages/dekning.py": ["kommuner", "grupper", "enheter", "fysio", "slutter", "turnover"],
    "app_pages/oppmote.py": ["arrangementer", "steder", "hvem", "premie", "ledere", "intro"],
    "app_pages/rapportering.py": ["svar", "mangler"],
    "app_pages/ressurspersoner.py": [""],
}
COORDINATOR_PAGES = ["app_pages/data.py", "app_pages/admin.py"]


def _run(
    monkeypatch: pytest.MonkeyPatch,
    path: Path,
    email: str | None,
    page: str | None = None,
    **query_params: str,
) -> AppTest:
    """A fresh session of the app signed in as `email` (None: not signed in), on `page`."""
    monkeypatch.setenv("DASHBOARD_LAKE", str(path))
    monkeypatch.delenv("DASHBOARD_DEMO", raising=False)
    at = AppTest.from_file(ENTRY, default_timeout=120)
    at.secrets["auth"] = AUTH
    at.user = {"email": email} if email else {}
    for name, value in query_params.items():
        at.query_params[name] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


def _all_text(at: AppTest) -> str:
    """Everything the page shows: text elements, tables, metrics, charts' data."""
    parts: list[str] = []
    for kind in (
        "markdown",
        "caption",
        "text",
        "info",
        "success",
        "error",
        "warning",
        "title",
        "subheader",
        "header",
    ):
        parts.extend(str(e.value) for e in getattr(at, kind))
    parts.extend(df.value.to_csv() for df in at.dataframe)
    parts.extend(f"{m.label} {m.value}" for m in at.metric)
    parts.extend(
        json.dumps(json.loads(c.proto.spec), ensure_ascii=False)
        for kind in ("vega_lite_chart", "plotly_chart")
        for c in at.get(kind)
    )
    parts.extend(e.proto.body for e in at.get("html"))
    return "\n".join(parts)


def _every_view(
    monkeypatch: pytest.MonkeyPatch,
    path: Path,
    email: str,
    pages: Sequence[str],
    queries: Sequence[dict[str, str]],
) -> Iterator[tuple[tuple[str, dict[str, str], str], str]]:
    """Each page, selection and section as `email` sees it, none with an exception: (where, all
    its text)."""
    for page in pages:
        for query in queries:
            for part in SECTIONS[page]:
                at = _run(monkeypatch, path, email, page, **query, **{"del": part})
                assert not at.exception, (page, query, part)
                yield (page, query, part), _all_text(at)


def _people(path: Path) -> tuple[set[str], set[str], set[str]]:
    """Names and e-mails of all demo members and leaders; those who ever were in Sandnes + SUS."""
    con = db.connect(path)
    everyone = {
        v
        for row in con.execute(
            "select name, email from member union all select name, email from leader"
        ).fetchall()
        for v in row
        if v
    }
    sandnes = {
        v
        for row in con.execute(
            "select m.name, m.email from member m join unit u using (unit_id)"
            " where u.network_group = 'SYK-SAND'"
        ).fetchall()
        for v in row
        if v
    }
    sandnes_leaders = {
        v
        for row in con.execute(
            "select l.name, l.email from leader l join unit u using (unit_id)"
            " where u.network_group = 'SYK-SAND'"
        ).fetchall()
        for v in row
        if v
    }
    con.close()
    return everyone, sandnes, sandnes_leaders


@pytest.mark.parametrize(
    ("email", "allowed", "refused"),
    [
        ("styr@eksempel.no", PAGES[:4], PERSON_PAGES + COORDINATOR_PAGES),
        ("leder@eksempel.no", PAGES[:5], COORDINATOR_PAGES),
        ("koord@eksempel.no", [*PAGES, "app_pages/admin.py"], []),
        ("ukjent@eksempel.no", ["app_pages/ingen_tilgang.py"], PAGES),
    ],
)
def test_navigation_follows_the_role(
    monkeypatch: pytest.MonkeyPatch,
    role_db: Path,
    email: str,
    allowed: list[str],
    refused: list[str],
) -> None:
    at = _run(monkeypatch, role_db, email)
    assert not at.exception
    for page in allowed:
        at.switch_page(page)
        at.run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert not any("ikke tilgang til denne siden" in e.value for e in at.error), page
    for page in refused:
        with pytest.raises(ValueError):
            at.switch_page(page)


def test_unknown_user_gets_a_polite_page_and_nothing_else(
    monkeypatch: pytest.MonkeyPatch, role_db: Path
) -> None:
    at = _run(monkeypatch, role_db, "ukjent@eksempel.no")
    text = _all_text(at)
    assert "har ikke fått tilgang" in text
    assert not at.dataframe and not at.metric
    # no filters: the sidebar has only the language («Språk»)
    assert [s.key for s in at.sidebar.selectbox] == ["f_language"]


def test_not_signed_in_is_asked_to_sign_in(monkeypatch: pytest.MonkeyPatch, role_db: Path) -> None:
    at = _run(monkeypatch, role_db, None)
    assert not at.exception
    assert "Logg inn" in [b.label for b in at.button]
    assert not at.dataframe


def test_steering_group_sees_no_names_or_emails_anywhere(
    monkeypatch: pytest.MonkeyPatch, role_db: Path
) -> None:
    everyone, _, _ = _people(role_db)
    queries = ({}, {"ar": "2025"}, {"gruppe": "SYK-STAV"})
    for where, text in _every_view(monkeypatch, role_db, "styr@eksempel.no", PAGES[:4], queries):
        leaked = sorted(p for p in everyone if p in text)
        assert not leaked, (where, leaked[:5])
    # The figures are there all the same.
    at = _run(monkeypatch, role_db, "styr@eksempel.no", "app_pages/oversikt.py")
    assert " ".join(e.proto.body for e in at.get("html")).count('class="nk-tile"') == 16


def test_network_leader_sees_names_from_own_group_only(
    monkeypatch: pytest.MonkeyPatch, role_db: Path
) -> None:
    everyone, sandnes, sandnes_leaders = _people(role_db)
    # People who were never in Sandnes + SUS (neither members nor leaders there).
    others = everyone - sandnes - sandnes_leaders
    seen_sandnes: set[str] = set()
    queries = ({}, {"ar": "2025"})
    for where, text in _every_view(monkeypatch, role_db, "leder@eksempel.no", PAGES[:5], queries):
        leaked = sorted(p for p in others if p in text)
        assert not leaked, (where, leaked[:5])
        seen_sandnes |= {p for p in sandnes if p in text}
    assert len(seen_sandnes) > 20  # the lists are there, for their own group


def test_coordinator_sees_everyone(monkeypatch: pytest.MonkeyPatch, role_db: Path) -> None:
    everyone, sandnes, _ = _people(role_db)
    at = _run(monkeypatch, role_db, "koord@eksempel.no", "app_pages/ressurspersoner.py")
    text = _all_text(at)
    assert len({p for p in everyone - sandnes if p in text}) > 50


def test_person_level_download_is_audited(role_db: Path) -> None:
    """The download's data callable records who exported what (the button's bytes are not
    reachable from AppTest, so the callable is exercised directly)."""
    con = db.connect(role_db)
    record(
        con,
        "leder@eksempel.no",
        "eksport av personopplysninger",
        "Påminnelsesliste (csv)",
        "Nettverksgruppe: SYK-SAND",
        12,
    )
    rows = con.execute("select email, action, n_rows from audit_log").fetchall()
    con.close()
    assert rows == [("leder@eksempel.no", "eksport av personopplysninger", 12)]


def test_coordinator_edits_users_and_it_is_audited(
    monkeypatch: pytest.MonkeyPatch, role_db: Path
) -> None:
    at = _run(monkeypatch, role_db, "koord@eksempel.no", "app_pages/admin.py")
    assert not at.exception
    assert len(at.dataframe) >= 0
    con = db.connect(role_db)
    frame = pd.DataFrame(
        [{"email": "ny@eksempel.no", "role": "nettverksleder", "network_groups": "NOPE"}]
    )
    assert admin.validate_users(frame, {"SYK-SAND"}) == ["Rad 1: ukjente nettverksgrupper NOPE."]
    frame.loc[0, "network_groups"] = "SYK-SAND"
    admin.save_users(con, frame, by="koord@eksempel.no")
    assert con.execute("select email, role, network_groups from app_user").fetchall() == [
        ("ny@eksempel.no", "nettverksleder", "SYK-SAND")
    ]
    assert con.execute("select action from audit_log").fetchall() == [("endret brukere",)]
    con.close()


def test_sql_and_html_in_query_params_change_nothing(
    monkeypatch: pytest.MonkeyPatch, role_db: Path
) -> None:
    plain = _run(monkeypatch, role_db, "koord@eksempel.no")
    evil = _run(
        monkeypatch,
        role_db,
        "koord@eksempel.no",
        None,
        kommune="1103' OR '1'='1",
        gruppe="<script>alert(1)</script>",
        ar="2026; drop table member",
        hf='"><img src=x onerror=alert(1)>',
    )
    assert not evil.exception
    assert evil.selectbox(key="f_municipality").value == ""  # ignored, not matched
    assert evil.selectbox(key="f_network_group").value == ""
    assert evil.dataframe[0].value.equals(plain.dataframe[0].value)
    assert "<script>" not in _all_text(evil)
    con = db.connect(role_db)
    assert con.execute("select count(*) from member").fetchall()[0][0] > 100
    con.close()


@pytest.mark.parametrize(("email", "offered"), [("koord@eksempel.no", 2), ("styr@eksempel.no", 0)])
def test_only_a_coordinator_is_offered_the_reminders(
    monkeypatch: pytest.MonkeyPatch, role_db: Path, email: str, offered: int
) -> None:
    """The reminders hold names and e-mails: «Abonner på denne visningen» offers them (weekly,
    monthly) to a coordinator only."""
    at = _run(monkeypatch, role_db, email)
    options = at.radio(key="subscribe_kind").options
    assert sum(1 for o in options if o.startswith("Påminnelser")) == offered
