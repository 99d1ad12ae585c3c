"""The tables of Abonnementer: the e-mail subscriptions in words, and their deliveries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from dashboard.engine import labels
from dashboard.engine.formatting import format_date
from dashboard.engine.i18n import _
from dashboard.exchange.page_tables.table import Table, is_missing, labelled

Names = Callable[[str], str]  # a selection's key → the selection in words


def subscription_words(row: Any, names: Names | None = None) -> str:
    """«Indikatorene hver uke – Sandnes + SUS» for a choice list."""
    kind = labels.label(labels.SUBSCRIPTION_KIND, row.kind)
    often = labels.label(labels.FREQUENCY, row.frequency)
    return f"{kind} {often} – {_selection_words(row.selection_key, names)}"


def _selection_words(key: str, names: Names | None) -> str:
    if not key:
        return _("alt")
    return names(key) if names is not None else key


def subscriptions(rows: pd.DataFrame, names: Names | None = None) -> Table:
    """Subscriptions (queries/subscriptions.sql): who, what, how often, the selection (in words
    with `names`), the last message sent."""
    frame = pd.DataFrame(
        {
            _("Nr."): rows["subscription_id"].astype("Int64"),
            _("E-post"): list(rows["email"]),
            _("Hva"): labelled(rows["kind"], labels.SUBSCRIPTION_KIND),
            _("Hvor ofte"): labelled(rows["frequency"], labels.FREQUENCY),
            _("Utvalg"): [_selection_words(k, names) for k in rows["selection_key"]],
            _("Språk"): list(rows["language"]),
            _("Sist sendt"): [_moment(v) for v in rows["last_sent_at"]],
        }
    )
    return Table(
        _("Abonnementer"), frame.reset_index(drop=True), {_("Nr."): "integer"}, personal=True
    )


def deliveries(rows: pd.DataFrame) -> Table:
    """The last deliveries (queries/delivery_list.sql), failures with their reason."""
    frame = pd.DataFrame(
        {
            _("Tidspunkt"): [_moment(v) for v in rows["last_attempt_at"]],
            _("E-post"): [e if isinstance(e, str) else "" for e in rows["email"]],
            _("Hva"): labelled(rows["kind"], labels.SUBSCRIPTION_KIND),
            _("Periode"): list(rows["period"]),
            _("Status"): labelled(rows["state"], labels.DELIVERY_STATE),
            _("Forsøk"): rows["attempts"].astype("Int64"),
            _("Feil"): [e if isinstance(e, str) else "" for e in rows["error"]],
        }
    )
    return Table(
        _("Siste utsendinger"),
        frame.reset_index(drop=True),
        {_("Forsøk"): "integer"},
        personal=True,
    )


def _moment(value: object) -> str:
    if is_missing(value):
        return ""
    moment = pd.Timestamp(value).to_pydatetime().astimezone(ZoneInfo("Europe/Oslo"))
    return f"{format_date(moment.date())} {moment:%H:%M}"
