"""The HTML a story's tables and cards are made of: escaped text, links whose text is the
source's title, text marked with the language it is written in, and tables that stack into
labelled rows on a phone.

Written here rather than with ``DataFrame.to_html`` because pandas can neither label each cell
with its column (what the stacked phone layout shows) nor hold links and ``lang`` marks
without giving up escaping.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import cache

SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$")


def esc(text: object) -> str:
    """Data text as HTML text: markup in the data stays visible, never runs."""
    return html.escape("" if text is None else str(text), quote=True)


def link(title: object, url: object) -> str:
    """``title`` as a link to ``url`` (only http and https addresses; otherwise the title as
    text). A missing title shows the address's host, never the bare address."""
    url = "" if url is None else str(url).strip()
    title = "" if title is None else str(title).strip()
    if not SAFE_URL.match(url):
        return esc(title)
    shown = title or re.sub(r"^https?://(www\.)?([^/]+).*$", r"\2", url)
    return f'<a href="{esc(url)}">{esc(shown)}</a>'


@cache
def _markdown():
    from markdown_it import MarkdownIt

    # The "zero" preset with links only: raw HTML stays text, nothing else is interpreted.
    return MarkdownIt("zero").enable("link")


def rich(text: object) -> str:
    """Free text (a note, an explanation) with its ``[title](https://...)`` links as links;
    everything else escaped."""
    text = "" if text is None else str(text)
    if "](" not in text:
        return esc(text)
    rendered = _markdown().renderInline(text)
    # markdown-it keeps any scheme it considers valid; keep only web links as links.
    return re.sub(
        r'<a href="(?!https?://)[^"]*">(.*?)</a>', lambda m: m.group(1), rendered, flags=re.S
    )


def in_language(inner_html: str, language: str, page_language: str) -> str:
    """Text written in ``language``, marked for readers and screen readers when that is not the
    page's language."""
    if not language or language == page_language:
        return inner_html
    return f'<span lang="{esc(language)}">{inner_html}</span>'


def table(
    caption: str,
    headers: list[str],
    rows: Iterable[list[str]],
    numeric: Iterable[int] = (),
) -> str:
    """A table of ready HTML cells in a box of its own: on a phone every row stacks into
    labelled lines (``data-label``), on a wide screen a table wider than its column scrolls
    inside the box, which is focusable and named for keyboard and screen-reader users."""
    numeric = set(numeric)
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = []
    for row in rows:
        cells = "".join(
            f'<td data-label="{esc(h)}"{" class=fd-num" if i in numeric else ""}>'
            f"<div>{cell}</div></td>"  # one box: on a phone, all of it beside its label
            for i, (h, cell) in enumerate(zip(headers, row, strict=True))
        )
        body.append(f"<tr>{cells}</tr>")
    return (
        f'<div class="fd-table-box" role="region" tabindex="0" aria-label="{esc(caption)}">'
        f'<table class="fd-table"><caption>{esc(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )
