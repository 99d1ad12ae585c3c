"""Who sees what: roles, the pages each gets, and which people's data each may see.
Pure functions and data; the app and the CLI look the user up and apply them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import duckdb
import pandas as pd

from dashboard import db

Role = Literal["styringsgruppe", "nettverksleder", "koordinator", "demo", "ingen"]
ROLES: tuple[str, ...] = ("styringsgruppe", "nettverksleder", "koordinator")
ROLE_LABELS = {
    "styringsgruppe": "Styringsgruppe",
    "nettverksleder": "Nettverksleder",
    "koordinator": "Koordinator",
    "demo": "Demomodus",
    "ingen": "Ingen tilgang",
}
AGGREGATE_PAGES = ("oversikt", "dekning", "oppmote", "rapportering")
PAGES_BY_ROLE: dict[str, tuple[str, ...]] = {
    "styringsgruppe": AGGREGATE_PAGES,
    "nettverksleder": (*AGGREGATE_PAGES, "ressurspersoner"),
    "koordinator": (*AGGREGATE_PAGES, "ressurspersoner", "data", "admin"),
    "demo": (*AGGREGATE_PAGES, "ressurspersoner", "data", "admin"),
    "ingen": ("ingen_tilgang",),
}


@dataclass(frozen=True)
class Access:
    """A user's role and, for a nettverksleder, the network groups whose people they may see."""

    email: str | None
    role: Role
    network_groups: frozenset[str] = frozenset()

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

    def visible_people(
        self, frame: pd.DataFrame, group_column: str = "network_group"
    ) -> pd.DataFrame:
        """The rows of a person-level table this user may see (by the row's network group)."""
        if self.sees_all_people:
            return frame
        if not self.sees_people:
            return frame.iloc[0:0]
        return frame[frame[group_column].isin(self.network_groups)]

    @property
    def label(self) -> str:
        return ROLE_LABELS[self.role]


DEMO = Access(email=None, role="demo")
NO_ACCESS = Access(email=None, role="ingen")


def parse_groups(text: str | None) -> frozenset[str]:
    return frozenset(g.strip() for g in (text or "").split(",") if g.strip())


def access_for(con: duckdb.DuckDBPyConnection, email: str) -> Access:
    """The signed-in user's access from `app_user`; «ingen» when they have no row."""
    frame = db.run(con, "app_user_get", {"email": email})
    if frame.empty:
        return Access(email=email.lower(), role="ingen")
    row = frame.iloc[0]
    return Access(
        email=row["email"], role=row["role"], network_groups=parse_groups(row["network_groups"])
    )


def record(
    con: duckdb.DuckDBPyConnection,
    email: str | None,
    action: str,
    detail: str = "",
    filters: str = "",
    n_rows: int | None = None,
) -> None:
    """One line in the audit trail (never the person-level data itself)."""
    db.run(con, "audit_record", {"email": email or "demo", "action": action, "detail": detail,
                                 "filters": filters, "n_rows": n_rows})  # fmt: skip
