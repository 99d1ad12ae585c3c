"""Brukere, mål og logg (coordinators): who has which role, the editable targets, the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from dashboard.engine import admin
from dashboard.engine.access import ROLES
from dashboard.engine.contract import COMPARISONS
from dashboard.engine.i18n import _
from dashboard.engine.indicators import INDICATORS
from dashboard.engine.target_scope import for_editing
from dashboard.engine.text import md_escape
from dashboard.engine.trust_access import may_manage_users
from dashboard.exchange import page_tables
from dashboard.ui.components.data_access import live, write
from dashboard.ui.components.page import start_page
from dashboard.ui.components.tables import show_table
from dashboard.ui.components.target_scope import (
    places,
    scope_columns,
    show_targets_in_effect,
    target_problems,
)


def _editor(
    frame: pd.DataFrame, key: str, columns: dict[str, Any], disabled: bool = False
) -> pd.DataFrame:
    """An editable table: rows may be added, changed and deleted."""
    return st.data_editor(
        frame,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        key=key,
        disabled=disabled,
        column_config=columns,
    )


def _save(
    problems: list[str],
    refused: str,
    save: Callable[[duckdb.DuckDBPyConnection], object],
    saved: str,
) -> None:
    """The problems under `refused`, or `save` in one change and `saved` shown on the page run
    it starts."""
    if problems:
        st.error(refused + "\n\n" + "\n".join(f"- {md_escape(p)}" for p in problems))
        return
    write(save)
    st.session_state["admin_message"] = saved
    st.rerun()


_scope, access = start_page(
    "admin", _("Brukere, mål og logg"), _("Tilganger, styringsmål og hvem som har gjort hva.")
)
if message := st.session_state.pop("admin_message", None):
    st.success(message)

st.subheader(_("Brukere og roller"))
st.caption(
    _(
        "Styringsgruppe: alle tall, ingen personopplysninger. Nettverksleder: tall og personlister "
        "for egne nettverksgrupper (koder, kommaseparert). Koordinator: alt, også import, mål og "
        "brukere."
    )
)
trust_names, group_places = places()
groups, trusts = set(group_places), set(trust_names)
manages_users = may_manage_users(access)
if not manages_users:
    st.info(
        _(
            "Brukere forvaltes av en koordinator for hele regionen (du er begrenset til helseforetak)."
        )
    )
users = live("app_user_list")
edited_users = _editor(
    users,
    "users_editor",
    {
        "email": st.column_config.TextColumn(_("E-post"), required=True),
        "role": st.column_config.SelectboxColumn(_("Rolle"), options=list(ROLES), required=True),
        "network_groups": st.column_config.TextColumn(
            _("Nettverksgrupper"), help=_("Koder: {codes}").format(codes=", ".join(sorted(groups)))
        ),
        "health_trusts": st.column_config.TextColumn(
            _("Helseforetak"),
            help=_(
                "Begrens brukeren til helseforetak (koder, kommaseparert; tom = alle): {codes}"
            ).format(codes=", ".join(sorted(trusts))),
        ),
    },
    disabled=not manages_users,
)
if st.button(_("Lagre brukere"), icon=":material/save:", disabled=not manages_users):
    user = access.audit_name
    _save(
        admin.validate_users(edited_users, groups, trusts),
        _("Brukerne ble ikke lagret:"),
        lambda target: admin.save_users(target, edited_users, by=user),
        _("{n} brukere er lagret.").format(n=len(edited_users)),
    )

st.subheader(_("Mål"))
st.caption(
    _(
        "Verdi som andel (0,8 = 80 %). Sammenligning: >= eller <= mot verdien, rising = over "
        "fjorårets verdi. Med basisår er målet verdi × basisårets verdi (+50 % = 1,5)."
    )
)
targets = for_editing(live("target_rules"))
edited_targets = _editor(
    targets,
    "targets_editor",
    {
        "indicator": st.column_config.SelectboxColumn(
            _("Indikator"), options=[i.id for i in INDICATORS], required=True
        ),
        "year_from": st.column_config.NumberColumn(_("Fra år"), format="%d", required=True),
        "year_to": st.column_config.NumberColumn(_("Til år"), format="%d"),
        "value": st.column_config.NumberColumn(_("Verdi"), format="%.2f"),
        "comparison": st.column_config.SelectboxColumn(
            _("Sammenligning"), options=list(COMPARISONS), required=True
        ),
        "baseline_year": st.column_config.NumberColumn(_("Basisår"), format="%d"),
        "source": st.column_config.TextColumn(_("Kilde")),
        **scope_columns(),
    },
)
if st.button(_("Lagre mål"), icon=":material/save:"):
    user = access.audit_name
    _save(
        admin.validate_targets(edited_targets) + target_problems(targets, edited_targets, access),
        _("Målene ble ikke lagret:"),
        lambda target: admin.save_targets(target, edited_targets, by=user),
        _("{n} målrader er lagret.").format(n=len(edited_targets)),
    )

st.subheader(_("Hvilket mål gjelder hvor"))
show_targets_in_effect(_scope.year, access)

st.subheader(_("Logg"))
show_table(
    page_tables.audit_log(live("audit_list", limit_rows=1000)),
    "audit",
    None,
    _("Ingen hendelser ennå."),
)
