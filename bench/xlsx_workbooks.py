"""The seven workbooks bench/xlsx_readers.py reads (`FILES`): member-like rows as Excel and
openpyxl save them, and crafted ones (a sparse sheet, a lying dimension, a zip bomb, huge shared
string tables). Written with xlsxwriter or as raw XML, by the interpreter that runs the bench."""

from __future__ import annotations

import datetime as dt
import random
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tests.data_io.member_file import MEMBER_HEADER

# The importer's member columns (those its tests write, and the reason a membership ended).
MEMBER_COLUMNS = (*MEMBER_HEADER, "end_reason")


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="member" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="http://schemas.openxmlformats'
    '.org/officeDocument/2006/relationships/worksheet"/>'
    '<Relationship Id="rId2" Target="sharedStrings.xml" Type="http://schemas.openxmlformats'
    '.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>'
)
_SHEET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def _header_row() -> str:
    cells = "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{name}</t></is></c>'
        for i, name in enumerate(MEMBER_COLUMNS)
    )
    return f'<row r="1">{cells}</row>'


def _write_xlsx(
    path: Path, sheet: Iterable[str], strings: Iterable[str] = (), level: int = 6
) -> None:
    """A minimal workbook of one sheet, its XML written a chunk at a time."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            for chunk in sheet:
                part.write(chunk.encode())
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="'
                b'http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            for chunk in strings:
                part.write(chunk.encode())
            part.write(b"</sst>")


def make_normal(path: Path, shared: bool = True, rows: int = 150_000) -> None:
    """Member-like rows written by xlsxwriter: in a sharedStrings table as Excel writes them
    (`shared`), else inline in the sheet (as openpyxl and xlsxwriter's constant_memory do)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": not shared})
    sheet = book.add_worksheet("member")
    date = book.add_format({"num_format": "dd.mm.yyyy"})
    sheet.write_row(0, 0, MEMBER_COLUMNS)
    rng = random.Random(14)
    first = ("Kari", "Ola", "Ingrid", "Per", "Anne", "Lars", "Liv", "Nils", "Sigrid", "Bjørn")
    last = ("Hansen", "Olsen", "Berg", "Dahl", "Lie", "Moen", "Haugen", "Bakken", "Sæther")
    professions = ("Sykepleier", "Lege", "Fysioterapeut", "Ergoterapeut", "Helsefagarbeider")
    start = dt.date(2015, 1, 1)
    for number in range(1, rows + 1):
        name = f"{rng.choice(first)} {rng.choice(last)} {rng.choice(last)}-{rng.randrange(10**6)}"
        local = f"{rng.randrange(16**10):010x}.{rng.randrange(16**6):06x}"
        email = f"{local}@kommune{rng.randrange(356)}.no"
        sheet.write_row(
            number,
            0,
            (
                number,
                name,
                email,
                rng.choice(professions),
                rng.randrange(2000),
                rng.randrange(5000),
            ),
        )
        begun = start + dt.timedelta(days=rng.randrange(3000))
        sheet.write_datetime(number, 6, begun, date)
        if rng.random() < 0.3:
            sheet.write_datetime(number, 7, begun + dt.timedelta(days=rng.randrange(2000)), date)
            sheet.write_string(number, 8, rng.choice(("sluttet", "ny stilling", "pensjon")))
    book.close()


def make_normal_inline(path: Path) -> None:
    make_normal(path, shared=False)


def make_sparse(path: Path) -> None:
    """A1 and XFD1048576: two cells, a used range of 17 179 869 184."""
    _write_xlsx(
        path,
        [
            _SHEET_OPEN,
            '<dimension ref="A1:XFD1048576"/><sheetData>',
            '<row r="1"><c r="A1"><v>1</v></c></row>',
            '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>',
            "</sheetData></worksheet>",
        ],
    )


def make_dimension_only(path: Path) -> None:
    """The dimension says A1:XFD1048576; the sheet holds a header and five rows."""
    rows = [
        f'<row r="{r}">'
        + "".join(f'<c r="{chr(65 + i)}{r}"><v>{r * 10 + i}</v></c>' for i in range(9))
        + "</row>"
        for r in range(2, 7)
    ]
    _write_xlsx(
        path,
        [
            _SHEET_OPEN,
            '<dimension ref="A1:XFD1048576"/><sheetData>',
            _header_row(),
            *rows,
            "</sheetData></worksheet>",
        ],
    )


def make_bomb(path: Path, unpacked_mb: int = 500) -> None:
    """The same row (no `r` attributes, which are optional) repeated to `unpacked_mb` of sheet
    XML: a file of about half a megabyte."""
    row = "<row>" + "".join(f"<c><v>{i}</v></c>" for i in range(1, 10)) + "</row>"
    chunk = row * (1024 * 1024 // len(row))

    def sheet() -> Iterator[str]:
        yield _SHEET_OPEN + "<sheetData>" + _header_row()
        for _ in range(unpacked_mb):
            yield chunk
        yield "</sheetData></worksheet>"

    _write_xlsx(path, sheet(), level=9)


def make_shared_strings(path: Path, strings: int = 1_000_000, rows: int = 1_000) -> None:
    """A sharedStrings table of `strings` distinct strings under a sheet of `rows` rows."""

    def table() -> Iterator[str]:
        for start in range(0, strings, 10_000):
            yield "".join(
                f"<si><t>medlem nummer {i:07d}</t></si>" for i in range(start, start + 10_000)
            )

    body = (
        f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="s"><v>{r * 997}</v></c></row>'
        for r in range(2, rows + 2)
    )
    _write_xlsx(
        path,
        [_SHEET_OPEN, "<sheetData>", _header_row(), *body, "</sheetData></worksheet>"],
        table(),
        level=1,
    )


def make_shared_strings_5m(path: Path) -> None:
    make_shared_strings(path, strings=5_000_000)


FILES: dict[str, tuple[str, Callable[[Path], None]]] = {
    "normal": ("member-like rows, shared strings (as Excel saves)", make_normal),
    "inline": ("the same rows, inline strings", make_normal_inline),
    "sparse": ("A1 + XFD1048576, dimension A1:XFD1048576", make_sparse),
    "dimension": ("dimension A1:XFD1048576, 6 real rows", make_dimension_only),
    "bomb": ("500 MB of sheet XML zipped", make_bomb),
    "strings": ("1 M shared strings, 1 000 rows", make_shared_strings),
    "strings5m": ("5 M shared strings, 1 000 rows", make_shared_strings_5m),
}
