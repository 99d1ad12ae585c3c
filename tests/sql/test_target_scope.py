"""The scorecard judges each selection against the most specific target for it: a network group's
own, else its health trust's, else the region's, each within the years its row covers.

Hand-made network: Helse Stavanger (hst) with groups G1 (municipality 1103) and G2 (1108),
Helse Bergen (hb) with GB (5001); five sykehjem per group, nurses in four of them: every place
has unit_coverage 80 % (a group 4 of 5, Stavanger 8 of 10, the region 12 of 15).
"""

from __future__ import annotations

import pytest

from dashboard.engine.scorecard import compute_scorecard
from tests.network import D, Network


def _target(
    n: Network,
    value: float,
    year_from: int = 2021,
    year_to: int | None = None,
    trust: str = "",
    group: str = "",
) -> None:
    n.con.execute(
        "insert into target (indicator, year_from, year_to, value, comparison, health_trust,"
        " network_group) values ('unit_coverage', $f, $t, $v, '>=', $h, $g)",
        {"f": year_from, "t": year_to, "v": value, "h": trust, "g": group},
    )


@pytest.fixture
def net() -> Network:
    n = Network()
    for group, trust, number in (
        ("G1", "hst", "1103"),
        ("G2", "hst", "1108"),
        ("GB", "hb", "5001"),
    ):
        n.group(group, trust=trust)
        n.municipality(number, trust=trust, groups=(group,))
        for unit in range(1, 6):
            n.unit(f"{group}-{unit}", number, group, trust=trust)
        for unit in range(1, 5):
            n.member(f"m-{group}-{unit}", f"{group}-{unit}", D(2020, 1, 1))
    # The region: 100 % (2021–2025), 75 % from 2026. Stavanger: 85 % for 2021–2026.
    # G1: 70 % from 2024.
    _target(n, 1.0, 2021, 2025)
    _target(n, 0.75, 2026)
    _target(n, 0.85, 2021, 2026, trust="hst")
    _target(n, 0.7, 2024, group="G1")
    n.refresh()
    return n


def _judged(n: Network, year: int, **filters: str) -> tuple[float | None, str]:
    card = compute_scorecard(n.con, n.scope(year, D(year, 12, 31), **filters))
    result = card["unit_coverage"]
    assert result.value == 0.8  # 4 of 5 per group; Stavanger 8 of 10; the region 12 of 15
    return result.target, result.status


def test_the_region_uses_its_own_target_by_year(net: Network) -> None:
    # 12 of 15 = 80 %: under 100 % by 20 points in 2025, over 75 % in 2026.
    assert _judged(net, 2025) == (1.0, "not_met")
    assert _judged(net, 2026) == (0.75, "met")


def test_a_trust_target_wins_for_the_trust_and_everything_within_it(net: Network) -> None:
    # Stavanger's 85 %: 80 % is close (5 points short, less than 10), in 2025 and 2026 alike.
    assert _judged(net, 2025, health_trust="hst") == (0.85, "close")
    assert _judged(net, 2026, health_trust="hst") == (0.85, "close")
    # After 2026 Stavanger has no row of its own: the region's 75 %.
    assert _judged(net, 2027, health_trust="hst") == (0.75, "met")
    # A municipality of Stavanger lies within it: Stavanger's target.
    assert _judged(net, 2026, municipality="1108") == (0.85, "close")
    # Bergen has none of its own: the region's.
    assert _judged(net, 2025, health_trust="hb") == (1.0, "not_met")


def test_a_group_target_wins_over_its_trust(net: Network) -> None:
    assert _judged(net, 2026, network_group="G1") == (0.7, "met")
    assert _judged(net, 2023, network_group="G1") == (0.85, "close")  # before G1's row: hst's
    assert _judged(net, 2026, network_group="G2") == (0.85, "close")  # G2 has none: hst's
    # A municipality is not a group: G1's own target does not follow it.
    assert _judged(net, 2026, municipality="1103") == (0.85, "close")
