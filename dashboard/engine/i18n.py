"""Languages: bokmål (the default and the source text), nynorsk and English.

Every text a user reads is written in bokmål in the code and wrapped in `_()` (or marked with
`N_()` where it is a module-level constant, and translated with `_()` where it is used). The
translations live in gettext catalogues, `dashboard/locale/<nn|en>/LC_MESSAGES/dashboard.po`,
which `pybabel extract` / `pybabel update` fill (`make messages`) and translators edit; they are
read here as they are, no compile step. A text with values in it names them: `_("{n} av {total}")
.format(n=..., total=...)`, so a translation may put them in another order.

The language of a run is set once per script run (`set_language`, from `?sprak=`); `using()`
sets it for a block (the CLI's `--sprak`, a download built later in another thread, tests).
Where neither has set it (a Streamlit fragment rerun runs in a fresh thread), a resolver the app
registers (`set_resolver`) reads the session's choice; without one, bokmål.

Two helpers keep constants translated wherever they are read, so no reader can forget:
`TranslatedMapping` (code → label tables, e.g. `labels.PROFESSION`) and `TranslatedField` (a
dataclass field such as `Indicator.title`). Both hold the bokmål text and give it in the language
of the moment.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, lru_cache, wraps
from gettext import NullTranslations
from pathlib import Path
from typing import Any, Generic, TypeVar

LANGUAGES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}
DEFAULT_LANGUAGE = "nb"
DOMAIN = "dashboard"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
# The CLDR locale numbers and dates are written in: Norwegian in both written forms, and UK
# English (16/04/2026, not the US 4/16/26) in English.
FORMAT_LOCALES = {"nb": "nb", "nn": "nn", "en": "en_GB"}

_current: ContextVar[str | None] = ContextVar("language", default=None)
_resolver: Callable[[], str | None] | None = None

K = TypeVar("K")
V = TypeVar("V")
F = TypeVar("F", bound=Callable[..., Any])


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> NullTranslations:
    """The catalogue of a language (bokmål: the source text itself). Fuzzy and empty entries
    are left out, so their bokmål source shows until a translator has checked them."""
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


def set_resolver(resolver: Callable[[], str | None] | None) -> None:
    """Where the language comes from when this thread has not set one (the app: the session's
    choice, for fragment reruns)."""
    global _resolver
    _resolver = resolver


def language() -> str:
    chosen = _current.get()
    if chosen is None and _resolver is not None:
        chosen = _resolver()
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def format_locale() -> str:
    """The CLDR locale of the current language, for Babel's numbers and dates."""
    return FORMAT_LOCALES[language()]


@contextmanager
def using(language: str | None) -> Iterator[None]:
    """This language inside the block (the CLI's `--sprak`, a deferred download, tests)."""
    token = _current.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)
    try:
        yield
    finally:
        _current.reset(token)


def _(message: str) -> str:
    """The message in the current language (an empty text stays empty: gettext would give the
    catalogue's header)."""
    if not message:
        return message
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a constant for the catalogue; translate it with `_()` where it is shown."""
    return message


def translate(value: Any) -> Any:
    """A text (or a tuple of texts) in the current language; anything else as it is."""
    if isinstance(value, str):
        return _(value)
    if isinstance(value, tuple):
        return tuple(translate(v) for v in value)
    return value


class TranslatedMapping(Mapping[K, V], Generic[K, V]):
    """A constant mapping whose values are bokmål texts marked with `N_()` (or tuples holding
    some): every read gives them in the current language. Keys (codes) stay as they are."""

    def __init__(self, items: Mapping[K, V]) -> None:
        self._items = dict(items)

    def __getitem__(self, key: K) -> V:
        return translate(self._items[key])

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"TranslatedMapping({self._items!r})"

    def source(self) -> dict[K, V]:
        """The bokmål values, as written in the code."""
        return dict(self._items)


_NO_DEFAULT: Any = object()


class TranslatedField:
    """A dataclass field holding a bokmål text marked with `N_()`: reading it gives the text in
    the current language. `TranslatedField()` has no default; `TranslatedField("")` has one."""

    def __init__(self, default: str = _NO_DEFAULT) -> None:
        self.default = default
        self.slot = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = f"_source_{name}"

    def __get__(self, instance: object, owner: type | None = None) -> str:
        if instance is None:  # dataclasses ask the class for the default
            if self.default is _NO_DEFAULT:
                raise AttributeError(self.slot)
            return self.default
        return _(instance.__dict__[self.slot])

    def __set__(self, instance: object, value: str) -> None:
        instance.__dict__[self.slot] = value


def source_text(instance: object, name: str) -> str:
    """The bokmål text of a `TranslatedField`, as written in the code."""
    return instance.__dict__[f"_source_{name}"]


def cache_per_language(maxsize: int = 128) -> Callable[[F], F]:
    """`functools.lru_cache`, keyed by the language as well: for functions that build texts."""

    def decorate(function: F) -> F:
        @lru_cache(maxsize=maxsize)
        def cached(chosen: str, *args: Any, **kwargs: Any) -> Any:
            return function(*args, **kwargs)

        @wraps(function)
        def call(*args: Any, **kwargs: Any) -> Any:
            return cached(language(), *args, **kwargs)

        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        call.cache_info = cached.cache_info  # type: ignore[attr-defined]
        return call  # type: ignore[return-value]

    return decorate


def catalogue_languages() -> tuple[str, ...]:
    """The languages with a catalogue (every language but bokmål)."""
    return tuple(code for code in LANGUAGES if code != DEFAULT_LANGUAGE)


def all_translations(message: str) -> Mapping[str, str]:
    """The message in every language (for reading back files written in any of them)."""
    found = {}
    for code in LANGUAGES:
        with using(code):
            found[code] = _(message)
    return found
