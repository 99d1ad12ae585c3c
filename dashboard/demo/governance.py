"""The demo's annual plan and governance register.

The plan is Helse Stavanger's «Årsplan 2026» (seed 001): its five focus areas, sixteen delmål and
their activities, with owners, dates from the plan's own calendar (intro course 29 January, the
physio/OT gathering 28 April, the annual conference day 12 November, …) and statuses as they
plausibly stand on the demo's data date: most done, some under way, three overdue, one dropped.

The register follows seed 000's structure: a steering group of six from the hospital trust and
five from the municipalities, an operations group with the leader of each network's operations
group, one person responsible for each network group and the partner organisations, and each
network group's informal leader (a resource person of the group) appointed for two years. Its
dates are relative to the day the demo is built, so that some terms end within 90 days and one
network group is without a leader whenever the demo is looked at. Names are fictional and drawn
from a random generator of their own, so the rest of the demo stays as it was.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from dashboard.engine.contract import TABLES_BY_NAME
from dashboard.engine.meetings import Meeting

PLAN_YEAR = 2026
D = dt.date
YEAR_START, YEAR_END = D(2026, 1, 1), D(2026, 12, 31)
FAGDAG, INTRO, BASIC = D(2026, 11, 12), D(2026, 1, 29), D(2026, 3, 26)
SPRING_FIRST, SPRING_LAST = D(2026, 3, 12), D(2026, 4, 16)
AUTUMN_FIRST, AUTUMN_LAST = D(2026, 10, 15), D(2026, 10, 29)
PHYSIO_SPRING, PHYSIO_AUTUMN = D(2026, 4, 28), D(2026, 10, 15)

OPS = "Driftsgruppen"
OPS_PHYSIO = "Driftsgruppen for fysio/ergo"
COORDINATOR = "Koordinator"
RESOURCE = "Ressurspersonene"
NURSES = "Ressurssykepleierne"
PHYSIO = "Ressursfysio-/ergoterapeutene"
LEADERS = "Lederne"
GROUPS = "Nettverksgruppene"

# (title, owner, start, due, status, note) per activity; start/due None = open-ended.
Activity = tuple[str, str, dt.date | None, dt.date | None, str, str | None]
# focus area number → (focus area, [(network, indicators, delmål, [activities])])
PLAN: dict[int, tuple[str, list[tuple[str, str, str, list[Activity]]]]] = {
    1: (
        "Pasient- og pårørendearbeid",
        [
            (
                "alle",
                "",
                "Styrke kompetansen i etiske og juridiske aspekter relatert til debatten om "
                "dødshjelp",
                [
                    ("Tema for årlig fagdag", OPS, None, FAGDAG, "done", None),
                    (
                        "Ressurspersonene videreformidler ny kunnskap på egen arbeidsplass",
                        RESOURCE,
                        FAGDAG,
                        None,
                        "under_way",
                        None,
                    ),
                ],
            ),
            (
                "fysio_ergo",
                "",
                "Styrke kompetanse om dyspnoe som symptom, uavhengig av diagnose",
                [
                    (
                        "Tema på heldagssamling våren 2026",
                        OPS_PHYSIO,
                        None,
                        PHYSIO_SPRING,
                        "done",
                        None,
                    ),
                    (
                        "Ressursfysio-/ergoterapeutene videreformidler ny kunnskap på egen "
                        "arbeidsplass",
                        PHYSIO,
                        PHYSIO_SPRING,
                        None,
                        "under_way",
                        None,
                    ),
                ],
            ),
            (
                "fysio_ergo",
                "",
                "Styrke kompetanse om palliasjon ved rusavhengighet",
                [
                    (
                        "Tema på digital nettverkssamling høsten 2026",
                        OPS_PHYSIO,
                        None,
                        PHYSIO_AUTUMN,
                        "done",
                        None,
                    ),
                    (
                        "Ressursfysio-/ergoterapeutene videreformidler ny kunnskap på egen "
                        "arbeidsplass",
                        PHYSIO,
                        PHYSIO_AUTUMN,
                        None,
                        "under_way",
                        None,
                    ),
                ],
            ),
            (
                "sykepleier",
                "",
                "Det gode pasientforløp",
                [
                    (
                        "Tema på høstens møte i sykepleiernettverket",
                        OPS,
                        AUTUMN_FIRST,
                        AUTUMN_LAST,
                        "done",
                        None,
                    ),
                    (
                        "Invitere med fastlege, koordinator eller andre samarbeidspartnere til "
                        "møte i nettverket",
                        GROUPS,
                        AUTUMN_FIRST,
                        AUTUMN_LAST,
                        "done",
                        "Fastleger deltok i to av fire grupper.",
                    ),
                    (
                        "Kreftkoordinator deler erfaringer / case fra ulike forløp",
                        "Kreftkoordinatorene",
                        AUTUMN_FIRST,
                        AUTUMN_LAST,
                        "done",
                        None,
                    ),
                    (
                        "Pasientforløp i palliasjon. Presentasjon av oppdatert utgave",
                        OPS,
                        AUTUMN_FIRST,
                        AUTUMN_LAST,
                        "dropped",
                        "Den oppdaterte utgaven er ikke publisert ennå; tas opp igjen i 2027.",
                    ),
                    (
                        "Ressurssykepleier videreformidler ny kunnskap på egen arbeidsplass",
                        NURSES,
                        AUTUMN_FIRST,
                        None,
                        "under_way",
                        None,
                    ),
                ],
            ),
            (
                "sykepleier",
                "",
                "Økt kunnskap om palliasjon til personer med demens",
                [
                    (
                        "Undervisning på vårens møter i sykepleiernettverket",
                        OPS,
                        SPRING_FIRST,
                        SPRING_LAST,
                        "done",
                        None,
                    ),
                    (
                        "Ressurssykepleier videreformidler ny kunnskap på egen arbeidsplass",
                        NURSES,
                        SPRING_FIRST,
                        None,
                        "under_way",
                        None,
                    ),
                ],
            ),
        ],
    ),
    2: (
        "Kompetanse",
        [
            (
                "alle",
                "meeting_attendance,fagdag_attendance,intro_course_uptake",
                "Økt kompetanse hos ressurspersoner",
                [
                    (
                        "Alle nye ressurspersoner mottar velkomstbrev med informasjon om "
                        "nettverket og aktuelle lenker / dokumenter",
                        COORDINATOR,
                        YEAR_START,
                        None,
                        "under_way",
                        None,
                    ),
                    (
                        "Ressurssykepleier deltar på begge nettverksmøter og årlig fagdag",
                        NURSES,
                        SPRING_FIRST,
                        FAGDAG,
                        "done",
                        None,
                    ),
                    (
                        "Ressursfysio-/ergoterapeuter deltar på heldagssamling våren 2026",
                        PHYSIO,
                        None,
                        PHYSIO_SPRING,
                        "done",
                        None,
                    ),
                    (
                        "Ressursfysio-/ergoterapeuter deltar på digital samling for alle fysio-/"
                        "ergoterapinettverkene i Helse Vest høsten 2026",
                        PHYSIO,
                        None,
                        PHYSIO_AUTUMN,
                        "done",
                        None,
                    ),
                    (
                        "Trekke ut premier blant de som har møtt på alle samlinger",
                        OPS,
                        None,
                        FAGDAG,
                        "done",
                        "Trukket på fagdagen; trekningen er registrert.",
                    ),
                    (
                        "Fagdag for nye ressurspersoner og ledere (introduksjonskurs)",
                        OPS,
                        None,
                        INTRO,
                        "done",
                        None,
                    ),
                    (
                        "Nye ressurspersoner oppfordres til å delta på fagdag i grunnleggende "
                        "palliasjon",
                        COORDINATOR,
                        None,
                        BASIC,
                        "done",
                        None,
                    ),
                    (
                        "Årlig fagdag for alle ressurspersoner i nettverket og ledere",
                        OPS,
                        None,
                        FAGDAG,
                        "done",
                        None,
                    ),
                    (
                        "Stimulere ressurspersoner til deltakelse på aktuelle kurs og konferanser",
                        OPS,
                        YEAR_START,
                        None,
                        "under_way",
                        None,
                    ),
                    (
                        "Informere om relevant forskning og publikasjoner via nettsider, "
                        "nettverksmøter og nyhetsbrev",
                        OPS,
                        YEAR_START,
                        None,
                        "under_way",
                        None,
                    ),
                    (
                        "Ressurspersonene oppfordres til å holde seg oppdatert i Pasientforløp i "
                        "palliasjon",
                        OPS,
                        YEAR_START,
                        None,
                        "under_way",
                        None,
                    ),
                ],
            ),
            (
                "alle",
                "routine_inform_colleagues",
                "Oppfordre og utruste ressurspersoner til å bidra med kompetanseheving på sin "
                "arbeidsplass",
                [
                    (
                        "Undervisning om å undervise på vårens møte i sykepleiernettverket",
                        OPS,
                        SPRING_FIRST,
                        SPRING_LAST,
                        "done",
                        None,
                    ),
                    (
                        "Ressurspersoner deler informasjon fra nettverksmøter og fagdager på egen "
                        "arbeidsplass og informerer om rollen som ressursperson",
                        RESOURCE,
                        YEAR_START,
                        None,
                        "under_way",
                        None,
                    ),
                ],
            ),
            (
                "alle",
                "development_work",
                "Økt andel ressurspersoner som bidrar til faglig utviklingsarbeid",
                [
                    (
                        "Informere om prosjektmidler fra Helsedirektoratet og oppmuntre til å søke",
                        COORDINATOR,
                        None,
                        D(2026, 9, 30),
                        "planned",
                        "Utlysningen kom sent; sendes med nyhetsbrev nr. 2.",
                    ),
                    (
                        "Ressurspersoner vurderer aktuelle utviklingsområder på egen arbeidsplass "
                        "og egen deltakelse i dem",
                        "Ressurspersonene og lederne",
                        YEAR_START,
                        YEAR_END,
                        "under_way",
                        None,
                    ),
                    (
                        "Informere fra aktuelle prosjekt i nyhetsbrev og på årlig fagdag",
                        OPS,
                        None,
                        FAGDAG,
                        "done",
                        None,
                    ),
                ],
            ),
            (
                "alle",
                "job_shadowing",
                "Øke andelen ressurspersoner som hospiterer",
                [
                    (
                        "Oppfordre til hospitering, og minne om søknadsfrister på nettverksmøter "
                        "og i nyhetsbrev",
                        OPS,
                        SPRING_FIRST,
                        AUTUMN_LAST,
                        "done",
                        None,
                    ),
                ],
            ),
        ],
    ),
    3: (
        "Ledelsesforankring",
        [
            (
                "alle",
                "leader_fagdag_share",
                "Ledere på alle nivå er kjent med arbeidet i nettverket",
                [
                    (
                        "Årsrapport 2025 og årsplan 2026 sendes til lederne for ressurspersonene",
                        COORDINATOR,
                        None,
                        D(2026, 2, 28),
                        "done",
                        None,
                    ),
                    (
                        "Årsrapport og årsplan sendes til postmottak i alle kommuner",
                        COORDINATOR,
                        None,
                        D(2026, 2, 28),
                        "done",
                        None,
                    ),
                    (
                        "Alle ledere inviteres til introduksjonskurs og årlig fagdag, med egen "
                        "ledersamling på fagdagen",
                        OPS,
                        None,
                        FAGDAG,
                        "done",
                        None,
                    ),
                    (
                        "Alle ledere får tilsendt referat fra nettverksmøter, nyhetsbrev og "
                        "velkomstbrev",
                        COORDINATOR,
                        YEAR_START,
                        None,
                        "under_way",
                        None,
                    ),
                    (
                        "Ledere i sykepleiernettverket inviteres til Teams-møte for ledere",
                        OPS,
                        None,
                        D(2026, 12, 10),
                        "planned",
                        None,
                    ),
                ],
            ),
            (
                "alle",
                "leader_meeting,earmarked_time",
                "Alle ressurspersoner har årlig møte med sin leder med gjennomgang av "
                "arbeidsplan og årshjul",
                [
                    (
                        "Ressursperson tar initiativ til møte med leder for å legge en årsplan "
                        "for eget arbeid og vurdere avsatt tid",
                        RESOURCE,
                        YEAR_START,
                        D(2026, 3, 31),
                        "done",
                        None,
                    ),
                    (
                        "Stimulere til bruk av veileder for samtale med leder (sykepleier)",
                        OPS,
                        None,
                        SPRING_LAST,
                        "done",
                        None,
                    ),
                    (
                        "Leder legger til rette for at ressursperson kan utøve sin rolle og delta på "
                        "aktiviteter i nettverket",
                        LEADERS,
                        YEAR_START,
                        None,
                        "under_way",
                        None,
                    ),
                    (
                        "Leder legger til rette for hospitering for ressurspersonene",
                        LEADERS,
                        YEAR_START,
                        None,
                        "under_way",
                        None,
                    ),
                ],
            ),
        ],
    ),
    4: (
        "Synliggjøring og samarbeid",
        [
            (
                "alle",
                "routine_new_staff",
                "Økt antall ressurspersoner som informerer samarbeidende helsepersonell om "
                "funksjonen",
                [
                    (
                        "Ressurspersoner oppfordres til å informere samarbeidspartnere og nye "
                        "kolleger om funksjonen",
                        OPS,
                        None,
                        SPRING_LAST,
                        "done",
                        None,
                    ),
                    (
                        "Oppfordres til å ta initiativ til tverrfaglige møter med aktuelle "
                        "samarbeidspartnere",
                        RESOURCE,
                        YEAR_START,
                        None,
                        "under_way",
                        None,
                    ),
                ],
            ),
            (
                "alle",
                "",
                "Fremme samhandling med bruker- og pårørendeorganisasjoner",
                [
                    (
                        "Invitere bruker/pårørende til nettverksmøter / årlig fagdag for å dele "
                        "sine erfaringer",
                        OPS,
                        None,
                        FAGDAG,
                        "done",
                        None,
                    ),
                    (
                        "Brukerorganisasjoner deltar på fagdager for nettverket",
                        OPS,
                        None,
                        FAGDAG,
                        "done",
                        None,
                    ),
                    (
                        "Kreftforeningen, Kreftomsorg Rogaland og brukerrepresentant er del av "
                        "driftsgruppe og/eller styringsgruppe",
                        "Styringsgruppen",
                        None,
                        D(2026, 6, 30),
                        "under_way",
                        "Brukerrepresentant i styringsgruppen er ikke oppnevnt ennå.",
                    ),
                ],
            ),
        ],
    ),
    5: (
        "Organisering og drift av nettverket",
        [
            (
                "alle",
                "unit_coverage,vacant_units,municipality_coverage_nurse,"
                "municipality_coverage_physio_ot",
                "Gjennomføre faste oppgaver for god drift av nettverket",
                [
                    (
                        "Arrangere 2 nettverksmøter i lokale nettverksgrupper i "
                        "sykepleiernettverket",
                        GROUPS,
                        SPRING_FIRST,
                        AUTUMN_LAST,
                        "done",
                        None,
                    ),
                    (
                        "Arrangere en fysisk samling i fysio- og ergoterapinettverket",
                        OPS_PHYSIO,
                        None,
                        PHYSIO_SPRING,
                        "done",
                        None,
                    ),
                    (
                        "Fysio- og ergoterapinettverket deltar på digital samling i regi av Helse "
                        "Bergen",
                        OPS_PHYSIO,
                        None,
                        PHYSIO_AUTUMN,
                        "done",
                        None,
                    ),
                    (
                        "Arrangere felles årlig fagdag og introduksjonskurs",
                        OPS,
                        INTRO,
                        FAGDAG,
                        "done",
                        None,
                    ),
                    (
                        "Sende ut to felles nyhetsbrev, årsrapport 2025 og årsplan 2026",
                        COORDINATOR,
                        YEAR_START,
                        D(2026, 12, 15),
                        "under_way",
                        "Nyhetsbrev nr. 2 er under arbeid.",
                    ),
                    (
                        "Arbeide for rekruttering av ressurspersoner og erstatning av dem som "
                        "slutter",
                        OPS,
                        YEAR_START,
                        None,
                        "under_way",
                        None,
                    ),
                    (
                        "Gjennomføre og følge opp årlig rapportering fra ressurspersonene og "
                        "nærmeste leder",
                        COORDINATOR,
                        AUTUMN_FIRST,
                        D(2026, 12, 18),
                        "under_way",
                        None,
                    ),
                    (
                        "Forberede og delta på møter i styringsgruppen og driftsgruppene",
                        COORDINATOR,
                        YEAR_START,
                        None,
                        "under_way",
                        None,
                    ),
                    (
                        "Oppdatere nettverksavtalen",
                        "Styringsgruppen",
                        None,
                        D(2026, 6, 30),
                        "under_way",
                        "Utkastet er på høring i kommunene.",
                    ),
                    (
                        "Kontinuerlig oppdatere pallnet.no",
                        COORDINATOR,
                        YEAR_START,
                        None,
                        "under_way",
                        None,
                    ),
                    (
                        "Delta på møter for regionale driftsgruppeledere",
                        "Driftsgruppelederne",
                        YEAR_START,
                        None,
                        "under_way",
                        None,
                    ),
                    (
                        "Ledere for driftsgruppene lokalt møtes minimum to ganger i året",
                        "Driftsgruppelederne",
                        YEAR_START,
                        YEAR_END,
                        "under_way",
                        "Første møte holdt i mai.",
                    ),
                ],
            ),
            (
                "alle",
                "report_response",
                "Økt andel ressurspersoner som besvarer årlig rapportering",
                [
                    (
                        "Gjennomføre årlig rapportering på høstens nettverksmøter i "
                        "sykepleiernettverket",
                        GROUPS,
                        AUTUMN_FIRST,
                        AUTUMN_LAST,
                        "done",
                        None,
                    ),
                    (
                        "Informere og oppfordre fysio- og ergoterapeutene på samlingene til å "
                        "besvare årlig rapportering",
                        OPS_PHYSIO,
                        None,
                        PHYSIO_AUTUMN,
                        "done",
                        None,
                    ),
                ],
            ),
            (
                "alle",
                "meeting_attendance,fagdag_attendance,full_attendance",
                "Oppnå min. 80 % fremmøte på nettverksmøter og årlig fagdag",
                [
                    (
                        "Trekke premie blant de som har møtt på alle samlingene i nettverket "
                        "gjennom året",
                        OPS,
                        None,
                        FAGDAG,
                        "done",
                        None,
                    ),
                ],
            ),
        ],
    ),
}


def _row(table: str, values: dict[str, Any]) -> tuple:
    """A row in the contract's column order."""
    return tuple(values.get(c) for c in TABLES_BY_NAME[table].column_names)


def plan_rows(trust: str, short: str) -> dict[str, list[tuple]]:
    """The 2026 plan's delmål and activities for one health trust (`short`: its code in ids)."""
    goals: list[tuple] = []
    activities: list[tuple] = []
    for area_number, (area, area_goals) in PLAN.items():
        for goal_number, (network, indicators, title, items) in enumerate(area_goals, start=1):
            goal_id = f"{PLAN_YEAR}-{short}-{area_number}.{goal_number}"
            goals.append(
                _row(
                    "plan_goal",
                    {
                        "goal_id": goal_id,
                        "year": PLAN_YEAR,
                        "health_trust": trust,
                        "focus_area_number": area_number,
                        "focus_area": area,
                        "goal_number": goal_number,
                        "title": title,
                        "network": network,
                        "indicators": indicators or None,
                    },
                )
            )
            for position, (text, owner, start, due, status, note) in enumerate(items, start=1):
                activities.append(
                    _row(
                        "plan_activity",
                        {
                            "activity_id": f"{goal_id}-{position:02d}",
                            "goal_id": goal_id,
                            "title": text,
                            "owner": owner,
                            "start_date": start,
                            "due_date": due,
                            "status": status,
                            "note": note,
                        },
                    )
                )
    return {"plan_goal": goals, "plan_activity": activities}


def _days(today: dt.date, n: int) -> dt.date:
    return today + dt.timedelta(days=n)


def _years_back(today: dt.date, years: int, days: int = 0) -> dt.date:
    """`years` years before today (28 February for a 29th), moved by `days`."""
    try:
        day = today.replace(year=today.year - years)
    except ValueError:
        day = today.replace(year=today.year - years, day=28)
    return day + dt.timedelta(days=days)


def meetings(trust: str, year: int) -> list[Meeting]:
    """The steering group's (palliativt fagråd) four meetings of the year and the operations
    group's two, as seed 001's calendar spaces them."""
    dates = (
        ("styringsgruppe", 3, 12, "Fagrådsmøte mars"),
        ("driftsgruppe", 4, 23, "Driftsgruppemøte april"),
        ("styringsgruppe", 6, 11, "Fagrådsmøte juni"),
        ("styringsgruppe", 9, 17, "Fagrådsmøte september"),
        ("driftsgruppe", 10, 22, "Driftsgruppemøte oktober"),
        ("styringsgruppe", 12, 10, "Fagrådsmøte desember"),
    )
    return [
        Meeting(f"{body}-{year}-{month:02d}", body, trust, dt.date(year, month, day), title)
        for body, month, day, title in dates
    ]


def register_rows(
    trust: str,
    today: dt.date,
    seed: int,
    rows: dict[str, list[tuple]],
    used_names: set[str],
    first_names: Sequence[str],
    last_names: Sequence[str],
    slug: Any,
) -> list[tuple]:
    """The governance register of seed 000's structure, dated relative to `today`."""
    rng = random.Random(f"styringsorganer-{seed}")
    taken = set(used_names)

    def new_person(domain: str) -> tuple[str, str]:
        for _ in range(1000):
            name = f"{rng.choice(first_names)} {rng.choice(last_names)}"
            if name not in taken:
                taken.add(name)
                email = f"{slug(name.split()[0])}.{slug(name.split()[-1])}@{domain}"
                return name, email
        raise RuntimeError("name pool exhausted")

    municipality_names = {r[0]: r[1] for r in rows["municipality"]}
    result: list[tuple] = []

    def add(
        assignment_id: str,
        body: str,
        role: str,
        organisation: str,
        start: dt.date,
        end: dt.date | None,
        person: tuple[str, str],
        network: str | None = None,
        network_group: str | None = None,
    ) -> None:
        result.append(
            _row(
                "governance_member",
                {
                    "assignment_id": assignment_id,
                    "body": body,
                    "health_trust": trust,
                    "network": network,
                    "network_group": network_group,
                    "name": person[0],
                    "email": person[1],
                    "organisation": organisation,
                    "role": role,
                    "start_date": start,
                    "end_date": end,
                },
            )
        )

    hospital = "Helse Stavanger HF"
    sus = "sus.eksempel.no"

    def municipal(name: str) -> str:
        return f"{slug(name)}.kommune.eksempel.no"

    # The steering group (palliativt fagråd): six from the hospital trust, five municipalities.
    steering = [
        ("SG-01", "leder", f"{hospital}, Medisinsk klinikk", -760, 335, sus),
        ("SG-02", "medlem", f"{hospital}, Kreftavdelingen", -600, 130, sus),
        ("SG-03", "medlem", f"{hospital}, Palliativt senter", -400, None, sus),
        ("SG-04", "medlem", f"{hospital}, Klinikk for indremedisin", -720, 45, sus),
        ("SG-05", "medlem", f"{hospital}, Fagutvikling og forskning", -300, 430, sus),
        ("SG-06", "sekretær", f"{hospital}, Kompetansesenteret", -1000, None, sus),
        ("SG-07", "medlem", "Stavanger kommune", -500, 230, municipal("Stavanger")),
        ("SG-08", "medlem", "Sandnes kommune", -660, 70, municipal("Sandnes")),
        ("SG-09", "medlem", "Eigersund kommune", -200, 530, municipal("Eigersund")),
        ("SG-10", "medlem", "Klepp kommune", -900, -20, municipal("Klepp")),
        ("SG-11", "medlem", "Strand kommune", -100, 630, municipal("Strand")),
        ("SG-12", "medlem", "Sandnes kommune", 71, 801, municipal("Sandnes")),
        ("SG-13", "medlem", "Klepp kommune", -19, 711, municipal("Klepp")),
    ]
    for assignment_id, role, organisation, start, end, domain in steering:
        add(
            assignment_id,
            "styringsgruppe",
            role,
            organisation,
            _days(today, start),
            None if end is None else _days(today, end),
            new_person(domain),
        )

    # The operations group: the leader of each network's operations group, one responsible per
    # network group, and the partner organisations of seed 000.
    add(
        "DG-SYK",
        "driftsgruppe",
        "leder",
        f"{hospital}, Kompetansesenteret",
        _days(today, -800),
        None,
        new_person(sus),
        network="sykepleier",
    )
    add(
        "DG-FE",
        "driftsgruppe",
        "leder",
        f"{hospital}, Fysioterapiavdelingen",
        _days(today, -500),
        None,
        new_person(sus),
        network="fysio_ergo",
    )
    groups = [(r[0], r[2]) for r in rows["network_group"] if r[3] == trust]
    for number, (code, network) in enumerate(groups):
        end = _days(today, 20) if number == len(groups) - 2 else None
        add(
            f"DG-{code}",
            "driftsgruppe",
            "medlem",
            hospital,
            _days(today, -300 - 90 * number),
            end,
            new_person(sus),
            network=network,
            network_group=code,
        )
    partners = [
        ("DG-KLB", "Kompetansesenter i lindrende behandling Helseregion Vest", "helse-bergen"),
        ("DG-MPT", "Palliativt senter v/Mobilt palliativt team, SUS", "sus"),
        ("DG-KF", "Kreftforeningen", "kreftforeningen"),
        ("DG-KOR", "Kreftomsorg Rogaland (KOR)", "kor"),
        ("DG-UIS", "Universitetet i Stavanger", "uis"),
    ]
    for number, (assignment_id, organisation, domain) in enumerate(partners):
        add(
            assignment_id,
            "driftsgruppe",
            "medlem",
            organisation,
            _days(today, -250 - 110 * number),
            None,
            new_person(f"{domain}.eksempel.no"),
        )

    # Each network group's informal leader: a resource person of the group, for two years.
    # (years back, days) of each group's leaders, oldest first; the last one of a group whose
    # term has run out leaves the group without a leader.
    terms = {
        0: [(2, 25)],  # ends in 24 days: within 90
        1: [(2, -200), (0, -200)],  # an earlier leader, and the one now
        2: [(2, -40)],  # ended 41 days ago, no successor: without a leader
        3: [(1, -55)],
        4: [(0, -90)],
    }
    for number, (code, network) in enumerate(groups):
        candidates = _group_members(rows, code, today)
        for turn, (years, days) in enumerate(terms.get(number, [(0, -30)])):
            if turn >= len(candidates):
                break
            name, email, unit_owner, municipality = candidates[turn]
            organisation = (
                hospital
                if unit_owner == "helseforetak"
                else f"{municipality_names[municipality]} kommune"
            )
            add(
                f"NG-{code}-{turn + 1}",
                "nettverksgruppe",
                "leder",
                organisation,
                _years_back(today, years, days),
                None,
                (name, email),
                network=network,
                network_group=code,
            )
    return result


def _group_members(
    rows: dict[str, list[tuple]], group: str, today: dt.date
) -> list[tuple[str, str, str, str]]:
    """Resource persons of a network group who are active today, in member-id order: (name,
    e-mail, the unit's owner, the unit's municipality)."""
    units = {r[0]: r for r in rows["unit"]}
    found: dict[str, tuple[str, str, str, str]] = {}
    for member in sorted(rows["member"], key=lambda r: (r[0], r[6])):
        member_id, name, email, _profession, unit_id, _leader, start, end, _reason = member
        unit = units[unit_id]
        if unit[6] != group or start > today or (end is not None and end < today):
            continue
        found.setdefault(member_id, (name, email, unit[3], unit[4]))
    return list(found.values())
