"""The CSV reader: a file's bytes as numbered rows of text cells, read line by line within the
limits (limits.py). The encoding (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252)
and the delimiter (semicolon, comma or tab) are found from the file itself.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from typing import IO

from dashboard.engine.i18n import _
from dashboard.exchange.importer import limits
from dashboard.exchange.importer.limits import Refused, format_count, too_wide


def _encoding(data: bytes) -> str:
    """UTF-8 with or without BOM, UTF-16 with BOM (Excel's «Unicode-tekst»), else Windows-1252
    (what Norwegian Excel saves as «CSV (semikolondelt)»). Checked a megabyte at a time."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in data[:4096]:
        raise ValueError("binary or UTF-16 without BOM")
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(view), 1024 * 1024):
            decoder.decode(view[start : start + 1024 * 1024])
        decoder.decode(b"", True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def _delimiter(first_line: str) -> str:
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    if first_line.count("\t") > max(first_line.count(";"), first_line.count(",")):
        delimiter = "\t"
    return delimiter


def _lines(stream: IO[str]) -> Iterator[str]:
    """The lines of a text stream, each read only up to the line limit."""
    while line := stream.readline(limits.MAX_LINE_CHARS + 1):
        if len(line) > limits.MAX_LINE_CHARS:
            raise Refused(
                _(
                    "en linje i filen er lengre enn {characters} tegn, som er grensen. "
                    "Er det riktig fil?"
                ).format(characters=format_count(limits.MAX_LINE_CHARS))
            )
        yield line


def csv_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells without the empty ones at the end) for every record of the file."""
    if data[:4] == b"PK\x03\x04":
        raise ValueError("an XLSX file named .csv")
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=_encoding(data), newline="")
    delimiter = _delimiter(stream.readline(limits.MAX_LINE_CHARS).split("\n", 1)[0])
    stream.seek(0)
    for number, row in enumerate(csv.reader(_lines(stream), delimiter=delimiter), start=1):
        while row and not row[-1].strip():
            row.pop()
        if len(row) > limits.MAX_COLUMNS:
            raise too_wide(number)
        yield number, row
