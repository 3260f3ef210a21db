"""The prose inside HTML: which text of an HTML fragment is checkable, and where it is.

Vale's reading of HTML is the reference: text content is prose; `<script>`, `<style>`,
`<pre>`, `<figure>`, `<noscript>`, `<iframe>`, comments and attribute values are not;
`<code>`, `<tt>` and `<kbd>` are inline code; every block-level tag starts or ends a
block, whose kind comes from its enclosing tags (`<li>` a list item, `<td>`/`<th>` a table
cell, `<h1>`..`<h6>` a heading, `<blockquote>` a quote, anything else a paragraph).
kramdown's `markdown="1"` makes an element's text Markdown, so its runs are marked for
the Markdown inline parser. `alt` texts are reported on their own (Vale lints them).

Offsets are source offsets: the fragment is scanned where it lies in the document.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser

import regex

SKIPPED_TAGS = frozenset({"script", "style", "pre", "figure", "noscript", "iframe", "textarea"})
CODE_TAGS = frozenset({"code", "tt", "kbd"})
INLINE_TAGS = frozenset({
    "b", "big", "i", "small", "abbr", "acronym", "cite", "dfn", "em", "kbd", "strong", "a",
    "br", "img", "span", "sub", "sup", "code", "tt", "del", "s", "u", "mark", "q", "ins",
    "time", "var", "samp", "wbr",
})
VOID_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
})
# Short items (a list entry, a form label, a summary line) need not be whole sentences.
_KIND_OF_TAG = {
    "li": "list", "dd": "list", "dt": "list", "label": "list", "summary": "list",
    "legend": "list", "button": "list", "option": "list", "figcaption": "list",
    "td": "table", "th": "table",
    "caption": "table", "blockquote": "blockquote",
    **{f"h{n}": "heading" for n in range(1, 7)},
}
_ALT = regex.compile(r"""\salt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", regex.I)


@dataclass(frozen=True)
class Piece:
    """One run of a block: `text` (source text), `entity` (decoded in `value`), `code`
    (inline code), `space` (a tag between words), or `markdown` (text to parse inline)."""

    kind: str
    start: int
    end: int
    value: str = ""


@dataclass
class HtmlBlock:
    """The checkable text of one HTML block-level element, in order. `leads_in` when an
    element starts right after it inside the same parent (a quote, then its credit)."""

    kind: str
    pieces: list[Piece] = field(default_factory=list)
    leads_in: bool = False
    tag: str = ""  # the tag its kind comes from ("h2", "th"), "" for a paragraph


@dataclass
class HtmlText:
    """What an HTML fragment holds: prose blocks, comments and `alt` texts (source spans)."""

    blocks: list[HtmlBlock] = field(default_factory=list)
    comments: list[tuple[int, int]] = field(default_factory=list)
    alts: list[tuple[int, int]] = field(default_factory=list)


class _Scanner(HTMLParser):
    """Feeds an HTML fragment and records events with source offsets."""

    def __init__(self, source: str, start: int, end: int) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.base = start
        fragment = source[start:end]
        self._line_starts = [0]
        for index, char in enumerate(fragment):
            if char == "\n":
                self._line_starts.append(index + 1)
        self.events: list[tuple[str, int, int, str, dict[str, str | None]]] = []
        self.feed(fragment)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.base + self._line_starts[line - 1] + column

    def _tag_end(self, start: int) -> int:
        end = self.source.find(">", start)
        return len(self.source) if end < 0 else end + 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        raw = self.get_starttag_text() or ""
        self.events.append(("start", start, start + len(raw), tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        self.events.append(("end", start, self._tag_end(start), tag, {}))

    def handle_data(self, data: str) -> None:
        start = self._offset()
        self.events.append(("data", start, start + len(data), "", {}))

    def _reference(self, raw_name: str) -> None:
        start = self._offset()
        end = start + 1 + len(raw_name)
        if self.source.startswith(";", end):
            end += 1
        self.events.append(("entity", start, end, html.unescape(self.source[start:end]), {}))

    def handle_entityref(self, name: str) -> None:
        self._reference(name)

    def handle_charref(self, name: str) -> None:
        self._reference("#" + name)

    def handle_comment(self, data: str) -> None:
        start = self._offset()
        self.events.append(("comment", start, start + len(data) + 7, "", {}))


def scan_html(source: str, start: int, end: int, markdown: bool = False) -> HtmlText:
    """The checkable text of source[start:end], an HTML fragment.

    `markdown` says the fragment sits inside a `markdown="1"` element already.
    """
    found = HtmlText()
    current = HtmlBlock("paragraph")
    open_tags: list[tuple[str, bool]] = []  # (tag, markdown) of open block-level elements
    skip: list[str] = []
    code: tuple[str, int] | None = None

    def flush(leads_in: bool = False) -> None:
        nonlocal current
        current.leads_in = leads_in
        if any(p.kind != "space" and (p.kind != "text" or source[p.start : p.end].strip())
               for p in current.pieces):
            found.blocks.append(current)
        current = _new_block(open_tags)

    def in_markdown() -> bool:
        return open_tags[-1][1] if open_tags else markdown

    for kind, lo, hi, tag, attrs in _Scanner(source, start, end).events:
        if kind == "comment":
            found.comments.append((lo, hi))
            continue
        if skip:
            if kind == "end" and tag == skip[-1]:
                skip.pop()
            elif kind == "start" and tag in SKIPPED_TAGS:
                skip.append(tag)
            continue
        if code is not None:
            if kind == "end" and tag == code[0]:
                current.pieces.append(Piece("code", code[1], hi))
                code = None
            continue
        if kind == "start":
            if tag == "img":
                found.alts.extend(_alt_span(source, lo, hi))
            if tag in SKIPPED_TAGS:
                flush()
                skip.append(tag)
            elif tag in CODE_TAGS:
                code = (tag, lo)
            elif tag in INLINE_TAGS:
                current.pieces.append(Piece("space", lo, hi, tag))
            else:
                flush(leads_in=tag not in VOID_TAGS)
                if tag not in VOID_TAGS:
                    wants = attrs.get("markdown")
                    open_tags.append((tag, in_markdown() if wants is None else wants == "1"))
                    current = _new_block(open_tags)
        elif kind == "end":
            if tag in INLINE_TAGS:
                current.pieces.append(Piece("space", lo, hi, tag))
                continue
            flush()
            for index in range(len(open_tags) - 1, -1, -1):
                if open_tags[index][0] == tag:
                    del open_tags[index:]
                    break
            current = _new_block(open_tags)
        elif kind == "entity":
            current.pieces.append(Piece("entity", lo, hi, tag))
        else:
            current.pieces.append(Piece("markdown" if in_markdown() else "text", lo, hi))
    if code is not None:
        current.pieces.append(Piece("code", code[1], end))
    flush()
    return found


def _new_block(open_tags: list[tuple[str, bool]]) -> HtmlBlock:
    """An empty block whose kind comes from its nearest enclosing tag that has one."""
    for tag, _ in reversed(open_tags):
        if tag in _KIND_OF_TAG:
            return HtmlBlock(_KIND_OF_TAG[tag], tag=tag)
    return HtmlBlock("paragraph")


def _alt_span(source: str, lo: int, hi: int) -> list[tuple[int, int]]:
    match = _ALT.search(source, lo, hi)
    if match is None:
        return []
    group = next(g for g in (1, 2, 3) if match.start(g) >= 0)
    if match.end(group) <= match.start(group):
        return []
    return [(match.start(group), match.end(group))]
