"""Styringsorganer: the governance register (seed 000). The steering group (palliativt fagråd), the
operations group and each network group's leader, with their terms; the terms ending within 90
days and the network groups without a leader first. Names and e-mails pass the people gate: a
koordinator sees all, a nettverksleder those of their own groups, the styringsgruppe none."""

from __future__ import annotations

import streamlit as st

from dashboard.engine.formatting import format_date
from dashboard.engine.governance import ENDING_WITHIN_DAYS, register_date
from dashboard.engine.i18n import _, ngettext
from dashboard.exchange import governance_tables
from dashboard.ui.components.data_access import live, people_for
from dashboard.ui.components.governance import leaderless_text, terms_ending_text
from dashboard.ui.components.page import section, start_page
from dashboard.ui.components.tables import show_table

scope, access = start_page(
    "styringsorganer",
    _("Styringsorganer"),
    _(
        "Styringsgruppen (palliativt fagråd), driftsgruppen og lederne av nettverksgruppene: "
        "hvem som har vervene, og når de går ut."
    ),
)
day = register_date(scope)
trust = scope.selection.health_trust
register = live("governance_register", as_of_date=day, health_trust=trust)
if register.empty:
    st.info(
        _(
            "Registeret over styringsorganene er tomt for utvalget. Det importeres på Data-siden "
            "som tabellen Styringsorganer (governance_member), med mal der."
        )
    )
    st.stop()
ending = live(
    "governance_terms_ending", as_of_date=day, days=ENDING_WITHIN_DAYS, health_trust=trust
)
leaderless = live("governance_groups_without_leader", as_of_date=day, health_trust=trust)
names = people_for("governance_names", access, live=True, health_trust=trust).rows

active = register[register["is_active"]]
group_leaders = active[(active["body"] == "nettverksgruppe") & (active["role"] == "leder")]
st.markdown(
    _(
        "Per {date}: **{ending}** · **{leaderless}** · styringsgruppen {steering} verv · "
        "driftsgruppen {operations} verv · {led} med leder."
    ).format(
        date=format_date(day),
        ending=terms_ending_text(len(ending)),
        leaderless=leaderless_text(len(leaderless)),
        steering=int((active["body"] == "styringsgruppe").sum()),
        operations=int((active["body"] == "driftsgruppe").sum()),
        led=ngettext(
            "{n} nettverksgruppe", "{n} nettverksgrupper", group_leaders["network_group"].nunique()
        ).format(n=group_leaders["network_group"].nunique()),
    )
)
if access.sees_all_people:
    who = ""
elif access.sees_people:
    who = _(
        "Navn og e-post vises bare for vervene som hører til dine egne nettverksgrupper "
        "(gruppens leder og gruppens representant i driftsgruppen)."
    )
else:
    who = _(
        "Navn og e-post vises ikke for din rolle: registeret viser verv, organisasjon og perioder."
    )
caption = (
    _("Datoen er dagens, eller «Per dato» i menyen til venstre.")
    if not scope.as_of
    else _("Datoen er «Per dato» i menyen til venstre.")
)
st.caption(" ".join(part for part in (who, caption) if part))

SECTIONS = {
    "frister": _("Slutter snart og mangler leder"),
    "styringsgruppe": _("Styringsgruppen"),
    "driftsgruppe": _("Driftsgruppen"),
    "nettverksgrupper": _("Nettverksgruppenes ledere"),
    "alle": _("Hele registeret"),
}
picked = section(SECTIONS, "frister")

if picked == "frister":
    st.subheader(_("Verv som slutter innen {days} dager").format(days=ENDING_WITHIN_DAYS))
    show_table(
        governance_tables.terms_ending(ending, names),
        "terms_ending",
        scope,
        _("Ingen verv slutter innen {days} dager.").format(days=ENDING_WITHIN_DAYS),
    )
    st.subheader(_("Nettverksgrupper uten leder"))
    show_table(
        governance_tables.groups_without_leader(leaderless),
        "groups_without_leader",
        scope,
        _("Alle nettverksgruppene har en leder."),
        caption=_("Nettverksgruppen utnevner selv en uformell leder for to år om gangen."),
    )
elif picked in ("styringsgruppe", "driftsgruppe", "nettverksgrupper"):
    body = "nettverksgruppe" if picked == "nettverksgrupper" else picked
    in_body = active[active["body"] == body]
    show_table(
        governance_tables.register(in_body, names),
        f"register_{picked}",
        scope,
        _("Ingen har dette vervet på datoen."),
    )
else:
    show_table(
        governance_tables.register(register, names),
        "register_all",
        scope,
        caption=_("Også avsluttede og kommende verv."),
    )
