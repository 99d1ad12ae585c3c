"""The two pages anyone with a link may open, without signing in, on a phone: check-in at the
meeting (`/innsjekk?t=…`, from the QR code) and the annual-report questionnaire (`/svar?t=…`,
the personal link from the mail merge). They need the capture secret, not sign-in: they write
only what the signed link allows and show nothing about anyone (no names, no lists; the same
neutral words whoever asks). The rules and the writes are `dashboard/engine/capture.py`,
`dashboard/exchange/checkin.py` and `dashboard/exchange/questionnaire.py`.

The entry point runs them (`public_page`) before the sign-in check, when the URL carries a
link's token; nothing else of the app is reachable that way.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

import streamlit as st

from dashboard.engine import capture
from dashboard.engine.database import DatabaseBusy, DatabaseMissing
from dashboard.engine.formatting import format_date, format_date_long
from dashboard.engine.i18n import _
from dashboard.engine.text import md_escape
from dashboard.exchange import checkin, questionnaire
from dashboard.ui.components.capture_setup import CaptureSetup, capture_setup, client_key, now
from dashboard.ui.components.data_access import read, write

T = TypeVar("T")
TOKEN = "t"
# Static CSS (no user data): one narrow column, large input and button for a phone, nothing of
# the app around it.
PHONE_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stHeader"],
[data-testid="stToolbar"] {display: none;}
.stMainBlockContainer {max-width: 36rem; padding: 1.25rem 1rem 4rem 1rem;}
[data-testid="stTextInput"] input {font-size: 1.25rem; min-height: 3rem;}
[data-testid="stFormSubmitButton"] button {font-size: 1.2rem; min-height: 3.2rem;}
[data-testid="stRadio"] label p {font-size: 1.05rem;}
</style>
"""


def public_page() -> bool:
    """When the URL carries a link's token: run the check-in or questionnaire page (which the
    path says) and return True; otherwise False, and the app goes on as usual."""
    if TOKEN not in st.query_params:
        return False
    pages = [
        st.Page(_no_page, title=_("Lenke"), url_path="lenke", default=True),
        st.Page(_checkin_page, title=_("Innsjekk"), url_path=capture.CHECKIN_PAGE),
        st.Page(_answer_page, title=_("Årlig rapportering"), url_path=capture.ANSWER_PAGE),
    ]
    page = st.navigation(pages, position="hidden")
    try:
        page.run()
    except DatabaseBusy:
        st.error(_("Systemet er opptatt akkurat nå. Prøv igjen om et øyeblikk."))
    except DatabaseMissing:
        st.error(_("Tjenesten er ikke tilgjengelig nå. Prøv igjen senere."))
    except Exception:  # a fault of ours: one neutral line here, the details in the server's log
        traceback.print_exc(file=sys.stderr)
        st.error(_("Noe gikk galt. Prøv igjen, eller si fra til koordinatoren."))
    return True


@dataclass(frozen=True)
class _Link(Generic[T]):
    """A verified link: the capture set-up, its secret, the token and what the token names."""

    setup: CaptureSetup
    secret: str
    token: str
    found: T

    def submit(self, is_limited: Callable[..., bool], act: Callable[..., str]) -> str | None:
        """What the visitor sent, done by `act(con, key, at)` unless `is_limited(con, key, at)`
        (their address has tried too often) or the token no longer holds: then None, with the
        reason shown. `key` is the visitor's rate-limit key, `at` the moment."""
        key = client_key(self.setup)
        at = now()
        if read(lambda con: is_limited(con, key, at)):
            st.error(_(capture.RATE_LIMITED), icon=":material/hourglass_top:")
            return None
        try:
            return write(lambda con: act(con, key, at))
        except capture.TokenRefused as refused:
            st.error(refused.message, icon=":material/block:")
            return None


def _open_link(title: str, verify: Callable[..., T]) -> _Link[T] | None:
    """The start of both pages: the phone layout and the title, then the link's token checked by
    `verify(con, secret, token, now)`. None, with the reason shown, when capture is off or the
    link is refused."""
    st.set_page_config(page_title=title, layout="centered", initial_sidebar_state="collapsed")
    st.html(PHONE_CSS)
    st.title(title)
    setup = capture_setup()
    secret = setup.secret
    if secret is None:
        st.error(setup.problem or capture.secret_problem(None))
        return None
    token = str(st.query_params.get(TOKEN, ""))
    try:
        found = read(lambda con: verify(con, secret, token, now()))
    except capture.TokenRefused as refused:
        st.error(refused.message, icon=":material/block:")
        return None
    return _Link(setup, secret, token, found)


def _no_page() -> None:
    st.set_page_config(page_title=_("Lenke"), layout="centered")
    st.html(PHONE_CSS)
    st.error(_(capture.REFUSALS["forged"]))


# --- check-in -----------------------------------------------------------------------------------

_CHECKIN_STYLE = {
    "registered": st.success,
    "already": st.info,
    "unknown": st.warning,
    "limited": st.error,
}


def _checkin_page() -> None:
    link = _open_link(_("Innsjekk"), checkin.verify)
    if link is None:
        return
    secret, token, found = link.secret, link.token, link.found
    st.subheader(md_escape(found.title))
    st.caption(md_escape(format_date_long(found.event_date)))
    with st.form("checkin", clear_on_submit=True, border=False):
        email = st.text_input(
            _("Jobb-e-posten din"),
            placeholder=_("fornavn.etternavn@arbeidssted.no"),
            max_chars=capture.MAX_EMAIL_LENGTH,
            autocomplete="email",
        )
        sent = st.form_submit_button(
            _("Sjekk inn"), type="primary", icon=":material/how_to_reg:", width="stretch"
        )
    if not sent:
        st.caption(_("Skriv e-postadressen du bruker på jobben, og trykk «Sjekk inn»."))
        return
    if not capture.looks_like_email(email):
        st.error(
            _("Skriv hele e-postadressen du bruker på jobben, f.eks. kari.nordmann@kommune.no.")
        )
        return
    outcome = link.submit(
        lambda con, key, at: checkin.is_limited(con, found, key, at),
        lambda con, key, at: checkin.check_in(con, secret, token, email, key, at),
    )
    if outcome is None:
        return
    _CHECKIN_STYLE[outcome](checkin.message(outcome))


# --- the annual report ----------------------------------------------------------------------------


def _yes_no(value: bool) -> str:
    return _("Ja") if value else _("Nei")


def _answer_page() -> None:
    link = _open_link(_("Årlig rapportering"), questionnaire.verify)
    if link is None:
        return
    secret, token, respondent = link.secret, link.token, link.found
    found = respondent.round
    st.subheader(f"{found.key.year}: {md_escape(found.title)}")
    deadline = format_date(found.closes_on)
    st.caption(
        _("Svarfrist {date}. Svarene brukes i nettverkets indikatorer.").format(date=deadline)
    )
    if respondent.has_answered:
        st.info(
            _(
                "Du har svart ({date}). Du kan endre svarene til og med {deadline}: "
                "de nye erstatter de gamle."
            ).format(date=format_date(respondent.submitted_on), deadline=deadline),
            icon=":material/task_alt:",
        )
    with st.form("answers", border=False):
        given: dict[str, bool | None] = {}
        for column, question in questionnaire.QUESTIONS.items():
            before = respondent.answers.get(column)
            given[column] = st.radio(
                _(question),
                [True, False],
                format_func=_yes_no,
                index=None if before is None else (0 if before else 1),
                horizontal=True,
                key=f"answer_{column}",
            )
        comment = st.text_area(
            _(questionnaire.COMMENT_QUESTION),
            value=respondent.comment,
            max_chars=capture.MAX_COMMENT_LENGTH,
            key="answer_comment",
        )
        sent = st.form_submit_button(
            _("Send svar"), type="primary", icon=":material/send:", width="stretch"
        )
    if not sent:
        return
    missing = [q for q, v in given.items() if v is None]
    if missing:
        st.error(_("Svar ja eller nei på alle spørsmålene ({n} mangler).").format(n=len(missing)))
        return
    outcome = link.submit(
        lambda con, key, at: questionnaire.is_limited(con, respondent, key, at),
        lambda con, key, at: questionnaire.answer(con, secret, token, given, comment, key, at),
    )
    if outcome is None:
        return
    if outcome == "limited":
        st.error(_(capture.RATE_LIMITED), icon=":material/hourglass_top:")
        return
    st.success(
        _(
            "Takk! Svarene er lagret. Du kan endre dem med samme lenke til og med {deadline}."
        ).format(deadline=deadline),
        icon=":material/check_circle:",
    )
