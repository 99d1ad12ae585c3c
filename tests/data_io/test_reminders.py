"""A coordinator's reminders against a real SMTP server (aiosmtpd in its own process), on a lake
made by hand where it is known exactly whose leader term ends within 60 days, which plan activity
is overdue and who has not answered the reporting round closing within 14 days: the message
arrives once and lists exactly those, the attached XLSX (read with openpyxl) holds exactly the
non-respondents; nobody but a coordinator can subscribe or gets one; nothing to remind, no message.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import duckdb
import openpyxl
import pytest

from dashboard.engine.database import Database
from tests.engine import cli, sql
from tests.smtp_server import Smtp, send_due

D = dt.date
NOW = "2026-03-02T07:00"  # a Monday
COORDINATOR = "koord@eksempel.no"
STEERING = "styre@eksempel.no"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _fill(con: duckdb.DuckDBPyConnection) -> None:
    def insert(table: str, **values: object) -> None:
        names = ", ".join(values)
        con.execute(
            f"insert into {table} ({names}) values ({', '.join('$' + n for n in values)})", values
        )

    insert("health_trust", code="hst", name="Helse Stavanger HF")
    insert("municipality", number="1103", name="Stavanger", health_trust="hst")
    for code, name in (("G1", "Gruppe Sør"), ("G2", "Gruppe Nord")):
        insert("network_group", code=code, name=name, network="sykepleier", health_trust="hst")
        insert("network_group_municipality", group_code=code, municipality_number="1103")
    for unit, group in (("U1", "G1"), ("U2", "G2")):
        insert(
            "unit", unit_id=unit, name=f"Sykehjem {unit}", unit_type="sykehjem", owner="kommune",
            municipality_number="1103", health_trust="hst", network_group=group,
            needs_member=True,
        )  # fmt: skip
        insert(
            "leader", leader_id=f"L-{unit}", name=f"Enhetsleder {unit}",
            email=f"leder.{unit.lower()}@eksempel.no", unit_id=unit,
        )  # fmt: skip
    members = (
        ("M1", "Kari Svarer", "sykepleier", "U1", None),  # answers
        ("M2", "Ola Glemsk", "sykepleier", "U1", None),  # has not answered
        ("M3", "Per Treig", "sykepleier", "U2", None),  # has not answered
        ("M4", "Siri Sluttet", "sykepleier", "U2", D(2025, 12, 31)),  # left before the round
        ("M5", "Frida Fysio", "fysioterapeut", "U1", None),  # the other network's later round
    )
    for member_id, name, profession, unit, end in members:
        insert(
            "member", member_id=member_id, name=name,
            email=f"{member_id.lower()}@eksempel.no", profession=profession, unit_id=unit,
            leader_id=f"L-{unit}", start_date=D(2020, 1, 1), end_date=end,
        )  # fmt: skip
    # Last year's nurses' round closes in 8 days; the physio/OT round only in April.
    insert(
        "reporting_round", year=2025, network="sykepleier", health_trust="hst",
        sent_on=D(2026, 2, 1), closes_on=D(2026, 3, 10),
    )  # fmt: skip
    insert(
        "reporting_round", year=2025, network="fysio_ergo", health_trust="hst",
        sent_on=D(2026, 2, 1), closes_on=D(2026, 4, 30),
    )  # fmt: skip
    insert("annual_report", year=2025, member_id="M1", submitted_on=D(2026, 2, 10), met_leader=True)
    insert(
        "plan_goal", goal_id="P1", year=2026, health_trust="hst", focus_area_number=1,
        focus_area="Rekruttering", goal_number=1, title="Delmål en", network="sykepleier",
    )  # fmt: skip
    activities = (
        ("A1", "Oppdatere avtalen", D(2026, 2, 15), "planned"),  # overdue
        ("A2", "Holde fagdag", D(2026, 2, 20), "done"),  # done
        ("A3", "Rekruttere", D(2026, 4, 1), "under_way"),  # not due yet
        ("A4", "Løpende arbeid", None, "planned"),  # no due date
    )
    for activity_id, title, due, status in activities:
        insert(
            "plan_activity", activity_id=activity_id, goal_id="P1", title=title,
            owner="Koordinator", due_date=due, status=status,
        )  # fmt: skip
    terms = (
        # G1's leader since 1 April 2024: two years, the term ends 31.03.2026 (29 days left).
        ("T1", "nettverksgruppe", "G1", "Lise Ledersen", "leder", D(2024, 4, 1), None),
        ("T2", "nettverksgruppe", "G2", "Nils Nyvalgt", "leder", D(2025, 1, 1), None),
        ("T3", "styringsgruppe", None, "Mette Medlem", "medlem", D(2024, 1, 1), D(2026, 3, 15)),
        ("T4", "driftsgruppe", None, "Dag Driftsleder", "leder", D(2024, 1, 1), D(2026, 6, 30)),
    )
    for assignment_id, body, group, name, role, start, end in terms:
        insert(
            "governance_member", assignment_id=assignment_id, body=body, health_trust="hst",
            network="sykepleier", network_group=group, name=name,
            email=name.split()[0].lower() + "@eksempel.no", role=role, start_date=start,
            end_date=end,
        )  # fmt: skip
    insert("app_user", email=COORDINATOR, role="koordinator")
    insert("app_user", email=STEERING, role="styringsgruppe")


@pytest.fixture
def lake(tmp_path: Path) -> Path:
    path = tmp_path / "hand.lake"
    Database(path, create=True).change(_fill, message="test")
    return path


def _subscribe(lake: Path, email: str) -> object:
    return cli(
        "subscription", "add", "--db", str(lake), "--email", email, "--kind", "reminder",
        "--frequency", "weekly",
    )  # fmt: skip


NAMES = ("Kari Svarer", "Ola Glemsk", "Per Treig", "Siri Sluttet", "Frida Fysio", "Lise Ledersen")


def test_a_coordinator_gets_exactly_what_to_remind_of_once(lake: Path, smtp: Smtp) -> None:
    assert _subscribe(lake, COORDINATOR).returncode == 0
    refused = _subscribe(lake, STEERING)
    assert refused.returncode == 2 and "bare til koordinatorer" in refused.stderr

    first = send_due(lake, smtp, NOW)
    assert first.returncode == 0, first.stderr
    [message] = smtp.messages()
    assert message["To"] == COORDINATOR
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    terms, rest = text.split("Forfalte aktiviteter i årsplanen")
    activities, rounds = rest.split("Rapporteringsrunder som stenger")
    # Only G1's leader: the other leader's term runs to December, a member's term is no
    # leader's, the operations group's leader has 120 days left.
    assert "Gruppe Sør: Lise Ledersen (lise@eksempel.no), vervet slutter 31.03.2026 (om 29" in terms
    for other in ("Nils", "Mette", "Dag"):
        assert other not in text
    assert [line for line in activities.splitlines() if line.startswith("- ")] == [
        "- Oppdatere avtalen (delmål 1, ansvar: Koordinator): frist 15.02.2026, 15 dager over "
        "fristen"
    ]
    assert [line for line in rounds.splitlines() if line.startswith("- ")] == [
        "- Sykepleiernettverket, Helse Stavanger HF 2025: stenger 10.03.2026; 1 av 3 har svart, "
        "2 har ikke svart"
    ]
    assert "Lise Ledersen" in html and "Oppdatere avtalen" in html
    # The non-respondents' names are in the attachment, not in the text.
    assert "Ola Glemsk" not in text and "Per Treig" not in text

    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == XLSX
    assert attachment.get_filename().endswith("_2026-03-02.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(attachment.get_content()), read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    people = {(r[header.index("Navn")], r[header.index("E-post")]) for r in body}
    assert people == {("Ola Glemsk", "m2@eksempel.no"), ("Per Treig", "m3@eksempel.no")}
    assert len(body) == 2
    assert {r[header.index("Svarfrist")].date() for r in body} == {D(2026, 3, 10)}

    again = send_due(lake, smtp, "2026-03-04T07:00")  # the same week: nothing more
    assert again.returncode == 0 and "Sendt 0" in again.stdout
    assert len(smtp.messages()) == 1
    audit = sql(lake, "select detail, n_rows from audit_log where action = 'e-post sendt'")
    assert len(audit) == 1 and audit[0][1] == 3  # one leader and two members named
    texts = "select action, detail, filters from audit_log union all "
    texts += "select delivery_key, coalesce(error, ''), coalesce(figures, '') from delivery"
    logged = " ".join(v for row in sql(lake, texts) for v in row if v)
    assert not [n for n in NAMES if n in logged]
    assert "m2@eksempel.no" not in logged and "lise@" not in logged


def test_a_recipient_who_is_no_longer_a_coordinator_gets_nothing(lake: Path, smtp: Smtp) -> None:
    assert _subscribe(lake, COORDINATOR).returncode == 0
    demoted = cli("user", "add", COORDINATOR, "styringsgruppe", "--db", str(lake))
    assert demoted.returncode == 0, demoted.stderr
    sent = send_due(lake, smtp, NOW)
    assert sent.returncode == 0, sent.stderr
    assert f"hoppet over: reminder til {COORDINATOR}" in sent.stdout
    assert "ikke koordinator" in sent.stdout
    assert smtp.messages() == []


def test_nothing_to_remind_of_sends_nothing_and_says_so(lake: Path, smtp: Smtp) -> None:
    assert _subscribe(lake, COORDINATOR).returncode == 0
    quiet = send_due(lake, smtp, "2025-06-02T07:00")  # no term ends, no plan, no round closes
    assert quiet.returncode == 0, quiet.stderr
    assert "ingenting å minne om" in quiet.stdout
    assert smtp.messages() == []
    assert sql(lake, "select state, error from delivery") == [("skipped", "ingenting å minne om")]
