"""The meeting pack's page on the governance bodies: the terms ending within 90 days and the
network groups without a leader, and the year's plan in numbers, with no names (the pack is
projected in the steering group's meeting)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from pypdf import PdfReader

from dashboard.engine.database import Database
from dashboard.engine.scope import Scope
from dashboard.exchange import report


def test_pack_has_the_governance_page_without_names(demo_db: Path) -> None:
    with Database(demo_db).read() as con:
        pack = report.build(con, Scope(2026), "pack")
        people = {
            value
            for row in con.execute("select name, email from governance_member").fetchall()
            for value in row
            if value
        }
        ending = con.execute(
            "select organisation from governance_register($d)"
            " where is_active and term_end <= $d + 90",
            {"d": dt.date.today()},
        ).fetchall()
    reader = PdfReader(io.BytesIO(pack))
    last = reader.pages[-1]
    assert last.mediabox.width > last.mediabox.height
    text = " ".join(last.extract_text().split())
    assert "Styringsorganer og årsplan" in text
    assert "Årsplan 2026:" in text and "forfalt" in text
    assert "Verv som slutter innen 90 dager" in text
    assert "Nettverksgrupper uten leder" in text and "Dalane og sør Jæren + SUS" in text
    assert ending and all(" ".join(o.split()) in text for (o,) in ending)
    full = " ".join(page.extract_text() for page in reader.pages)
    assert not [p for p in people if p in full]
