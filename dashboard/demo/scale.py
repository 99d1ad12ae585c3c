"""National-size and 10× databases for the benchmark (`python -m dashboard demo --scale national`).

Deterministic: people and appointments come from a seeded generator; attendance and answers are
chosen by hashing their keys (DuckDB's `hash`), so the same seed gives the same rows whatever
the thread count. The reference municipalities (with their trusts) are used first, then the
rest of Norway's real municipalities (numbers and names from the map's boundaries, so the map
draws the whole country); synthetic ones ("Kommune 9001") only beyond those (the 10× data).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from dashboard.demo.lake_writer import build_database, insert_rows
from dashboard.demo.region import (
    DATA_DATE,
    FIRST_NAMES,
    LAST_NAMES,
    read_reference_municipalities,
    slug,
)
from dashboard.exchange import boundaries

FIRST_YEAR = DATA_DATE.year - 9  # ten years of history


@dataclass(frozen=True)
class Scale:
    """How big: municipalities in the country, resource-nurse seats per municipality unit."""

    name: str
    n_municipalities: int
    n_trusts: int
    units_per_municipality: int
    wards_per_trust: int
    physio_per_municipality: int


SCALES = {
    "national": Scale("national", 356, 18, 5, 60, 1),
    "10x": Scale("10x", 3560, 180, 5, 60, 1),
}


def _places(scale: Scale) -> tuple[list[tuple], list[tuple]]:
    """(health trusts, municipalities (number, name, trust, stem)): the reference ones first,
    then the rest of Norway's, then synthetic ones. `stem` begins the ids of a municipality's
    units and leaders: for the municipalities after the reference ones it is the synthetic
    number (5000, 5001, …) the first national data gave them, so every id, and every choice
    made by hashing an id, is what it was (the figures are compared with those of commit
    da781ce, ../shared/reference/figures-da781ce/)."""
    reference = read_reference_municipalities()
    trust_names = sorted({r["health_trust"] for r in reference})
    trusts = [
        (slug(n).replace("helse", "h") or f"hf{i}", f"{n} HF") for i, n in enumerate(trust_names)
    ]
    code_of = {name: code for name, (code, _) in zip(trust_names, trusts, strict=True)}
    municipalities = [
        (r["number"], r["name"], code_of[r["health_trust"]], r["number"]) for r in reference
    ]
    for i in range(len(trusts), scale.n_trusts):
        trusts.append((f"hf{i:03d}", f"Helseforetak {i:03d} HF"))
    taken = {m[0] for m in municipalities}
    real = (
        (number, feature["properties"]["kommunenavn"])
        for number, feature in sorted(boundaries.municipalities().items())
        if number not in taken
    )
    stems = (f"{n:04d}" for n in range(5000, 100_000) if f"{n:04d}" not in taken)
    while len(municipalities) < scale.n_municipalities:
        stem = next(stems)
        number, name = next(real, (stem, f"Kommune {stem}"))
        trust = trusts[len(municipalities) % len(trusts)][0]
        municipalities.append((number, name, trust, stem))
    return trusts, municipalities


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _unit(
    unit_id: str,
    name: str,
    unit_type: str,
    where: tuple[str, str, str],
    group: str,
    needs_member: bool,
) -> tuple:
    """A unit's row in the contract's column order; `where`: its owner, municipality and
    health trust. There for the whole period (no valid_from or valid_to)."""
    owner, municipality, trust = where
    return (unit_id, name, unit_type, owner, municipality, trust, group, needs_member, None, None)


def build_scaled(
    path: str | Path,
    scale_name: str,
    seed: int = 2026,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Build the database at `path` (replacing it), via a temporary file and a rename."""
    scale = SCALES[scale_name]
    say = progress or (lambda _m: None)
    rng = random.Random(seed)
    trusts, municipalities = _places(scale)
    say(f"{len(trusts)} helseforetak, {len(municipalities)} kommuner")

    groups: list[tuple] = []
    group_municipalities: list[tuple] = []
    units: list[tuple] = []
    by_trust: dict[str, list[tuple]] = {}
    for m in municipalities:
        by_trust.setdefault(m[2], []).append(m)
    for trust_code, trust_municipalities in by_trust.items():
        nurse_groups = [f"{trust_code}-G{g}" for g in range(1, 5)]
        physio_group = f"{trust_code}-FE"
        groups.extend((g, f"Gruppe {g}", "sykepleier", trust_code) for g in nurse_groups)
        groups.append((physio_group, f"Fysio/ergo {trust_code}", "fysio_ergo", trust_code))
        for i, (number, name, _, stem) in enumerate(trust_municipalities):
            group = nurse_groups[i % 4]
            town = ("kommune", number, trust_code)
            group_municipalities.append((group, number))
            group_municipalities.append((physio_group, number))
            for u in range(scale.units_per_municipality):
                kind = "sykehjem" if u % 2 == 0 else "hjemmetjeneste"
                units.append(
                    _unit(f"{stem}-U{u:02d}", f"{name} {kind} {u + 1}", kind, town, group, True)
                )
            units.append(
                _unit(f"{stem}-FE", f"{name} fysio/ergo", "annet", town, physio_group, False)
            )
        hospital = ("helseforetak", trust_municipalities[0][0], trust_code)
        for w in range(scale.wards_per_trust):
            kind = "poliklinikk" if w % 4 == 3 else "sykehusavdeling"
            units.append(
                _unit(
                    f"{trust_code}-W{w:03d}",
                    f"Sykehus {trust_code} post {w + 1}",
                    kind,
                    hospital,
                    nurse_groups[w % 4],
                    True,
                )
            )
    leaders = [(f"L-{u[0]}", _name(rng), f"leder.{u[0].lower()}@eksempel.no", u[0]) for u in units]

    say(f"{len(units)} enheter; oppnevninger")
    members: list[tuple] = []
    member_seq = 0
    start_floor = dt.date(FIRST_YEAR - 4, 1, 1)
    for unit in units:
        if unit[2] == "annet":
            seats = ["fysioterapeut"] * scale.physio_per_municipality + (
                ["ergoterapeut"] if rng.random() < 0.35 else []
            )
        else:
            seats = ["sykepleier"]
        for profession in seats:
            start = start_floor + dt.timedelta(days=rng.randrange(365 * 6))
            while start <= DATA_DATE:
                member_seq += 1
                member_id = f"N{member_seq:07d}"
                name = _name(rng)
                years = max(0.6, rng.expovariate(1 / 4.5))
                end: dt.date | None = start + dt.timedelta(days=int(years * 365))
                assert end is not None
                if end > DATA_DATE:
                    end = None
                members.append(
                    (
                        member_id,
                        name,
                        f"{member_id.lower()}@eksempel.no",
                        profession,
                        unit[0],
                        f"L-{unit[0]}",
                        start,
                        end,
                        None if end is None else "sluttet",
                    )
                )
                if end is None:
                    break
                start = end + dt.timedelta(days=rng.randrange(20, 400))

    say(f"{len(members)} oppnevninger; arrangementer")
    events: list[tuple] = []
    rounds: list[tuple] = []
    for year in range(FIRST_YEAR, DATA_DATE.year + 1):
        for trust_code, _ in trusts:
            if trust_code not in by_trust:
                continue
            for g in range(1, 5):
                group = f"{trust_code}-G{g}"
                events.append(
                    (
                        f"{year}-{group}-V",
                        "nettverksmote",
                        "Nettverksmøte vår",
                        dt.date(year, 3, 10 + g),
                        "sykepleier",
                        group,
                        trust_code,
                    )
                )
                events.append(
                    (
                        f"{year}-{group}-H",
                        "nettverksmote",
                        "Nettverksmøte høst",
                        dt.date(year, 10, 10 + g),
                        "sykepleier",
                        group,
                        trust_code,
                    )
                )
            events.append(
                (
                    f"{year}-{trust_code}-FAGDAG",
                    "fagdag",
                    "Årlig fagdag",
                    dt.date(year, 11, 12),
                    "alle",
                    None,
                    trust_code,
                )
            )
            events.append(
                (
                    f"{year}-{trust_code}-INTRO",
                    "introkurs",
                    "Introduksjonskurs",
                    dt.date(year, 1, 29),
                    "alle",
                    None,
                    trust_code,
                )
            )
            events.append(
                (
                    f"{year}-{trust_code}-FE",
                    "samling",
                    "Heldagssamling fysio/ergo",
                    dt.date(year, 4, 28),
                    "fysio_ergo",
                    None,
                    trust_code,
                )
            )
            rounds.append(
                (year, "sykepleier", trust_code, dt.date(year, 10, 1), dt.date(year, 11, 30))
            )
            rounds.append(
                (year, "fysio_ergo", trust_code, dt.date(year, 10, 15), dt.date(year, 11, 30))
            )

    tables = {
        "health_trust": trusts,
        "municipality": [m[:3] for m in municipalities],
        "network_group": groups,
        "network_group_municipality": group_municipalities,
        "unit": units,
        "leader": leaders,
        "member": members,
        "event": events,
        "reporting_round": rounds,
    }

    def build(con: duckdb.DuckDBPyConnection) -> int:
        for table, rows in tables.items():
            insert_rows(con, table, rows)
        say("oppmøte og årlig rapportering (i DuckDB)")
        _generate_in_sql(con, seed)
        return len(members)

    return build_database(path, build, f"demo --scale {scale.name}")


def _generate_in_sql(con: duckdb.DuckDBPyConnection, seed: int) -> None:
    """Attendance at the demo's rates (~80 %), leaders at the conference day (~30 %), intro
    courses for most new members, and answers to the reporting (~80 %), chosen by hash."""
    salt = str(seed)
    con.execute(
        """
        insert into attendance
        select event_id, member_id, 'member',
            case when hash(event_id || member_id || $salt) % 1000 < 800 then 'møtt'
                 when hash(member_id || event_id || $salt) % 1000 < 600 then 'forfall'
                 else 'ikke_møtt' end
        from (select distinct event_id, member_id from expected_attendance_live
              where kind in ('nettverksmote', 'fagdag', 'samling') and event_date <= $d)
        """,
        {"salt": salt, "d": DATA_DATE},
    )
    con.execute(
        """
        insert into attendance
        select distinct event_id, leader_id, 'leader', 'møtt'
        from expected_attendance_live
        where kind = 'fagdag' and leader_id is not null and event_date <= $d
            and hash(event_id || leader_id || $salt) % 1000 < 300
        """,
        {"salt": salt, "d": DATA_DATE},
    )
    con.execute(
        """
        insert into attendance
        select e.event_id, f.member_id, 'member', 'møtt'
        from (select member_id, min(start_date) as start_date from member group by all) as f
        join event as e on e.kind = 'introkurs'
            and e.event_date between f.start_date - interval 90 day and f.start_date + interval 365 day
            and e.event_date <= $d
        where hash(f.member_id || $salt) % 1000 < 750
        qualify row_number() over (partition by f.member_id order by e.event_date) = 1
        """,
        {"salt": salt, "d": DATA_DATE},
    )
    con.execute(
        """
        insert into annual_report
        select year, member_id, sent_on + interval 10 day,
            hash(member_id || year || 'a' || $salt) % 100 < 84,
            hash(member_id || year || 'b' || $salt) % 100 < 60,
            hash(member_id || year || 'c' || $salt) % 100 < 81,
            hash(member_id || year || 'd' || $salt) % 100 < 73,
            hash(member_id || year || 'e' || $salt) % 100 < 35 + (year - 2017),
            hash(member_id || year || 'f' || $salt) % 100 < 13,
            hash(member_id || year || 'g' || $salt) % 100 < 30
        from (select distinct year, member_id, sent_on from report_population_live
              where sent_on <= $d)
        where hash(member_id || year || $salt) % 1000 < 800
        qualify row_number() over (partition by year, member_id order by sent_on) = 1
        """,
        {"salt": salt, "d": DATA_DATE},
    )
