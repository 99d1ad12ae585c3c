"""Data: import files (with a template per table), validation report, preview, commit, history,
undo."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.engine.contract import TABLE_ORDER, TABLES_BY_NAME
from dashboard.engine.i18n import _, language, using
from dashboard.engine.text import md_escape
from dashboard.engine.trust_access import undo_refusal
from dashboard.exchange import importer, page_tables
from dashboard.exchange.page_tables import Table
from dashboard.exchange.templates import template_xlsx
from dashboard.ui.components.data_access import live, read, write
from dashboard.ui.components.page import start_page
from dashboard.ui.components.tables import show_table


def _problem_table(problems: list[importer.Problem]) -> Table:
    frame = pd.DataFrame(
        {
            _("Fil"): [p.file for p in problems],
            _("Rad"): [p.row for p in problems],
            _("Kolonne"): [p.column for p in problems],
            _("Problem"): [p.message for p in problems],
        }
    )
    return Table(_("Importfeil"), frame, {_("Rad"): "integer"}, personal=True)


def _template(table_name: str, chosen_language: str) -> bytes:
    with using(chosen_language):
        return template_xlsx(table_name)


def _uploads() -> list[tuple[str, bytes]]:
    files = st.file_uploader(
        _("Velg CSV- eller Excel-filer (filnavnet sier tabellen, f.eks. member.csv)"),
        type=["csv", "xlsx"],
        accept_multiple_files=True,
        key=f"uploader_{st.session_state.get('upload_round', 0)}",
    )
    return [(f.name, f.getvalue()) for f in files or []]


def _show_preview(result: importer.ImportResult) -> None:
    for change in result.changes:
        title = TABLES_BY_NAME[change.table].title
        st.markdown(
            _(
                "**{file}** → {table}: {new} nye, {changed} endret, 0 avvist ({same} uendret)"
            ).format(
                file=md_escape(change.file_name),
                table=title,
                new=change.inserted,
                changed=change.updated,
                same=change.unchanged,
            )
        )
        if change.inserted:
            with st.expander(
                _("{n} nye rader i {table}").format(n=change.inserted, table=title.lower())
            ):
                st.dataframe(change.new_rows, hide_index=True, width="stretch")
        if change.updated:
            with st.expander(
                _("{n} endrede rader i {table}").format(n=change.updated, table=title.lower())
            ):
                st.dataframe(change.changed_rows, hide_index=True, width="stretch")


_scope, access = start_page(
    "data", _("Data"), _("Importer medlemslister, enheter, oppmøtelister og årlig rapportering.")
)

with st.expander(_("Maler for importfiler"), icon=":material/description:"):
    st.write(
        _(
            "Hver tabell har en mal med kolonnene, én eksempelrad og et ark som forklarer "
            "kolonnene. Datoer kan skrives 16.04.2026 eller 2026-04-16; ja/nei kan også skrives "
            "yes/no, true/false eller 1/0."
        )
    )
    template_table = st.selectbox(
        _("Tabell"),
        TABLE_ORDER,
        format_func=lambda t: f"{TABLES_BY_NAME[t].title} ({t})",
        key="template_table",
    )
    template_language = language()  # the file is built later, in a server thread
    st.download_button(
        _("Last ned mal"),
        data=lambda: _template(template_table, template_language),
        file_name=f"{template_table}.xlsx",
        on_click="ignore",
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )

st.subheader(_("Importer filer"))
if message := st.session_state.pop("import_message", None):
    st.success(message)
files = _uploads()
if files:
    try:
        with st.spinner(_("Kontrollerer filene …")):
            plan = read(lambda con: importer.preview(con, files, access=access))
    except importer.ImportRejected as rejected:
        st.error(
            _(
                "Filene har {n} feil. Ingenting er importert. Rett feilene i regnearket og last "
                "opp på nytt."
            ).format(n=len(rejected.problems))
        )
        show_table(_problem_table(rejected.problems), "problems", None)
    else:
        st.info(_("Kontrollen fant ingen feil. Dette blir endret:"))
        _show_preview(plan)
        if st.button(_("Bekreft og importer"), type="primary", icon=":material/upload:"):
            bar = st.progress(0.0, text=_("Starter importen"))
            user = access.audit_name

            result = write(
                lambda con: importer.import_and_record(
                    con,
                    files,
                    user,
                    progress=lambda fraction, text: bar.progress(fraction, text=text),
                    access=access,
                )
            )
            st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
            st.session_state["import_message"] = _(
                "Import nr. {id} er lagret: {new} nye og {changed} endrede rader."
            ).format(id=result.import_id, new=result.inserted, changed=result.updated)
            st.rerun()

st.subheader(_("Angre siste import"))
undoable = importer.newest_undoable(live("import_history"))
if undoable is None:
    st.caption(_("Det finnes ingen import som kan angres."))
elif (refusal := undo_refusal(live("import_history"), undoable, access)) is not None:
    st.caption(refusal)  # a coordinator limited to some trusts undoes only their own imports
else:
    st.write(
        _(
            "Import nr. {id} er den nyeste. Angring fjerner radene den la til og setter tilbake "
            "radene den endret."
        ).format(id=undoable)
    )
    confirm = st.checkbox(
        _("Ja, jeg vil angre import nr. {id}").format(id=undoable), key=f"confirm_undo_{undoable}"
    )
    if st.button(_("Angre import"), disabled=not confirm, icon=":material/undo:"):
        user = access.audit_name

        with st.spinner(_("Angrer …")):
            write(lambda con: importer.undo_and_record(con, user))
        st.session_state["import_message"] = _("Import nr. {id} er angret.").format(id=undoable)
        st.rerun()

st.subheader(_("Historikk"))
show_table(
    page_tables.import_history(live("import_history")), "history", None, _("Ingen importer ennå.")
)
