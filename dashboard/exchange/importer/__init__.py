"""Import CSV and XLSX files into the tables their names say: read (read.py, with the readers
csv_reader.py and xlsx_reader.py), validate (validate.py), preview and load (load.py), undo
(undo.py).

Files are read as streams of rows within limits checked before and while they are read (the
size first, then rows, columns and, for XLSX, the sheet's used range and its parts; see
limits.py), so a crafted file is refused with a problem instead of filling the memory.
Validation happens before anything is written; files given together load in one transaction (the
`Database.change` they run in), parents before children, all or nothing. Every import is recorded
in `import_batch` with the before-images needed to undo it. Problems are reported with the file,
the row as the user sees it in the spreadsheet (the header is row 1) and the column as the file's
header names it, in Norwegian; every problem of a file is reported at once.
"""

from dashboard.exchange.importer.headers import normalise_header, table_for_file
from dashboard.exchange.importer.limits import MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS
from dashboard.exchange.importer.load import (
    ImportResult,
    TableChange,
    import_and_record,
    import_files,
    preview,
)
from dashboard.exchange.importer.problems import (
    MAX_PROBLEMS_PER_FILE,
    WHOLE_FILE,
    ImportRejected,
    Problem,
    UndoRefused,
)
from dashboard.exchange.importer.read import read_file, read_paths
from dashboard.exchange.importer.undo import (
    history,
    newest_undoable,
    undo_and_record,
    undo_last_import,
    undoable_import,
)
from dashboard.exchange.importer.validate import ValidatedFile, parse_date, validate

__all__ = [
    "MAX_COLUMNS",
    "MAX_FILE_BYTES",
    "MAX_PROBLEMS_PER_FILE",
    "MAX_ROWS",
    "WHOLE_FILE",
    "ImportRejected",
    "ImportResult",
    "Problem",
    "TableChange",
    "UndoRefused",
    "ValidatedFile",
    "history",
    "import_and_record",
    "import_files",
    "newest_undoable",
    "normalise_header",
    "parse_date",
    "preview",
    "read_file",
    "read_paths",
    "table_for_file",
    "undo_and_record",
    "undo_last_import",
    "undoable_import",
    "validate",
]
