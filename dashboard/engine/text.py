"""Text that came from people (a file, a URL) shown as text, never as markup: escaped for HTML
(our own HTML blocks and Plotly's labels, which read a little HTML) and for Markdown (Streamlit's
captions and headings). The one place both escapes live."""

from __future__ import annotations

import html
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&])")


def md_escape(text: object) -> str:
    """For Markdown: no link, image, formatting or HTML can come out of it."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", "" if text is None else str(text))


def html_escape(text: object) -> str:
    """For HTML (and Plotly's labels and hover text): `<`, `>`, `&` and quotes as entities."""
    return html.escape("" if text is None else str(text), quote=True)
