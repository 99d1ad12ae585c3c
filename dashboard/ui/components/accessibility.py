"""The accessibility statement (tilgjengelighetserklæring), in Uutilsynet's structure: whom it
concerns and by which rules, what conforms, what does not yet and why, how to report a problem and
how to complain. Open to everyone, without sign-in (`?side=tilgjengelighet`), and linked from the
footer of every page. It shows no data."""

from __future__ import annotations

import os
from urllib.parse import urlencode

import streamlit as st

from dashboard.engine.i18n import N_, _
from dashboard.engine.text import html_escape, md_escape
from dashboard.ui.components.language import url_params as language_params

PARAM, VALUE = "side", "tilgjengelighet"
# Where to report a problem (an e-mail address); without it the statement names the coordinator.
CONTACT_SETTING = "DASHBOARD_ACCESSIBILITY_CONTACT"
STATEMENT_DATE = "07.12.2026"

CONFORMS = (
    N_("Status vises alltid med ord og symbol (✔ ◐ ✖ … ∅) i tillegg til farge."),
    N_("Alle sider kan brukes med tastatur: filtre, faner, knapper og nedlastinger."),
    N_(
        "Hvert diagram og kart har en tekst som sier hva det viser, og en tabell med de samme "
        "tallene ved siden av eller under."
    ),
    N_("Hver tabell kan lastes ned som CSV og Excel, med nøyaktig de radene som vises."),
    N_("Språket på siden er oppgitt, og siden finnes på bokmål, nynorsk og engelsk."),
    N_(
        "Sidene testes automatisk i en ekte nettleser med axe-core (WCAG 2.1 A og AA) ved hver "
        "endring, uten funn."
    ),
)
NOT_YET = (
    N_(
        "Kommunene i kartet kan ikke nås med tastaturet én og én. Velg kommune i filteret i "
        "stedet; tabellen under kartet har de samme tallene."
    ),
    N_(
        "Tabellene på skjermen tegnes av Streamlit som et rutenett som skjermlesere leser "
        "ufullstendig. Last ned tabellen (CSV eller Excel) for å lese den med skjermleser."
    ),
    N_(
        "Årsrapporten og møtepakken (PDF) er ikke merket med struktur for skjermlesere. Det "
        "samme innholdet finnes som regneark (Årsrapport, Excel)."
    ),
)


def link_href() -> str:
    """The statement's address from any page (relative: it works behind a path prefix)."""
    return "./?" + urlencode({PARAM: VALUE, **language_params()})


def footer() -> None:
    """The footer every page ends with: the link to the statement."""
    text = html_escape(_("Tilgjengelighetserklæring"))
    st.html(f'<footer class="nk-footer"><a href="{html_escape(link_href())}">{text}</a></footer>')


def _bullets(items: tuple[str, ...]) -> str:
    return "\n".join(f"- {_(item)}" for item in items)


def _statement() -> None:
    st.title(_("Tilgjengelighetserklæring"))
    st.markdown(
        _(
            "Denne erklæringen gjelder nettstedet Nettverksindikatorer – kreftomsorg og "
            "lindrende behandling, som helseforetaket og kommunene i nettverkene bruker til å "
            "følge målene sine. Virksomheter i Norge skal følge kravene til universell utforming "
            "av IKT-løsninger (WCAG 2.1, nivå A og AA) og publisere en "
            "tilgjengelighetserklæring."
        )
    )
    st.subheader(_("Status"))
    st.markdown(
        _("Nettstedet oppfyller kravene delvis. Erklæringen ble sist oppdatert {date}.").format(
            date=STATEMENT_DATE
        )
    )
    st.subheader(_("Dette er i samsvar med kravene"))
    st.markdown(_bullets(CONFORMS))
    st.subheader(_("Dette er ikke i samsvar med kravene ennå"))
    st.markdown(_bullets(NOT_YET))
    st.subheader(_("Meld fra om et problem"))
    contact = os.environ.get(CONTACT_SETTING, "").strip()
    where = (
        _("Skriv til {contact}.").format(contact=md_escape(contact))
        if contact
        else _("Si fra til koordinatoren for nettverket i helseforetaket ditt.")
    )
    st.markdown(
        _(
            "Får du ikke brukt en del av nettstedet, eller finner du noe som ikke virker med "
            "hjelpemiddelet ditt? {where} Beskriv hva du prøvde å gjøre, på hvilken side og med "
            "hvilken nettleser og hvilket hjelpemiddel."
        ).format(where=where)
    )
    st.subheader(_("Klage"))
    st.markdown(
        _(
            "Får du ikke svar, eller er du ikke fornøyd med svaret, kan du klage til "
            "Tilsynet for universell utforming av IKT (Uutilsynet), uutilsynet.no."
        )
    )
    home = html_escape(_("Til forsiden"))
    st.html(f'<p><a href="./">{home}</a></p>')


def statement_page() -> bool:
    """When the URL asks for the statement: show it (no sign-in, no data) and return True."""
    if st.query_params.get(PARAM) != VALUE:
        return False
    page = st.navigation(
        [st.Page(_statement, title=_("Tilgjengelighetserklæring"), url_path=VALUE, default=True)],
        position="hidden",
    )
    page.run()
    return True
