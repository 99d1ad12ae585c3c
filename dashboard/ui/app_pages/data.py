"""Data: import files (with a template per table), validation report, preview, commit, history,
undo."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.engine.contract import TABLE_ORDER, TABLES_BY_NAME
from dashboard.engine.text import md_escape
from dashboard.exchange import importer, views
from dashboard.exchange.templates import template_xlsx
from dashboard.exchange.views import Table
from dashboard.ui.components.data import live, read, write
from dashboard.ui.components.page import start_page
from dashboard.ui.components.tables import show_table


def _problem_table(problems: list[importer.Problem]) -> Table:
    frame = pd.DataFrame(
        {
            "Fil": [p.file for p in problems],
            "Rad": [p.row for p in problems],
            "Kolonne": [p.column for p in problems],
            "Problem": [p.message for p in problems],
        }
    )
    return Table("Importfeil", frame, {"Rad": "integer"}, personal=True)


def _uploads() -> list[tuple[str, bytes]]:
    files = st.file_uploader(
        "Velg CSV- eller Excel-filer (filnavnet sier tabellen, f.eks. member.csv)",
        type=["csv", "xlsx"],
        accept_multiple_files=True,
        key=f"uploader_{st.session_state.get('upload_round', 0)}",
    )
    return [(f.name, f.getvalue()) for f in files or []]


def _show_preview(result: importer.ImportResult) -> None:
    for change in result.changes:
        title = TABLES_BY_NAME[change.table].title
        st.markdown(
            f"**{md_escape(change.file_name)}** → {title}: {change.inserted} nye, "
            f"{change.updated} endret, 0 avvist ({change.unchanged} uendret)"
        )
        if change.inserted:
            with st.expander(f"{change.inserted} nye rader i {title.lower()}"):
                st.dataframe(change.new_rows, hide_index=True, width="stretch")
        if change.updated:
            with st.expander(f"{change.updated} endrede rader i {title.lower()}"):
                st.dataframe(change.changed_rows, hide_index=True, width="stretch")


_scope, access = start_page(
    "data", "Data", "Importer medlemslister, enheter, oppmøtelister og årlig rapportering."
)

with st.expander("Maler for importfiler", icon=":material/description:"):
    st.write(
        "Hver tabell har en mal med kolonnene, én eksempelrad og et ark som forklarer kolonnene. "
        "Datoer kan skrives 16.04.2026 eller 2026-04-16; ja/nei kan også skrives yes/no, "
        "true/false eller 1/0."
    )
    template_table = st.selectbox(
        "Tabell",
        TABLE_ORDER,
        format_func=lambda t: f"{TABLES_BY_NAME[t].title} ({t})",
        key="template_table",
    )
    st.download_button(
        "Last ned mal",
        data=lambda: template_xlsx(template_table),
        file_name=f"{template_table}.xlsx",
        on_click="ignore",
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )

st.subheader("Importer filer")
if message := st.session_state.pop("import_message", None):
    st.success(message)
files = _uploads()
if files:
    try:
        with st.spinner("Kontrollerer filene …"):
            plan = read(lambda con: importer.preview(con, files))
    except importer.ImportRejected as rejected:
        st.error(
            f"Filene har {len(rejected.problems)} feil. Ingenting er importert. "
            "Rett feilene i regnearket og last opp på nytt."
        )
        show_table(_problem_table(rejected.problems), "problems", None)
    else:
        st.info("Kontrollen fant ingen feil. Dette blir endret:")
        _show_preview(plan)
        if st.button("Bekreft og importer", type="primary", icon=":material/upload:"):
            bar = st.progress(0.0, text="Starter importen")
            user = access.audit_name

            result = write(
                lambda con: importer.import_and_record(
                    con, files, user, lambda fraction, text: bar.progress(fraction, text=text)
                )
            )
            st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
            st.session_state["import_message"] = (
                f"Import nr. {result.import_id} er lagret: {result.inserted} nye og "
                f"{result.updated} endrede rader."
            )
            st.rerun()

st.subheader("Angre siste import")
undoable = importer.newest_undoable(live("import_history"))
if undoable is None:
    st.caption("Det finnes ingen import som kan angres.")
else:
    st.write(
        f"Import nr. {undoable} er den nyeste. Angring fjerner radene den la til og setter "
        "tilbake radene den endret."
    )
    confirm = st.checkbox(
        f"Ja, jeg vil angre import nr. {undoable}", key=f"confirm_undo_{undoable}"
    )
    if st.button("Angre import", disabled=not confirm, icon=":material/undo:"):
        user = access.audit_name

        with st.spinner("Angrer …"):
            write(lambda con: importer.undo_and_record(con, user))
        st.session_state["import_message"] = f"Import nr. {undoable} er angret."
        st.rerun()

st.subheader("Historikk")
show_table(views.import_history(live("import_history")), "history", None, "Ingen importer ennå.")
