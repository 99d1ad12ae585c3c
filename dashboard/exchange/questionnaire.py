"""The annual report answered in the product: a coordinator opens a reporting round; every member
of its population (the `report_response` denominator: members active on the round's `sent_on`
in its network and health trust) gets a personal, signed link (`dashboard/engine/capture.py`),
handed out through the organisation's own mail system with a mail-merge file; the questionnaire
asks the questions the indicators count, plus free text.

Answers are written by the importer exactly as an imported `annual_report.csv` would write them
(the same validation, audit line, undo and recount of the figures), one row per member and year:
answering again before the round closes replaces it. Every write of a round since the last other
import is one import in the history («spørreskjema <year> <network> <health trust>»), undone
together: opening the round and its answers. The audit trail names the round, never an answer.
Everything here runs inside a `Database.change` (or a read, for `verify`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import duckdb
import pandas as pd

from dashboard.engine import capture, db, labels
from dashboard.engine.access import Access, record
from dashboard.engine.capture import RoundKey
from dashboard.engine.i18n import N_, _
from dashboard.exchange.export import ExportMeta, to_csv, to_xlsx
from dashboard.exchange.importer import import_and_record
from dashboard.exchange.page_tables import Table, oslo_time

ANSWERED_BY = "spørreskjema (personlig lenke, uten innlogging)"
# The yes/no questions, in the order of annual_report's columns: what the indicators count.
QUESTIONS: dict[str, str] = {
    "met_leader": N_(
        "Har du hatt et møte med nærmeste leder om rollen som ressursperson det siste året?"
    ),
    "has_work_plan": N_("Har du en arbeidsplan for rollen som ressursperson?"),
    "routine_new_staff": N_(
        "Har arbeidsstedet ditt en rutine for å informere nyansatte om nettverket og rollen din?"
    ),
    "routine_inform_colleagues": N_(
        "Informerer du kollegene dine etter nettverksmøter og fagdager?"
    ),
    "earmarked_time": N_("Har du øremerket tid til rollen som ressursperson?"),
    "job_shadowing": N_("Har du hospitert på et annet tjenestenivå det siste året?"),
    "development_work": N_("Deltar du i faglig utviklingsarbeid på arbeidsstedet ditt?"),
}
COMMENT_QUESTION = N_("Er det noe du vil si til nettverket? (valgfritt)")
Outcome = Literal["saved", "limited"]


class RoundRefused(Exception):
    """A round that cannot be opened or closed as asked; the message says why (Norwegian)."""


class AnswersIncomplete(Exception):
    """Questions left unanswered (their columns)."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(", ".join(missing))
        self.missing = missing


def _day(value: object) -> dt.date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    return value.date() if isinstance(value, dt.datetime | pd.Timestamp) else value  # type: ignore[return-value]


def _moment(value: object) -> dt.datetime | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    return pd.Timestamp(value).to_pydatetime()  # type: ignore[arg-type]


@dataclass(frozen=True)
class Round:
    key: RoundKey
    health_trust_name: str
    sent_on: dt.date
    closes_on: dt.date | None
    opened_at: dt.datetime | None
    closed_at: dt.datetime | None

    def is_open(self, now: dt.datetime) -> bool:
        return capture.round_is_open(
            self.closes_on, self.closed_at, self.opened_at is not None, now
        )

    @property
    def title(self) -> str:
        """«Sykepleiernettverket, Helse Stavanger HF, 2026»."""
        return f"{labels.label(labels.NETWORK, self.key.network)}, {self.health_trust_name}"


def round_of(con: duckdb.DuckDBPyConnection, key: RoundKey) -> Round | None:
    """The round of `key` and its state in the product, read from the year's rounds (one query
    for the page's list and the link's check); None when there is no such round."""
    rounds = db.run(con, "questionnaire_rounds", {"year": key.year})
    rows = rounds[(rounds["network"] == key.network) & (rounds["health_trust"] == key.health_trust)]
    if rows.empty:
        return None
    row = rows.iloc[0]
    sent_on = _day(row["sent_on"])
    assert sent_on is not None
    return Round(
        key=key,
        health_trust_name=str(row["health_trust_name"]),
        sent_on=sent_on,
        closes_on=_day(row["closes_on"]),
        opened_at=_moment(row["opened_at"]),
        closed_at=_moment(row["closed_at"]),
    )


@dataclass(frozen=True)
class Respondent:
    """The holder of a questionnaire link: the round, the member id, the answers so far."""

    round: Round
    member_id: str
    answers: dict[str, bool | None] = field(default_factory=dict)
    comment: str = ""
    submitted_on: dt.date | None = None

    @property
    def has_answered(self) -> bool:
        return self.submitted_on is not None or any(v is not None for v in self.answers.values())

    @property
    def link_key(self) -> str:
        key = self.round.key
        return f"svar:{key.year}:{key.network}:{key.health_trust}:{self.member_id}"


def _answer(value: object) -> bool | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return bool(value)


def verify(con: duckdb.DuckDBPyConnection, secret: str, token: str, now: dt.datetime) -> Respondent:
    """The respondent of a questionnaire link that may answer now; `capture.TokenRefused`
    otherwise (forged, a round that does not exist or is closed, a member not asked in it)."""
    key, member_id = capture.answer_respondent(secret, token)
    found = round_of(con, key)
    if found is None:
        raise capture.TokenRefused("unknown")
    if not found.is_open(now):
        raise capture.TokenRefused("closed")
    rows = db.run(con, "questionnaire_respondent", {**key.params(), "member_id": member_id})
    if rows.empty:
        raise capture.TokenRefused("unknown")
    row = rows.iloc[0]
    comment = row["comment"]
    return Respondent(
        round=found,
        member_id=member_id,
        answers={q: _answer(row[q]) for q in QUESTIONS},
        comment="" if comment is None or pd.isna(comment) else str(comment),
        submitted_on=_day(row["submitted_on"]) if bool(row["has_answered"]) else None,
    )


def answer_file(year: int, member_id: str, answers: Mapping[str, bool], day: dt.date) -> bytes:
    """The answers as the `annual_report.csv` an import would read."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["year", "member_id", "submitted_on", *QUESTIONS])
    writer.writerow(
        [str(year), member_id, day.isoformat(), *("ja" if answers[q] else "nei" for q in QUESTIONS)]
    )
    return buffer.getvalue().encode("utf-8")


def is_limited(
    con: duckdb.DuckDBPyConnection, respondent: Respondent, address_key: str, now: dt.datetime
) -> bool:
    return capture.is_limited(con, "svar", respondent.link_key, address_key, now)


def answer(
    con: duckdb.DuckDBPyConnection,
    secret: str,
    token: str,
    answers: Mapping[str, bool | None],
    comment: str,
    address_key: str,
    now: dt.datetime,
) -> Outcome:
    """Save (or replace) a respondent's answers, inside a `Database.change`: the link checked
    again, every question answered, the rate limits, then the row through the importer."""
    respondent = verify(con, secret, token, now)
    missing = [q for q in QUESTIONS if answers.get(q) is None]
    if missing:
        raise AnswersIncomplete(missing)
    if is_limited(con, respondent, address_key, now):
        return "limited"
    capture.record_hit(con, "svar", respondent.link_key, address_key, now)
    key = respondent.round.key
    complete = {q: bool(answers[q]) for q in QUESTIONS}
    import_and_record(
        con,
        [
            (
                "annual_report.csv",
                answer_file(key.year, respondent.member_id, complete, capture.today(now)),
            )
        ],
        ANSWERED_BY,
        into=capture.open_batch(con, key.label),
        source=key.label,
    )
    text = comment.strip()[: capture.MAX_COMMENT_LENGTH]
    person = {"year": key.year, "member_id": respondent.member_id}
    if text:
        db.run(con, "report_comment_save", {**person, "comment": text, "at": now})
    else:
        db.run(con, "report_comment_clear", person)
    return "saved"


def _round_file(key: RoundKey, sent_on: dt.date, closes_on: dt.date) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["year", "network", "health_trust", "sent_on", "closes_on"])
    writer.writerow(
        [str(key.year), key.network, key.health_trust, sent_on.isoformat(), closes_on.isoformat()]
    )
    return buffer.getvalue().encode("utf-8")


def open_round(
    con: duckdb.DuckDBPyConnection,
    key: RoundKey,
    sent_on: dt.date,
    closes_on: dt.date,
    access: Access,
    now: dt.datetime,
) -> None:
    """Open (or reopen) a round for answers in the product, inside a `Database.change`: the
    `reporting_round` row through the importer (its population is the members active on
    `sent_on`), then the round marked open."""
    if closes_on < sent_on:
        raise RoundRefused(_("Svarfristen kan ikke være før utsendingsdatoen."))
    if closes_on < capture.today(now):
        raise RoundRefused(_("Svarfristen har allerede gått ut. Velg en senere dato."))
    if sent_on.year != key.year:
        raise RoundRefused(_("Utsendingsdatoen må være i rapporteringsåret."))
    import_and_record(
        con,
        [("reporting_round.csv", _round_file(key, sent_on, closes_on))],
        access.audit_name,
        access=access,
        into=capture.open_batch(con, key.label),
        source=key.label,
    )
    db.run(con, "capture_round_open", {**key.params(), "at": now, "by": access.audit_name})
    record(con, access.audit_name, "åpnet spørreskjema", key.label)


def close_round(
    con: duckdb.DuckDBPyConnection, key: RoundKey, access: Access, now: dt.datetime
) -> None:
    """Close a round now (inside a `Database.change`): its links are refused from now on; the
    answers stay. Open it again with `open_round`."""
    found = round_of(con, key)
    if found is None or found.opened_at is None or found.closed_at is not None:
        raise RoundRefused(_("Runden er ikke åpen for svar i appen."))
    db.run(con, "capture_round_close", {**key.params(), "at": now, "by": access.audit_name})
    record(con, access.audit_name, "stengte spørreskjema", key.label)


def mail_merge(
    population: pd.DataFrame,
    secret: str,
    key: RoundKey,
    closes_on: dt.date | None,
    base_url: str,
) -> Table:
    """The mail-merge list (rows of `questionnaire_mail_merge`, through the people gate): one
    personal link per member, with name, e-mail, unit, leader, the leader's e-mail and the
    deadline, for the organisation's own mail system."""
    frame = pd.DataFrame(
        {
            _("Navn"): population["member_name"],
            _("E-post"): population["member_email"],
            _("Enhet"): population["unit_name"],
            _("Leder"): population["leader_name"],
            _("Leders e-post"): population["leader_email"],
            _("Svarfrist"): [closes_on] * len(population),
            _("Har svart"): [_("ja") if v else _("nei") for v in population["has_responded"]],
            _("Lenke"): [
                capture.answer_link(base_url, capture.answer_token(secret, key, str(m)))
                for m in population["member_id"]
            ],
        }
    )
    return Table(
        _("Fletteliste årlig rapportering {year}").format(year=key.year),
        frame,
        {_("Svarfrist"): "date"},
        personal=True,
    )


def comments(rows: pd.DataFrame) -> Table:
    """The free text of a round's respondents (rows of `questionnaire_comments`)."""
    frame = pd.DataFrame(
        {
            _("Navn"): rows["member_name"],
            _("Enhet"): rows["unit_name"],
            _("Kommentar"): rows["comment"],
            _("Skrevet"): oslo_time(rows["written_at"]),
        }
    )
    return Table(_("Kommentarer i årlig rapportering"), frame, {}, personal=True)


def mail_merge_file(table: Table, output_format: Literal["csv", "xlsx"]) -> bytes:
    """The mail-merge file: XLSX (the list on the first sheet), or CSV with the header on the
    first line (a mail merge reads no title lines above it)."""
    meta = ExportMeta(table.title)
    if output_format == "csv":
        return to_csv(table.frame, meta, table.formats, with_meta=False)
    return to_xlsx(table.frame, meta, table.formats)
