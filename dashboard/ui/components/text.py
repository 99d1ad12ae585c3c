"""User text inside Markdown: escaped, so a file name or a person's name can never become a link,
an image or formatting. (Streamlit never renders raw HTML from Markdown unless asked to.)"""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$])")


def md_escape(text: object) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
