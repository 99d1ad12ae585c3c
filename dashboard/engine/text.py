"""Text that came from people (a file, a URL) shown as text, never as markup: escaped for HTML
(our own HTML blocks and Plotly's labels, which read a little HTML) and for Markdown (Streamlit's
captions and headings). The one place both escapes live."""

from __future__ import annotations

import html
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&])")
# GitHub-flavoured Markdown turns bare web addresses and e-mail addresses into links after the
# escapes are read (a pass over the text), so backslashes do not stop it: an invisible word
# joiner inside `http://`, `www.` and after `@` does, and the text still reads the same.
_AUTOLINK_START = re.compile(r"(?i)(https?|ftp|mailto|www)(?=\\?[:.])|(@)")
WORD_JOINER = "\u2060"


def md_escape(text: object) -> str:
    """For Markdown: no link, image, formatting or HTML can come out of it."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", "" if text is None else str(text))
    return _AUTOLINK_START.sub(lambda m: m.group(0) + WORD_JOINER, escaped)


def html_escape(text: object) -> str:
    """For HTML (and Plotly's labels and hover text): `<`, `>`, `&` and quotes as entities."""
    return html.escape("" if text is None else str(text), quote=True)
