"""Subscriptions: who gets which figures by e-mail, when a message is due, what it may hold.

A subscription names an e-mail, a kind (`digest`: a selection's indicators against their targets
and what changed since the last one; `pack`: the steering group's meeting pack before each of its
meetings; `alert`: a message when an indicator goes from met to close or not met, or back;
`reminder`: a coordinator's reminders, `reminders.py`), a selection, how often (weekly, monthly,
N days before each steering-group meeting, daily for alerts) and a language. Each message is one
delivery, keyed by the subscription and the period it covers (`2026-W50`, `2026-12`, a meeting's
id, a day): claimed in a change before it is sent and marked sent only when the relay accepted
it, so a run repeated, or two replicas at once, send it once; a failed one is tried again at the
next run.

What a message holds is decided when it is sent, by the recipient's role then
(`access.access_for`): no role, no message; a network-group leader gets only the groups they
lead; a coordinator limited to health trusts only those. Messages hold figures, never names,
except a coordinator's reminders (only a coordinator may subscribe to them, and only a
coordinator at send time gets one).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from typing import Any

import duckdb
import pandas as pd

from dashboard.engine import db
from dashboard.engine.access import Access, access_for, record
from dashboard.engine.capture import OSLO
from dashboard.engine.i18n import LANGUAGES, _
from dashboard.engine.meetings import Meeting
from dashboard.engine.reminders import REMINDED_ROLE
from dashboard.engine.rules import SUBSCRIPTION_FREQUENCIES, SUBSCRIPTION_KINDS
from dashboard.engine.scope import Selection
from dashboard.engine.scorecard import Scorecard

# A claim older than this is taken to be a send that died half-way (tried again).
ABANDONED_AFTER = dt.timedelta(minutes=15)
# An alert waits until the new status has held for this many daily checks in a row.
ALERT_HOLDS = 2
# Statuses an alert is about (a share «for få» or without data or target is never alerted).
ALERTED = ("met", "close", "not_met")
# The body whose meetings a pack is sent before.
PACK_BODY = "styringsgruppe"


class SubscriptionRefused(ValueError):
    """A subscription that cannot be saved (the message says why)."""


@dataclass(frozen=True)
class Subscription:
    subscription_id: int
    email: str
    kind: str
    selection_key: str
    frequency: str
    days_before: int | None
    language: str

    @property
    def selection(self) -> Selection:
        return Selection.from_key(self.selection_key)


@dataclass(frozen=True)
class Due:
    """A message due now: the subscription, the period it covers (the delivery's key), and the
    meeting a pack is for."""

    subscription: Subscription
    period: str
    meeting: Meeting | None = None

    @property
    def key(self) -> str:
        return f"{self.subscription.subscription_id}:{self.period}"


def subscriptions(con: duckdb.DuckDBPyConnection, email: str | None = None) -> list[Subscription]:
    rows = db.run(con, "subscriptions", {"email": email})
    return [
        Subscription(
            subscription_id=int(r.subscription_id),
            email=r.email,
            kind=r.kind,
            selection_key=r.selection_key,
            frequency=r.frequency,
            days_before=None if pd.isna(r.days_before) else int(r.days_before),
            language=r.language,
        )
        for r in rows.itertuples()
    ]


@dataclass(frozen=True)
class NewSubscription:
    """A subscription asked for, before it has a row (and an id); `days_before` only for a
    pack's `before_meeting`."""

    email: str
    kind: str
    selection: Selection
    frequency: str
    language: str
    days_before: int | None = None


def add(con: duckdb.DuckDBPyConnection, new: NewSubscription, by: str) -> None:
    """Inside a change: a new subscription (checked: the e-mail must have a role)."""
    kind, frequency, language, email = new.kind, new.frequency, new.language, new.email
    if kind not in SUBSCRIPTION_KINDS:
        raise SubscriptionRefused(_("Ukjent type abonnement: {kind}.").replace("{kind}", kind))
    if frequency not in SUBSCRIPTION_FREQUENCIES:
        raise SubscriptionRefused(
            _("Ukjent hyppighet: {frequency}.").replace("{frequency}", frequency)
        )
    if (kind == "pack") != (frequency == "before_meeting"):
        raise SubscriptionRefused(_("Møtepakken sendes før møtene (before_meeting), og bare den."))
    if kind == "alert" and frequency != "daily":
        raise SubscriptionRefused(_("Varsler sjekkes daglig (daily)."))
    if kind == "reminder" and frequency not in ("weekly", "monthly"):
        raise SubscriptionRefused(_("Påminnelser sendes hver uke (weekly) eller måned (monthly)."))
    if language not in LANGUAGES:
        raise SubscriptionRefused(_("Ukjent språk: {language}.").replace("{language}", language))
    if not db.run(con, "app_user_get", {"email": email.lower()}).shape[0]:
        raise SubscriptionRefused(
            _("{email} har ingen tilgang, og kan ikke abonnere.").replace("{email}", email)
        )
    if kind == "reminder" and access_for(con, email.lower()).role != REMINDED_ROLE:
        raise SubscriptionRefused(
            _("Påminnelsene har navn og e-post, og går bare til koordinatorer.")
        )
    record(
        con, by, "abonnement lagt til", detail=f"{kind} til {email}", filters=new.selection.key()
    )
    add_row(con, new, by)


def add_row(con: duckdb.DuckDBPyConnection, new: NewSubscription, by: str) -> None:
    """The subscription's row, unchecked and unaudited (the demo's; `add` checks first)."""
    db.run(
        con,
        "subscription_add",
        {
            "email": new.email,
            "kind": new.kind,
            "selection_key": new.selection.key(),
            "frequency": new.frequency,
            "days_before": new.days_before if new.frequency == "before_meeting" else None,
            "language": new.language,
            "by": by,
        },
    )


def remove(con: duckdb.DuckDBPyConnection, subscription_id: int, by: str) -> bool:
    """Inside a change: stop a subscription (audited); False when there was none."""
    known = {s.subscription_id for s in subscriptions(con)}
    if subscription_id not in known:
        return False
    db.run(con, "subscription_remove", {"subscription_id": subscription_id})
    record(con, by, "abonnement avsluttet", detail=f"abonnement {subscription_id}")
    return True


def period_of(
    subscription: Subscription, now: dt.datetime, meetings: list[Meeting]
) -> tuple[str, Meeting | None] | None:
    """The period a message of this subscription covers now (None: nothing due now)."""
    local = now.astimezone(OSLO)
    if subscription.frequency == "weekly":
        year, week, _day = local.isocalendar()
        return f"{year}-W{week:02d}", None
    if subscription.frequency == "monthly":
        return f"{local:%Y-%m}", None
    if subscription.frequency == "daily":
        return f"{local:%Y-%m-%d}", None
    today = local.date()
    before = dt.timedelta(days=subscription.days_before or 0)
    trust = subscription.selection.health_trust
    for meeting in sorted(meetings, key=lambda m: m.meeting_date):
        if meeting.body != PACK_BODY or (trust and meeting.health_trust != trust):
            continue
        if meeting.meeting_date - before <= today <= meeting.meeting_date:
            return meeting.meeting_id, meeting
    return None


def due(con: duckdb.DuckDBPyConnection, now: dt.datetime, meetings: list[Meeting]) -> list[Due]:
    """Every message due at `now` that has not gone out (nor is being sent) yet."""
    found = []
    for subscription in subscriptions(con):
        period = period_of(subscription, now, meetings)
        if period is None:
            continue
        item = Due(subscription, *period)
        if is_open(con, item.key, now):
            found.append(item)
    return found


def is_open(con: duckdb.DuckDBPyConnection, key: str, now: dt.datetime) -> bool:
    """Whether the message with this delivery key may be sent now: never claimed, or failed, or
    claimed by a send that died half-way (not sent or skipped, nor being sent elsewhere)."""
    claimed = db.run(con, "delivery_get", {"delivery_key": key})
    if claimed.empty:
        return True
    row = claimed.iloc[0]
    if row["state"] in ("sent", "skipped"):
        return False
    started = pd.Timestamp(row["last_attempt_at"]).to_pydatetime()
    return not (row["state"] == "sending" and now - started < ABANDONED_AFTER)


def selections_for(access: Access, selection: Selection) -> list[Selection]:
    """The selections a recipient may get figures for, from what they subscribed to: none
    without a role; a leader's own groups; a trust-limited user's own trusts."""
    if access.role not in ("styringsgruppe", "nettverksleder", "koordinator"):
        return []
    if access.role == "nettverksleder":
        if selection.network_group in access.network_groups:
            return [selection]
        return [
            replace(selection, network_group=g, health_trust=None, municipality=None, unit=None)
            for g in sorted(access.network_groups)
        ]
    if access.health_trusts and selection.health_trust not in access.health_trusts:
        return [
            replace(selection, health_trust=t, network_group=None, municipality=None, unit=None)
            for t in sorted(access.health_trusts)
        ]
    return [selection]


def figures_of(cards: list[Scorecard]) -> str:
    """The figures a message held (JSON): selection key → indicator → [numerator,
    denominator, status]."""
    return json.dumps(
        {
            card.scope.selection.key(): {
                r.indicator.id: [r.numerator, r.denominator, r.status] for r in card.results
            }
            for card in cards
        },
        sort_keys=True,
    )


def last_sent_figures(con: duckdb.DuckDBPyConnection, subscription_id: int) -> dict[str, Any]:
    """The figures of the subscription's last message that went out ({} before the first)."""
    rows = db.run(con, "deliveries_of", {"subscription_id": subscription_id})
    sent = rows[rows["state"] == "sent"]
    if sent.empty or pd.isna(sent["figures"].iloc[-1]):
        return {}
    return json.loads(sent["figures"].iloc[-1])


def checks_of(con: duckdb.DuckDBPyConnection, subscription_id: int) -> list[dict[str, Any]]:
    """The figures of every earlier check of an alert subscription, oldest first."""
    rows = db.run(con, "deliveries_of", {"subscription_id": subscription_id})
    return [json.loads(f) for f in rows["figures"] if isinstance(f, str)]


@dataclass(frozen=True)
class Alert:
    selection_key: str
    indicator: str
    before: str
    after: str


def alerts(earlier: list[dict[str, Any]], now: dict[str, Any]) -> list[Alert]:
    """Indicators to alert on: the status moved between met, close and not met against the one
    last alerted on (or the first check's), and has held for `ALERT_HOLDS` checks in a row (a
    value that wobbles around a limit sends nothing). The first check only records."""
    if not earlier:
        return []
    found = []
    recent = [*earlier[-(ALERT_HOLDS - 1) :], now] if ALERT_HOLDS > 1 else [now]
    for key, indicators in now.items():
        for indicator, (_n, _d, status) in indicators.items():
            reference = _reference_status(earlier, key, indicator)
            if reference is None or status == reference:
                continue
            if status not in ALERTED or reference not in ALERTED:
                continue
            held = [c.get(key, {}).get(indicator, [0, 0, None])[2] for c in recent]
            if len(held) == ALERT_HOLDS and all(s == status for s in held):
                found.append(Alert(key, indicator, reference, status))
    return found


def _reference_status(earlier: list[dict[str, Any]], key: str, indicator: str) -> str | None:
    """The status an indicator was last alerted at, else its first recorded status."""
    for check in reversed(earlier):
        alerted = check.get("_alerted", {}).get(key, {})
        if indicator in alerted:
            return alerted[indicator]
    for check in earlier:
        if indicator in check.get(key, {}):
            return check[key][indicator][2]
    return None


def with_alerted(figures: str, sent: list[Alert]) -> str:
    """The figures of a check, with the statuses it alerted on (the next reference)."""
    data = json.loads(figures)
    marks: dict[str, dict[str, str]] = {}
    for alert in sent:
        marks.setdefault(alert.selection_key, {})[alert.indicator] = alert.after
    data["_alerted"] = marks
    return json.dumps(data, sort_keys=True)
