"""Ressurspersoner: the member register, searchable and filterable, with each person's history."""

from __future__ import annotations

import streamlit as st

from dashboard.engine import labels
from dashboard.engine.i18n import _
from dashboard.exchange import page_tables
from dashboard.ui.components.data_access import people_for
from dashboard.ui.components.page import start_page
from dashboard.ui.components.tables import person_table, show_table

scope, access = start_page(
    "ressurspersoner",
    _("Ressurspersoner"),
    _("Registeret over ressurspersoner og deres oppnevninger."),
)
search = st.text_input(
    _("Søk etter navn, e-post, enhet eller kommune"), key="member_search"
).strip()
only_active = st.toggle(_("Bare aktive på datoen"), value=True, key="only_active")


found = person_table(
    "member_register",
    access,
    scope,
    page_tables.member_register,
    key="register",
    empty_text=_("Ingen ressurspersoner passer til søket og utvalget."),
    caption=lambda rows: (  # outside an f-string, so that the texts reach the catalogue
        labels.plural(int(rows["member_id"].nunique()), "person", "personer")
        + ", "
        + labels.plural(len(rows), "oppnevning", "oppnevninger")
        + "."
    ),
    search=search or None,
    only_active=only_active,
)
register = found.rows
if register.empty:
    st.stop()

st.subheader(_("Historikk for én person"))
MAX_PEOPLE = 300
people = dict(zip(register["member_id"], register["member_name"], strict=False))
if len(people) > MAX_PEOPLE:
    st.caption(
        _(
            "Søk eller velg et smalere utvalg for å velge én person ({n} personer passer nå; "
            "listen viser inntil {most})."
        ).format(n=len(people), most=MAX_PEOPLE)
    )
    st.stop()
if st.query_params.get("person") in people and "history_person" not in st.session_state:
    st.session_state["history_person"] = st.query_params.get("person")
person = st.selectbox(
    _("Velg person"),
    list(people),
    format_func=lambda m: f"{people[m]} ({m})",
    index=None,
    placeholder=_("Velg en person"),
    key="history_person",
)
if person:
    st.query_params["person"] = person
    history = people_for("member_history", access, member_id=person).rows
    show_table(page_tables.member_history(history, people[person]), "history", None)
elif "person" in st.query_params:
    del st.query_params["person"]
