"""Which target applies where, as a table people see and download (the admin page)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from dashboard.engine.i18n import _
from dashboard.engine.indicators import INDICATORS_BY_ID
from dashboard.engine.target_scope import InEffect, rule_text, scope_name
from dashboard.exchange.page_tables import Table


def level_name(kind: str) -> str:
    return {
        "region": _("Hele regionen"),
        "health_trust": _("Helseforetak"),
        "network_group": _("Nettverksgruppe"),
    }[kind]


def targets_in_effect_table(
    in_effect: Sequence[InEffect],
    year: int,
    trust_names: Mapping[str, str],
    group_names: Mapping[str, str],
) -> Table:
    """One row per place and indicator: the target that applies in the year and whom the row
    that sets it was written for (its own, its trust's or the whole region's)."""
    rows = []
    for item in in_effect:
        indicator = INDICATORS_BY_ID[item.indicator_id]
        rule = item.rule
        rows.append(
            {
                _("Gjelder for"): item.place.name,
                _("Nivå"): level_name(item.place.kind),
                _("Indikator"): indicator.title,
                _("Mål"): rule_text(rule, indicator.kind),
                _("Satt for"): "" if rule is None else scope_name(rule, trust_names, group_names),
                # Years as text: a year is no amount («2021», not «2 021»); none is empty.
                _("Fra år"): "" if rule is None else str(rule.year_from),
                _("Til år"): "" if rule is None or rule.year_to is None else str(rule.year_to),
                _("Kilde"): "" if rule is None else (rule.source or ""),
            }
        )
    frame = pd.DataFrame(rows)
    return Table(_("Mål som gjelder i {year}").format(year=year), frame, {})
