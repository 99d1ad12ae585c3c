"""Brukere, mål og logg (coordinators): who has which role, the editable targets, the audit trail."""

from __future__ import annotations

import streamlit as st

from dashboard.engine import admin
from dashboard.engine.access import ROLES
from dashboard.engine.contract import COMPARISONS
from dashboard.engine.indicators import INDICATORS
from dashboard.engine.text import md_escape
from dashboard.exchange import views
from dashboard.ui.components.data import live, query, write
from dashboard.ui.components.page import start_page
from dashboard.ui.components.tables import show_table

_scope, access = start_page(
    "admin", "Brukere, mål og logg", "Tilganger, styringsmål og hvem som har gjort hva."
)
if message := st.session_state.pop("admin_message", None):
    st.success(message)

st.subheader("Brukere og roller")
st.caption(
    "Styringsgruppe: alle tall, ingen personopplysninger. Nettverksleder: tall og personlister "
    "for egne nettverksgrupper (koder, kommaseparert). Koordinator: alt, også import, mål og "
    "brukere."
)
groups = set(query("filter_options").query("kind == 'network_group'")["code"])
users = live("app_user_list")
edited_users = st.data_editor(
    users,
    num_rows="dynamic",
    hide_index=True,
    width="stretch",
    key="users_editor",
    column_config={
        "email": st.column_config.TextColumn("E-post", required=True),
        "role": st.column_config.SelectboxColumn("Rolle", options=list(ROLES), required=True),
        "network_groups": st.column_config.TextColumn(
            "Nettverksgrupper", help=f"Koder: {', '.join(sorted(groups))}"
        ),
    },
)
if st.button("Lagre brukere", icon=":material/save:"):
    problems = admin.validate_users(edited_users, groups)
    if problems:
        st.error("Brukerne ble ikke lagret:\n\n" + "\n".join(f"- {md_escape(p)}" for p in problems))
    else:
        user = access.audit_name
        write(lambda target: admin.save_users(target, edited_users, by=user))
        st.session_state["admin_message"] = f"{len(edited_users)} brukere er lagret."
        st.rerun()

st.subheader("Mål")
st.caption(
    "Verdi som andel (0,8 = 80 %). Sammenligning: >= eller <= mot verdien, rising = over fjorårets "
    "verdi. Med basisår er målet verdi × basisårets verdi (+50 % = 1,5)."
)
targets = live("target_rules")
edited_targets = st.data_editor(
    targets,
    num_rows="dynamic",
    hide_index=True,
    width="stretch",
    key="targets_editor",
    column_config={
        "indicator": st.column_config.SelectboxColumn(
            "Indikator", options=[i.id for i in INDICATORS], required=True
        ),
        "year_from": st.column_config.NumberColumn("Fra år", format="%d", required=True),
        "year_to": st.column_config.NumberColumn("Til år", format="%d"),
        "value": st.column_config.NumberColumn("Verdi", format="%.2f"),
        "comparison": st.column_config.SelectboxColumn(
            "Sammenligning", options=list(COMPARISONS), required=True
        ),
        "baseline_year": st.column_config.NumberColumn("Basisår", format="%d"),
        "source": st.column_config.TextColumn("Kilde"),
    },
)
if st.button("Lagre mål", icon=":material/save:"):
    problems = admin.validate_targets(edited_targets)
    if problems:
        st.error("Målene ble ikke lagret:\n\n" + "\n".join(f"- {md_escape(p)}" for p in problems))
    else:
        user = access.audit_name
        write(lambda target: admin.save_targets(target, edited_targets, by=user))
        st.session_state["admin_message"] = f"{len(edited_targets)} målrader er lagret."
        st.rerun()

st.subheader("Logg")
show_table(
    views.audit_log(live("audit_list", limit_rows=1000)), "audit", None, "Ingen hendelser ennå."
)
