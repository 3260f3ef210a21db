"""Vale scopes as spans of a document: text, heading, sentence, paragraph, list, raw..."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from proofer.document import Document
from proofer.engines.style.sentences import split_sentences
from proofer.engines.style.view import META_BLOCK
from proofer.textmap import SegmentKind

# As in Vale: `text` is every block on its own, `summary` the prose of the whole file,
# `paragraph` only plain paragraphs, and every block is split into sentences.
_PARAGRAPH_KINDS = ("paragraph",)
_SENTENCE_KINDS = ("paragraph", "list", "blockquote", "heading", "table")
_SUMMARY_KINDS = ("paragraph", "list", "blockquote")
KNOWN_SCOPES = frozenset(
    {"text", "summary", "raw", "heading", "sentence", "paragraph", "list", "blockquote",
     "table", "table.header", "table.cell"}
    | {f"heading.h{n}" for n in range(1, 7)}
)


@dataclass(frozen=True)
class Unit:
    """One piece of a document a rule runs on; `raw` units index document.source. A
    block's unit keeps its heading level and whether it is a table's header cell."""

    scope: str
    start: int
    end: int
    raw: bool = False
    level: int = 0
    header: bool = False


class ScopeIndex:
    """Units of one document for each scope name, computed once. With `only`, the units
    of those blocks alone (indices into the document's blocks): what a rule whose units
    never leave a block finds in them."""

    def __init__(self, document: Document, only: Collection[int] | None = None) -> None:
        self.document = document
        blocks = document.textmap.blocks
        self._blocks_in = (
            blocks if only is None else tuple(b for i, b in enumerate(blocks) if i in only)
        )
        self._cache: dict[str, list[Unit]] = {}

    def text(self, unit: Unit) -> str:
        """The characters a unit covers."""
        whole = self.document.source if unit.raw else self.document.textmap.text
        return whole[unit.start : unit.end]

    def text_with_code(self, unit: Unit) -> str:
        """The unit's text with inline code masked by asterisks (as Vale masks it) instead
        of placeholder words, so code never counts as a wrongly capitalised word."""
        if unit.raw:
            return self.text(unit)
        textmap = self.document.textmap
        parts = []
        cursor = unit.start
        for seg in textmap.overlapping(unit.start, unit.end):
            if seg.kind is not SegmentKind.PLACEHOLDER:
                continue
            parts.append(textmap.text[cursor : seg.text_start])
            code = self.document.source[seg.source_start : seg.source_end]
            code = code.strip("`").strip() if code.startswith("`") else code
            parts.append("*" * max(1, len(code)))
            cursor = seg.text_end
        parts.append(textmap.text[cursor : unit.end])
        return "".join(parts)

    def literal_part(self, start: int, end: int) -> tuple[int, int]:
        """The first stretch of text[start:end] free of placeholders (inline code, URLs),
        trimmed of spaces: where a whole-unit alert can be shown."""
        text = self.document.textmap.text
        for seg in self.document.textmap.overlapping(start, end):
            if seg.kind is not SegmentKind.PLACEHOLDER:
                continue
            if seg.text_start > start and text[start : seg.text_start].strip():
                end = seg.text_start
                break
            start = max(start, seg.text_end)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def _blocks(self, kinds: tuple[str, ...], scope: str) -> list[Unit]:
        return [
            Unit(scope, b.text_start, b.text_end, level=b.level, header=b.header)
            for b in self._blocks_in
            if b.kind in kinds
        ]

    def sentences(self) -> list[Unit]:
        """Sentence units of every block."""
        if "sentence" not in self._cache:
            self._cache["sentence"] = self._split(_SENTENCE_KINDS)
        return self._cache["sentence"]

    def prose_sentences(self) -> list[Unit]:
        """Sentences of paragraphs, lists and quotes: what readability formulas count."""
        if "prose" not in self._cache:
            self._cache["prose"] = self._split(_SUMMARY_KINDS)
        return self._cache["prose"]

    def _split(self, kinds: tuple[str, ...]) -> list[Unit]:
        text = self.document.textmap.text
        return [
            Unit("sentence", lo, hi)
            for block in self._blocks(kinds, "block")
            for lo, hi in split_sentences(text, block.start, block.end)
        ]

    def units(self, scope: str) -> list[Unit]:
        """Units for one positive scope name (unknown scopes have none)."""
        text = self.document.textmap.text
        if scope == "text":
            return self._blocks((*_SENTENCE_KINDS, META_BLOCK), scope)
        if scope == "summary":
            return [Unit(scope, 0, len(text))] if text.strip() else []
        if scope == "raw":
            return [Unit("raw", 0, len(self.document.source), raw=True)]
        if scope == "sentence":
            return self.sentences()
        if scope == "paragraph":
            return self._blocks(_PARAGRAPH_KINDS, scope)
        if scope == "table":
            return self._blocks(("table",), scope)
        if scope in ("table.header", "table.cell"):
            header = scope == "table.header"
            return [u for u in self._blocks(("table",), scope) if u.header == header]
        if scope in ("heading", "list", "blockquote"):
            return self._blocks((scope,), scope)
        if scope.startswith("heading.h") and scope[-1].isdigit():
            level = int(scope[-1])
            return [u for u in self._blocks(("heading",), scope) if u.level == level]
        return []

    def select(self, scopes: tuple[str, ...]) -> list[Unit]:
        """Units for a rule's scope list; `~x` entries exclude blocks of kind x."""
        negated = tuple(s[1:] for s in scopes if s.startswith("~"))
        positive = [s for s in scopes if not s.startswith("~")]
        if not positive:
            kinds = {b.kind for b in self._blocks_in} - set(negated)
            if "text" in negated:
                kinds = set()
            if "paragraph" in negated:
                kinds -= {"blockquote"}
            return self._blocks(tuple(sorted(kinds)), "text")
        units = [u for scope in positive for u in self.units(scope)]
        if not negated:
            return units
        excluded = [u for scope in negated for u in self.units(scope)]
        return [
            u for u in units
            if not any(x.start <= u.start and u.end <= x.end for x in excluded)
        ]
