"""unit_coverage, vacant_units and the municipality coverages on hand-made networks.

Every expected figure is worked out in the comments from the rows the fixture inserts.
"""

from __future__ import annotations

import pytest

from dashboard.exchange.tables import vacant_units
from tests.network import D, Network


@pytest.fixture
def net() -> Network:
    """Municipalities 1103 (group G1), 1108 and 1144 (group G2), all in Helse Stavanger (hst);
    5001 in Helse Bergen (hb).

    Units (needs a nurse unless said):
      A  sykehjem 1103 G1         nurse m1 active since 2020
      B  hjemmetjeneste 1103 G1   nurse m2 until 31.05.2026, then m2 moves to F; physio p1 active
      C  annet 1103 G1, needs_member false, nurse m5 active
      D  sykehjem 1103 G1, closed 30.06.2026; nurse m6 until 31.12.2025
      E  sykehjem 1108 G2, opens 01.01.2027
      F  sykehusavdeling, helseforetak, in 1144, G2; m2 from 01.06.2026, m3 from 01.07.2026
      H  sykehjem 1108 whose own group is G1; nurse m7 active
      K  annet 1144 G2 (kommune), ergoterapeut o1 until 31.03.2026
      P  poliklinikk, helseforetak, in 1108, G2; ergoterapeut o2 active; never had a nurse
      X  sykehjem 5001 (hb), nurse x1 active
    """
    n = Network()
    for code in ("G1", "G2"):
        n.group(code)
    n.group("GB", trust="hb")
    n.municipality("1103", groups=("G1",))
    n.municipality("1108", groups=("G2",))
    n.municipality("1144", groups=("G2",))
    n.municipality("5001", trust="hb", groups=("GB",))
    n.unit("A", "1103", "G1")
    n.unit("B", "1103", "G1", unit_type="hjemmetjeneste")
    n.unit("C", "1103", "G1", unit_type="annet", needs_member=False)
    n.unit("D", "1103", "G1", valid_to=D(2026, 6, 30))
    n.unit("E", "1108", "G2", valid_from=D(2027, 1, 1))
    n.unit("F", "1144", "G2", unit_type="sykehusavdeling", owner="helseforetak")
    n.unit("H", "1108", "G1")
    n.unit("K", "1144", "G2", unit_type="annet")
    n.unit("P", "1108", "G2", unit_type="poliklinikk", owner="helseforetak")
    n.unit("X", "5001", "GB", trust="hb")
    n.member("m1", "A", D(2020, 1, 1))
    n.member("m2", "B", D(2019, 3, 1), D(2026, 5, 31))
    n.member("m2", "F", D(2026, 6, 1))
    n.member("p1", "B", D(2021, 1, 1), profession="fysioterapeut")
    n.member("m5", "C", D(2022, 1, 1))
    n.member("m6", "D", D(2018, 1, 1), D(2025, 12, 31))
    n.member("m3", "F", D(2026, 7, 1))
    n.member("m7", "H", D(2024, 1, 1))
    n.member("o1", "K", D(2023, 1, 1), D(2026, 3, 31), profession="ergoterapeut")
    n.member("o2", "P", D(2023, 1, 1), profession="ergoterapeut")
    n.member("x1", "X", D(2020, 1, 1))
    return n


def test_unit_coverage_at_year_end(net: Network) -> None:
    # In scope on 31.12.2026 and needing a nurse: A, B, F, H, K, P, X (C needs none, D closed,
    # E not open yet) = 7. Covered by an active sykepleier: A (m1), F (m2 moved in, m3), H (m7),
    # X (x1) = 4. B lost m2 (the physio does not cover it); K and P have no nurse.
    assert net.count("unit_coverage") == (4, 7)


def test_unit_coverage_mid_year_sees_closed_unit_and_the_move(net: Network) -> None:
    # On 01.03.2026: D is still open (closes 30.06) → in scope: A, B, D, F, H, K, P, X = 8.
    # Covered: A, B (m2 not yet moved), H, X = 4; F gets m2 on 01.06 and m3 on 01.07.
    assert net.count("unit_coverage", as_of=D(2026, 3, 1)) == (4, 8)


def test_unit_coverage_filters_use_the_units_own_columns(net: Network) -> None:
    # Health trust hst: X drops out → 3 of 6.
    assert net.count("unit_coverage", health_trust="hst") == (3, 6)
    # Group G1: A, B, H (H is in 1108 but its own group is G1) → A and H covered: 2 of 3.
    assert net.count("unit_coverage", network_group="G1") == (2, 3)
    # Municipality 1108: H and P (E not open) → H covered: 1 of 2.
    assert net.count("unit_coverage", municipality="1108") == (1, 2)
    # Unit type sykehusavdeling: F → 1 of 1.
    assert net.count("unit_coverage", unit_type="sykehusavdeling") == (1, 1)
    # Profession sykepleier is what the indicator counts anyway; any other leaves no data.
    assert net.count("unit_coverage", profession="sykepleier") == (4, 7)
    assert net.count("unit_coverage", profession="fysioterapeut") == (0, 0)
    assert net.count("unit_coverage", network="fysio_ergo") == (0, 0)
    assert net.count("unit_coverage", network="sykepleier") == (4, 7)


def test_vacant_units(net: Network) -> None:
    # 31.12.2026: of the 7 units in scope, B is uncovered and had a nurse (m2 left 31.05) →
    # vacant. K and P never had a nurse: uncovered, not vacant. D (vacant since 2025) is closed.
    assert net.count("vacant_units") == (1, 7)
    # 01.03.2026: D is open, uncovered, and m6 left on 31.12.2025 → 1 vacant of 8. B is covered.
    assert net.count("vacant_units", as_of=D(2026, 3, 1)) == (1, 8)
    # Group G2: F, K, P → none vacant.
    assert net.count("vacant_units", network_group="G2") == (0, 3)


def test_vacant_unit_list_gives_days_and_leader(net: Network) -> None:
    net.refresh()
    frame = vacant_units(net.con, net.scope()).frame
    assert frame["Enhets-ID"].tolist() == ["B"]
    # m2 left B on 31.05.2026: 31.05 → 31.12 is 214 days.
    assert int(frame.at[0, "Dager ledig"]) == 214
    assert frame.at[0, "Leders e-post"] == "leder.b@eksempel.no"


def test_municipality_coverage_nurse(net: Network) -> None:
    # Municipalities: 1103, 1108, 1144, 5001 = 4. Covered by a nurse in a kommune unit:
    # 1103 (A), 1108 (H, whatever its group), 5001 (X). 1144 only has the hospital unit F → 3 of 4.
    assert net.count("municipality_coverage_nurse") == (3, 4)
    # Health trust hst → 1103, 1108, 1144: 2 of 3.
    assert net.count("municipality_coverage_nurse", health_trust="hst") == (2, 3)
    # Group G2 → 1108, 1144 through network_group_municipality; 1108 is covered by H even though
    # H's own group is G1 → 1 of 2.
    assert net.count("municipality_coverage_nurse", network_group="G2") == (1, 2)
    assert net.count("municipality_coverage_nurse", municipality="1144") == (0, 1)
    # Unit type filter applies to the covering unit: only sykehjem A, H, X count → still 3 of 4;
    # hjemmetjeneste: none (B lost its nurse) → 0 of 4.
    assert net.count("municipality_coverage_nurse", unit_type="hjemmetjeneste") == (0, 4)
    assert net.count("municipality_coverage_nurse", profession="ergoterapeut") == (0, 0)


def test_municipality_coverage_nurse_counts_closed_years_by_as_of(net: Network) -> None:
    # 01.01.2023: m7 had not started in H → 1108 uncovered. 1103 (A), 5001 (X) → 2 of 4.
    assert net.count("municipality_coverage_nurse", as_of=D(2023, 1, 1)) == (2, 4)


def test_municipality_coverage_physio_ot(net: Network) -> None:
    # Physio/OT in a kommune unit on 31.12.2026: p1 in B (1103). o1 in K (1144) left 31.03;
    # o2 is in the hospital clinic P (1108) → counts nowhere. 1 of 4.
    assert net.count("municipality_coverage_physio_ot") == (1, 4)
    # On 01.03.2026 o1 is still active → 1103 and 1144: 2 of 4.
    assert net.count("municipality_coverage_physio_ot", as_of=D(2026, 3, 1)) == (2, 4)
    # Profession narrows who counts: only ergoterapeut → 1144 on 01.03 → 1 of 4.
    assert net.count(
        "municipality_coverage_physio_ot", as_of=D(2026, 3, 1), profession="ergoterapeut"
    ) == (1, 4)
    assert net.count("municipality_coverage_physio_ot", profession="sykepleier") == (0, 0)
    assert net.count("municipality_coverage_physio_ot", network="sykepleier") == (0, 0)
    assert net.count("municipality_coverage_physio_ot", network="fysio_ergo") == (1, 4)
    assert net.count("municipality_coverage_nurse", network="fysio_ergo") == (0, 0)
