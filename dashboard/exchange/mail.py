"""E-mail: the subscriptions' messages (a digest, an alert, the meeting pack, a coordinator's
reminders) as MIME messages with a plain-text and an HTML part, a link back into the app with the
same selection and a signed unsubscribe link (also as `List-Unsubscribe`), and SMTP to the
trust's relay.

Every text is escaped before it goes into HTML; messages hold figures, never names, except a
coordinator's reminders (the recipient's role is checked when it is made, `dispatch.make`).
"""

from __future__ import annotations

import datetime as dt
import os
import smtplib
import ssl
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pandas as pd
from itsdangerous import BadData, URLSafeSerializer

from dashboard.engine import labels
from dashboard.engine.capture import read_secrets_section
from dashboard.engine.formatting import format_date, format_fraction, format_value
from dashboard.engine.i18n import _
from dashboard.engine.indicators import INDICATORS_BY_ID, status_label
from dashboard.engine.meetings import Meeting
from dashboard.engine.reminders import (
    ROUNDS_CLOSING_DAYS,
    TERM_ROLE,
    TERMS_WITHIN_DAYS,
    ClosingRound,
    Reminders,
)
from dashboard.engine.scope import URL_NAMES, Scope
from dashboard.engine.scorecard import Scorecard
from dashboard.engine.subscriptions import Alert
from dashboard.engine.text import html_escape
from dashboard.exchange import export, page_tables
from dashboard.exchange.mail_charts import SCALE, Image
from dashboard.exchange.page_tables import Table

UNSUBSCRIBE_PARAM = "avmeld"
TLS_MODES = ("starttls", "ssl", "none")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class MailUnavailable(RuntimeError):
    """SMTP is not set up, or the relay could not be reached or refused the message."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    user: str | None = None
    password: str | None = None
    tls: str = "starttls"


def smtp_settings(
    environ: Mapping[str, str] | None = None, paths: Iterable[Path] | None = None
) -> SmtpSettings:
    """`[smtp]` of the secrets file, or `DASHBOARD_SMTP_*` (the environment wins); a clear
    Norwegian MailUnavailable when the host or the sender is missing."""
    environ = os.environ if environ is None else environ
    section = read_secrets_section("smtp", paths)

    def value(name: str) -> str | None:
        text = environ.get(f"DASHBOARD_SMTP_{name.upper()}") or section.get(name)
        return str(text).strip() if text not in (None, "") else None

    host, sender = value("host"), value("from")
    if not host or not sender:
        raise MailUnavailable(
            _(
                "E-post er ikke satt opp: sett DASHBOARD_SMTP_HOST og DASHBOARD_SMTP_FROM (eller "
                "[smtp] host og from i .streamlit/secrets.toml)."
            )
        )
    tls = (value("tls") or "starttls").lower()
    if tls not in TLS_MODES:
        raise MailUnavailable(
            _("DASHBOARD_SMTP_TLS må være starttls, ssl eller none, ikke «{tls}».").replace(
                "{tls}", tls
            )
        )
    port_text = value("port") or ("465" if tls == "ssl" else "587" if tls == "starttls" else "25")
    if not port_text.isdigit():
        raise MailUnavailable(_("DASHBOARD_SMTP_PORT må være et tall."))
    return SmtpSettings(host, int(port_text), sender, value("user"), value("password"), tls)


def send(settings: SmtpSettings, message: EmailMessage, timeout: float = 30) -> None:
    """One message to the relay; MailUnavailable (Norwegian) when it is not accepted."""
    try:
        if settings.tls == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=timeout, context=ssl.create_default_context()
            )
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
        with client:
            if settings.tls == "starttls":
                client.starttls(context=ssl.create_default_context())
            if settings.user:
                client.login(settings.user, settings.password or "")
            client.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        raise MailUnavailable(
            _("E-posttjeneren {host}:{port} tok ikke imot meldingen: {error}")
            .replace("{host}", settings.host)
            .replace("{port}", str(settings.port))
            .replace("{error}", str(error) or type(error).__name__)
        ) from error


def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt="avmelding")


def unsubscribe_token(secret: str, subscription_id: int) -> str:
    return _serializer(secret).dumps({"s": int(subscription_id)})


def unsubscribed_id(secret: str, token: str) -> int | None:
    """The subscription a signed unsubscribe link names; None for a forged or broken one."""
    try:
        found = _serializer(secret).loads(token[:500])
    except BadData:
        return None
    return int(found["s"]) if isinstance(found, dict) and "s" in found else None


def app_link(base_url: str, scope: Scope, language: str, page: str = "") -> str:
    """The app's page with the same selection (and year, and language)."""
    params = {URL_NAMES[k]: v for k, v in scope.selection.chosen().items()}
    params["ar"] = str(scope.year)
    if language != "nb":
        params["sprak"] = language
    return f"{base_url}/{page}?{urlencode(params)}"


def unsubscribe_link(base_url: str, secret: str, subscription_id: int) -> str:
    return f"{base_url}/?{UNSUBSCRIBE_PARAM}={unsubscribe_token(secret, subscription_id)}"


@dataclass(frozen=True)
class Body:
    """A message's words: the plain text, the HTML, and the images the HTML shows (`cid:`)."""

    subject: str
    text: str
    html: str
    images: tuple[Image, ...] = ()


def _see_link(link: str) -> str:
    """«Se i appen» as an HTML link."""
    words = html_escape(_("Se i appen"))
    return f'<p><a href="{html_escape(link)}">{words}</a></p>'


def _change(before: list | None, status: str) -> str:
    if before is None:
        return ""
    if before[2] == status:
        return _("uendret status")
    return _("var {status}").replace("{status}", status_label(before[2]))


def _img(image: Image) -> str:
    """An inline image (drawn at `mail_charts.SCALE`, shown at its CSS size)."""
    width = round(image.width / SCALE)
    return (
        f'<p><img src="cid:{html_escape(image.cid)}" alt="{html_escape(image.alt)}" '
        f'width="{width}" style="max-width:100%;height:auto"></p>'
    )


def digest(
    cards: list[tuple[str, Scorecard]],
    previous: dict[str, Any],
    links: list[str],
    images: Sequence[Sequence[Image]] = (),
) -> Body:
    """The indicators of each selection against their targets, what changed since the last
    digest, and a link back. `cards`: (the selection in words, its scorecard); `images`: each
    card's charts, shown under its table in the HTML part (the plain text has none)."""
    first = cards[0][1]
    subject = _("Styringsindikatorer {year}: {selection}").format(
        year=first.scope.year, selection=" · ".join(name for name, _card in cards)
    )
    lines, parts = [], []
    charts = list(images) or [()] * len(cards)
    for (name, card), link, drawn in zip(cards, links, charts, strict=True):
        before = previous.get(card.scope.selection.key(), {})
        lines.append(
            f"{name} – {card.scope.year}, "
            + _("per {day}").format(day=format_date(card.scope.as_of_date))
        )
        rows = []
        for r in card.results:
            was = before.get(r.indicator.id)
            value = format_value(r.indicator.kind, r.value)
            fraction = format_fraction(r.numerator, r.denominator)
            change = _change(was, r.status)
            moved = was is not None and (was[0], was[1]) != (r.numerator, r.denominator)
            if moved:
                change = (change + "; " if change else "") + _("før {fraction}").format(
                    fraction=format_fraction(was[0], was[1])
                )
            lines.append(
                f"- {r.indicator.title}: {value} ({fraction}), {status_label(r.status)}"
                + (f" – {change}" if change else "")
            )
            rows.append(
                "<tr>"
                + "".join(
                    f"<td>{html_escape(cell)}</td>"
                    for cell in (r.indicator.title, value, fraction, status_label(r.status), change)
                )
                + "</tr>"
            )
        lines.append(_("Se i appen: {link}").format(link=link))
        lines.append("")
        head = "".join(
            f"<th>{html_escape(h)}</th>"
            for h in (_("Indikator"), _("Verdi"), _("x av n"), _("Status"), _("Siden sist"))
        )
        parts.append(
            f"<h2>{html_escape(name)}</h2><table><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
            + "".join(_img(image) for image in drawn)
            + _see_link(link)
        )
    shown = tuple(image for drawn in charts for image in drawn)
    return Body(subject, "\n".join(lines), "".join(parts), shown)


def alert_body(alerts: list[Alert], names: Mapping[str, str], link: str) -> Body:
    """One message for the indicators whose status moved (`names`: selection key → words)."""
    lines, items = [], []
    for alert in alerts:
        title = INDICATORS_BY_ID[alert.indicator].title
        text = _("{indicator} ({selection}): {before} → {after}").format(
            indicator=title,
            selection=names.get(alert.selection_key, alert.selection_key),
            before=status_label(alert.before),
            after=status_label(alert.after),
        )
        lines.append(f"- {text}")
        items.append(f"<li>{html_escape(text)}</li>")
    subject = _("Varsel: {n} indikator(er) har endret status").format(n=len(alerts))
    lines.append(_("Se i appen: {link}").format(link=link))
    html = f"<ul>{''.join(items)}</ul>" + _see_link(link)
    return Body(subject, "\n".join(lines), html)


def pack_body(meeting: Meeting, link: str) -> Body:
    subject = _("Møtepakke til {title} {date}").format(
        title=meeting.title, date=format_date(meeting.meeting_date)
    )
    text = _(
        "Vedlagt er møtepakken med styringsindikatorene til {title} {date}. Den viser bare tall, "
        "ingen navn."
    ).format(title=meeting.title, date=format_date(meeting.meeting_date))
    return Body(
        subject,
        text + "\n" + _("Se i appen: {link}").format(link=link),
        f"<p>{html_escape(text)}</p>" + _see_link(link),
    )


def _section(title: str, items: list[str], lines: list[str], parts: list[str]) -> None:
    """A heading and its items (or «Ingen.») in both the plain text and the HTML."""
    none = _("Ingen.")
    lines += ["", title, *(f"- {item}" for item in items or [none])]
    shown = "".join(f"<li>{html_escape(item)}</li>" for item in items)
    parts.append(
        f"<h2>{html_escape(title)}</h2>"
        + (f"<ul>{shown}</ul>" if items else f"<p>{html_escape(none)}</p>")
    )


def round_words(found: ClosingRound) -> str:
    """«Sykepleiernettverket, Helse Stavanger 2026»."""
    return f"{labels.label(labels.NETWORK, found.network)}, {found.health_trust_name} {found.year}"


def reminder_body(found: Reminders, link: str, day: dt.date) -> Body:
    """A coordinator's reminders: leaders' terms ending, overdue plan activities, rounds closing
    with how many have not answered (their names are in the attached list, not in the text)."""
    unknown = _("navn ikke tilgjengelig")
    terms = [
        _("{role} – {where}: {name}, vervet slutter {date} (om {n} dager)").format(
            role=labels.label(labels.GOVERNANCE_ROLE, TERM_ROLE),
            where=t.network_group_name or labels.label(labels.GOVERNANCE_BODY, t.body),
            name=f"{t.name} ({t.email})" if t.name and t.email else t.name or unknown,
            date=format_date(t.term_end),
            n=t.days_left,
        )
        + ("; " + _("etterfølger er oppnevnt") if t.has_successor else "")
        for t in found.terms
    ]
    overdue = [
        _("{title} (delmål {goal}, ansvar: {owner}): frist {date}, {n} dager over fristen").format(
            title=a.title,
            goal=a.goal_number,
            owner=a.owner or "–",
            date=format_date(a.due_date),
            n=a.days_over,
        )
        for a in found.overdue
    ]
    rounds = [
        _(
            "{round}: stenger {date}; {answered} av {members} har svart, {missing} har ikke svart"
        ).format(
            round=round_words(r),
            date=format_date(r.closes_on),
            answered=r.n_answered,
            members=r.n_members,
            missing=len(r.missing),
        )
        for r in found.rounds
    ]
    lines: list[str] = [_("Påminnelser per {date}.").format(date=format_date(day))]
    parts = [f"<p>{html_escape(lines[0])}</p>"]
    _section(
        _("Ledere med verv som slutter innen {days} dager").format(days=TERMS_WITHIN_DAYS),
        terms,
        lines,
        parts,
    )
    _section(_("Forfalte aktiviteter i årsplanen"), overdue, lines, parts)
    _section(
        _("Rapporteringsrunder som stenger innen {days} dager").format(days=ROUNDS_CLOSING_DAYS),
        rounds,
        lines,
        parts,
    )
    if any(len(r.missing) for r in found.rounds):
        note = _("Listen over dem som ikke har svart, med e-post og leder, er vedlagt (Excel).")
        lines += ["", note]
        parts.append(f"<p>{html_escape(note)}</p>")
    lines += ["", _("Se i appen: {link}").format(link=link)]
    subject = _(
        "Påminnelser: {terms} verv, {overdue} forfalte aktiviteter, {rounds} runder"
    ).format(terms=len(terms), overdue=len(overdue), rounds=len(rounds))
    return Body(subject, "\n".join(lines), "".join(parts) + _see_link(link))


def reminder_list(found: Reminders) -> Table | None:
    """Those who have not answered in the rounds closing (the Rapportering page's reminder
    list, with the round and its deadline); None when everyone has answered."""
    frames = []
    for r in found.rounds:
        if r.missing.empty:
            continue
        frame = page_tables.report_missing(r.missing).frame
        frame.insert(0, _("Runde"), round_words(r))
        frame.insert(1, _("Svarfrist"), [r.closes_on] * len(frame))
        frames.append(frame)
    if not frames:
        return None
    return Table(
        _("Påminnelsesliste"),
        pd.concat(frames, ignore_index=True),
        {_("Svarfrist"): "date"},
        personal=True,
    )


def reminder_attachments(found: Reminders, day: dt.date) -> tuple[tuple[str, bytes, str], ...]:
    """The reminder list as XLSX (none when there is nobody on it)."""
    table = reminder_list(found)
    if table is None:
        return ()
    data = export.to_xlsx(table.frame, export.ExportMeta(table.title), table.formats)
    return ((export.file_name(table.title, "xlsx", day), data, XLSX),)


def message(
    settings: SmtpSettings,
    to: str,
    body: Body,
    unsubscribe: str,
    attachments: Iterable[tuple[str, bytes, str]] = (),
    now: dt.datetime | None = None,
) -> EmailMessage:
    """A MIME message: plain text and HTML (with its images inline, multipart/related), the
    unsubscribe link in both and as headers, then the attachments."""
    note = _("Avslutt dette abonnementet: {link}").format(link=unsubscribe)
    made = EmailMessage()
    made["Subject"] = body.subject
    made["From"] = settings.sender
    made["To"] = to
    made["Date"] = formatdate((now or dt.datetime.now(dt.UTC)).timestamp(), localtime=False)
    made["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    made["List-Unsubscribe"] = f"<{unsubscribe}>"
    made["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    made["Auto-Submitted"] = "auto-generated"
    made.set_content(f"{body.text}\n\n{note}\n")
    stop = html_escape(_("Avslutt dette abonnementet"))
    made.add_alternative(
        f'<!doctype html><html lang="no"><body>{body.html}'
        f'<p><small><a href="{html_escape(unsubscribe)}">{stop}</a></small></p></body></html>',
        subtype="html",
    )
    if body.images:
        html = made.get_body(("html",))
        assert html is not None
        for image in body.images:
            html.add_related(
                image.png,
                maintype="image",
                subtype="png",
                cid=f"<{image.cid}>",
                disposition="inline",
            )
    for name, data, mime in attachments:
        main, _slash, sub = mime.partition("/")
        made.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return made
