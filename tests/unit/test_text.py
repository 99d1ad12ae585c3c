"""Names from files stay text: the Markdown and HTML escapes (`dashboard.engine.text`)."""

from __future__ import annotations

import re

from dashboard.engine.text import WORD_JOINER, html_escape, md_escape

NAME = '<b>fet</b> <a href="http://x.invalid/a">l</a> ![x](http://x.invalid/m.png) **s** _k_'


def test_markdown_escape_leaves_no_markup_character_unescaped() -> None:
    escaped = md_escape(NAME)
    # Every character Markdown reads as markup is preceded by a backslash.
    for char in "<>[]()!*_":
        assert not re.search(rf"(?<!\\)\{char}", escaped), char


def test_markdown_escape_breaks_bare_addresses_that_would_become_links() -> None:
    escaped = md_escape("se http://x.invalid, HTTPS://y.invalid, www.vg.no og ola@x.no")
    assert "http" + WORD_JOINER in escaped and "HTTPS" + WORD_JOINER in escaped
    assert "www" + WORD_JOINER in escaped and "@" + WORD_JOINER in escaped
    # Read back without the escapes and the invisible joiners, it is the same text.
    plain = re.sub(r"\\(.)", r"\1", escaped).replace(WORD_JOINER, "")
    assert plain == "se http://x.invalid, HTTPS://y.invalid, www.vg.no og ola@x.no"


def test_markdown_escape_of_nothing_is_empty() -> None:
    assert md_escape(None) == ""


def test_html_escape_makes_tags_and_quotes_entities() -> None:
    assert html_escape(NAME).startswith("&lt;b&gt;fet&lt;/b&gt; &lt;a href=&quot;http")
    assert "<" not in html_escape(NAME) and '"' not in html_escape(NAME)
