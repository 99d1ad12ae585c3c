"""A downloadable XLSX template per table: the headers, one example row, and a sheet explaining
each column, in the language of the moment (the importer reads the headers of all three)."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from dashboard.engine.column_headers import header_label
from dashboard.engine.contract import TABLES_BY_NAME
from dashboard.engine.i18n import N_, TranslatedMapping, _

EXAMPLES: dict[str, dict[str, Any]] = {
    "health_trust": {"code": "stavanger", "name": "Helse Stavanger HF"},
    "municipality": {"number": "1103", "name": "Stavanger", "health_trust": "stavanger"},
    "network_group": {
        "code": "SYK-STAV",
        "name": "Stavanger + SUS",
        "network": "sykepleier",
        "health_trust": "stavanger",
    },
    "network_group_municipality": {"group_code": "SYK-STAV", "municipality_number": "1103"},
    "unit": {
        "unit_id": "1103-SH01",
        "name": "Stavanger sykehjem Sentrum",
        "unit_type": "sykehjem",
        "owner": "kommune",
        "municipality_number": "1103",
        "health_trust": "stavanger",
        "network_group": "SYK-STAV",
        "needs_member": "ja",
        "valid_from": "",
        "valid_to": "",
    },
    "leader": {
        "leader_id": "L-1103-SH01",
        "name": "Kari Eksempel",
        "email": "kari.eksempel@kommune.eksempel.no",
        "unit_id": "1103-SH01",
    },
    "member": {
        "member_id": "M0001",
        "name": "Ola Eksempel",
        "email": "ola.eksempel@eksempel.no",
        "profession": "sykepleier",
        "unit_id": "1103-SH01",
        "leader_id": "L-1103-SH01",
        "start_date": "16.04.2026",
        "end_date": "",
        "end_reason": "",
    },
    "event": {
        "event_id": "2026-SYK-STAV-V",
        "kind": "nettverksmote",
        "title": "Nettverksmøte vår, Stavanger + SUS",
        "event_date": "16.04.2026",
        "network": "sykepleier",
        "network_group": "SYK-STAV",
        "health_trust": "stavanger",
    },
    "attendance": {
        "event_id": "2026-SYK-STAV-V",
        "person_id": "M0001",
        "person_type": "member",
        "status": "møtt",
    },
    "reporting_round": {
        "year": 2026,
        "network": "sykepleier",
        "health_trust": "stavanger",
        "sent_on": "01.10.2026",
        "closes_on": "30.11.2026",
    },
    "annual_report": {
        "year": 2026,
        "member_id": "M0001",
        "submitted_on": "20.10.2026",
        "met_leader": "ja",
        "has_work_plan": "ja",
        "routine_new_staff": "ja",
        "routine_inform_colleagues": "nei",
        "earmarked_time": "nei",
        "job_shadowing": "nei",
        "development_work": "ja",
    },
    "target": {
        "indicator": "meeting_attendance",
        "year_from": 2026,
        "year_to": "",
        "value": "0,8",
        "comparison": ">=",
        "baseline_year": "",
        "source": "001 §5 delmål 3",
    },
    "plan_goal": {
        "goal_id": "2026-STAV-5.3",
        "year": 2026,
        "health_trust": "stavanger",
        "focus_area_number": 5,
        "focus_area": "Organisering og drift av nettverket",
        "goal_number": 3,
        "title": "Oppnå min. 80 % fremmøte på nettverksmøter og årlig fagdag",
        "network": "alle",
        "indicators": "meeting_attendance, fagdag_attendance",
    },
    "plan_activity": {
        "activity_id": "2026-STAV-5.3-01",
        "goal_id": "2026-STAV-5.3",
        "title": "Trekke premie blant de som har møtt på alle samlingene",
        "owner": "Driftsgruppen",
        "start_date": "01.01.2026",
        "due_date": "12.11.2026",
        "status": "planned",
        "note": "",
    },
    "governance_member": {
        "assignment_id": "NG-SYK-STAV-2026",
        "body": "nettverksgruppe",
        "health_trust": "stavanger",
        "network": "sykepleier",
        "network_group": "SYK-STAV",
        "name": "Kari Eksempel",
        "email": "kari.eksempel@kommune.eksempel.no",
        "organisation": "Stavanger kommune",
        "role": "leder",
        "start_date": "01.02.2026",
        "end_date": "",
    },
}

TYPE_WORDS: Mapping[str, str] = TranslatedMapping(
    {
        "text": N_("tekst"),
        "date": N_("dato (16.04.2026 eller 2026-04-16)"),
        "bool": N_("ja/nei"),
        "int": N_("heltall"),
        "float": N_("tall"),
        "municipality": N_("kommunenummer (fire sifre)"),
    }
)


def template_xlsx(table_name: str) -> bytes:
    """The template for one table, e.g. `member.xlsx`."""
    import xlsxwriter

    table = TABLES_BY_NAME[table_name]
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False}
    )
    bold = workbook.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1})
    sheet = workbook.add_worksheet(table.name)
    example = EXAMPLES[table.name]
    for col, column in enumerate(table.columns):
        header = header_label(table, column.name)
        sheet.write_string(0, col, header, bold)
        value = example.get(column.name, "")
        if isinstance(value, int):
            sheet.write_number(1, col, value)
        else:  # a yes/no example in the template's language (the importer reads all three)
            sheet.write_string(1, col, _(str(value)) if column.type == "bool" else str(value))
        sheet.set_column(col, col, max(len(header), len(str(value))) + 3)
    sheet.freeze_panes(1, 0)
    help_sheet = workbook.add_worksheet(_("Forklaring"))
    titles = (
        _("Kolonne"),
        _("Også kalt"),
        _("Påkrevd"),
        _("Type"),
        _("Gyldige verdier"),
        _("Forklaring"),
    )
    for col, title in enumerate(titles):
        help_sheet.write_string(0, col, title, bold)
    for row, column in enumerate(table.columns, start=1):
        help_sheet.write_string(row, 0, header_label(table, column.name))
        help_sheet.write_string(row, 1, column.name)
        help_sheet.write_string(row, 2, _("ja") if column.required else _("nei"))
        help_sheet.write_string(row, 3, TYPE_WORDS[column.type])
        help_sheet.write_string(row, 4, ", ".join(column.choices))
        help_sheet.write_string(row, 5, column.help)
    key_note = len(table.columns) + 2
    help_sheet.write_string(key_note, 0, _("Nøkkel"), bold)
    help_sheet.write_string(
        key_note,
        1,
        _("{key} — en rad med samme nøkkel som finnes fra før, blir oppdatert.").format(
            key=", ".join(table.key)
        ),
    )
    for col, width in enumerate((28, 9, 30, 50, 60)):
        help_sheet.set_column(col, col, width)
    workbook.close()
    return buffer.getvalue()
