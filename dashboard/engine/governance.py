"""The governance register (seed 000): who sits in the steering group (palliativt fagråd) and the
operations group (driftsgruppe), and who leads each local network group (an informal leader the
group appoints for 2 years at a time), with the terms. The rules the importer, the app, the
meeting pack and the CLI share; the SQL is the macro `governance_register` in `queries/views.sql`.
No Streamlit here.

Person-level rules, as for members and leaders: names and e-mails pass the people gate
(`access.people`, query `governance_names`, personal column `network_group`). A koordinator
sees every name; a nettverksleder the names of assignments tied to their own network groups (the
group's leader, the group's member of the operations group); the styringsgruppe sees the
register's structure (bodies, roles, organisations, terms, counts) and no names. The meeting
pack, which is projected in the steering group's meeting, holds no names for anyone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dashboard.engine.i18n import _
from dashboard.engine.scope import Scope

# A network group's informal leader is appointed for this many years (seed 000).
TERM_YEARS = 2
# Terms ending within this many days are listed for the coordinator, in the pack and on the CLI.
ENDING_WITHIN_DAYS = 90


def register_date(scope: Scope, today: dt.date | None = None) -> dt.date:
    """The day the register is read for: the as-of date chosen in the selection, else today (the
    register is about now, also when an earlier year's figures are shown)."""
    return scope.as_of or today or dt.date.today()


def assignment_problems(record: dict[str, Any]) -> list[tuple[str, str]]:
    """A row of a governance_member import file: a network group's leader names the group.
    Returns (column, Norwegian message) pairs."""
    if record.get("body") == "nettverksgruppe" and not record.get("network_group"):
        return [
            (
                "network_group",
                _("verdien mangler: et verv i en nettverksgruppe må si hvilken gruppe"),
            )
        ]
    return []
