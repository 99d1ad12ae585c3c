"""«Spørreskjema» on the Årlig rapportering page (coordinators): open a reporting round for
answers in the product, hand out the personal links with a mail-merge file (XLSX or CSV: name,
e-mail, unit, leader, the leader's e-mail, deadline, link) for the organisation's own mail system,
follow how many have answered, read the free text, and close the round. The reminder list
(«Hvem har ikke svart») is the page's own section: answers given here show there at once. The
rules and writes are `dashboard/exchange/questionnaire.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from dashboard.engine import capture, labels
from dashboard.engine.access import Access, record
from dashboard.engine.capture import RoundKey
from dashboard.engine.contract import GROUP_NETWORKS
from dashboard.engine.formatting import date_pattern, format_date
from dashboard.engine.i18n import N_, _, language, using
from dashboard.engine.scope import Scope
from dashboard.exchange import questionnaire
from dashboard.exchange.export import file_name
from dashboard.exchange.page_tables import Table
from dashboard.ui.components.capture_setup import CaptureSetup, app_base_url, capture_ready, now
from dashboard.ui.components.data_access import live, people_for, query, write
from dashboard.ui.components.tables import person_table, show_table

SECTION = "sporreskjema"
SECTION_TITLE = N_("Spørreskjema")
PAGE_PATH = "rapportering"
SAVED = "questionnaire_message"
MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
}


def sections(base: Mapping[str, str], access: Access) -> dict[str, str]:
    """The page's sections, with «Spørreskjema» for coordinators."""
    return {**base, SECTION: SECTION_TITLE} if access.sees_all_people else dict(base)


def _day(value: object) -> dt.date | None:
    if value is None or pd.isna(value):  # type: ignore[arg-type]
        return None
    return value.date() if isinstance(value, dt.datetime) else value  # type: ignore[return-value]


def _status(row: pd.Series) -> str:
    if pd.isna(row["opened_at"]):
        return _("ikke åpnet i appen")
    if not pd.isna(row["closed_at"]):
        return _("stengt")
    closes_on = _day(row["closes_on"])
    if closes_on is not None and closes_on < capture.today():
        return _("fristen er ute")
    return _("åpen for svar")


def _rounds_table(rounds: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            _("Nettverk"): [labels.label(labels.NETWORK, n) for n in rounds["network"]],
            _("Helseforetak"): rounds["health_trust_name"],
            _("Sendt ut"): [_day(d) for d in rounds["sent_on"]],
            _("Svarfrist"): [_day(d) for d in rounds["closes_on"]],
            _("Spørreskjema i appen"): [_status(r) for _i, r in rounds.iterrows()],
            _("Spurt"): rounds["n_members"],
            _("Har svart"): rounds["n_answered"],
        }
    )
    formats = {
        _("Sendt ut"): "date",
        _("Svarfrist"): "date",
        _("Spurt"): "integer",
        _("Har svart"): "integer",
    }
    return Table(_("Rapporteringsrunder"), frame, formats)


def questionnaire_section(scope: Scope, access: Access) -> None:
    st.subheader(_("Årlig rapportering i appen"))
    if not access.sees_all_people:
        st.info(_("Spørreskjemaet i appen styres av koordinatorene."))
        return
    setup = capture_ready()
    if setup is None:
        return
    if saved := st.session_state.pop(SAVED, None):
        st.success(saved)
    st.caption(
        _(
            "Åpne en runde, last ned flettelisten med én personlig lenke per ressursperson og send "
            "den ut med organisasjonens e-post. Svarene teller med i indikatorene med en gang, og "
            "den som har svart, forsvinner fra listen «Hvem har ikke svart»."
        )
    )
    rounds = live("questionnaire_rounds", year=scope.year)
    if access.health_trusts:
        rounds = rounds[rounds["health_trust"].isin(access.health_trusts)]
    show_table(_rounds_table(rounds), "questionnaire_rounds", None, _("Ingen runder i år ennå."))
    trusts = query("filter_options")
    trusts = trusts[trusts["kind"] == "health_trust"]
    if access.health_trusts:
        trusts = trusts[trusts["code"].isin(access.health_trusts)]
    trust_names = dict(zip(trusts["code"], trusts["label"], strict=True))
    if not trust_names:
        st.info(_("Ingen helseforetak i databasen ennå."))
        return
    # The first round of the year is chosen at first.
    first = rounds.iloc[0] if len(rounds) else None
    network_index = list(GROUP_NETWORKS).index(first["network"]) if first is not None else 0
    trust_codes = list(trust_names)
    trust_index = (
        trust_codes.index(first["health_trust"])
        if first is not None and first["health_trust"] in trust_codes
        else 0
    )
    left, right = st.columns(2)
    network = left.selectbox(
        _("Nettverk"),
        GROUP_NETWORKS,
        index=network_index,
        format_func=lambda n: labels.label(labels.NETWORK, n),
        key=f"questionnaire_network_{scope.year}",
    )
    trust = right.selectbox(
        _("Helseforetak"),
        trust_codes,
        index=trust_index,
        format_func=trust_names.get,
        key=f"questionnaire_trust_{scope.year}",
    )
    key = RoundKey(scope.year, network, trust)
    chosen = rounds[(rounds["network"] == network) & (rounds["health_trust"] == trust)]
    row = chosen.iloc[0] if len(chosen) else None
    _open_form(key, row, access)
    if row is not None and not pd.isna(row["opened_at"]):
        _round_tools(key, row, setup, access)


def _open_form(key: RoundKey, row: pd.Series | None, access: Access) -> None:
    today = capture.today()
    is_open = row is not None and _status(row) == _("åpen for svar")
    title = _("Endre fristen") if is_open else _("Åpne runden for svar i appen")
    with st.form(f"open_round_{key.label}"):
        st.markdown(f"**{title}**")
        sent_default = _day(row["sent_on"]) if row is not None else None
        if sent_default is None or sent_default.year != key.year:
            sent_default = today if today.year == key.year else dt.date(key.year, 10, 1)
        closes_default = _day(row["closes_on"]) if row is not None else None
        if closes_default is None or closes_default < today:
            closes_default = max(today, sent_default) + dt.timedelta(days=30)
        first, second = st.columns(2)
        sent_on = first.date_input(
            _("Sendt ut (de som er ressurspersoner denne dagen, blir spurt)"),
            value=sent_default,
            format=date_pattern(),
        )
        closes_on = second.date_input(_("Svarfrist"), value=closes_default, format=date_pattern())
        if st.form_submit_button(title, icon=":material/lock_open:"):
            try:
                write(
                    lambda con: questionnaire.open_round(
                        con, key, sent_on, closes_on, access, now()
                    )
                )
            except questionnaire.RoundRefused as refused:
                st.error(str(refused))
                return
            st.session_state[SAVED] = _(
                "Runden er åpen for svar til og med {date}. Last ned flettelisten nedenfor."
            ).format(date=format_date(closes_on))
            st.rerun()


def _round_tools(key: RoundKey, row: pd.Series, setup: CaptureSetup, access: Access) -> None:
    status = _status(row)
    st.markdown(
        "**"
        + _("Runden {network}, {trust}: {status}. {answered} av {asked} har svart.").format(
            network=labels.label(labels.NETWORK, key.network).lower(),
            trust=row["health_trust_name"],
            status=status,
            answered=int(row["n_answered"]),
            asked=int(row["n_members"]),
        )
        + "**"
    )
    base_url = app_base_url(setup, PAGE_PATH)
    secret = setup.secret
    assert secret is not None
    closes_on = _day(row["closes_on"])

    def merge_table() -> Table:
        population = people_for("questionnaire_mail_merge", access, None, live=True, **key.params())
        return questionnaire.mail_merge(population.rows, secret, key, closes_on, base_url)

    if status == _("åpen for svar"):
        st.write(_("Fletteliste for e-post (én personlig lenke per ressursperson):"))
        first, second, _rest = st.columns([1, 1, 3])
        for column, output_format, label in (
            (first, "xlsx", _("Last ned fletteliste (Excel)")),
            (second, "csv", _("Last ned fletteliste (CSV)")),
        ):
            column.download_button(
                label,
                data=_merge_file(merge_table, output_format, key, access),
                file_name=file_name(f"fletteliste_{key.year}_{key.network}", output_format),
                mime=MIME[output_format],
                on_click="ignore",
                icon=":material/download:",
                key=f"merge_{output_format}",
            )
        st.caption(
            _(
                "Lenkene peker til {url}. Er det ikke adressen ressurspersonene når appen på, sett "
                "DASHBOARD_BASE_URL (eller [capture] base_url) til den riktige."
            ).format(url=base_url)
        )
        with st.form(f"close_round_{key.label}"):
            sure = st.checkbox(
                _(
                    "Ja, steng runden nå: lenkene slutter å virke, svarene som er gitt, blir stående."
                )
            )
            if st.form_submit_button(_("Steng runden"), icon=":material/lock:"):
                if not sure:
                    st.error(_("Kryss av for at du vil stenge runden."))
                    return
                try:
                    write(lambda con: questionnaire.close_round(con, key, access, now()))
                except questionnaire.RoundRefused as refused:
                    st.error(str(refused))
                    return
                st.session_state[SAVED] = _("Runden er stengt.")
                st.rerun()
    st.markdown("**" + _("Kommentarer") + "**")
    person_table(
        "questionnaire_comments",
        access,
        None,
        questionnaire.comments,
        key=f"comments_{key.label}",
        empty_text=_("Ingen kommentarer i denne runden ennå."),
        live=True,  # a comment alone changes no figure (report_comment is in NOT_FIGURES)
        **key.params(),
    )


def _merge_file(
    build: Callable[[], Table], output_format: str, key: RoundKey, access: Access
) -> Callable[[], bytes]:
    """The mail-merge file, built when clicked; the export of person-level data is audited."""
    who = access.audit_name
    chosen_language = language()  # built later, in a server thread: in this run's language

    def data() -> bytes:
        with using(chosen_language):
            return built()

    def built() -> bytes:
        table = build()
        write(
            lambda con: record(
                con,
                who,
                "eksport av personopplysninger",
                f"{table.title} ({output_format})",
                key.label,
                len(table.frame),
            )
        )
        return questionnaire.mail_merge_file(table, output_format)  # type: ignore[arg-type]

    return data
