"""The spaCy rule engine: Matcher and DependencyMatcher patterns from YAML rules."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc

from proofer.document import Document
from proofer.engines.spacy.compile import CompiledRule, compile_rule
from proofer.engines.spacy.context import MatchContext
from proofer.engines.spacy.templates import match_case, render
from proofer.finding import TextFinding
from proofer.lexicon import Lexicon, default_lexicon
from proofer.rulebook import Rule
from proofer.textmap import SegmentKind, TextMap

ENGINE_NAME = "spacy"
DEFAULT_PRIORITY = 50
# spaCy's parser needs bounded inputs; longer blocks are cut at a sentence end.
MAX_PIECE_CHARS = 20_000
# spaCy parses a batch at once: a bounded batch keeps memory flat on long inputs (a 1 MB
# paragraph in 64-piece batches peaked at 2.3 GB).
MAX_BATCH_CHARS = 40_000


@dataclass(frozen=True)
class _Piece:
    offset: int
    text: str
    placeholders: tuple[tuple[int, int], ...]
    # The piece ends a paragraph that introduces nothing after it (no list, code ...).
    ends_paragraph: bool = False


# Typographic quotes and apostrophes read as their straight forms, so "it’s" is "it's" to
# the parser and the rules; the translation keeps every offset.
_PLAIN_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def plain_quotes(text: str) -> str:
    """`text` with typographic quotes and apostrophes made straight, offsets unchanged."""
    return text.translate(_PLAIN_QUOTES)


def curly_style(text: str) -> bool:
    """The text writes its apostrophes typographically (’) more often than straight (')."""
    return text.count("’") > text.count("'")


def in_style(suggestion: str, curly: bool) -> str:
    """A suggestion with the document's own apostrophes."""
    return suggestion.replace("'", "’") if curly else suggestion


class SpacyEngine:
    """Runs every spaCy rule over each block of checkable text."""

    name = ENGINE_NAME

    def __init__(
        self, nlp: Language, rules: Sequence[Rule], lexicon: Lexicon | None = None
    ) -> None:
        self._nlp = nlp
        lexicon = lexicon or default_lexicon()
        self._rules: dict[str, CompiledRule] = {
            rule.id: compile_rule(rule, lexicon) for rule in rules if rule.engine == ENGINE_NAME
        }
        self._matcher = Matcher(nlp.vocab, validate=True)
        self._dep_matcher = DependencyMatcher(nlp.vocab, validate=True)
        # Each pattern gets its own key so alignments tell which pattern tokens carry FLAG.
        self._patterns: dict[str, tuple[str, tuple[bool, ...]]] = {}
        for compiled in self._rules.values():
            for number, (pattern, flags) in enumerate(compiled.patterns):
                key = f"{compiled.rule.id}#{number}"
                self._matcher.add(key, [list(pattern)])
                self._patterns[key] = (compiled.rule.id, flags)
            if compiled.dependency_patterns:
                self._dep_matcher.add(compiled.rule.id, list(compiled.dependency_patterns))

    @property
    def rules(self) -> list[Rule]:
        return [compiled.rule for compiled in self._rules.values()]

    def check(self, documents: list[Document]) -> dict[str, list[TextFinding]]:
        results: dict[str, list[TextFinding]] = {}
        for document in documents:
            results[document.path] = self.check_textmap(document.textmap)
        return results

    def check_textmap(self, textmap: TextMap) -> list[TextFinding]:
        """Findings for one document's checkable text."""
        if not self._rules:
            return []
        pieces = list(_pieces(textmap))
        curly = curly_style(textmap.text)
        findings: set[TextFinding] = set()
        docs = self._nlp.pipe(
            (plain_quotes(p.text) for p in pieces), batch_size=_batch_size(pieces)
        )
        for piece, doc in zip(pieces, docs, strict=True):
            findings.update(self._check_doc(doc, piece, curly))
        return sorted(findings, key=TextFinding.sort_key)

    def close(self) -> None:
        """Nothing to release: the pipeline belongs to the caller."""

    def _check_doc(self, doc: Doc, piece: _Piece, curly: bool) -> Iterator[TextFinding]:
        placeholders = frozenset(
            tok.i
            for tok in doc
            if any(s <= tok.idx < e for s, e in piece.placeholders)
        )
        matches: list[tuple[str, int, int, tuple[int, int] | None]] = []
        # spaCy returns 4-tuples with alignments; its stubs only know 3-tuples.
        for match_id, start, end, alignment in self._matcher(doc, with_alignments=True):  # type: ignore[misc]
            rule_id, flags = self._patterns[self._nlp.vocab.strings[match_id]]
            flagged = [start + i for i, a in enumerate(alignment) if flags[a]]
            span = (flagged[0] - start, flagged[-1] + 1 - start) if flagged else None
            matches.append((rule_id, start, end, span))
        if len(self._dep_matcher):
            for match_id, token_ids in self._dep_matcher(doc):
                ordered = sorted(token_ids)
                rule_id = self._nlp.vocab.strings[match_id]
                matches.append((rule_id, ordered[0], ordered[-1] + 1, None))
        for rule_id, start, end, span in matches:
            finding = self._finding(
                self._rules[rule_id], doc, start, end, span, piece, placeholders, curly
            )
            if finding is not None:
                yield finding

    def _finding(
        self,
        compiled: CompiledRule,
        doc: Doc,
        start: int,
        end: int,
        flag_span: tuple[int, int] | None,
        piece: _Piece,
        placeholders: frozenset[int],
        curly: bool,
    ) -> TextFinding | None:
        if any(i in placeholders for i in range(start, end)):
            return None
        ctx = MatchContext(doc, start, end, placeholders, piece.ends_paragraph)
        if not all(condition(ctx) for condition in compiled.when):
            return None
        if any(condition(ctx) for condition in compiled.unless):
            return None
        rule = compiled.rule
        flag_from, flag_to = flag_span or compiled.flag or (0, end - start)
        first, last = doc[start + flag_from], doc[start + flag_to - 1]
        char_start, char_end = first.idx, last.idx + len(last.text)
        flagged = doc.text[char_start:char_end]
        suggestions: list[str] = []
        for template in compiled.suggest:
            text = render(template, ctx)
            if text is not None and text != flagged:
                text = in_style(match_case(text, flagged), curly)
                if text not in suggestions:
                    suggestions.append(text)

        def written(i: int) -> str:
            return piece.text[doc[i].idx : doc[i].idx + len(doc[i].text)]

        message = rule.message.format(
            suggestion=suggestions[0] if suggestions else "",
            match=piece.text[char_start:char_end],
            **{f"t{i}": written(start + i) for i in range(end - start)},
        )
        return TextFinding(
            rule=rule.id,
            start=piece.offset + char_start,
            end=piece.offset + char_end,
            message=message,
            severity=rule.severity,
            category=rule.category,
            engine=ENGINE_NAME,
            suggestions=tuple(suggestions[:5]),
            priority=rule.priority or DEFAULT_PRIORITY,
        )


def _batch_size(pieces: Sequence[_Piece]) -> int:
    longest = max((len(p.text) for p in pieces), default=1)
    return max(1, min(64, MAX_BATCH_CHARS // max(1, longest)))


def _pieces(textmap: TextMap) -> Iterator[_Piece]:
    placeholders = [
        (s.text_start, s.text_end) for s in textmap.segments if s.kind is SegmentKind.PLACEHOLDER
    ]
    for block in textmap.blocks:
        start = block.text_start
        while start < block.text_end:
            end = _cut(textmap.text, start, block.text_end)
            inside = tuple(
                (s - start, e - start) for s, e in placeholders if start <= s < end
            )
            ends_paragraph = (
                end == block.text_end and block.kind == "paragraph" and not block.leads_in
            )
            yield _Piece(start, textmap.text[start:end], inside, ends_paragraph)
            start = end


def _cut(text: str, start: int, limit: int) -> int:
    if limit - start <= MAX_PIECE_CHARS:
        return limit
    window_end = start + MAX_PIECE_CHARS
    for mark in (". ", "? ", "! ", "\n", " "):
        index = text.rfind(mark, start + MAX_PIECE_CHARS // 2, window_end)
        if index > 0:
            return index + len(mark)
    return window_end
