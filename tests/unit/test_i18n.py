"""Languages: every text the code marks is translated into nynorsk and English (none missing, fuzzy
or empty), placeholders survive translation, and numbers and dates follow each language's CLDR
locale (bokmål exactly as before)."""

from __future__ import annotations

import datetime as dt
import io
import re
import tokenize
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from dashboard.engine import i18n, labels
from dashboard.engine.contract import TABLES_BY_NAME
from dashboard.engine.formatting import (
    date_pattern,
    format_date,
    format_date_long,
    format_fraction,
    format_number,
    format_share,
    format_value,
    separators,
)
from dashboard.engine.i18n import _, using
from dashboard.engine.indicators import FOCUS_AREAS, INDICATORS_BY_ID, status_label
from dashboard.exchange.export import ExportMeta, to_csv
from dashboard.exchange.importer import read_file
from dashboard.exchange.templates import template_xlsx

CODE = Path(i18n.__file__).resolve().parents[1]  # dashboard/
# What `make messages` extracts with (the Makefile's `-k plural:2,3`).
KEYWORDS = {**DEFAULT_KEYWORDS, "plural": (2, 3)}
TRANSLATED = ("nn", "en")
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%(?:\([a-z_]+\))?[sd]")


def _code_messages() -> dict[str | tuple[str, str], list[str]]:
    """Every message the code marks (`_()`, `N_()`, `ngettext()`, `labels.plural()`) → where."""
    found: dict[str | tuple[str, str], list[str]] = {}
    for path, line, message, _comments, _context in extract_from_dir(
        CODE, method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        if message:
            found.setdefault(message, []).append(f"dashboard/{path}:{line}")
    return found


@pytest.fixture(scope="module")
def code_messages() -> dict[str | tuple[str, str], list[str]]:
    return _code_messages()


def _catalogue(language: str) -> Catalog:
    with i18n.catalogue_path(language).open("rb") as source:
        return read_po(source, locale=language, domain=i18n.DOMAIN)


def test_the_code_marks_its_texts(code_messages) -> None:
    """A sanity check of the extraction itself: the big files' texts are found."""
    assert len(code_messages) > 500
    assert "Enheter med ressurssykepleier" in code_messages  # an indicator (N_)
    assert "Sykepleier" in code_messages  # a label (N_)
    assert "{numerator} av {denominator}" in code_messages  # a formatted text (_)
    assert ("person", "personer") in code_messages  # labels.plural (ngettext)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_text_is_translated(code_messages, language: str) -> None:
    """No message is missing from the catalogue, fuzzy (changed since it was translated) or
    empty. Fix: `make messages`, then translate the listed texts in the .po file."""
    catalogue = _catalogue(language)
    problems = []
    for message, where in sorted(code_messages.items(), key=lambda m: str(m[0])):
        key = message[0] if isinstance(message, tuple) else message
        entry = catalogue.get(key)
        if entry is None:
            problems.append(f"missing: {message!r} ({where[0]})")
        elif entry.fuzzy:
            problems.append(f"fuzzy: {message!r} ({where[0]})")
        elif not all(entry.string) if isinstance(entry.string, tuple) else not entry.string:
            problems.append(f"empty: {message!r} ({where[0]})")
    assert not problems, f"{language}: {len(problems)} texts to translate:\n" + "\n".join(
        problems[:60]
    )


@pytest.mark.parametrize("language", TRANSLATED)
def test_placeholders_survive_translation(language: str) -> None:
    """`{name}` and `%s` placeholders are the same in the bokmål text and its translation (a
    translation may move them, not drop, add or rename them)."""
    problems = []
    for entry in _catalogue(language):
        if not entry.id or not entry.string:
            continue
        sources = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        targets = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = sorted(PLACEHOLDER.findall(sources[-1]))
        for target in targets:
            if target and sorted(PLACEHOLDER.findall(target)) != wanted:
                problems.append(f"{entry.id!r} → {target!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_catalogue_has_no_stale_entries(code_messages, language: str) -> None:
    """Every catalogue entry belongs to a text of the code (`make messages` drops the rest)."""
    wanted = {m[0] if isinstance(m, tuple) else m for m in code_messages}
    stale = [
        e.id
        for e in _catalogue(language)
        if e.id and (e.id[0] if isinstance(e.id, tuple) else e.id) not in wanted
    ]
    assert not stale, stale[:20]


def test_texts_are_marked_where_babel_finds_them() -> None:
    """`_(f"…")` cannot be translated (the catalogue has no such text): name the values instead,
    `_("… {n} …").format(n=…)`. And a marked text inside an f-string (`f"{_('…')}"`) never
    reaches the catalogue (Babel does not look inside f-strings on Python 3.11): translate it
    into a variable first."""
    marked_fstring = re.compile(r"(?<![\w.])(?:_|N_|ngettext)\(\s*[rRbB]?[fF][\"']")
    marked_inside = re.compile(r"(?<![\w.])(?:_|N_|ngettext|plural)\(\s*[\"']")
    found = []
    for path in CODE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        where = path.relative_to(CODE.parent)
        for number, line in enumerate(source.splitlines(), start=1):
            if marked_fstring.search(line):
                found.append(f"{where}:{number}: _(f...)")
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            text = token.string
            is_fstring = token.type == tokenize.STRING and text.lstrip("rRbB")[:1] in "fF"
            if is_fstring and marked_inside.search(text):
                found.append(f"{where}:{token.start[0]}: _() inside an f-string")
    assert not found, "\n".join(found)


def test_texts_follow_the_language() -> None:
    with using("nn"):
        assert labels.PROFESSION["sykepleier"] == _("Sykepleier") != "Sykepleier"
        assert INDICATORS_BY_ID["meeting_attendance"].title != "Oppmøte på nettverksmøter"
    with using("en"):
        assert labels.PROFESSION["sykepleier"] == "Nurse"
        assert labels.label(labels.UNIT_TYPE, "sykehjem") == "Nursing home"
        assert status_label("met") == "✔ Met"
        assert FOCUS_AREAS[2] == "Competence"
        assert TABLES_BY_NAME["member"].title == "Resource persons"
        assert labels.plural(1, "person", "personer") == "1 person"
        assert labels.plural(3, "person", "personer") == "3 people"
    # bokmål is the source text itself, and an unknown language falls back to it
    assert labels.PROFESSION["sykepleier"] == "Sykepleier"
    with using("sv"):
        assert i18n.language() == "nb"
        assert INDICATORS_BY_ID["meeting_attendance"].title == "Oppmøte på nettverksmøter"
    assert _("") == ""  # never the catalogue's header


def test_bokmål_numbers_and_dates_stay_as_they_were() -> None:
    """Plain spaces (not Babel's no-break spaces), a hyphen-minus, the decimal comma."""
    assert format_share(0.805) == "80,5 %"
    assert format_share(1.0) == "100,0 %"
    assert format_share(None) == "ingen data"
    assert format_number(1234.5, 1) == "1 234,5"
    assert format_number(1234567) == "1 234 567"
    assert format_number(-1234.25, 1) == "-1 234,2"
    assert format_fraction(41, 52) == "41 av 52"
    assert format_value("count", 4.0) == "4"
    assert format_date(dt.date(2026, 4, 16)) == "16.04.2026"
    assert format_date_long(dt.date(2026, 11, 12)) == "12. nov. 2026"
    assert format_date_long(dt.date(2026, 3, 2)) == "2. mars 2026"
    assert date_pattern() == "DD.MM.YYYY"
    assert separators() == ", "


def test_nynorsk_numbers_and_dates_are_norwegian() -> None:
    with using("nn"):
        assert format_share(0.805) == "80,5 %"
        assert format_number(1234.5, 1) == "1 234,5"
        assert format_fraction(41, 52) == "41 av 52"
        assert format_share(None) == "ingen data"
        assert format_date(dt.date(2026, 4, 16)) == "16.04.2026"
        assert format_date_long(dt.date(2026, 11, 12)) == "12. nov. 2026"
        assert date_pattern() == "DD.MM.YYYY"


def test_english_numbers_and_dates_are_english() -> None:
    with using("en"):
        assert format_share(0.805) == "80.5%"
        assert format_number(1234.5, 1) == "1,234.5"
        assert format_fraction(41, 52) == "41 of 52"
        assert format_share(None) == "no data"
        assert format_date(dt.date(2026, 4, 16)) == "16/04/2026"
        assert format_date_long(dt.date(2026, 11, 12)) == "12 Nov 2026"
        assert date_pattern() == "DD/MM/YYYY"
        assert separators() == ".,"


def test_rounding_is_the_same_as_before() -> None:
    """Babel writes what Python's own rounding gives (ties to even on the binary value)."""
    for value in (0.125, 2.675, 1.005, 80.45, 0.0125 * 100, 99.95, 1e-9, 12345.678):
        for decimals in (0, 1, 2):
            before = f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",")
            assert format_number(value, decimals) == before


def test_an_export_header_is_in_the_language() -> None:
    meta = ExportMeta("Tabell", {"År": "2026"}, dt.datetime(2026, 4, 16, 14, 5))
    assert meta.lines()[2] == ("Laget", "16.04.2026 14:05")
    with using("en"):
        assert [label for label, _text in meta.lines()] == ["Table", "Selection", "Made"]
        assert meta.lines()[2][1] == "16/04/2026 14:05"
    with using("nn"):
        text = to_csv(__import__("pandas").DataFrame({"a": [True]}), meta).decode("utf-8-sig")
        assert text.splitlines()[-1] == "ja"


@pytest.mark.parametrize("language", ("nb", *TRANSLATED))
def test_templates_in_any_language_import_back(language: str) -> None:
    """A template downloaded in nynorsk or English has headers in that language; the importer
    reads each back to its column (whatever language the importing user has chosen)."""
    for name, table in TABLES_BY_NAME.items():
        with using(language):
            data = template_xlsx(name)
        parsed = read_file(f"{name}.xlsx", data)
        assert not isinstance(parsed, list), (language, name, [str(p) for p in parsed])
        assert parsed.headers == list(table.column_names), (language, name)
        assert not parsed.problems, (language, name, [str(p) for p in parsed.problems])
