"""«Abonner på denne visningen»: the signed-in user subscribes to the selection on the screen (in
the sidebar, under the filters, on every page); the subscriptions page lists them."""

from __future__ import annotations

import streamlit as st

from dashboard.engine import subscriptions
from dashboard.engine.access import Access
from dashboard.engine.i18n import N_, _, language
from dashboard.engine.reminders import REMINDED_ROLE
from dashboard.engine.subscriptions import SubscriptionRefused
from dashboard.engine.text import md_escape
from dashboard.ui.components.data_access import write
from dashboard.ui.components.page import describe
from dashboard.ui.components.selection import current_scope

# What a user can choose: (kind, frequency) → words. The pack only for the steering group and
# coordinators (it is the steering group's); the reminders (names, e-mails) only for coordinators.
CHOICES = {
    ("digest", "weekly"): N_("Indikatorene hver uke"),
    ("digest", "monthly"): N_("Indikatorene hver måned"),
    ("alert", "daily"): N_("Varsel når en indikator endrer status"),
    ("pack", "before_meeting"): N_("Møtepakken en uke før hvert møte i styringsgruppen"),
    ("reminder", "weekly"): N_(
        "Påminnelser hver uke: lederverv som slutter, forfalte aktiviteter, runder som stenger"
    ),
    ("reminder", "monthly"): N_(
        "Påminnelser hver måned: lederverv som slutter, forfalte aktiviteter, runder som stenger"
    ),
}
# Who is offered each kind (every role with access gets the others).
OFFERED_TO = {"pack": ("styringsgruppe", "koordinator"), "reminder": (REMINDED_ROLE,)}
DONE = "subscribe_done"


def subscribe_sidebar(access: Access) -> None:
    """The sidebar's «Abonner på denne visningen» (nothing without a signed-in e-mail)."""
    if access.email is None or access.role not in (
        "styringsgruppe",
        "nettverksleder",
        "koordinator",
    ):
        return
    offered = [c for c in CHOICES if access.role in OFFERED_TO.get(c[0], (access.role,))]
    with st.sidebar.expander(_("Abonner på denne visningen"), icon=":material/mail:"):
        if DONE in st.session_state:
            st.success(st.session_state.pop(DONE))
        scope = current_scope()
        st.caption(
            _("E-post til {email} om {selection}.").format(
                email=md_escape(access.email),
                selection=md_escape(", ".join(f"{k}: {v}" for k, v in describe(scope).items())),
            )
        )
        # A form: the choice and «Abonner» reach the server together (a choice alone runs
        # nothing), so a quick click on «Abonner» never saves the choice before.
        with st.form("subscribe_form", border=False):
            chosen = st.radio(
                _("Hva vil du ha?"),
                offered,
                format_func=lambda c: _(CHOICES[c]),
                key="subscribe_kind",
            )
            submitted = st.form_submit_button(
                _("Abonner"), key="subscribe", icon=":material/notifications:"
            )
        if submitted:
            kind, frequency = chosen
            new = subscriptions.NewSubscription(
                access.email or "",
                kind,
                scope.selection,
                frequency,
                language(),
                days_before=7 if kind == "pack" else None,
            )
            try:
                write(lambda con: subscriptions.add(con, new, access.email or ""))
            except SubscriptionRefused as refused:
                st.error(str(refused))
            else:
                st.session_state[DONE] = _("Abonnementet er lagret. Se siden Abonnementer.")
                st.rerun()
