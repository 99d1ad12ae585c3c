"""Sending what the subscriptions make due (`python -m dashboard send`): for each message due, the
recipient's role now decides what it holds; the message is claimed in a change (so it goes out
once, whichever run or replica sends it), made, handed to the relay, and only then marked sent. A
message that cannot be made or sent is marked failed, with the reason, and tried again at the next
run; nothing half-made is sent. Every message is audited (who, what, scope; never its contents).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb

from dashboard.engine import db, meetings, reminders, subscriptions
from dashboard.engine.access import Access, access_for, record
from dashboard.engine.capture import OSLO
from dashboard.engine.database import Database
from dashboard.engine.i18n import using
from dashboard.engine.scope import Scope, Selection, namer, place_names
from dashboard.engine.scorecard import compute_scorecard
from dashboard.engine.subscriptions import Due
from dashboard.exchange import mail, mail_charts, report
from dashboard.exchange.mail import Body, MailUnavailable, SmtpSettings

# Tries per message within one run when the relay does not answer, and the waits between them.
BACKOFF_SECONDS = (1.0, 3.0)
SENDER = "utsending"


@dataclass
class Outcome:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    lines: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Made:
    """A message made, or the reason there is none (`body` None: skipped)."""

    body: Body | None
    figures: str | None
    reason: str = ""
    attachments: tuple[tuple[str, bytes, str], ...] = ()
    named: int = 0  # people named in it (a coordinator's reminders), for the audit trail


def _claim(item: Due, now: dt.datetime) -> Callable[[duckdb.DuckDBPyConnection], bool]:
    def claim(con: duckdb.DuckDBPyConnection) -> bool:
        if not subscriptions.is_open(con, item.key, now):
            return False  # another run or replica has it (checked again inside the change)
        db.run(
            con,
            "delivery_claim",
            {
                "delivery_key": item.key,
                "subscription_id": item.subscription.subscription_id,
                "period": item.period,
                "at": now,
            },
        )
        return True

    return claim


def _finish(
    item: Due,
    state: str,
    now: dt.datetime,
    error: str | None,
    figures: str | None,
    named: int = 0,
) -> Callable[[duckdb.DuckDBPyConnection], None]:
    def finish(con: duckdb.DuckDBPyConnection) -> None:
        db.run(
            con,
            "delivery_finish",
            {
                "delivery_key": item.key,
                "state": state,
                "at": now,
                "error": error,
                "figures": figures,
            },
        )
        sub = item.subscription
        action = {
            "sent": "e-post sendt",
            "failed": "e-post feilet",
            "skipped": "e-post hoppet over",
        }
        record(
            con,
            SENDER,
            action[state],
            detail=f"{sub.kind} til {sub.email} (abonnement {sub.subscription_id}, {item.period})",
            filters=sub.selection_key,
            n_rows=named or None,
        )

    return finish


def make(con: duckdb.DuckDBPyConnection, item: Due, now: dt.datetime, base_url: str) -> Made:
    """The message for `item` as the recipient may see it now (in the subscription's
    language: call inside `using`)."""
    sub = item.subscription
    access = access_for(con, sub.email)
    selections = subscriptions.selections_for(access, sub.selection)
    if not selections:
        return Made(None, None, "ingen tilgang")
    day = now.astimezone(OSLO).date()
    if sub.kind == "reminder":
        return _reminder(con, item, access, selections, day, base_url)
    names = namer(place_names(con))
    scopes = [Scope(day.year, day, s) for s in selections]
    words = {s.selection.key(): _words(s, names) for s in scopes}
    link = mail.app_link(base_url, scopes[0], sub.language)
    if sub.kind == "pack":
        assert item.meeting is not None
        pdf = report.build(con, scopes[0], "pack", filters=scopes[0].selection.describe(names))
        stem = f"motepakke_{item.meeting.meeting_date:%Y-%m-%d}.pdf"
        return Made(
            mail.pack_body(item.meeting, link),
            None,
            attachments=((stem, pdf, "application/pdf"),),
        )
    cards = [compute_scorecard(con, scope) for scope in scopes]
    figures = subscriptions.figures_of(cards)
    if sub.kind == "digest":
        previous = subscriptions.last_sent_figures(con, sub.subscription_id)
        links = [mail.app_link(base_url, c.scope, sub.language) for c in cards]
        images = [mail_charts.digest_images(c) for c in cards]  # ChartFailed: nothing is sent
        body = mail.digest(
            [(words[c.scope.selection.key()], c) for c in cards], previous, links, images
        )
        return Made(body, figures)
    earlier = subscriptions.checks_of(con, sub.subscription_id)
    found = subscriptions.alerts(earlier, json.loads(figures))
    if not found:
        return Made(None, figures, "ingen endring")
    return Made(mail.alert_body(found, words, link), subscriptions.with_alerted(figures, found))


def _reminder(
    con: duckdb.DuckDBPyConnection,
    item: Due,
    access: Access,
    selections: list[Selection],
    day: dt.date,
    base_url: str,
) -> Made:
    """A coordinator's reminders, only to someone who is a coordinator now; nothing to remind of,
    no message (the delivery says so)."""
    if access.role != reminders.REMINDED_ROLE:
        return Made(None, None, "ikke koordinator")
    found = reminders.gather(con, access, selections, day)
    if found.is_empty:
        return Made(None, found.counts(), "ingenting å minne om")
    link = mail.app_link(base_url, Scope(day.year, day, selections[0]), item.subscription.language)
    return Made(
        mail.reminder_body(found, link, day),
        found.counts(),
        attachments=mail.reminder_attachments(found, day),
        named=found.named,
    )


def _words(scope: Scope, names: Callable[[str, str], str]) -> str:
    chosen = scope.selection.describe(names)
    return ", ".join(chosen.values()) or "hele regionen"


def send_due(
    database: Database,
    now: dt.datetime,
    base_url: str,
    secret: str,
    settings: SmtpSettings | None,
    dry_run: bool = False,
) -> Outcome:
    """Send every message due at `now` (`dry_run`: say what would go, change nothing)."""
    outcome = Outcome()
    with database.read() as con:
        calendar = meetings.calendar(con)
        items = subscriptions.due(con, now, calendar)
    for item in items:
        sub = item.subscription
        label = f"{sub.kind} til {sub.email} ({item.period})"
        if dry_run:
            outcome.lines.append(f"ville sendt: {label}")
            continue
        if not database.change(_claim(item, now), message="utsending"):
            continue
        try:
            with using(sub.language), database.read() as con:
                made = make(con, item, now, base_url)
        except Exception as error:  # nothing half-made is sent; tried again next run
            database.change(_finish(item, "failed", now, f"kunne ikke lages: {error}", None))
            outcome.failed += 1
            outcome.lines.append(f"feilet: {label}: kunne ikke lages: {error}")
            continue
        if made.body is None:
            database.change(_finish(item, "skipped", now, made.reason, made.figures))
            outcome.skipped += 1
            outcome.lines.append(f"hoppet over: {label}: {made.reason}")
            continue
        unsubscribe = mail.unsubscribe_link(base_url, secret, sub.subscription_id)
        try:
            if settings is None:
                raise MailUnavailable("e-post er ikke satt opp")
            with using(sub.language):
                message = mail.message(
                    settings, sub.email, made.body, unsubscribe, made.attachments, now
                )
            _send_with_backoff(settings, message)
        except MailUnavailable as error:
            database.change(_finish(item, "failed", now, str(error), None))
            outcome.failed += 1
            outcome.lines.append(f"feilet: {label}: {error}")
            continue
        database.change(_finish(item, "sent", now, None, made.figures, made.named))
        outcome.sent += 1
        outcome.lines.append(f"sendt: {label}")
    return outcome


def _send_with_backoff(settings: SmtpSettings, message: object) -> None:
    for wait in (*BACKOFF_SECONDS, None):
        try:
            mail.send(settings, message)  # type: ignore[arg-type]
            return
        except MailUnavailable:
            if wait is None:
                raise
            time.sleep(wait)
