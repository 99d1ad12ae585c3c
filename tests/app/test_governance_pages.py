"""AppTest of Årsplan, Styringsorganer and Oversikt's reminders, for each role: the pages run, the
plan is there for everyone and changed only by a koordinator (audited), and names in the
governance register follow the person-level rules (koordinator all, nettverksleder own groups,
styringsgruppe none)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.engine import db
from dashboard.engine.database import Database
from tests.app.conftest import USERS, html_text
from tests.app.test_roles import _all_text as all_text
from tests.app.test_roles import _run

STEERING, LEADER, COORDINATOR = "styr@eksempel.no", "leder@eksempel.no", "koord@eksempel.no"
PLAN = "app_pages/arsplan.py"
REGISTER = "app_pages/styringsorganer.py"
VIEWS = [
    (PLAN, "plan"),
    (PLAN, "aktiviteter"),
    (PLAN, "oppdater"),
    *(
        (REGISTER, part)
        for part in ("frister", "styringsgruppe", "driftsgruppe", "nettverksgrupper", "alle")
    ),
]
FIRST = "2026-STAV-1.1-01"  # the plan's first activity: «Tema for årlig fagdag», done
# A link keeps the year when it is not the current one.
YEAR = "" if dt.date.today().year == 2026 else "ar=2026&amp;"


def _all_text(at: AppTest) -> str:
    """Everything the page shows (as in the role tests), and the choices its selectboxes offer."""
    return "\n".join([all_text(at), *(str(s.options) for s in at.selectbox)])


def _register_people(path: Path) -> dict[str, set[str]]:
    """Names and e-mails in the register, by the network group of the assignment ('' = none)."""
    with Database(path).read() as con:
        rows = con.execute(
            "select coalesce(network_group, ''), name, email from governance_member"
        ).fetchall()
    found: dict[str, set[str]] = {}
    for group, *values in rows:
        found.setdefault(group, set()).update(v for v in values if v)
    return found


@pytest.mark.parametrize("email", list(USERS))
def test_every_view_runs_for_every_role(
    monkeypatch: pytest.MonkeyPatch, role_db: Path, email: str
) -> None:
    for page, part in VIEWS:
        at = _run(monkeypatch, role_db, email, page, **{"del": part})
        assert not at.exception, (email, page, part, [e.value for e in at.exception])
        assert not any("ikke tilgang til denne siden" in e.value for e in at.error)
    at = _run(monkeypatch, role_db, email, "app_pages/oversikt.py")
    assert not at.exception
    assert "Årsplan og styringsorganer" in [s.value for s in at.subheader]


def test_steering_group_sees_the_register_without_names(
    monkeypatch: pytest.MonkeyPatch, role_db: Path
) -> None:
    people = set().union(*_register_people(role_db).values())
    for page, part in VIEWS:
        at = _run(monkeypatch, role_db, STEERING, page, **{"del": part})
        text = _all_text(at)
        assert not [p for p in people if p in text], (page, part)
    # The structure is there: bodies, roles, organisations and terms.
    at = _run(monkeypatch, role_db, STEERING, REGISTER, **{"del": "styringsgruppe"})
    frame = at.dataframe[0].value
    assert "Navn" not in frame.columns and "E-post" not in frame.columns
    assert {"Organ", "Rolle", "Organisasjon", "Fra", "Til"} <= set(frame.columns)
    assert len(frame) == 11  # 6 from the hospital trust, 5 municipalities (seed 000)
    assert "ikke for din rolle" in _all_text(at)


def test_network_leader_sees_names_of_own_groups_only(
    monkeypatch: pytest.MonkeyPatch, role_db: Path
) -> None:
    by_group = _register_people(role_db)
    own = by_group["SYK-SAND"]
    others = set().union(*(v for k, v in by_group.items() if k != "SYK-SAND")) - own
    seen: set[str] = set()
    for page, part in VIEWS:
        at = _run(monkeypatch, role_db, LEADER, page, **{"del": part})
        text = _all_text(at)
        assert not [p for p in others if p in text], (page, part)
        seen |= {p for p in own if p in text}
    # Sandnes + SUS: the earlier and the present leader, and the group's operations-group member.
    assert seen == own and len(own) >= 5


def test_coordinator_sees_every_name(monkeypatch: pytest.MonkeyPatch, role_db: Path) -> None:
    people = set().union(*_register_people(role_db).values())
    at = _run(monkeypatch, role_db, COORDINATOR, REGISTER, **{"del": "alle"})
    text = _all_text(at)
    assert {p for p in people if p in text} == people


def test_only_a_coordinator_gets_the_form(monkeypatch: pytest.MonkeyPatch, role_db: Path) -> None:
    for email in (STEERING, LEADER):
        at = _run(monkeypatch, role_db, email, PLAN, **{"del": "oppdater"})
        # The section is not offered: the plan is shown instead (the sidebar's own form, to
        # subscribe, is not the plan's).
        assert not at.main.get("form")
        assert f'id="act-{FIRST}"' in " ".join(e.proto.body for e in at.get("html"))
    at = _run(monkeypatch, role_db, COORDINATOR, PLAN, **{"del": "oppdater"})
    assert at.main.get("form")


def test_coordinator_changes_status_and_note_and_it_is_audited(
    monkeypatch: pytest.MonkeyPatch, role_db: Path
) -> None:
    at = _run(monkeypatch, role_db, COORDINATOR, PLAN, **{"del": "oppdater"})
    assert at.selectbox(key="plan_edit_activity").value == FIRST
    at.selectbox(key=f"plan_status_{FIRST}").set_value("under_way")
    at.text_area(key=f"plan_note_{FIRST}").input("Flyttet til vårens fagdag.")
    next(b for b in at.button if b.label == "Lagre").click()
    at.run()
    assert not at.exception
    assert any("er pågår" in s.value for s in at.success)
    with Database(role_db).read() as con:
        row = con.execute(
            "select status, note from plan_activity where activity_id = $a", {"a": FIRST}
        ).fetchall()
        audit = con.execute(
            "select email, action, detail from audit_log where action = 'endret årsplan'"
        ).fetchall()
    assert row == [("under_way", "Flyttet til vårens fagdag.")]
    assert audit == [
        (COORDINATOR, "endret årsplan", f"{FIRST}: status done → under_way, merknad endret")
    ]
    # The plan shows it at once, to everyone.
    at = _run(monkeypatch, role_db, STEERING, PLAN)
    bodies = " ".join(e.proto.body for e in at.get("html"))
    item = bodies[bodies.index(f'id="act-{FIRST}"') :].split("</li>")[0]
    assert "◐ Pågår" in item and "Flyttet til vårens fagdag." in item


def test_oversikt_lists_overdue_and_due_soon_on_the_as_of_date(run_page, app_db: Path) -> None:
    at = run_page(app_db, "app_pages/oversikt.py", ar="2026", dato="2026-11-20")
    assert not at.exception
    table = next(d.value for d in at.dataframe if "Frister" in d.value.columns)
    with Database(app_db).read() as con:
        expected = db.run(
            con,
            "plan_deadlines",
            {
                "year": 2026,
                "as_of_date": dt.date(2026, 11, 20),
                "days": 30,
                "health_trust": None,
                "network": None,
            },
        )
    # On 20.11.2026: three open activities past their due date (30.06, 30.06, 30.09) and three
    # due by 20.12 (10.12, 15.12, 18.12); those due 31.12 are 41 days away.
    assert list(table["Aktivitet"]) == list(expected["title"])
    assert [f.split()[0] for f in table["Frister"]] == ["Forfalt"] * 3 + ["Frist"] * 3
    assert "3 forfalt" in " ".join(m.value for m in at.markdown)
    bodies = " ".join(e.proto.body for e in at.get("html"))
    assert f'href="arsplan?{YEAR}dato=2026-11-20&amp;del=plan"' in bodies
    # Meeting mode shows the tiles alone.
    at = run_page(app_db, "app_pages/oversikt.py", ar="2026", mote="1")
    assert "Årsplan og styringsorganer" not in [s.value for s in at.subheader]


def test_each_goal_links_to_the_indicators_that_measure_it(run_page, app_db: Path) -> None:
    at = run_page(app_db, PLAN, ar="2026", gruppe="SYK-SAND")
    assert not at.exception
    bodies = " ".join(e.proto.body for e in at.get("html"))
    goal = bodies[bodies.index('id="goal-2026-STAV-5.3"') :].split('class="nk-goal"')[0]
    meetings = f"oppmote?{YEAR}gruppe=SYK-SAND&amp;del=arrangementer#meeting_attendance"
    assert f'href="{meetings}"' in goal
    assert f'href="oppmote?{YEAR}gruppe=SYK-SAND&amp;del=premie#full_attendance"' in goal
    assert "Ingen indikator måler dette delmålet" in html_text(at)  # e.g. 1.1 (dødshjelp)


def test_filters_narrow_the_plan(run_page, app_db: Path) -> None:
    at = run_page(app_db, PLAN, ar="2026", dato="2026-11-20", **{"del": "aktiviteter"})
    at.toggle(key="plan_deadlines_only").set_value(True)
    at.run()
    assert not at.exception
    assert len(next(d.value for d in at.dataframe if "Aktivitet" in d.value.columns)) == 6
    at.multiselect(key="plan_statuses").set_value(["planned"])
    at.run()
    frame = next(d.value for d in at.dataframe if "Aktivitet" in d.value.columns)
    assert set(frame["Status"]) == {"Planlagt"} and len(frame) == 2


def test_an_empty_database_says_what_to_do(run_page, empty_db: Path) -> None:
    for page in (PLAN, REGISTER):
        at = run_page(empty_db, page)
        assert not at.exception
        assert at.info and "Data-siden" in " ".join(c.value for c in [*at.info, *at.caption])
