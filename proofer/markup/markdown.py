"""Markdown -> TextMap, using markdown-it-py for the syntax and the source for offsets.

markdown-it-py gives line ranges for blocks but no offsets for inline tokens, so each
inline child is located by scanning the source forward from a cursor inside its block.
Text is always copied from the source itself, so literal segments hold the invariant by
construction; a block whose children cannot be located is left out rather than guessed.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from proofer.document import Directive, Document, MetaText
from proofer.lines import LineIndex
from proofer.markup.directives import parse_directives
from proofer.markup.frontmatter import front_matter_texts
from proofer.markup.html import CODE_TAGS, SKIPPED_TAGS, HtmlBlock, Piece, scan_html
from proofer.markup.nesting import too_deep_spans
from proofer.markup.templates import HIDDEN, Region, markup_regions
from proofer.textmap import TextMapBuilder

_ATX_PREFIX = re.compile(r" {0,3}#{1,6}(?=[ \t]|$)[ \t]*")
_TOML_FRONT_MATTER = re.compile(
    r"\A\+\+\+[ \t]*\r?\n.*?^\+\+\+[ \t]*\r?(?:\n|\Z)", re.DOTALL | re.MULTILINE
)
_BLOCK_SEPARATOR = "\n\n"
# Blocks a paragraph may introduce without ending its sentence ("The options are" + a list).
_LEAD_IN_TARGETS = frozenset({
    "fence", "code_block", "html_block", "bullet_list_open", "ordered_list_open",
    "table_open", "blockquote_open", "dl_open",
})

# What GitHub's autolink extension links: a scheme, `www.`, or an email address (a bare
# domain such as "Cloud.gov" is text there, though linkify-it would link it).
_GFM_AUTOLINK = re.compile(r"(?:[a-zA-Z][a-zA-Z0-9+.-]*:|www\.|[^\s@]+@)", re.IGNORECASE)
_LINE_SPACE = re.compile(r"[ \t]*\r?\n\s*")

_CONTAINERS = {
    "heading_open": "heading",
    "blockquote_open": "blockquote",
    "list_item_open": "list",
    "th_open": "table",
    "td_open": "table",
}


_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)")


@dataclass(frozen=True)
class BlockFacts:
    """What the syntax says about the block being built (kept on its Block)."""

    level: int = 0  # a heading's level, 1-6
    header: bool = False  # a table cell of the header row


@dataclass
class _InlineState:
    """Where the inline walk is: inside struck-out text, or inside inline HTML that is
    not prose (`<code>`, `<script>`), which began at `hidden_start`."""

    struck: int = 0
    hidden_tag: str = ""
    hidden_start: int = 0

    @property
    def silent(self) -> bool:
        return bool(self.struck) or bool(self.hidden_tag)


class _Unmappable(Exception):
    """An inline child could not be found in the source."""


_TAG_MASK = re.compile(r"[^\r\n]")

def build_parser() -> MarkdownIt:
    """CommonMark + GFM tables, strikethrough and bare-URL autolinks, YAML front matter."""
    md = MarkdownIt("commonmark", {"linkify": True})
    md.enable(["table", "strikethrough", "linkify"])
    md.use(front_matter_plugin)
    # Keep escapes and entities as separate tokens so their source form is known.
    md.disable("text_join")
    return md


def _blank_toml_front_matter(source: str) -> str:
    """Replace a +++ TOML front matter with empty lines, keeping line numbers."""
    match = _TOML_FRONT_MATTER.match(source)
    if not match:
        return source
    return "\n" * match.group(0).count("\n") + source[match.end() :]


def parse_markdown(path: str, source: str, parser: MarkdownIt | None = None) -> Document:
    """Parse Markdown source into a Document with an exact TextMap."""
    md = parser or build_parser()
    tokens = md.parse(_blank_toml_front_matter(source))
    regions = _prose_regions(source, tokens)
    masked = _mask_template_tags(source, regions)
    if masked != source:
        # A site renders its template tags before the Markdown, so a tag is one opaque
        # token to the Markdown parser: `[the guide]({{ "/install/" | url }})` is a link.
        tokens = md.parse(_blank_toml_front_matter(masked))
    walker = _Walker(masked, md, regions)
    walker.walk(tokens)
    return Document(
        path=path,
        source=source,
        textmap=walker.builder.build(),
        directives=tuple(walker.directives),
        markup="markdown",
        meta_texts=tuple(walker.meta_texts),
        code=tuple(walker.code),
        unchecked=too_deep_spans(tokens, md.options["maxNesting"], source),
    )


def _mask_template_tags(source: str, regions: list[Region]) -> str:
    """`source` with each template tag's characters (newlines aside) replaced by one
    letter, so that what the tag holds (quotes, spaces, `*`, `<`) is not read as Markdown.
    Offsets are unchanged; the walker turns each tag into a placeholder."""
    tags = [r for r in regions if r.name == "tag"]
    if not tags:
        return source
    pieces: list[str] = []
    cursor = 0
    for region in tags:
        pieces.append(source[cursor : region.start])
        pieces.append(_TAG_MASK.sub("x", source[region.start : region.end]))
        cursor = region.end
    pieces.append(source[cursor:])
    return "".join(pieces)


def _prose_regions(source: str, tokens: list[Token]) -> list[Region]:
    """Template and attribute markup (see proofer.markup.templates) outside code blocks."""
    lines = LineIndex(source)
    code: list[tuple[int, int]] = []
    for token in tokens:
        if token.type in ("fence", "code_block") and token.map:
            lo = lines.line_start(token.map[0] + 1)
            hi = (lines.line_start(token.map[1] + 1) if token.map[1] < lines.line_count
                  else len(source))
            code.append((lo, hi))
    return [r for r in markup_regions(source) if not any(a <= r.start < b for a, b in code)]


class _Walker:
    def __init__(self, source: str, md: MarkdownIt, regions: list[Region]) -> None:
        self.source = source
        self.md = md
        self.lines = LineIndex(source)
        self.builder = TextMapBuilder(source)
        self.directives: list[Directive] = []
        self.meta_texts: list[MetaText] = []
        self.code: list[str] = []
        self._row_cursor: dict[int, int] = {}
        self._after_code = False
        self._facts = BlockFacts()
        self._regions = regions
        self._region_starts = [r.start for r in regions]
        # True once the current block holds something besides template placeholders.
        self._prose = False

    def _region_at(self, offset: int) -> Region | None:
        """The markup region (template tag, attribute list...) holding `offset`."""
        index = bisect.bisect_right(self._region_starts, offset) - 1
        if index >= 0 and offset < self._regions[index].end:
            return self._regions[index]
        return None

    def _regions_in(self, start: int, end: int) -> list[Region]:
        index = max(bisect.bisect_right(self._region_starts, start) - 1, 0)
        found = []
        for region in self._regions[index:]:
            if region.start >= end:
                break
            if region.end > start:
                found.append(region)
        return found

    def line_of(self, offset: int) -> int:
        return self.lines.position(offset)[0]

    def _offset_of_line(self, line0: int) -> int:
        if line0 >= self.lines.line_count:
            return len(self.source)
        return self.lines.line_start(line0 + 1)

    def walk(self, tokens: list[Token]) -> None:
        containers: list[str] = []
        for token in tokens:
            if token.type in _LEAD_IN_TARGETS:
                self.builder.mark_lead_in()
            if token.type in _CONTAINERS:
                containers.append(_CONTAINERS[token.type])
                # What the syntax says about the block: a heading's level, a header cell.
                if token.type == "heading_open":
                    self._facts = BlockFacts(level=int(token.tag[1:]))
                elif token.type in ("th_open", "td_open"):
                    self._facts = BlockFacts(header=token.type == "th_open")
            elif token.type.replace("_close", "_open") in _CONTAINERS:
                if containers:
                    containers.pop()
            elif token.type in ("fence", "code_block"):
                self._after_code = True
                self.code.append(token.content)
            elif token.type == "front_matter" and token.map:
                self._front_matter(token)
            elif token.type == "html_block" and token.map:
                lo, hi = self._offset_of_line(token.map[0]), self._offset_of_line(token.map[1])
                self.directives.extend(parse_directives(self.source[lo:hi], lo, self.line_of))
                self._html_block(lo, hi, containers[-1] if containers else "paragraph")
            elif token.type == "inline" and token.map:
                self._inline_block(token, containers[-1] if containers else "paragraph")

    def _front_matter(self, token: Token) -> None:
        """String values of the YAML front matter (Vale's rules read them)."""
        assert token.map is not None
        lo = self._offset_of_line(token.map[0] + 1)
        hi = self._offset_of_line(max(token.map[1] - 1, token.map[0] + 1))
        self.meta_texts.extend(front_matter_texts(self.source, lo, hi))

    def _html_block(self, lo: int, hi: int, container: str) -> None:
        """The prose of an HTML block: each block-level element's text is a block."""
        found = scan_html(self.source, lo, hi)
        self.meta_texts.extend(MetaText("attr.alt", a, b) for a, b in found.alts)
        outer = self._facts
        for block in found.blocks:
            kind = block.kind if block.kind != "paragraph" else container
            if block.kind == "heading":
                self._facts = BlockFacts(level=int(block.tag[1:]))
            elif block.kind == "table" and block.tag in ("th", "td"):
                self._facts = BlockFacts(header=block.tag == "th")
            else:
                self._facts = outer if kind == container else BlockFacts()
            self._html_text_block(block, kind)
        self._facts = outer

    def _begin_block(self, lo: int) -> int:
        mark = self.builder.length
        if mark:
            self.builder.separator(_BLOCK_SEPARATOR, lo)
        self.builder.start_block()
        self._prose = False
        return mark

    def _finish_block(self, mark: int, kind: str) -> None:
        """End the block, or forget it when it holds nothing but template tags."""
        if not self._prose:
            self.builder.rollback(mark)
            return
        facts = self._facts if kind in ("heading", "table") else BlockFacts()
        self.builder.end_block(kind, self._after_code, level=facts.level, header=facts.header)
        self._after_code = False

    def _inline_block(self, token: Token, kind: str) -> None:
        assert token.map is not None
        lo = self._offset_of_line(token.map[0])
        hi = self._offset_of_line(token.map[1])
        pos = self._content_start(token, kind, lo)
        mark = self._begin_block(lo)
        try:
            pos = self._children(token.children or [], pos, hi)
        except _Unmappable:
            self.builder.rollback(mark)
            return
        if kind == "table":
            self._row_cursor[token.map[0]] = pos
        self._finish_block(mark, kind)
        if self._prose and kind == "paragraph" and _one_emphasis(token.children or []):
            # A paragraph that is one bold or italic span is a heading in all but name
            # ('**Project is welcoming**'): it introduces what follows, not a sentence.
            self.builder.mark_lead_in()

    def _html_text_block(self, block: HtmlBlock, kind: str) -> None:
        """One element's text: surrounding space trimmed, line breaks read as spaces,
        entities decoded, inline code as a placeholder, `markdown="1"` runs as Markdown."""
        pieces = _trimmed(self.source, block.pieces)
        if not pieces:
            return
        mark = self._begin_block(pieces[0].start)
        try:
            for piece in pieces:
                self._html_piece(piece)
        except _Unmappable:
            self.builder.rollback(mark)
            return
        self._finish_block(mark, kind)
        if block.leads_in:
            self.builder.mark_lead_in()

    def _html_piece(self, piece: Piece) -> None:
        b = self.builder
        if piece.kind == "code":
            b.placeholder(piece.start, piece.end)
            self._prose = True
        elif piece.kind == "entity":
            b.replacement(piece.value, piece.start, piece.end)
            self._prose = self._prose or bool(piece.value.strip())
        elif piece.kind == "markdown":
            # Not stripped: the space beside an inline tag (`learn <em>a lot</em> from`)
            # separates words; `_trimmed` already took the element's outer space off.
            tokens = self.md.parseInline(self.source[piece.start : piece.end])
            if tokens:
                self._children(tokens[0].children or [], piece.start, piece.end)
        elif piece.kind == "text":
            self._spaced_text(piece.start, piece.end)
        elif piece.value == "br" and not self.source[piece.end : piece.end + 1].isspace():
            b.separator(" ", piece.end)  # a line break between two words

    def _spaced_text(self, start: int, end: int) -> None:
        """HTML text: whitespace that holds a line break reads as one space."""
        cursor = start
        for match in _LINE_SPACE.finditer(self.source, start, end):
            self._text(cursor, match.start())
            self.builder.replacement(" ", match.start(), match.end())
            cursor = match.end()
        self._text(cursor, end)

    def _content_start(self, token: Token, kind: str, lo: int) -> int:
        assert token.map is not None
        line = self.lines.line_text(token.map[0] + 1)
        if kind == "table":
            return self._row_cursor.get(token.map[0], lo)
        if kind == "heading":
            match = _ATX_PREFIX.match(line)
            return lo + (match.end() if match else 0)
        first = token.content.split("\n", 1)[0].rstrip()
        stripped = line.rstrip()
        if first and stripped.endswith(first):
            return lo + len(stripped) - len(first)
        return lo

    def _find(self, needle: str, pos: int, hi: int) -> int:
        index = self.source.find(needle, pos, hi)
        if index < 0:
            raise _Unmappable(needle)
        return index

    def _find_lines(self, content: str, pos: int, hi: int) -> tuple[int, int]:
        """Span of content that may cross lines; markdown-it drops each continuation line's
        indentation and container prefix (`> `), so each line is found on its own."""
        first, *rest = content.split("\n")
        start = self._find(first, pos, hi)
        end = start + len(first)
        for line in rest:
            newline = self._find("\n", end, hi + 1)
            stripped = line.lstrip(" \t")
            end = self._find(stripped, newline + 1, hi) + len(stripped)
        return start, end

    def _literal(self, start: int, end: int) -> None:
        if end > start:
            self.builder.literal(start, end)
            self._prose = self._prose or bool(self.source[start:end].strip())

    def _text(self, start: int, end: int, state: _InlineState | None = None) -> None:
        """Copy source text; a template tag becomes a placeholder where it begins, and
        attribute lists and template comments are left out."""
        if state is not None and state.silent:
            return
        cursor = start
        for region in self._regions_in(start, end):
            self._literal(cursor, max(cursor, region.start))
            if region.start >= start and region.kind != HIDDEN:
                self.builder.placeholder(region.start, region.end)
            cursor = max(cursor, min(end, region.end))
        self._literal(cursor, end)

    def _placeholder(self, start: int, end: int) -> None:
        """Inline code, a URL or an image: prose-shaped, never reported on."""
        if self._region_at(start) is None:
            self.builder.placeholder(start, end)
            self._prose = True

    def _children(self, children: list[Token], pos: int, hi: int) -> int:
        b = self.builder
        state = _InlineState()
        hidden_link = False
        plain_link = False  # a bare domain linkify found that GFM leaves as text
        for child in children:
            kind = child.type
            if hidden_link and kind != "link_close":
                continue
            if kind == "text":
                if not child.content:
                    continue
                start = self._find(child.content, pos, hi)
                pos = start + len(child.content)
                self._text(start, pos, state)
            elif kind in ("softbreak", "hardbreak"):
                newline = self._find("\n", pos, hi + 1)
                start = newline - 1 if newline and self.source[newline - 1] == "\r" else newline
                if not state.silent and self._region_at(start) is None:
                    b.replacement(" ", start, newline + 1)
                pos = newline + 1
            elif kind == "code_inline":
                self.code.append(child.content)
                start = self._find(child.markup, pos, hi)
                end = self._closing_backticks(start + len(child.markup), child.markup, hi)
                if not state.silent:
                    self._placeholder(start, end)
                pos = end
            elif kind == "text_special":
                start = self._find(child.markup, pos, hi)
                pos = start + len(child.markup)
                if not state.silent and self._region_at(start) is None:
                    b.replacement(child.content, start, pos)
                    self._prose = self._prose or bool(child.content.strip())
            elif kind == "html_inline":
                start, pos = self._find_lines(child.content, pos, hi)
                tag = self.source[start:pos]
                self.directives.extend(parse_directives(tag, start, self.line_of))
                self._inline_tag(tag, start, pos, state)
            elif kind == "link_open":
                self.code.append(str(child.attrGet("href") or ""))
                if child.markup == "autolink":
                    start = self._find("<", pos, hi)
                    pos = self._find(">", start, hi) + 1
                    if not state.silent:
                        self._placeholder(start, pos)
                    hidden_link = True
                elif child.markup == "linkify" and not _GFM_AUTOLINK.match(
                    self._linkify_text(children, child)
                ):
                    plain_link = True
                elif child.markup == "linkify":
                    start, pos = self._linkify_span(children, child, pos, hi)
                    if not state.silent:
                        self._placeholder(start, pos)
                    hidden_link = True
                else:
                    pos = self._find("[", pos, hi) + 1
            elif kind == "link_close":
                if plain_link:
                    plain_link = False
                elif hidden_link:
                    hidden_link = False
                else:
                    pos = self._skip_link_tail(self._find("]", pos, hi) + 1, hi)
            elif kind == "image":
                self.code.append(str(child.attrGet("src") or ""))
                start = self._find("![", pos, hi)
                close = self._matching_bracket(start + 1, hi)
                end = self._skip_link_tail(close, hi)
                if not state.silent:
                    self._placeholder(start, end)
                    if close - 1 > start + 2:
                        self.meta_texts.append(MetaText("attr.alt", start + 2, close - 1))
                pos = end
            elif kind.endswith(("_open", "_close")) and child.markup:
                pos = self._find(child.markup, pos, hi) + len(child.markup)
                if kind == "s_open":
                    state.struck += 1
                elif kind == "s_close":
                    state.struck -= 1
        if state.hidden_tag:
            self._placeholder(state.hidden_start, pos)
        return pos

    def _inline_tag(self, tag: str, start: int, end: int, state: _InlineState) -> None:
        """Inline HTML: `<code>`...`</code>` is one placeholder, `<script>` and `<style>`
        content is left out, an `<img>`'s alt text is kept for Vale's rules."""
        match = _TAG.match(tag)
        if match is None:
            return
        closing, name = match.group(1) == "/", match.group(2).lower()
        if state.hidden_tag:
            if closing and name == state.hidden_tag:
                if state.hidden_tag in CODE_TAGS and not state.struck:
                    self._placeholder(state.hidden_start, end)
                state.hidden_tag = ""
            return
        if not closing and (name in CODE_TAGS or name in SKIPPED_TAGS):
            state.hidden_tag, state.hidden_start = name, start
        elif name == "br" and not state.silent and not self.source[end : end + 1].isspace():
            self.builder.separator(" ", end)  # a line break between two words
        elif not closing and name == "img" and not state.silent:
            self.meta_texts.extend(
                MetaText("attr.alt", a, b) for a, b in scan_html(self.source, start, end).alts
            )

    def _linkify_span(
        self, children: list[Token], link_open: Token, pos: int, hi: int
    ) -> tuple[int, int]:
        """Where a bare URL is in the source. markdown-it decodes its text (`%20` reads
        as a space), so a URL not found as written runs up to the next token's text."""
        url = self._linkify_text(children, link_open)
        try:
            start = self._find(url, pos, hi)
            return start, start + len(url)
        except _Unmappable:
            pass
        head = re.split(r"[%\s]", url, maxsplit=1)[0]
        start = self._find(head, pos, hi)
        index = children.index(link_open)
        after = next((c for c in children[index + 1 :] if c.type == "link_close"), None)
        following = children[children.index(after) + 1 :] if after is not None else []
        if following and following[0].type == "text" and following[0].content:
            return start, self._find(following[0].content, start + len(head), hi)
        match = re.compile(r"\S+").match(self.source, start, hi)
        return start, match.end() if match else start + len(head)

    @staticmethod
    def _linkify_text(children: list[Token], link_open: Token) -> str:
        index = children.index(link_open)
        for child in children[index + 1 :]:
            if child.type == "text":
                return child.content
            if child.type == "link_close":
                break
        raise _Unmappable("linkify")

    def _closing_backticks(self, pos: int, fence: str, hi: int) -> int:
        pattern = re.compile(r"(?<!`)" + re.escape(fence) + r"(?!`)")
        match = pattern.search(self.source, pos, hi)
        if not match:
            raise _Unmappable(fence)
        return match.end()

    def _matching_bracket(self, open_index: int, hi: int) -> int:
        """Index after the ']' that closes the '[' at open_index."""
        depth = 0
        index = open_index
        while index < hi:
            char = self.source[index]
            if char == "\\":
                index += 2
                continue
            if char == "[":
                depth += 1
            elif char == "]":
                depth -= 1
                if depth == 0:
                    return index + 1
            index += 1
        raise _Unmappable("]")

    def _skip_link_tail(self, pos: int, hi: int) -> int:
        """Skip an inline destination `(url "title")` or a reference label `[ref]`."""
        if pos >= hi:
            return pos
        if self.source[pos] == "[":
            return self._matching_bracket(pos, hi)
        if self.source[pos] != "(":
            return pos
        depth = 0
        quote = ""
        index = pos
        while index < hi:
            char = self.source[index]
            if char == "\\":
                index += 2
                continue
            if quote:
                if char == quote:
                    quote = ""
            elif char in "\"'" and depth == 1 and self.source[index - 1] in " \t\n":
                quote = char
            elif char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    return index + 1
            index += 1
        raise _Unmappable(")")


def _one_emphasis(children: list[Token]) -> bool:
    """The inline content is a single bold or italic span, space aside."""
    items = [c for c in children if c.type not in ("text", "softbreak") or c.content.strip()]
    if len(items) < 2 or items[0].type not in ("strong_open", "em_open"):
        return False
    opening, closing = items[0].type, items[0].type.replace("_open", "_close")
    depth = 0
    for position, item in enumerate(items):
        depth += (item.type == opening) - (item.type == closing)
        if depth == 0:
            return position == len(items) - 1
    return False


def _strip_span(source: str, start: int, end: int) -> tuple[int, int]:
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1].isspace():
        end -= 1
    return start, end


def _trimmed(source: str, pieces: list[Piece]) -> list[Piece]:
    """The pieces without the whitespace around the element's text (Vale trims it)."""
    kept = list(pieces)

    def blank(piece: Piece) -> bool:
        return piece.kind == "space" or (
            piece.kind in _PROSE_PIECES and not source[piece.start : piece.end].strip()
        )

    while kept and blank(kept[0]):
        kept.pop(0)
    while kept and blank(kept[-1]):
        kept.pop()
    if kept and kept[0].kind in _PROSE_PIECES:
        start, _ = _strip_span(source, kept[0].start, kept[0].end)
        kept[0] = Piece(kept[0].kind, start, kept[0].end)
    if kept and kept[-1].kind in _PROSE_PIECES:
        _, end = _strip_span(source, kept[-1].start, kept[-1].end)
        kept[-1] = Piece(kept[-1].kind, kept[-1].start, end)
    return _merge_markdown(kept)


# Pieces whose own text is prose (the space around an element's text is trimmed off them).
_PROSE_PIECES = ("text", "markdown")


def _merge_markdown(pieces: list[Piece]) -> list[Piece]:
    """Adjacent Markdown runs and entities form one run for the inline parser."""
    merged: list[Piece] = []
    for piece in pieces:
        last = merged[-1] if merged else None
        if (last is not None and last.kind == "markdown" and piece.kind in ("markdown", "entity")
                and last.end == piece.start):
            merged[-1] = Piece("markdown", last.start, piece.end)
        elif (last is not None and last.kind == "entity" and piece.kind == "markdown"
              and last.end == piece.start and len(merged) >= 2
              and merged[-2].kind == "markdown" and merged[-2].end == last.start):
            merged[-2:] = [Piece("markdown", merged[-2].start, piece.end)]
        else:
            merged.append(piece)
    return merged
