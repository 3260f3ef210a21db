"""Markdown -> TextMap, using markdown-it-py for the syntax and the source for offsets.

markdown-it-py gives line ranges for blocks but no offsets for inline tokens, so each
inline child is located by scanning the source forward from a cursor inside its block.
Text is always copied from the source itself, so literal segments hold the invariant by
construction; a block whose children cannot be located is left out rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from proofer.document import Directive, Document
from proofer.lines import LineIndex
from proofer.markup.directives import parse_directives
from proofer.markup.nesting import too_deep_spans
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

_CONTAINERS = {
    "heading_open": "heading",
    "blockquote_open": "blockquote",
    "list_item_open": "list",
    "th_open": "table",
    "td_open": "table",
}


# Template directives (Hugo shortcodes, Jinja/Liquid tags, Go present's {{code}}/{{raw}}) are
# not prose: each becomes one placeholder, even when it spans several inline tokens.
_TEMPLATE_OPEN = re.compile(r"\{\{|\{%")
_TEMPLATE_CLOSE = {"{{": "}}", "{%": "%}"}


@dataclass
class _InlineState:
    """Where the inline walk is: inside struck-out text, or inside a template directive."""

    struck: int = 0
    template_start: int | None = None
    template_close: str = ""

    @property
    def silent(self) -> bool:
        return bool(self.struck) or self.template_start is not None


class _Unmappable(Exception):
    """An inline child could not be found in the source."""


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
    walker = _Walker(source)
    tokens = md.parse(_blank_toml_front_matter(source))
    walker.walk(tokens)
    return Document(
        path=path,
        source=source,
        textmap=walker.builder.build(),
        directives=tuple(walker.directives),
        markup="markdown",
        unchecked=too_deep_spans(tokens, md.options["maxNesting"], source),
    )


class _Walker:
    def __init__(self, source: str) -> None:
        self.source = source
        self.lines = LineIndex(source)
        self.builder = TextMapBuilder(source)
        self.directives: list[Directive] = []
        self._row_cursor: dict[int, int] = {}
        self._after_code = False

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
            elif token.type.replace("_close", "_open") in _CONTAINERS:
                if containers:
                    containers.pop()
            elif token.type in ("fence", "code_block"):
                self._after_code = True
            elif token.type == "html_block" and token.map:
                lo, hi = self._offset_of_line(token.map[0]), self._offset_of_line(token.map[1])
                self.directives.extend(parse_directives(self.source[lo:hi], lo, self.line_of))
            elif token.type == "inline" and token.map:
                self._inline_block(token, containers[-1] if containers else "paragraph")

    def _inline_block(self, token: Token, kind: str) -> None:
        assert token.map is not None
        lo = self._offset_of_line(token.map[0])
        hi = self._offset_of_line(token.map[1])
        pos = self._content_start(token, kind, lo)
        mark = self.builder.length
        if mark:
            self.builder.separator(_BLOCK_SEPARATOR, lo)
        self.builder.start_block()
        try:
            pos = self._children(token.children or [], pos, hi)
        except _Unmappable:
            self.builder.rollback(mark)
            return
        if kind == "table":
            self._row_cursor[token.map[0]] = pos
        self.builder.end_block(kind, self._after_code)
        self._after_code = False

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

    def _text(self, start: int, end: int, state: _InlineState) -> None:
        """Copy source text, turning template directives into placeholders."""
        index = start
        while index < end:
            if state.template_start is None:
                match = _TEMPLATE_OPEN.search(self.source, index, end)
                stop = match.start() if match else end
                if not state.struck:
                    self.builder.literal(index, stop)
                if match is None:
                    return
                state.template_start = match.start()
                state.template_close = _TEMPLATE_CLOSE[match.group()]
                index = match.end()
            else:
                close = self.source.find(state.template_close, index, end)
                if close < 0:
                    return
                index = close + len(state.template_close)
                if not state.struck:
                    self.builder.placeholder(state.template_start, index)
                state.template_start = None

    def _children(self, children: list[Token], pos: int, hi: int) -> int:
        b = self.builder
        state = _InlineState()
        hidden_link = False
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
                if not state.silent:
                    b.replacement(" ", start, newline + 1)
                pos = newline + 1
            elif kind == "code_inline":
                start = self._find(child.markup, pos, hi)
                end = self._closing_backticks(start + len(child.markup), child.markup, hi)
                if not state.silent:
                    b.placeholder(start, end)
                pos = end
            elif kind == "text_special":
                start = self._find(child.markup, pos, hi)
                pos = start + len(child.markup)
                if not state.silent:
                    b.replacement(child.content, start, pos)
            elif kind == "html_inline":
                start, pos = self._find_lines(child.content, pos, hi)
                comment = self.source[start:pos]
                self.directives.extend(parse_directives(comment, start, self.line_of))
            elif kind == "link_open":
                if child.markup == "autolink":
                    start = self._find("<", pos, hi)
                    pos = self._find(">", start, hi) + 1
                    if not state.silent:
                        b.placeholder(start, pos)
                    hidden_link = True
                elif child.markup == "linkify":
                    url = self._linkify_text(children, child)
                    start = self._find(url, pos, hi)
                    pos = start + len(url)
                    if not state.silent:
                        b.placeholder(start, pos)
                    hidden_link = True
                else:
                    pos = self._find("[", pos, hi) + 1
            elif kind == "link_close":
                if hidden_link:
                    hidden_link = False
                else:
                    pos = self._skip_link_tail(self._find("]", pos, hi) + 1, hi)
            elif kind == "image":
                start = self._find("![", pos, hi)
                end = self._skip_link_tail(self._matching_bracket(start + 1, hi), hi)
                if not state.silent:
                    b.placeholder(start, end)
                pos = end
            elif kind.endswith(("_open", "_close")) and child.markup:
                pos = self._find(child.markup, pos, hi) + len(child.markup)
                if kind == "s_open":
                    state.struck += 1
                elif kind == "s_close":
                    state.struck -= 1
        if state.template_start is not None and not state.struck:
            b.placeholder(state.template_start, pos)
        return pos

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
