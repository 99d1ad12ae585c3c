"""Ressurspersoner: the member register, searchable and filterable, with each person's history."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.data import query
from dashboard.components.downloads import download_buttons
from dashboard.components.filters import PROFESSION_LABELS, UNIT_TYPE_LABELS
from dashboard.components.page import nothing_selected, start_page

filters, access = start_page(
    "ressurspersoner", "Ressurspersoner", "Registeret over ressurspersoner og deres oppnevninger."
)
search = st.text_input("Søk etter navn, e-post, enhet eller kommune", key="member_search").strip()
only_active = st.toggle("Bare aktive på datoen", value=True, key="only_active")
register = access.visible_people(
    query("member_register", search=search or None, **filters.params())
)
if only_active:
    register = register[register["is_active"]]
if register.empty:
    nothing_selected("Ingen ressurspersoner passer til søket og utvalget.")
    st.stop()

shown = pd.DataFrame(
    {
        "ID": register["member_id"], "Navn": register["member_name"],
        "E-post": register["member_email"],
        "Yrke": register["profession"].map(PROFESSION_LABELS),
        "Enhet": register["unit_name"], "Enhetstype": register["unit_type"].map(UNIT_TYPE_LABELS),
        "Kommune": register["municipality_name"], "Nettverksgruppe": register["network_group_name"],
        "Start": register["start_date"], "Slutt": register["end_date"],
        "Sluttårsak": register["end_reason"],
    }
)  # fmt: skip
st.caption(f"{register['member_id'].nunique()} personer, {len(register)} oppnevninger.")
st.dataframe(shown, hide_index=True, width="stretch", column_config={
    "Start": st.column_config.DateColumn(format="DD.MM.YYYY"),
    "Slutt": st.column_config.DateColumn(format="DD.MM.YYYY"),
})  # fmt: skip
download_buttons(shown, "Ressurspersoner", filters.describe(), key="register", personal=True)

st.subheader("Historikk for én person")
people = dict(zip(register["member_id"], register["member_name"], strict=False))
person = st.selectbox("Velg person", list(people), format_func=lambda m: f"{people[m]} ({m})",
                      index=None, placeholder="Velg en person", key="history_person")  # fmt: skip
if person:
    history = query("member_history", member_id=person)
    shown_history = history.rename(columns={"day": "Dato", "kind": "Hva", "detail": "Detaljer"})
    st.dataframe(shown_history, hide_index=True, width="stretch",
                 column_config={"Dato": st.column_config.DateColumn(format="DD.MM.YYYY")})  # fmt: skip
    download_buttons(shown_history, f"Historikk {people[person]}", {"Person": person},
                     key="history", personal=True)  # fmt: skip
