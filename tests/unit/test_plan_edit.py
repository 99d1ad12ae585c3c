"""A coordinator's change of an activity (`plan.save_activity`): status and note saved with one
audit line; an unknown activity or status, a note too long or an activity of another trust is
refused and changes nothing; saving what is already there writes nothing."""

from __future__ import annotations

import pytest

from dashboard.engine import plan
from tests.network import D, Network


@pytest.fixture
def net() -> Network:
    net = Network()
    for goal_id, trust in (("G1", "hst"), ("G2", "hb")):
        net._insert(
            "plan_goal",
            goal_id=goal_id,
            year=2026,
            health_trust=trust,
            focus_area_number=1,
            focus_area="Område",
            goal_number=1,
            title="Delmål",
        )
    net._insert(
        "plan_activity",
        activity_id="A1",
        goal_id="G1",
        title="Fagdag",
        due_date=D(2026, 11, 12),
        status="planned",
    )
    net._insert("plan_activity", activity_id="B1", goal_id="G2", title="Samling", status="planned")
    return net


def _state(net: Network) -> list[tuple]:
    return net.con.execute(
        "select activity_id, status, note from plan_activity order by 1"
    ).fetchall()


def _audit(net: Network) -> list[tuple]:
    return net.con.execute("select email, action, detail, n_rows from audit_log").fetchall()


def test_status_and_note_are_saved_and_audited(net: Network) -> None:
    title = plan.save_activity(net.con, "A1", "done", "  Holdt 12.11.  ", "koord@eksempel.no")
    assert title == "Fagdag"
    assert _state(net)[0] == ("A1", "done", "Holdt 12.11.")
    assert _audit(net) == [
        ("koord@eksempel.no", "endret årsplan", "A1: status planned → done, merknad endret", 1)
    ]
    # The same again changes nothing and writes no audit line.
    plan.save_activity(net.con, "A1", "done", "Holdt 12.11.", "koord@eksempel.no")
    assert len(_audit(net)) == 1
    # An empty note clears it.
    plan.save_activity(net.con, "A1", "done", "", "koord@eksempel.no")
    assert _state(net)[0] == ("A1", "done", None)


@pytest.mark.parametrize(
    ("activity", "status", "note", "trusts", "words"),
    [
        ("A9", "done", "", (), "Fant ikke aktiviteten «A9»"),
        ("A1", "finished", "", (), "Ukjent status «finished»"),
        ("A1", "done", "x" * (plan.MAX_NOTE_CHARS + 1), (), "Merknaden er for lang"),
        ("B1", "done", "", ("hst",), "et annet helseforetak"),
    ],
)
def test_refused_changes_change_nothing(
    net: Network, activity: str, status: str, note: str, trusts: tuple[str, ...], words: str
) -> None:
    before = _state(net)
    with pytest.raises(plan.PlanEditRefused, match=words):
        plan.save_activity(net.con, activity, status, note, "koord@eksempel.no", trusts)
    assert _state(net) == before
    assert _audit(net) == []


def test_a_coordinator_limited_to_a_trust_changes_its_activities(net: Network) -> None:
    plan.save_activity(net.con, "A1", "under_way", None, "k@eksempel.no", trusts=("hst",))
    assert _state(net)[0][1] == "under_way"
