"""report_response and the respondent-based shares on a hand-made network."""

from __future__ import annotations

import pytest

from tests.network import D, Network


@pytest.fixture
def net() -> Network:
    """Group G1 (1103, unit A sykehjem and B hjemmetjeneste) and FE (unit P, physio/OT).

    2026 rounds: sykepleier sent 01.10.2026, fysio_ergo sent 15.10.2026 (hst); a Bergen round.
    Nurses: r1 A (report), r2 B (report), r3 A (no report),
            r4 A left 15.09.2026 but still sent a report (not in the population),
            r5 A started 02.10.2026, after the round went out, and sent a report (not counted),
            r6 moved from A to B on 01.10.2026 (same day as sent_on: counts once, place B), report.
    Physio/OT: p1 fysioterapeut (report), p2 ergoterapeut ended 10.10.2026 (not counted), report.
    """
    n = Network()
    n.group("G1")
    n.group("FE", network="fysio_ergo")
    n.municipality("1103", groups=("G1", "FE"))
    n.municipality("5001", trust="hb")
    n.unit("A", "1103", "G1")
    n.unit("B", "1103", "G1", unit_type="hjemmetjeneste")
    n.unit("P", "1103", "FE", unit_type="annet", needs_member=False)
    n.unit("Z", "5001", None, trust="hb")
    n.round(2026, "sykepleier", D(2026, 10, 1))
    n.round(2026, "fysio_ergo", D(2026, 10, 15))
    n.round(2026, "sykepleier", D(2026, 9, 1), trust="hb")
    n.member("r1", "A", D(2020, 1, 1))
    n.member("r2", "B", D(2020, 1, 1))
    n.member("r3", "A", D(2020, 1, 1))
    n.member("r4", "A", D(2020, 1, 1), D(2026, 9, 15))
    n.member("r5", "A", D(2026, 10, 2))
    n.member("r6", "A", D(2020, 1, 1), D(2026, 9, 30))
    n.member("r6", "B", D(2026, 10, 1))
    n.member("p1", "P", D(2021, 1, 1), profession="fysioterapeut")
    n.member("p2", "P", D(2021, 1, 1), D(2026, 10, 10), profession="ergoterapeut")
    n.member("z1", "Z", D(2020, 1, 1))
    yes, no = True, False
    respondents = ("r1", "r2", "r4", "r5", "r6", "p1", "p2")
    answers = {  # each question: the answers of r1, r2, r4, r5, r6, p1 and p2
        "met_leader": (yes, no, yes, yes, yes, yes, yes),
        "routine_new_staff": (yes, yes, yes, yes, no, no, yes),
        "routine_inform_colleagues": (yes, no, yes, yes, yes, no, yes),
        "earmarked_time": (yes, no, yes, yes, no, yes, yes),
        "job_shadowing": (no, no, yes, yes, yes, no, yes),
        "development_work": (yes, None, yes, yes, no, yes, yes),
    }
    for i, member_id in enumerate(respondents):
        n.report(2026, member_id, **{question: given[i] for question, given in answers.items()})
    n.report(2025, "r3", met_leader=yes)
    return n


def test_report_response(net: Network) -> None:
    # hst population: nurses active on 01.10: r1, r2, r3, r6 (r4 left before, r5 started after);
    # physio/OT active on 15.10: p1 (p2 ended 10.10). Bergen: z1 (no report).
    # Responded: r1, r2, r6, p1 → 4 of 6 (r3 and z1 did not answer).
    assert net.count("report_response") == (4, 6)
    assert net.count("report_response", health_trust="hst") == (4, 5)
    assert net.count("report_response", profession="sykepleier") == (3, 5)
    # r6 is placed in B on sent_on: hjemmetjeneste → r2, r6 → 2 of 2.
    assert net.count("report_response", unit_type="hjemmetjeneste") == (2, 2)
    # As of 05.10.2026 the physio/OT round has not gone out: r1, r2, r3, r6, z1 → 3 of 5.
    assert net.count("report_response", as_of=D(2026, 10, 5)) == (3, 5)
    # A year with reports but no rounds: no data.
    assert net.count("report_response", year=2025, as_of=D(2025, 12, 31)) == (0, 0)


@pytest.mark.parametrize(
    ("indicator", "expected"),
    [
        # Respondents: r1, r2, r6, p1 (never r4, r5, p2).
        ("leader_meeting", (3, 4)),  # r1, r6, p1
        ("routine_new_staff", (2, 4)),  # r1, r2
        ("routine_inform_colleagues", (2, 4)),  # r1, r6
        ("earmarked_time", (2, 4)),  # r1, p1
        ("job_shadowing", (1, 4)),  # r6
        ("development_work", (2, 4)),  # r1, p1; r2's empty answer is not yes
    ],
)
def test_respondent_shares(net: Network, indicator: str, expected: tuple[int, int]) -> None:
    assert net.count(indicator) == expected


def test_respondent_shares_follow_filters(net: Network) -> None:
    # Physio/OT only: p1 → met_leader 1 of 1.
    assert net.count("leader_meeting", profession="fysioterapeut") == (1, 1)
    # Sykehjem (A): r1 only (r6 was in B on sent_on) → 1 of 1.
    assert net.count("leader_meeting", unit_type="sykehjem") == (1, 1)
    assert net.count("leader_meeting", health_trust="hb") == (0, 0)
