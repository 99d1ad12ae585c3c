"""The region side by side on a hand-made network: every cell equals that place's own scorecard,
with the min-N rule and each place's own target.

Every expected figure is worked out in the comments from the rows the fixture inserts.
"""

from __future__ import annotations

import pytest

from dashboard.engine.comparison import compare, compared_scope
from dashboard.engine.scorecard import compute_scorecard
from dashboard.exchange.region import comparison_records, comparison_table
from tests.network import D, Network

YEAR_END = D(2026, 12, 31)


def _target(n: Network, indicator: str, value: float, trust: str = "", group: str = "") -> None:
    n.con.execute(
        "insert into target (indicator, year_from, value, comparison, health_trust, network_group)"
        " values ($i, 2021, $v, '>=', $t, $g)",
        {"i": indicator, "v": value, "t": trust, "g": group},
    )


@pytest.fixture
def net() -> Network:
    """Helse Stavanger (hst): groups G1 (municipality 1103) and G2 (1108); Helse Bergen (hb):
    group GB (5001). Every unit is a sykehjem that needs a resource nurse.

      G1: units A1–A5, nurses in A1–A4 since 2020                → 4 of 5 covered
      G2: units B1–B2, a nurse in B1                             → 1 of 2 (too few for status)
      GB: units X1–X6, nurses in X1–X3; X6's nurse left 31.12.2025 → 3 of 6 covered, 1 vacant
      hst: 5 of 7 covered; hb: 3 of 6; the region: 8 of 13.

    Targets for unit_coverage (≥): the region 100 %, Helse Bergen 50 %, group G1 80 %.
    vacant_units (≤ 0) for the region only.
    """
    n = Network()
    n.group("G1")
    n.group("G2")
    n.group("GB", trust="hb")
    n.municipality("1103", groups=("G1",))
    n.municipality("1108", groups=("G2",))
    n.municipality("5001", trust="hb", groups=("GB",))
    for number in range(1, 6):
        n.unit(f"A{number}", "1103", "G1")
    for number in range(1, 3):
        n.unit(f"B{number}", "1108", "G2")
    for number in range(1, 7):
        n.unit(f"X{number}", "5001", "GB", trust="hb")
    for unit in ("A1", "A2", "A3", "A4", "B1", "X1", "X2", "X3"):
        n.member(f"m{unit}", unit, D(2020, 1, 1))
    n.member("mX6", "X6", D(2020, 1, 1), D(2025, 12, 31))
    _target(n, "unit_coverage", 1.0)
    _target(n, "unit_coverage", 0.5, trust="hb")
    _target(n, "unit_coverage", 0.8, group="G1")
    n.con.execute(
        "insert into target (indicator, year_from, value, comparison) "
        "values ('vacant_units', 2021, 0, '<=')"
    )
    n.refresh()
    return n


def _cell(comparison, code: str | None, indicator: str):  # type: ignore[no-untyped-def]
    return next(card for place, card in comparison.columns if place.code == code)[indicator]


def test_each_trusts_cells_equal_its_own_scorecard(net: Network) -> None:
    scope = net.scope(2026, YEAR_END)
    comparison = compare(net.con, scope, "health_trust", today=YEAR_END)
    assert [(p.kind, p.code) for p in comparison.places] == [
        ("health_trust", "hb"),  # «Helse Bergen HF» before «Helse Stavanger HF»
        ("health_trust", "hst"),
        ("region", None),
    ]
    for place, card in comparison.columns:
        own = compute_scorecard(
            net.con, net.scope(2026, YEAR_END, **place.selection(scope.selection).chosen())
        )
        assert card.results == own.results, place.name
    coverage = {code: _cell(comparison, code, "unit_coverage") for code in ("hb", "hst", None)}
    assert [(c.numerator, c.denominator) for c in coverage.values()] == [(3, 6), (5, 7), (8, 13)]
    # Helse Bergen's own 50 % target: 3 of 6 meets it. Stavanger has none of its own: the
    # region's 100 % applies, 5/7 = 71,4 % is more than 10 points short. The region: 61,5 %.
    assert [c.target for c in coverage.values()] == [0.5, 1.0, 1.0]
    assert [c.status for c in coverage.values()] == ["met", "not_met", "not_met"]
    vacant = _cell(comparison, "hb", "vacant_units")
    assert (vacant.numerator, vacant.status) == (1, "not_met")  # X6 lost its nurse
    assert _cell(comparison, "hst", "vacant_units").status == "met"


def test_groups_of_the_chosen_trust_with_min_n_and_the_groups_own_target(net: Network) -> None:
    scope = net.scope(2026, YEAR_END, health_trust="hst")
    comparison = compare(net.con, scope, "network_group", today=YEAR_END)
    assert [(p.kind, p.code, p.is_total) for p in comparison.places] == [
        ("network_group", "G1", False),
        ("network_group", "G2", False),
        ("health_trust", "hst", True),
        ("region", None, True),
    ]
    for place, card in comparison.columns:
        own = compute_scorecard(
            net.con, net.scope(2026, YEAR_END, **place.selection(scope.selection).chosen())
        )
        assert card.results == own.results, place.name
    g1, g2 = _cell(comparison, "G1", "unit_coverage"), _cell(comparison, "G2", "unit_coverage")
    # G1: 4 of 5 = 80 % against the group's own 80 % target: met.
    assert (g1.numerator, g1.denominator, g1.target, g1.status) == (4, 5, 0.8, "met")
    # G2: 1 of 2 shows its numbers but no status (denominator below 5).
    assert (g2.numerator, g2.denominator, g2.status) == (1, 2, "too_few")


def test_a_chosen_municipality_or_group_gives_the_same_comparison(net: Network) -> None:
    """The columns bring their own places, so the app caches one comparison for every
    municipality: its compared scope drops the place filters (a chosen trust still picks the
    groups)."""
    plain = compare(net.con, net.scope(2026, YEAR_END), "health_trust", today=YEAR_END)
    narrowed = net.scope(2026, YEAR_END, municipality="5001", network_group="GB")
    assert compared_scope(narrowed, "health_trust") == net.scope(2026, YEAR_END)
    assert compare(net.con, narrowed, "health_trust", today=YEAR_END).cards == plain.cards
    in_trust = net.scope(2026, YEAR_END, health_trust="hst", municipality="1103")
    assert compared_scope(in_trust, "network_group") == net.scope(
        2026, YEAR_END, health_trust="hst"
    )
    groups = compare(net.con, in_trust, "network_group", today=YEAR_END)
    assert [p.code for p in groups.places] == ["G1", "G2", "hst", None]
    # G2 (municipality 1108) is still a column: 1 of 2 covered, whatever municipality is chosen.
    assert (_cell(groups, "G2", "unit_coverage").numerator, len(groups.places)) == (1, 4)


def test_a_trust_limited_view_shows_its_trusts_and_the_whole_region(net: Network) -> None:
    scope = net.scope(2026, YEAR_END)
    by_trust = compare(net.con, scope, "health_trust", trusts={"hb"}, today=YEAR_END)
    assert [p.code for p in by_trust.places] == ["hb", None]
    # The region's total still counts every trust (an aggregate): 8 of 13.
    region = _cell(by_trust, None, "unit_coverage")
    assert (region.numerator, region.denominator) == (8, 13)
    by_group = compare(net.con, scope, "network_group", trusts={"hb"}, today=YEAR_END)
    assert [p.code for p in by_group.places] == ["GB", None]


def test_the_table_and_the_records(net: Network) -> None:
    comparison = compare(net.con, net.scope(2026, YEAR_END), "health_trust", today=YEAR_END)
    table = comparison_table(comparison)
    row = table.frame[table.frame["Indikator"] == "Enheter med ressurssykepleier"].iloc[0]
    assert row["Helse Bergen HF"] == 0.5
    assert row["Helse Bergen HF (antall)"] == "3 av 6"
    assert row["Helse Bergen HF (status)"] == "✔ Nådd"
    assert row["Hele regionen (antall)"] == "8 av 13"
    assert row["Helse Stavanger HF (status)"] == "✖ Ikke nådd"
    assert table.title == "Helseforetakene side om side 2026"
    records = comparison_records(comparison)
    assert len(records) == 3 * 16
    hb = next(r for r in records if r["code"] == "hb" and r["indicator"] == "unit_coverage")
    assert hb == {
        "by": "health_trust",
        "code": "hb",
        "name": "Helse Bergen HF",
        "health_trust": "hb",
        "is_total": False,
        "indicator": "unit_coverage",
        "numerator": 3,
        "denominator": 6,
        "value": 0.5,
        "target": 0.5,
        "status": "met",
    }
