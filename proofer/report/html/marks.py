"""Highlights placed in source coordinates and carried through rendering by sentinels.

Every offset where a highlight starts or ends gets one private-use character in the
source before it is rendered; the renderer copies those characters into its output like
any other letter. `weave` then turns the text between two sentinels into `<mark>` segments
of the findings that cover it. So a highlight covers exactly the rendered form of its
source span, whatever markup lies inside it, and segments never cross an element.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from proofer.finding import Severity

# Supplementary private-use planes: 131,068 code points no text is expected to use.
_PLANES = ((0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*>")
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr"})
# Elements whose direct text is layout whitespace, never prose: no <mark> goes there.
_NO_TEXT = frozenset({
    "ul", "ol", "table", "thead", "tbody", "tfoot", "tr", "blockquote", "details", "section",
})


@dataclass(frozen=True)
class Highlight:
    """One finding's span of the source (code-point offsets, end exclusive)."""

    key: str
    start: int
    end: int
    severity: Severity
    label: str = ""  # shown beside the highlight in print, to find its entry in the list
    described_by: str = ""  # id of the element that describes the finding (for ARIA)


@dataclass(frozen=True)
class _Boundary:
    active: tuple[int, ...]  # highlights covering the text after this point
    empty: tuple[int, ...]  # zero-width highlights at this point


@dataclass
class Woven:
    """Rendered HTML with highlights, and the element id of each highlight's first segment."""

    html: str
    first_segment: dict[str, str] = field(default_factory=dict)


class Sentinels:
    """The sentinel characters of one document's highlights."""

    def __init__(self, source: str, highlights: Sequence[Highlight]) -> None:
        self.highlights = list(highlights)
        offsets = sorted({h.start for h in highlights} | {h.end for h in highlights})
        self._offsets = offsets
        self._base = _free_base(source, len(offsets))
        self._boundaries = [self._boundary(offset) for offset in offsets]
        if offsets:
            first, last = chr(self._base), chr(self._base + len(offsets) - 1)
            self.pattern = re.compile(f"[{re.escape(first)}-{re.escape(last)}]")
        else:
            self.pattern = re.compile(r"(?!)")

    def _boundary(self, offset: int) -> _Boundary:
        active = tuple(i for i, h in enumerate(self.highlights) if h.start <= offset < h.end)
        empty = tuple(
            i for i, h in enumerate(self.highlights) if h.start == h.end == offset
        )
        return _Boundary(active, empty)

    def insert(self, source: str) -> str:
        """The source with one sentinel at every boundary offset."""
        pieces: list[str] = []
        last = 0
        for index, offset in enumerate(self._offsets):
            pieces.append(source[last:offset])
            pieces.append(chr(self._base + index))
            last = offset
        pieces.append(source[last:])
        return "".join(pieces)

    def strip(self, text: str) -> str:
        """Text without sentinels (for URLs and other attribute values)."""
        return self.pattern.sub("", text)

    def boundary(self, char: str) -> _Boundary:
        return self._boundaries[ord(char) - self._base]


def _free_base(source: str, count: int) -> int:
    """A run of `count` private-use code points none of which occurs in the source."""
    used = sorted({ord(c) for c in source if ord(c) >= _PLANES[0][0]})
    for low, high in _PLANES:
        base = low
        for code in used:
            if code >= base + count:
                break
            if code >= base:
                base = code + 1
        if base + count - 1 <= high:
            return base
    raise ValueError("too many highlights for one document")


class _Weaver:
    def __init__(self, sentinels: Sentinels) -> None:
        self.sentinels = sentinels
        self.highlights = sentinels.highlights
        self.active: tuple[int, ...] = ()
        self.pending_empty: list[int] = []
        self.started: set[int] = set()
        self.woven = Woven("")
        self.out: list[str] = []
        self.stack: list[str] = []

    @property
    def takes_text(self) -> bool:
        return bool(self.stack) and self.stack[-1] not in _NO_TEXT

    def cross(self, char: str) -> None:
        boundary = self.sentinels.boundary(char)
        self.active = boundary.active
        self.pending_empty.extend(boundary.empty)

    def tag(self, match: re.Match[str]) -> None:
        raw = match.group(0)
        for char in self.sentinels.pattern.findall(raw):
            self.cross(char)
        self.out.append(self.sentinels.strip(raw))
        closing, name = match.group(1), match.group(2).lower()
        if name in _VOID or raw.endswith("/>"):
            return
        if closing:
            if name in self.stack:
                del self.stack[len(self.stack) - 1 - self.stack[::-1].index(name) :]
        else:
            self.stack.append(name)

    def text(self, chunk: str) -> None:
        for piece in re.split(f"({self.sentinels.pattern.pattern})", chunk):
            if self.sentinels.pattern.fullmatch(piece):
                self.cross(piece)
                continue
            if not self.takes_text:
                self.out.append(piece)
                continue
            if self.pending_empty:
                self.out.append(self.segment("", tuple(self.pending_empty), empty=True))
                self.pending_empty = []
            if piece:
                self.out.append(self.segment(piece, self.active) if self.active else piece)

    def segment(self, text: str, members: tuple[int, ...], empty: bool = False) -> str:
        keys = [self.highlights[i].key for i in members]
        worst = max((self.highlights[i].severity for i in members), key=lambda s: s.rank)
        new = [i for i in members if i not in self.started]
        classes = f"hl sev-{worst.value}" + (" hl-empty" if empty else "")
        attrs = [f'class="{classes}"', f'data-f="{" ".join(keys)}"']
        if new:
            element_id = f"hl-{self.highlights[new[0]].key}"
            first = " ".join(self.highlights[i].key for i in new)
            labels = ",".join(self.highlights[i].label for i in new if self.highlights[i].label)
            attrs += [f'id="{element_id}"', f'data-first="{first}"', 'tabindex="0"',
                      'role="button"']
            described = " ".join(
                self.highlights[i].described_by for i in new if self.highlights[i].described_by
            )
            attrs += [f'aria-describedby="{escape(described)}"'] if described else []
            attrs += [f'data-n="{escape(labels)}"'] if labels else []
            for i in new:
                self.started.add(i)
                self.woven.first_segment[self.highlights[i].key] = element_id
        return f"<mark {' '.join(attrs)}>{text}</mark>"


def weave(rendered: str, sentinels: Sentinels) -> Woven:
    """Replace the sentinels in rendered HTML by `<mark>` segments.

    `rendered` must be well-formed HTML whose text is escaped (markdown-it's output);
    sentinels found inside a tag take effect where the tag is.
    """
    weaver = _Weaver(sentinels)
    last = 0
    for match in _TAG.finditer(rendered):
        weaver.text(rendered[last : match.start()])
        weaver.tag(match)
        last = match.end()
    weaver.text(rendered[last:])
    weaver.woven.html = "".join(weaver.out)
    return weaver.woven


def escape(text: str) -> str:
    """HTML-escape text and attribute values alike."""
    return html.escape(text, quote=True)
