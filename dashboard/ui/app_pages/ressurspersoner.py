"""Ressurspersoner: the member register, searchable and filterable, with each person's history."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.engine import labels
from dashboard.ui.components.data import people_for
from dashboard.ui.components.page import nothing_selected, start_page
from dashboard.ui.components.tables import data_table

DATE_COLUMN = st.column_config.DateColumn(format="DD.MM.YYYY")

scope, access = start_page(
    "ressurspersoner", "Ressurspersoner", "Registeret over ressurspersoner og deres oppnevninger."
)
search = st.text_input("Søk etter navn, e-post, enhet eller kommune", key="member_search").strip()
only_active = st.toggle("Bare aktive på datoen", value=True, key="only_active")
found = people_for("member_register", access, scope, search=search or None)
register = found.rows
if found.reason:
    st.caption(found.reason)
if not register.empty and only_active:
    register = register[register["is_active"]]
if register.empty:
    nothing_selected("Ingen ressurspersoner passer til søket og utvalget.")
    st.stop()

shown = pd.DataFrame(
    {
        "ID": register["member_id"],
        "Navn": register["member_name"],
        "E-post": register["member_email"],
        "Yrke": [labels.label(labels.PROFESSION, v) for v in register["profession"]],
        "Enhet": register["unit_name"],
        "Enhetstype": [labels.label(labels.UNIT_TYPE, v) for v in register["unit_type"]],
        "Kommune": register["municipality_name"],
        "Nettverksgruppe": register["network_group_name"],
        "Start": register["start_date"],
        "Slutt": register["end_date"],
        "Sluttårsak": register["end_reason"],
    }
)
st.caption(
    f"{labels.plural(register['member_id'].nunique(), 'person', 'personer')}, "
    f"{labels.plural(len(register), 'oppnevning', 'oppnevninger')}."
)
data_table(
    shown,
    "Ressurspersoner",
    scope,
    key="register",
    column_config={"Start": DATE_COLUMN, "Slutt": DATE_COLUMN},
    personal=True,
)

st.subheader("Historikk for én person")
people = dict(zip(register["member_id"], register["member_name"], strict=False))
person = st.selectbox(
    "Velg person",
    list(people),
    format_func=lambda m: f"{people[m]} ({m})",
    index=None,
    placeholder="Velg en person",
    key="history_person",
)
if person:
    history = people_for("member_history", access, member_id=person).rows
    data_table(
        history.drop(columns="network_group").rename(
            columns={"day": "Dato", "kind": "Hva", "detail": "Detaljer"}
        ),
        f"Historikk {people[person]}",
        None,
        key="history",
        column_config={"Dato": DATE_COLUMN},
        personal=True,
    )
