"""Subscriptions against a real SMTP server (aiosmtpd in its own process, writing a Maildir):
each kind of message arrives once and parses; the steering group's pack holds no name or e-mail;
a leader's digest holds only the leader's group; `send` run twice (or by two processes at once)
sends nothing twice; with the server stopped `send` fails cleanly, marks nothing sent, and the
next run delivers; a revoked role stops the mail; alerts wait for a status that holds."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest

from dashboard.engine import subscriptions
from dashboard.engine.subscriptions import Alert
from dashboard.exchange import mail
from tests.engine import cli, copy_lake, sql
from tests.smtp_server import SECRET, Smtp, send_due

YEAR = dt.date.today().year
NOW = f"{YEAR}-12-07T07:00"  # the demo's December steering-group meeting is on the 10th
# The demo's users, each with a subscription of one kind (dashboard/demo/governance.py).
STEERING = "styringsgruppe@demo.eksempel.no"
LEADER = "nettverksleder@demo.eksempel.no"
COORDINATOR = "koordinator@demo.eksempel.no"


def _send(lake: Path, smtp: Smtp, now: str = NOW) -> subprocess.CompletedProcess[str]:
    return send_due(lake, smtp, now)


@pytest.fixture
def lake(demo_db: Path, tmp_path: Path) -> Path:
    """A fresh demo: its users and their subscriptions, never sent."""
    return copy_lake(demo_db, tmp_path / "demo.lake")


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    pdf = tmp_path / "pakke.pdf"
    pdf.write_bytes(data)
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_each_kind_arrives_once_and_holds_what_the_role_may_see(
    lake: Path, smtp: Smtp, tmp_path: Path
) -> None:
    first = _send(lake, smtp)
    assert first.returncode == 0, first.stderr
    messages = smtp.messages()
    assert sorted(m["To"] for m in messages) == [COORDINATOR, LEADER, STEERING]  # + reminders
    assert f"hoppet over: alert til {COORDINATOR}" in first.stdout  # the first check records

    for m in messages:
        assert m.get_content_type() in ("multipart/alternative", "multipart/mixed")
        assert m.get_body(("plain",)) is not None and m.get_body(("html",)) is not None
        assert m["List-Unsubscribe"].startswith("<https://indikatorer.eksempel.no/?avmeld=")
    digest = next(m for m in messages if m["To"] == LEADER)
    text = digest.get_body(("plain",)).get_content()
    assert "Sandnes + SUS" in text and "Stavanger + SUS" not in text  # only the leader's group
    assert "gruppe=SYK-SAND" in text and "Enheter med ressurssykepleier" in text

    pack = next(m for m in messages if m["To"] == STEERING)
    [attachment] = list(pack.iter_attachments())
    pdf_text = _pdf_text(attachment.get_content(), tmp_path)
    assert "Styringsgruppemøte" in pdf_text
    names = [n for (n,) in sql(lake, "select name from member union select name from leader")]
    assert not [n for n in names if n in pdf_text]
    assert (
        "@" not in pdf_text
        and "@" not in pack.get_body(("plain",)).get_content().split("Avslutt")[0]
    )

    again = _send(lake, smtp, f"{YEAR}-12-07T09:00")
    assert again.returncode == 0 and "Sendt 0" in again.stdout
    assert len(smtp.messages()) == 3
    audit = sql(lake, "select detail from audit_log where action = 'e-post sendt'")
    assert len(audit) == 3 and not any("Enheter" in d for (d,) in audit)


def test_two_senders_at_once_send_each_message_once(lake: Path, smtp: Smtp) -> None:
    env_runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dashboard",
                "send",
                "--db",
                str(lake),
                "--now",
                NOW,
                "--base-url",
                "https://indikatorer.eksempel.no",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={
                **os.environ,
                "DASHBOARD_SMTP_HOST": "127.0.0.1",
                "DASHBOARD_SMTP_PORT": str(smtp.port),
                "DASHBOARD_SMTP_TLS": "none",
                "DASHBOARD_SMTP_FROM": "indikatorer@eksempel.no",
                "DASHBOARD_CAPTURE_SECRET": SECRET,
            },
        )
        for _ in range(2)
    ]
    for run in env_runs:
        run.wait(300)
        assert run.returncode == 0, run.stderr.read() if run.stderr else ""
    assert sorted(m["To"] for m in smtp.messages()) == [COORDINATOR, LEADER, STEERING]


def test_relay_down_marks_nothing_sent_and_the_next_run_delivers(lake: Path, smtp: Smtp) -> None:
    smtp.stop()
    down = _send(lake, smtp)
    assert down.returncode == 1
    assert "feilet" in down.stdout and "Traceback" not in down.stderr
    states = sql(lake, "select state, count(*) from delivery group by state order by state")
    assert "sent" not in dict(states) and dict(states).get("failed") == 3
    smtp.start()
    up = _send(lake, smtp, f"{YEAR}-12-07T08:00")
    assert up.returncode == 0, up.stderr
    assert len(smtp.messages()) == 3
    assert dict(sql(lake, "select state, count(*) from delivery group by state"))["sent"] == 3


def test_a_revoked_role_stops_the_mail(lake: Path, smtp: Smtp) -> None:
    removed = cli("user", "remove", LEADER, "--db", str(lake))
    assert removed.returncode == 0, removed.stderr
    sent = _send(lake, smtp)
    assert f"hoppet over: digest til {LEADER}" in sent.stdout
    assert "ingen tilgang" in sent.stdout
    assert sorted(m["To"] for m in smtp.messages()) == [COORDINATOR, STEERING]


def test_a_leaders_subscription_to_everything_holds_only_their_group(
    lake: Path, smtp: Smtp
) -> None:
    added = cli(
        "subscription", "add", "--db", str(lake), "--email", LEADER, "--kind", "digest",
        "--frequency", "monthly",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    refused = cli(
        "subscription", "add", "--db", str(lake), "--email", "ukjent@eksempel.no", "--kind",
        "digest", "--frequency", "monthly",
    )  # fmt: skip
    assert refused.returncode == 2 and "har ingen tilgang" in refused.stderr
    assert _send(lake, smtp).returncode == 0
    monthly = [m for m in smtp.messages() if m["To"] == LEADER]
    assert len(monthly) == 2  # the weekly of the demo and the new monthly
    for m in monthly:
        text = m.get_body(("plain",)).get_content()
        assert "Sandnes + SUS" in text
        for other in ("Stavanger + SUS", "Dalane", "Ryfylke"):
            assert other not in text


def _check(status: str) -> dict:
    return {"": {"meeting_attendance": [8, 10, status]}}


def test_an_alert_waits_for_a_status_that_holds_and_is_sent_once() -> None:
    checks: list[dict] = []
    sent: list[list[Alert]] = []
    for status in ("met", "not_met", "met", "not_met", "not_met", "not_met", "too_few"):
        now = _check(status)
        found = subscriptions.alerts(checks, now)
        sent.append(found)
        checks.append(json.loads(subscriptions.with_alerted(json.dumps(now), found)))
    # The first check records; a wobble (not met, met, not met) sends nothing; two checks in a
    # row at «not met» send one alert; the third sends nothing more; «for få» is never alerted.
    assert [len(s) for s in sent] == [0, 0, 0, 0, 1, 0, 0]
    assert sent[4] == [Alert("", "meeting_attendance", "met", "not_met")]


def test_an_unsubscribe_link_is_signed() -> None:
    token = mail.unsubscribe_token(SECRET, 7)
    assert mail.unsubscribed_id(SECRET, token) == 7
    assert mail.unsubscribed_id("en-annen-hemmelighet-som-er-lang-nok-0123456789", token) is None
    assert mail.unsubscribed_id(SECRET, token[:-2] + "xx") is None


def test_the_coordinators_tables_say_what_went_out(lake: Path, smtp: Smtp) -> None:
    from dashboard.engine import db
    from dashboard.engine.database import Database
    from dashboard.exchange import page_tables

    smtp.stop()
    assert _send(lake, smtp).returncode == 1  # three failures, one check recorded
    with Database(lake).read() as con:
        listed = page_tables.subscriptions(db.run(con, "subscriptions", {"email": None}))
        delivered = page_tables.deliveries(db.run(con, "delivery_list", {"limit_rows": 10}))
    assert listed.personal and delivered.personal  # e-mails: shown to those who may see them
    assert sorted(listed.frame["Hva"]) == [
        "Indikatorene",
        "Møtepakken",
        "Påminnelser til koordinator",
        "Varsel ved endret status",
    ]
    assert sorted(delivered.frame["Status"]) == [
        "feilet (prøves igjen)",
        "feilet (prøves igjen)",
        "feilet (prøves igjen)",
        "ikke sendt",
    ]
    assert all("tok ikke imot" in e for e in delivered.frame["Feil"] if e.startswith("E-post"))


def _images(message: EmailMessage) -> list[EmailMessage]:
    return [p for p in message.walk() if p.get_content_type() == "image/png"]


def test_the_digest_shows_its_charts_as_inline_png_images(lake: Path, smtp: Smtp) -> None:
    from io import BytesIO

    from PIL import Image

    assert _send(lake, smtp).returncode == 0
    digest = next(m for m in smtp.messages() if m["To"] == LEADER)
    html_part = digest.get_body(("html",))
    related = next(p for p in digest.walk() if p.get_content_type() == "multipart/related")
    assert html_part in related.iter_parts()  # the HTML and its images travel together
    images = _images(digest)
    assert len(images) == 3  # one chart per focus area with shares
    html = html_part.get_content()
    for image in images:
        data = image.get_content()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        with Image.open(BytesIO(data)) as drawn:
            drawn.verify()
        with Image.open(BytesIO(data)) as drawn:
            width, height = drawn.size
        assert width > 300 and height > 200
        cid = image["Content-ID"].strip("<>")
        assert f'src="cid:{cid}"' in html
        assert image.get_content_disposition() == "inline"
    alts = re.findall(r'<img src="cid:[^"]+" alt="([^"]+)"', html)
    assert len(alts) == 3 and all(" av " in a and "mål: " in a for a in alts)
    assert "Stolpediagram, 2. Kompetanse." in html
    text = digest.get_body(("plain",)).get_content()
    assert "cid:" not in text and "Stolpediagram" not in text
    pack = next(m for m in smtp.messages() if m["To"] == STEERING)
    assert not _images(pack)


def test_a_chart_that_cannot_be_drawn_sends_nothing_and_is_tried_again(
    lake: Path, smtp: Smtp, monkeypatch: pytest.MonkeyPatch
) -> None:
    import vl_convert

    from dashboard.engine import db
    from dashboard.engine.capture import OSLO
    from dashboard.engine.database import Database
    from dashboard.exchange import dispatch, page_tables

    def broken(*_args: object, **_kwargs: object) -> bytes:
        raise ValueError("Vega-Lite to PNG conversion failed")

    settings = mail.SmtpSettings("127.0.0.1", smtp.port, "indikatorer@eksempel.no", tls="none")
    at = dt.datetime.fromisoformat(NOW).replace(tzinfo=OSLO)
    base = "https://indikatorer.eksempel.no"
    monkeypatch.setattr(vl_convert, "vegalite_to_png", broken)
    outcome = dispatch.send_due(Database(lake), at, base, SECRET, settings)
    assert outcome.failed == 1 and outcome.sent == 2  # the digest failed; the pack, reminders went
    assert sorted(m["To"] for m in smtp.messages()) == [COORDINATOR, STEERING]
    with Database(lake).read() as con:
        shown = page_tables.deliveries(db.run(con, "delivery_list", {"limit_rows": 10})).frame
    failed = shown[shown["Status"] == "feilet (prøves igjen)"]
    assert len(failed) == 1 and "kunne ikke tegnes" in failed["Feil"].iloc[0]

    monkeypatch.undo()
    again = dispatch.send_due(Database(lake), at + dt.timedelta(hours=1), base, SECRET, settings)
    assert again.sent == 1 and again.failed == 0
    assert sorted(m["To"] for m in smtp.messages()) == [COORDINATOR, LEADER, STEERING]
    assert len(_images(next(m for m in smtp.messages() if m["To"] == LEADER))) == 3
