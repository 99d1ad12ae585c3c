"""Who sees what: roles, the pages each gets, which people's data each may see, and the one gate
person-level rows pass through (`people`). The app and the CLI look the user up and apply it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import duckdb
import pandas as pd

from dashboard.engine import db, labels
from dashboard.engine.i18n import _

Role = Literal["styringsgruppe", "nettverksleder", "koordinator", "demo", "ingen"]
ROLES: tuple[str, ...] = ("styringsgruppe", "nettverksleder", "koordinator")
AGGREGATE_PAGES = ("oversikt", "region", "dekning", "oppmote", "rapportering")
# The annual plan and the governance register: every role sees them (names only where allowed);
# only a koordinator changes the plan (dashboard/engine/plan.py, may_edit).
GOVERNANCE_PAGES = ("arsplan", "styringsorganer")
PAGES_BY_ROLE: dict[str, tuple[str, ...]] = {
    "styringsgruppe": (*AGGREGATE_PAGES, *GOVERNANCE_PAGES, "abonnementer"),
    "nettverksleder": (*AGGREGATE_PAGES, *GOVERNANCE_PAGES, "ressurspersoner", "abonnementer"),
    "koordinator": (
        *AGGREGATE_PAGES,
        *GOVERNANCE_PAGES,
        "ressurspersoner",
        "data",
        "admin",
        "abonnementer",
    ),
    "demo": (
        *AGGREGATE_PAGES,
        *GOVERNANCE_PAGES,
        "ressurspersoner",
        "data",
        "admin",
        "abonnementer",
    ),
    "ingen": ("ingen_tilgang",),
}


@dataclass(frozen=True)
class Access:
    """A user's role and, for a nettverksleder, the network groups whose people they may see."""

    email: str | None
    role: Role
    network_groups: frozenset[str] = frozenset()
    # The health trusts the user is limited to (empty: every trust): only these in the filters
    # and the comparison, and a coordinator imports and edits only their rows.
    health_trusts: frozenset[str] = frozenset()

    @property
    def pages(self) -> tuple[str, ...]:
        return PAGES_BY_ROLE[self.role]

    def may_open(self, page: str) -> bool:
        return page in self.pages

    @property
    def sees_all_people(self) -> bool:
        return self.role in ("koordinator", "demo")

    @property
    def sees_people(self) -> bool:
        """Whether any person-level list is shown at all."""
        return self.sees_all_people or (self.role == "nettverksleder" and bool(self.network_groups))

    def sees_group(self, network_group: object) -> bool:
        return self.sees_all_people or (
            self.role == "nettverksleder" and network_group in self.network_groups
        )

    @property
    def label(self) -> str:
        return labels.label(labels.ROLE, self.role)

    @property
    def audit_name(self) -> str:
        """Who did it, for the audit trail: the e-mail, or what demo mode is."""
        if self.role == "demo":
            return "demo (ingen innlogging, DASHBOARD_DEMO=1)"
        return self.email or "ukjent"


DEMO = Access(email=None, role="demo")
NO_ACCESS = Access(email=None, role="ingen")
# The command line is run by an operator with access to the database file itself.
OPERATOR = Access(email=None, role="koordinator")


@dataclass(frozen=True, eq=False)
class People:
    """A person-level list as one viewer may see it."""

    rows: pd.DataFrame  # the rows the viewer may see (none when `allowed` is False)
    allowed: bool  # whether the viewer may see person-level lists at all
    hidden: int  # rows in the selection the viewer may not see (other network groups)

    @property
    def reason(self) -> str:
        """Why rows are missing (in the current language), or '' when none are."""
        if not self.allowed:
            return _(
                "Listen viser personopplysninger og er bare tilgjengelig for nettverksledere "
                "(egne grupper) og koordinatorer."
            )
        if self.hidden and self.rows.empty:
            return _(
                "Du har ikke tilgang til personlistene for dette utvalget: de gjelder andre "
                "nettverksgrupper enn dine."
            )
        if self.hidden:
            return _(
                "{n} rader fra andre nettverksgrupper enn dine vises ikke (ingen tilgang)."
            ).format(n=self.hidden)
        return ""


def people(
    con: duckdb.DuckDBPyConnection,
    name: str,
    params: dict[str, Any] | None,
    access: Access,
) -> People:
    """Run a person-level query (one with a `-- personal:` header) for this viewer: the rows of
    the network groups the viewer may see, and how many were held back. The only way to read
    person-level rows."""
    column = db.load_query(name).personal_column
    if column is None:
        raise db.QueryError(f"{name} er ikke en liste over personer")
    if not access.sees_people:
        return People(pd.DataFrame(), allowed=False, hidden=0)
    frame = db.run(con, name, params, personal=True)
    if access.sees_all_people and not access.health_trusts:
        return People(frame, allowed=True, hidden=0)
    group_trusts = trusts_of_groups(con) if access.health_trusts else {}
    visible = visible_rows(frame, column, access, group_trusts)
    return People(visible.reset_index(drop=True), allowed=True, hidden=len(frame) - len(visible))


def trusts_of_groups(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """network group → its health trust."""
    options = db.run(con, "filter_options")
    groups = options[options["kind"] == "network_group"]
    return dict(zip(groups["code"], groups["health_trust"], strict=True))


def visible_rows(
    frame: pd.DataFrame, column: str, access: Access, group_trusts: dict[str, str]
) -> pd.DataFrame:
    """The person-level rows this viewer may see: a nettverksleder's own network groups, and for
    a user limited to some health trusts, only groups of those trusts (a row without a group
    belongs to no trust of theirs)."""
    keep = pd.Series(True, index=frame.index)
    if not access.sees_all_people:
        keep &= frame[column].isin(access.network_groups)
    if access.health_trusts:
        keep &= frame[column].map(group_trusts).isin(access.health_trusts)
    return frame[keep]


def parse_groups(text: str | None) -> frozenset[str]:
    return frozenset(g.strip() for g in (text or "").split(",") if g.strip())


def access_for(con: duckdb.DuckDBPyConnection, email: str) -> Access:
    """The signed-in user's access from `app_user`; «ingen» when they have no row."""
    frame = db.run(con, "app_user_get", {"email": email})
    if frame.empty:
        return Access(email=email.lower(), role="ingen")
    row = frame.iloc[0]
    return Access(
        email=row["email"],
        role=row["role"],
        network_groups=parse_groups(row["network_groups"]),
        health_trusts=parse_groups(row.get("health_trusts")),
    )


def record(
    con: duckdb.DuckDBPyConnection,
    who: str,
    action: str,
    detail: str = "",
    filters: str = "",
    n_rows: int | None = None,
) -> None:
    """One line in the audit trail (never the person-level data itself)."""
    db.execute(
        con,
        "audit_record",
        {"email": who, "action": action, "detail": detail, "filters": filters, "n_rows": n_rows},
    )
