"""meeting_attendance, fagdag_attendance, full_attendance, leader_fagdag_share and
intro_course_uptake on hand-made networks; expected figures worked out in the comments."""

from __future__ import annotations

import pytest

from tests.network import D, Network


@pytest.fixture
def net() -> Network:
    """Groups G1 (municipality 1103) and G2 (1108) in hst; FE is the physio/OT group.

    Units: A (G1), H (G2), H2 (G2), B (FE, physio unit), Y (G1 but in Helse Bergen).
    Members:
      a1 nurse in A, active all year        a2 nurse in A from 01.06.2026
      a3 nurse in H, active all year        a4 nurse in A until 01.05.2026 (left)
      a5 nurse in A until 30.04.2026, then moves to H2 from 01.05.2026
      p1 physiotherapist in B               y1 nurse in Y (another health trust)
    Events of 2026 (health trust hst):
      N3 nettverksmote G2 01.03   N1 nettverksmote G1 16.04   N2 nettverksmote (all groups) 22.10
      S1 samling fysio_ergo 28.04  F1 fagdag alle 12.11        I1 introkurs 29.01
      N0 nettverksmote G1 in 2025 (another year)
    """
    n = Network()
    n.group("G1")
    n.group("G2")
    n.group("FE", network="fysio_ergo")
    n.municipality("1103", groups=("G1", "FE"))
    n.municipality("1108", groups=("G2", "FE"))
    n.municipality("5001", trust="hb")
    n.unit("A", "1103", "G1")
    n.unit("H", "1108", "G2")
    n.unit("H2", "1108", "G2", unit_type="hjemmetjeneste")
    n.unit("B", "1103", "FE", unit_type="annet", needs_member=False)
    n.unit("Y", "5001", "G1", trust="hb")
    n.member("a1", "A", D(2020, 1, 1))
    n.member("a2", "A", D(2026, 6, 1))
    n.member("a3", "H", D(2019, 1, 1))
    n.member("a4", "A", D(2019, 1, 1), D(2026, 5, 1))
    n.member("a5", "A", D(2018, 1, 1), D(2026, 4, 30))
    n.member("a5", "H2", D(2026, 5, 1))
    n.member("p1", "B", D(2021, 1, 1), profession="fysioterapeut")
    n.member("y1", "Y", D(2020, 1, 1))
    n.event("N3", "nettverksmote", D(2026, 3, 1), group="G2")
    n.event("N1", "nettverksmote", D(2026, 4, 16), group="G1")
    n.event("N2", "nettverksmote", D(2026, 10, 22))
    n.event("S1", "samling", D(2026, 4, 28), network="fysio_ergo")
    n.event("F1", "fagdag", D(2026, 11, 12), network="alle")
    n.event("I1", "introkurs", D(2026, 1, 29), network="alle")
    n.event("N0", "nettverksmote", D(2025, 10, 20), group="G1")
    # N3: no attendance rows at all (expected: a3 only; a5 was still in G1).
    # N1 (G1): expected a1, a4, a5 (in A on 16.04). a3 came as a guest from G2.
    n.attend("N1", "a1")
    n.attend("N1", "a4", "forfall")
    n.attend("N1", "a5")
    n.attend("N1", "a3")
    # N2 (all groups): expected a1, a2, a3, a5 (a4 has left; p1 is not a nurse). a3: no row.
    n.attend("N2", "a1")
    n.attend("N2", "a2")
    n.attend("N2", "a5", "ikke_møtt")
    n.attend("N2", "p1")
    # S1 (fysio_ergo): expected p1.
    n.attend("S1", "p1")
    # F1 (alle): expected a1, a2, a3, a5, p1.
    n.attend("F1", "a1")
    n.attend("F1", "a3")
    n.attend("F1", "p1")
    n.attend("F1", "a2", "forfall")
    # Leaders at F1: the leaders of the expected members are L-A (a1, a2), L-H (a3),
    # L-H2 (a5), L-B (p1). L-A came, L-B sent apologies, L-H came; L-H2 only has a row as a
    # *member*, which is not a leader attending.
    n.attend("F1", "L-A", person_type="leader")
    n.attend("F1", "L-B", "forfall", person_type="leader")
    n.attend("F1", "L-H", person_type="leader")
    n.attend("F1", "L-H2", person_type="member")
    # N0 (2025) is another year.
    n.attend("N0", "a1")
    return n


def test_meeting_attendance_sums_the_years_network_meetings(net: Network) -> None:
    # N3: 0 of 1 (a3; no rows at all still counts). N1: a1, a5 of a1, a4, a5 = 2 of 3
    # (a3's row is a guest's and counts nowhere). N2: a1, a2 of a1, a2, a3, a5 = 2 of 4.
    # Total 4 of 8.
    assert net.count("meeting_attendance") == (4, 8)


def test_meeting_attendance_as_of_leaves_out_later_meetings(net: Network) -> None:
    # As of 30.06.2026 only N3 and N1 have been held: 2 of 4.
    assert net.count("meeting_attendance", as_of=D(2026, 6, 30)) == (2, 4)


def test_meeting_attendance_filters_use_the_place_on_the_event_date(net: Network) -> None:
    # G2: N3 → a3 (0 of 1); N2 → a3 (H) and a5 (moved to H2) → 0 of 2. Total 0 of 3.
    assert net.count("meeting_attendance", network_group="G2") == (0, 3)
    # G1: N1 → 2 of 3; N2 → a1, a2 in A → 2 of 2. Total 4 of 5.
    assert net.count("meeting_attendance", network_group="G1") == (4, 5)
    # Unit type hjemmetjeneste: only a5 in H2 at N2 → 0 of 1.
    assert net.count("meeting_attendance", unit_type="hjemmetjeneste") == (0, 1)
    # The other health trust: its nurse y1 was not expected at hst's meetings → no data.
    assert net.count("meeting_attendance", health_trust="hb") == (0, 0)
    # 2025: N0 → a1, a4, a5 expected (all in A), a1 came → 1 of 3.
    assert net.count("meeting_attendance", year=2025, as_of=D(2025, 12, 31)) == (1, 3)


def test_fagdag_attendance(net: Network) -> None:
    # F1: expected a1, a2, a3, a5, p1 (alle = both networks); came a1, a3, p1 → 3 of 5.
    assert net.count("fagdag_attendance") == (3, 5)
    assert net.count("fagdag_attendance", profession="fysioterapeut") == (1, 1)
    assert net.count("fagdag_attendance", as_of=D(2026, 11, 11)) == (0, 0)


def test_network_filter(net: Network) -> None:
    # Physio/OT network: no network meetings for them (0 of 0); at F1 only p1 (came) → 1 of 1.
    assert net.count("meeting_attendance", network="fysio_ergo") == (0, 0)
    assert net.count("fagdag_attendance", network="fysio_ergo") == (1, 1)
    # Nurse network at F1: a1, a2, a3, a5 → a1, a3 came: 2 of 4.
    assert net.count("fagdag_attendance", network="sykepleier") == (2, 4)
    # A profession outside the chosen network selects nobody.
    assert net.count("fagdag_attendance", network="sykepleier", profession="fysioterapeut") == (
        0,
        0,
    )


def test_full_attendance_counts_members_who_came_to_everything(net: Network) -> None:
    # Expected somewhere in 2026: a1 (N1, N2, F1: all came), a2 (N2 came, F1 apologies),
    # a3 (N3 no, N2 no, F1 came), a4 (N1 apologies), a5 (N1 came, N2 ikke_møtt),
    # p1 (S1 came, F1 came) → a1 and p1: 2 of 6.
    assert net.count("full_attendance") == (2, 6)
    frame = net.list("full_attendance_list")
    assert frame["member_id"].tolist() == ["a1", "p1"]
    assert frame["n_events"].tolist() == [3, 2]


def test_leader_fagdag_share(net: Network) -> None:
    # Distinct leaders of F1's expected members: L-A, L-H, L-H2, L-B = 4; attended as leaders
    # with status møtt: L-A, L-H → 2 of 4.
    assert net.count("leader_fagdag_share") == (2, 4)
    # Group G2: expected a3 (L-H) and a5 (L-H2) → 1 of 2.
    assert net.count("leader_fagdag_share", network_group="G2") == (1, 2)


def test_intro_course_uptake() -> None:
    """New members: whose *first* appointment starts in the year."""
    n = Network()
    n.group("G1")
    n.municipality("1103", groups=("G1",))
    n.unit("A", "1103", "G1")
    n.unit("B", "1103", "G1", unit_type="hjemmetjeneste")
    n.event("I0", "introkurs", D(2025, 1, 30), network="alle")
    n.event("I1", "introkurs", D(2026, 1, 29), network="alle")
    n.event("I2", "introkurs", D(2027, 1, 28), network="alle")
    # n1 starts 15.02.2026 and came to I1 (17 days before): counts.
    n.member("n1", "A", D(2026, 2, 15))
    n.attend("I1", "n1")
    # n2 starts 01.09.2026: no course yet, window open → not (yet).
    n.member("n2", "B", D(2026, 9, 1))
    # n3 starts 01.06.2026 and came to I0 (over 90 days before): does not count.
    n.member("n3", "A", D(2026, 6, 1))
    n.attend("I0", "n3")
    # n4 moved into B in 2026 but first started in 2022: not new.
    n.member("n4", "A", D(2022, 1, 1), D(2026, 2, 28))
    n.member("n4", "B", D(2026, 3, 1))
    # n5 starts 01.03.2025, came to I1 on 29.01.2026 (within 365 days): counts for 2025.
    n.member("n5", "B", D(2025, 3, 1))
    n.attend("I1", "n5")
    # n6 starts 01.10.2025; sent apologies to I1: not attended.
    n.member("n6", "A", D(2025, 10, 1))
    n.attend("I1", "n6", "forfall")
    # 2026: n1, n2, n3 new; n1 attended → 1 of 3.
    assert n.count("intro_course_uptake") == (1, 3)
    # 2025: n5, n6 new; n5 attended I1 early next year → 1 of 2.
    assert n.count("intro_course_uptake", year=2025, as_of=D(2025, 12, 31)) == (1, 2)
    # Filters apply to the first appointment's unit: hjemmetjeneste → n2 only: 0 of 1.
    assert n.count("intro_course_uptake", unit_type="hjemmetjeneste") == (0, 1)
    # As of 01.05.2026 only n1 has started → 1 of 1.
    assert n.count("intro_course_uptake", as_of=D(2026, 5, 1)) == (1, 1)
