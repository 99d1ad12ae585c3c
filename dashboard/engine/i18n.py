"""Languages: bokmål (the default and the source text), nynorsk and English.

Every text a user reads is written in bokmål in the code and wrapped in `_()` (or marked with
`N_()` where it is a module-level constant, and translated with `_()` where it is used). The
translations live in gettext catalogues, `dashboard/locale/<nn|en>/LC_MESSAGES/dashboard.po`,
which `pybabel extract` fills and translators edit; they are read here as they are, no build step.
The language of a run is set once per script run (`set_language`, from `?sprak=`).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from gettext import NullTranslations
from pathlib import Path

LANGUAGES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}
DEFAULT_LANGUAGE = "nb"
DOMAIN = "dashboard"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"

_current: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> NullTranslations:
    """The catalogue of a language (bokmål: the source text itself)."""
    path = catalogue_path(language)
    if language == DEFAULT_LANGUAGE or not path.is_file():
        return NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with path.open("rb") as source:
        catalog = read_po(source, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def set_language(language: str | None) -> str:
    """Use this language for the rest of this run (an unknown one: bokmål); returns it."""
    chosen = language if language in LANGUAGES else DEFAULT_LANGUAGE
    _current.set(chosen)
    return chosen


def language() -> str:
    return _current.get()


@contextmanager
def using(language: str) -> Iterator[None]:
    """This language inside the block (the CLI's `--sprak`, tests)."""
    token = _current.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)
    try:
        yield
    finally:
        _current.reset(token)


def _(message: str) -> str:
    """The message in the current language."""
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current.get()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a constant for the catalogue; translate it with `_()` where it is shown."""
    return message
