"""«Innsjekk» on the Oppmøte page: a coordinator (or a network group's leader, for their own
group's events) opens an event and shows its QR code on the projector (also in meeting mode,
`?mote=1`, where only the code and the count show), follows the arrivals live, and resolves the
check-ins whose e-mail matched nobody expected. The rules and writes are
`dashboard/exchange/checkin.py`; the signed link is `dashboard/engine/capture.py`.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import pandas as pd
import segno
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard.engine import capture, labels
from dashboard.engine.access import Access, People
from dashboard.engine.formatting import date_pattern, format_date, format_fraction, format_share
from dashboard.engine.i18n import N_, _
from dashboard.engine.scope import Scope
from dashboard.engine.text import md_escape
from dashboard.exchange import checkin
from dashboard.exchange.page_tables import oslo_time
from dashboard.ui.components.capture_setup import app_base_url, capture_ready, now
from dashboard.ui.components.data_access import live, people_for, query, read, write
from dashboard.ui.components.selection import meeting_mode

SECTION = "innsjekk"
SECTION_TITLE = N_("Innsjekk")
EVENT_PARAM = "arrangement"
PAGE_PATH = "oppmote"
LIVE_SECONDS = 5
SAVED = "checkin_resolved_message"


def may_check_in(access: Access) -> bool:
    """Whether the viewer manages any event's check-in: coordinators, and network leaders."""
    return access.sees_all_people or (
        access.role == "nettverksleder" and bool(access.network_groups)
    )


def sections(base: Mapping[str, str], access: Access) -> dict[str, str]:
    """The page's sections, with «Innsjekk» for those who may open check-in."""
    return {**base, SECTION: SECTION_TITLE} if may_check_in(access) else dict(base)


def may_manage(access: Access, health_trust: str, network_group: str | None) -> bool:
    """A coordinator: every event (of their health trusts); a network leader: their own
    groups' events."""
    if access.health_trusts and health_trust not in access.health_trusts:
        return False
    if access.sees_all_people:
        return True
    return access.role == "nettverksleder" and network_group in access.network_groups


@lru_cache(maxsize=64)
def qr_png(link: str, scale: int = 12) -> bytes:
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


@lru_cache(maxsize=64)
def qr_svg(link: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="svg", scale=10, border=4, title=link)
    return buffer.getvalue()


def _default_event(events: pd.DataFrame, today: dt.date) -> int:
    """Today's event, else the next one, else the last one."""
    days = [d.date() if isinstance(d, dt.datetime) else d for d in events["event_date"]]
    for wanted in (lambda d: d == today, lambda d: d > today):
        for position, day in enumerate(days):
            if wanted(day):
                return position
    return len(days) - 1


def _event_label(row: pd.Series) -> str:
    day = row["event_date"]
    group = row["network_group_name"]
    where = "" if pd.isna(group) else f" ({group})"
    return f"{format_date(day.date() if isinstance(day, dt.datetime) else day)} – {row['title']}{where}"


def _link(secret: str, event_id: str, base_url: str) -> str:
    """The event's link, the same for the whole session (a new page run keeps the QR code)."""
    tokens = st.session_state.setdefault("checkin_tokens", {})
    if event_id not in tokens:
        tokens[event_id] = capture.checkin_token(secret, event_id)
    return capture.checkin_link(base_url, tokens[event_id])


def checkin_section(scope: Scope, access: Access) -> None:
    meeting = meeting_mode()
    if not meeting:
        st.subheader(_("Innsjekk med QR-kode"))
    if not may_check_in(access):
        st.info(_("Innsjekk er for koordinatorer og nettverksledere (egne grupper)."))
        return
    setup = capture_ready()
    if setup is None:
        return
    events = query("checkin_events", None, year=scope.year)
    events = events[
        [
            may_manage(access, t, None if pd.isna(g) else g)
            for t, g in zip(events["health_trust"], events["network_group"], strict=True)
        ]
    ].reset_index(drop=True)
    if events.empty:
        st.info(
            _("Ingen arrangementer i {year} som du kan åpne innsjekk for.").format(year=scope.year)
        )
        return
    ids = list(events["event_id"])
    wanted = st.query_params.get(EVENT_PARAM)
    index = ids.index(wanted) if wanted in ids else _default_event(events, capture.today())
    labels_by_id = {r["event_id"]: _event_label(r) for _, r in events.iterrows()}
    chosen = st.selectbox(
        _("Arrangement"),
        ids,
        index=index,
        format_func=labels_by_id.get,
        key=f"checkin_event_{scope.year}",
        label_visibility="collapsed" if meeting else "visible",
    )
    if st.query_params.get(EVENT_PARAM) != chosen:
        st.query_params[EVENT_PARAM] = chosen
    row = events[events["event_id"] == chosen].iloc[0]
    event_date = (
        row["event_date"].date()
        if isinstance(row["event_date"], dt.datetime)
        else row["event_date"]
    )
    window = capture.checkin_window(event_date)
    link = _link(setup.secret, chosen, app_base_url(setup, PAGE_PATH))
    if meeting:
        with _projector(row, link):
            _live(chosen, meeting, access)
        return
    _window_line(window)
    _code(link)
    _live(chosen, meeting, access)
    _resolve(chosen, access)


def _window_line(window: capture.Window) -> None:
    state = window.state(now())
    local = {
        k: v.astimezone(capture.OSLO) for k, v in (("a", window.opens_at), ("b", window.closes_at))
    }
    span = _("fra {start} kl. {start_time} til {end} kl. {end_time}").format(
        start=format_date(local["a"].date()),
        start_time=local["a"].strftime("%H:%M"),
        end=format_date(local["b"].date()),
        end_time=local["b"].strftime("%H:%M"),
    )
    if state == "open":
        st.success(
            _("Innsjekkingen er åpen nå ({span}).").format(span=span), icon=":material/qr_code:"
        )
    elif state == "not_yet":
        st.info(
            _(
                "Innsjekkingen er åpen {span}. QR-koden kan skrives ut eller vises allerede nå."
            ).format(span=span)
        )
    else:
        st.warning(_("Innsjekkingen er stengt: den var åpen {span}.").format(span=span))


def _code(link: str) -> None:
    left, right = st.columns([2, 3])
    left.image(qr_png(link), width=360, caption=_("Skann for å sjekke inn"))
    with right:
        st.write(_("Vis koden på lerretet, eller del lenken i møtechatten:"))
        st.code(link, language=None, wrap_lines=True)
        st.caption(
            _(
                "Lenken gjelder bare dette arrangementet. Den som skanner skriver jobb-e-posten "
                "sin; siden viser ingenting om andre. For lerretet: slå på møtemodus."
            )
        )
        st.download_button(
            _("Last ned QR-kode (PNG)"),
            data=qr_png(link, 20),
            file_name="innsjekk.png",
            mime="image/png",
            icon=":material/download:",
            on_click="ignore",
            key="checkin_png",
        )
        st.download_button(
            _("Last ned QR-kode (SVG, for utskrift)"),
            data=qr_svg(link),
            file_name="innsjekk.svg",
            mime="image/svg+xml",
            icon=":material/download:",
            on_click="ignore",
            key="checkin_svg",
        )


def _projector(row: pd.Series, link: str) -> DeltaGenerator:
    """Meeting mode: a big code beside the event and the instruction; returns the column for
    the live count. No names."""
    left, right = st.columns([1, 1], vertical_alignment="center")
    left.image(qr_png(link, 16), width=500)
    right.markdown(f"## {md_escape(row['title'])}")
    right.markdown(
        "### "
        + md_escape(_("Skann koden med mobilen og skriv jobb-e-posten din for å sjekke inn."))
    )
    return right


@st.fragment(run_every=LIVE_SECONDS)
def _live(event_id: str, meeting: bool, access: Access) -> None:
    """The arrivals, read again every few seconds (only this part reruns)."""
    status = live("checkin_status", event_id=event_id).iloc[0]
    expected, attended = int(status["n_expected"]), int(status["n_attended"])
    first, second = st.columns(2)
    first.metric(_("Har møtt"), int(status["n_present"]))
    if expected:
        second.metric(
            _("Av de forventede"),
            f"{format_fraction(attended, expected)} ({format_share(attended / expected)})",
        )
    if meeting:
        return
    st.caption(
        _("Oppdateres hvert {n}. sekund. {checked} sjekket inn med QR-kode.").format(
            n=LIVE_SECONDS, checked=int(status["n_checked_in"])
        )
    )
    arrivals = _event_people("checkin_arrivals", access, event_id, _("Ingen har møtt ennå."))
    if arrivals is None:
        return
    rows = arrivals.rows
    _timed_table(
        {
            _("Navn"): rows["person_name"],
            _("Rolle"): [labels.label(labels.PERSON_TYPE, t) for t in rows["person_type"]],
            _("Enhet"): rows["unit_name"],
            _("Sjekket inn"): oslo_time(rows["checked_in_at"]),
            _("Registrert via"): rows["via"],
        },
        _("Sjekket inn"),
    )
    if arrivals.reason:
        st.caption(arrivals.reason)


def _event_people(name: str, access: Access, event_id: str, nobody: str) -> People | None:
    """An event's live person list for this viewer; None, with the reason or `nobody` shown,
    when there is nothing to list."""
    found = people_for(name, access, None, live=True, event_id=event_id)
    if not found.allowed or found.rows.empty:
        st.caption(found.reason or nobody)
        return None
    return found


def _timed_table(columns: dict[str, Any], time_column: str) -> None:
    """A live list whose `time_column` shows the date and the Oslo time of day."""
    st.dataframe(
        pd.DataFrame(columns),
        hide_index=True,
        width="stretch",
        column_config={
            time_column: st.column_config.DatetimeColumn(format=f"{date_pattern()} HH:mm")
        },
    )


def _resolve(event_id: str, access: Access) -> None:
    """The check-ins whose e-mail matched nobody expected, and the coordinator's verdict."""
    st.markdown("#### " + _("Innsjekkinger som må avklares"))
    if saved := st.session_state.pop(SAVED, None):
        st.success(saved)
    attempts = _event_people(
        "checkin_attempts", access, event_id, _("Ingen: alle som sjekket inn, ble funnet.")
    )
    if attempts is None:
        return
    rows = attempts.rows
    _timed_table(
        {
            _("Tidspunkt"): oslo_time(rows["attempted_at"]),
            _("E-post slik den ble skrevet"): rows["typed_email"],
            _("Avklart"): [
                _(checkin.RESOLUTIONS[r]) if isinstance(r, str) else _("nei")
                for r in rows["resolution"]
            ],
            _("Registrert som"): rows["resolved_person_name"].fillna(""),
        },
        _("Tidspunkt"),
    )
    open_rows = rows[rows["resolution"].isna()]
    if open_rows.empty:
        return
    waiting = people_for("checkin_expected_missing", access, None, live=True, event_id=event_id)
    names = dict(
        zip(
            waiting.rows.get("member_id", []),
            [
                f"{n} ({u})"
                for n, u in zip(
                    waiting.rows.get("member_name", []),
                    waiting.rows.get("unit_name", []),
                    strict=True,
                )
            ],
            strict=True,
        )
    )
    times = oslo_time(open_rows["attempted_at"])
    attempt_labels = {
        int(a): f"{t:%H:%M} – {e}"
        for a, t, e in zip(open_rows["attempt_id"], times, open_rows["typed_email"], strict=True)
    }
    with st.form(f"resolve_{event_id}"):
        attempt = st.selectbox(_("Forsøk"), list(attempt_labels), format_func=attempt_labels.get)
        verdict = st.radio(
            _("Hva var det?"),
            list(checkin.RESOLUTIONS),
            format_func=lambda r: _(checkin.RESOLUTIONS[r]),
        )
        member = st.selectbox(
            _("Registrer som (bare ved første valg)"),
            list(names),
            format_func=names.get,
            index=None,
            placeholder=_("Velg en av de ventede som ikke har møtt"),
        )
        if st.form_submit_button(_("Lagre avklaringen"), icon=":material/check:"):
            found = read(lambda con: checkin.event(con, event_id))
            assert found is not None
            try:
                write(
                    lambda con: checkin.resolve(
                        con, found, int(attempt), verdict, member, access, now()
                    )
                )
            except checkin.ResolveRefused as refused:
                st.error(str(refused))
            else:
                st.session_state[SAVED] = _("Avklaringen er lagret.")
                st.rerun()
