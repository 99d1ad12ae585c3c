"""The headers of the data contract's columns (dashboard/engine/contract.py) in files the product
writes (exports, import templates), in the language of the moment."""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.engine.contract import Table
from dashboard.engine.i18n import N_, TranslatedMapping

# The header of each column in files the product writes (exports, import templates), in the
# language of the moment; the importer reads each back to its column, in any of the languages (a
# test checks it). Columns not listed keep their contract name.
HEADER_LABELS: Mapping[str, str] = TranslatedMapping(
    {
        "code": N_("Kode"),
        "name": N_("Navn"),
        "health_trust": N_("Helseforetak"),
        "number": N_("Kommunenummer"),
        "network": N_("Nettverk"),
        "group_code": N_("Gruppe"),
        "municipality_number": N_("Kommunenummer"),
        "unit_id": N_("Enhet ID"),
        "unit_type": N_("Enhetstype"),
        "owner": N_("Eier"),
        "network_group": N_("Nettverksgruppe"),
        "needs_member": N_("Skal ha ressursperson"),
        "valid_from": N_("Gyldig fra"),
        "valid_to": N_("Gyldig til"),
        "leader_id": N_("Leder ID"),
        "email": N_("E-post"),
        "member_id": N_("Medlem ID"),
        "profession": N_("Yrke"),
        "start_date": N_("Startdato"),
        "end_date": N_("Sluttdato"),
        "end_reason": N_("Sluttårsak"),
        "event_id": N_("Arrangement ID"),
        "kind": N_("Art"),
        "title": N_("Tittel"),
        "event_date": N_("Dato"),
        "person_id": N_("Person ID"),
        "person_type": N_("Persontype"),
        "status": N_("Oppmøte"),
        "year": N_("År"),
        "sent_on": N_("Sendt dato"),
        "closes_on": N_("Svarfrist"),
        "submitted_on": N_("Innsendt"),
        "met_leader": N_("Møtt leder"),
        "has_work_plan": N_("Arbeidsplan"),
        "routine_new_staff": N_("Rutine nyansatte"),
        "routine_inform_colleagues": N_("Informerer kolleger"),
        "earmarked_time": N_("Øremerket tid"),
        "job_shadowing": N_("Hospitering"),
        "development_work": N_("Utviklingsarbeid"),
        "indicator": N_("Indikator"),
        "year_from": N_("Fra år"),
        "year_to": N_("Til år"),
        "value": N_("Verdi"),
        "comparison": N_("Sammenligning"),
        "baseline_year": N_("Basisår"),
        "source": N_("Kilde"),
        "goal_id": N_("Delmål ID"),
        "focus_area_number": N_("Satsningsområde nr."),
        "focus_area": N_("Satsningsområde"),
        "goal_number": N_("Delmål nr."),
        "indicators": N_("Indikatorer"),
        "activity_id": N_("Aktivitet ID"),
        "due_date": N_("Frist"),
        "note": N_("Merknad"),
        "assignment_id": N_("Verv ID"),
        "body": N_("Organ"),
        "organisation": N_("Organisasjon"),
        "role": N_("Rolle"),
    }
)
# A column whose header differs in one table (an activity's status is not attendance).
TABLE_HEADER_LABELS: Mapping[tuple[str, str], str] = TranslatedMapping(
    {("plan_activity", "status"): N_("Status"), ("plan_activity", "owner"): N_("Ansvarlig")}
)


def header_label(table: Table, column: str) -> str:
    """The header of a column in files the product writes (in the current language)."""
    if (table.name, column) in TABLE_HEADER_LABELS:
        return TABLE_HEADER_LABELS[(table.name, column)]
    return HEADER_LABELS.get(column, column)
