"""Moving an existing database into a lake: every table and row, counted on both sides.

The source is a DuckDB file, a store folder of the versions before the lake (its `current`
pointer names the file), or a folder of one Parquet or CSV file per table (what DuckDB 2.0's
`EXPORT DATABASE 'folder' (FORMAT parquet)` writes: a file written by DuckDB 2.0 cannot be opened
by the 1.5.5 the lake needs).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from dashboard.engine import replica
from dashboard.engine.database import Database
from dashboard.engine.i18n import _


class CannotMove(ValueError):
    """The source cannot be read (said in Norwegian)."""


@dataclass(frozen=True)
class Moved:
    table: str
    before: int
    after: int


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _source_file(source: Path) -> Path | None:
    """The DuckDB file a source names (a file, or a store folder's current version)."""
    if source.is_file():
        return source
    pointer = source / "current"
    if pointer.is_file():
        return source / pointer.read_text(encoding="utf-8").strip()
    return None


def _tables_of_folder(folder: Path) -> dict[str, str]:
    """Table name → a DuckDB expression reading it, for a folder of exported files."""
    found: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".parquet":
            found[path.stem] = f"read_parquet({_quote(str(path))})"
        elif path.suffix == ".csv":
            found.setdefault(path.stem, f"read_csv({_quote(str(path))}, header = true)")
    return found


def move(source: Path, target: Database) -> list[Moved]:
    """Copy every table of `source` that the lake has into `target` (replacing what it held),
    in one change; returns the row counts side by side."""
    if not source.exists():
        raise CannotMove(_("Fant ikke {source}.").format(source=source))
    file = _source_file(source)
    readers: dict[str, str]
    alias = "moving_source"

    def work(con: duckdb.DuckDBPyConnection) -> list[Moved]:
        moved = []
        lake_tables = replica.lake_tables(con)
        for table in lake_tables:
            if table not in readers:
                continue
            columns = [
                row[0] for row in con.execute(f"describe select * from {readers[table]}").fetchall()
            ]
            wanted = [row[0] for row in con.execute(f'describe "{table}"').fetchall()]
            common = ", ".join(f'"{c}"' for c in wanted if c in columns)
            before = con.execute(f"select count(*) from {readers[table]}").fetchall()[0][0]
            con.execute(f'delete from "{table}"')
            con.execute(f'insert into "{table}" ({common}) select {common} from {readers[table]}')
            after = con.execute(f'select count(*) from "{table}"').fetchall()[0][0]
            moved.append(Moved(table, int(before), int(after)))
        return moved

    if file is not None:
        probe = duckdb.connect(":memory:")
        try:
            probe.execute(f"attach {_quote(str(file))} as {alias} (read_only)")
            names = [
                row[0]
                for row in probe.execute(
                    "select table_name from duckdb_tables() where database_name = $alias",
                    {"alias": alias},
                ).fetchall()
            ]
        except duckdb.Error as error:
            raise CannotMove(
                _(
                    "Kan ikke åpne {file} med DuckDB {version}: {error}. En fil laget med "
                    "DuckDB 2.0 eksporteres først (EXPORT DATABASE 'mappe' (FORMAT parquet)), "
                    "og mappen gis som --from."
                ).format(file=file, version=duckdb.__version__, error=str(error).splitlines()[0])
            ) from error
        finally:
            probe.close()
        readers = {name: f'{alias}.main."{name}"' for name in names}

        with target.attached(file, alias):
            return target.change(work, message=f"flyttet inn fra {file.name}")
    if source.is_dir():
        readers = _tables_of_folder(source)
        if not readers:
            raise CannotMove(
                _("Fant ingen tabeller (Parquet eller CSV) i {source}.").format(source=source)
            )
        return target.change(work, message=f"flyttet inn fra {source.name}")
    raise CannotMove(_("{source} er verken en DuckDB-fil eller en mappe.").format(source=source))
