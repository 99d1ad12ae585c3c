"""The parts of an XLSX workbook read whole, each through one guarded XML parser (no DTD, a bounded
depth, element count and token size): the relationships, the workbook (its sheets), the styles
(which cells are dates) and the shared strings. Each part is opened only once its unpacked size
is within its limit. The sheet itself is streamed by xlsx_reader.py.
"""

from __future__ import annotations

import contextlib
import zipfile
from collections.abc import Iterator
from typing import IO, Any
from xml.parsers import expat

from dashboard.engine.i18n import _
from dashboard.exchange.importer import limits
from dashboard.exchange.importer.limits import Refused, format_count, megabytes

_CHUNK = 64 * 1024


def unpacked(
    archive: zipfile.ZipFile, path: str, limit: int, too_big: str, **names: str
) -> IO[bytes]:
    """A part of the workbook opened for reading, once its unpacked size is within `limit`; else
    refused with `too_big` (which names the part by `names`, its {size} and the {limit})."""
    info = archive.getinfo(path)
    if info.file_size > limit:
        raise Refused(
            too_big.format(size=megabytes(info.file_size), limit=megabytes(limit), **names)
        )
    return archive.open(info)


def _local(name: str) -> str:
    return name.rpartition(":")[2]


class XmlPart:
    """An expat parser with the guards every part gets: no DTD, bounded depth and token size.
    Subclasses get `start(local name, attributes)`, `end(local name)` and `text(data)`."""

    collect_text = False

    def __init__(self) -> None:
        self.depth = 0
        self.elements = 0
        self.names: dict[str, str] = {}
        self.parser = expat.ParserCreate()
        self.parser.buffer_text = True
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.EntityDeclHandler = self._doctype
        if self.collect_text:
            self.parser.CharacterDataHandler = self.text

    def _doctype(self, *_: Any) -> None:
        raise ValueError("DTD in a workbook part")

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        self.elements += 1
        if self.depth > limits.MAX_XML_DEPTH:
            raise ValueError("XML nested too deep")
        if self.elements > limits.MAX_XML_ELEMENTS:
            raise Refused(
                _(
                    "arbeidsboken har flere enn {elements} XML-elementer i én del, "
                    "som er grensen. Lagre dataene i en ny arbeidsbok eller som CSV."
                ).format(elements=format_count(limits.MAX_XML_ELEMENTS))
            )
        local = self.names.get(name)
        if local is None:
            local = self.names[name] = _local(name)
        self.start(local, attributes)

    def _end(self, name: str) -> None:
        self.depth -= 1
        self.end(self.names.get(name) or _local(name))

    def start(self, name: str, attributes: dict[str, str]) -> None:
        pass

    def end(self, name: str) -> None:
        pass

    def text(self, data: str) -> None:
        pass

    def feed(self, source: IO[bytes]) -> Iterator[None]:
        """Parse the source a chunk at a time, pausing after each."""
        fed = 0
        while chunk := source.read(_CHUNK):
            fed += len(chunk)
            self.parser.Parse(chunk, False)
            if fed - self.parser.CurrentByteIndex > limits.MAX_XML_TOKEN_BYTES:
                raise ValueError("an XML token larger than the limit")
            yield
        self.parser.Parse(b"", True)
        yield

    def read(self, archive: zipfile.ZipFile, path: str) -> None:
        """Parse a part that is read whole, once its unpacked size is known to be in bounds."""
        too_big = _(
            "arbeidsboken har for mye innhold utenfor selve arket ({part} er {size} MB "
            "utpakket; grensen er {limit} MB). Kopier dataene til en ny arbeidsbok eller lagre "
            "dem som CSV."
        )
        with unpacked(archive, path, limits.MAX_XLSX_PART_BYTES, too_big, part=path) as source:
            for _step in self.feed(source):
                pass


class Relationships(XmlPart):
    def __init__(self) -> None:
        super().__init__()
        self.targets: dict[str, tuple[str, str]] = {}  # id → (type, target)

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == "Relationship" and attributes.get("TargetMode") != "External":
            self.targets[attributes.get("Id", "")] = (
                attributes.get("Type", ""),
                attributes.get("Target", ""),
            )

    def of_type(self, kind: str) -> str | None:
        return next((t for k, t in self.targets.values() if k.endswith("/" + kind)), None)


class Workbook(XmlPart):
    def __init__(self) -> None:
        super().__init__()
        self.sheets: list[tuple[str, str]] = []  # (name, relationship id)
        self.date1904 = False

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == "sheet":
            rid = next((v for k, v in attributes.items() if _local(k) == "id" and ":" in k), "")
            self.sheets.append((attributes.get("name", ""), rid))
        elif name == "workbookPr":
            self.date1904 = attributes.get("date1904", "").lower() in ("1", "true")


class Styles(XmlPart):
    """Which cell styles show a number as a date (or a duration), as openpyxl decides it."""

    def __init__(self) -> None:
        super().__init__()
        self.custom: dict[int, str] = {}
        self.style_formats = bytearray()  # per cell style: its number format id, when < 256
        self.style_custom: dict[int, int] = {}  # cell style → its number format id, when ≥ 256
        self.in_cell_xfs = False

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == "numFmt":
            with contextlib.suppress(ValueError):
                self.custom[int(attributes.get("numFmtId", ""))] = attributes.get("formatCode", "")
        elif name == "cellXfs":
            self.in_cell_xfs = True
        elif name == "xf" and self.in_cell_xfs:
            try:
                number_format = int(attributes.get("numFmtId", "0"))
            except ValueError:
                number_format = 0
            if 0 <= number_format < 256:
                self.style_formats.append(number_format)
            else:
                self.style_custom[len(self.style_formats)] = number_format
                self.style_formats.append(0)

    def end(self, name: str) -> None:
        if name == "cellXfs":
            self.in_cell_xfs = False

    def kinds(self) -> tuple[set[int], set[int]]:
        """(styles that are dates, styles that are durations)."""
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

        dates: set[int] = set()
        durations: set[int] = set()
        verdicts: dict[int, tuple[bool, bool]] = {}
        for style, small in enumerate(self.style_formats):
            number_format = self.style_custom.get(style, small)
            if number_format not in verdicts:
                code = self.custom.get(number_format) or BUILTIN_FORMATS.get(number_format)
                verdicts[number_format] = (is_date_format(code), is_timedelta_format(code))
            is_date, is_duration = verdicts[number_format]
            if is_date:
                dates.add(style)
            if is_duration:
                durations.add(style)
        return dates, durations


class SharedStrings(XmlPart):
    collect_text = True

    def __init__(self) -> None:
        super().__init__()
        self.strings: list[str] = []
        self.parts: list[str] | None = None
        self.size = 0
        self.phonetic = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == "si":
            self.parts, self.size = [], 0
        elif name == "rPh":
            self.phonetic += 1
        elif name == "t" and self.parts is not None and not self.phonetic:
            self.collecting = True

    collecting = False

    def text(self, data: str) -> None:
        if self.collecting and self.parts is not None:
            self.size += len(data)
            if self.size > limits.MAX_CELL_CHARS:
                raise ValueError("a shared string larger than the limit")
            self.parts.append(data)

    def end(self, name: str) -> None:
        if name == "t":
            self.collecting = False
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "si" and self.parts is not None:
            self.strings.append("".join(self.parts))
            self.parts = None
