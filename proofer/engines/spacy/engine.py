"""The spaCy rule engine: Matcher and DependencyMatcher patterns from YAML rules."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc

from proofer.document import Document
from proofer.engines.spacy.conditions import CONDITIONS, MatchContext, check_condition
from proofer.engines.spacy.templates import FILTERS, match_case, render, template_fields
from proofer.finding import TextFinding
from proofer.rulebook import Rule, RuleFileError
from proofer.textmap import SegmentKind, TextMap

ENGINE_NAME = "spacy"
DEFAULT_PRIORITY = 50
# spaCy's parser needs bounded inputs; longer blocks are cut at a sentence end.
MAX_PIECE_CHARS = 20_000


@dataclass(frozen=True)
class _Piece:
    offset: int
    text: str
    placeholders: tuple[tuple[int, int], ...]
    # The piece ends a paragraph that introduces nothing after it (no list, code ...).
    ends_paragraph: bool = False


def _validate_rule(rule: Rule) -> None:
    spec = rule.spec
    if not spec.get("patterns") and not spec.get("dependency_patterns"):
        raise RuleFileError(f"{rule.path}: field 'spacy.patterns': a spaCy rule needs patterns")
    for key in ("when", "unless"):
        for condition in spec.get(key, []):
            (name,) = condition
            if name not in CONDITIONS:
                known = ", ".join(sorted(CONDITIONS))
                raise RuleFileError(
                    f"{rule.path}: field 'spacy.{key}': unknown condition {name!r} (known: {known})"
                )
    for template in spec.get("suggest", []):
        for _, name in template_fields(template):
            if name not in FILTERS:
                raise RuleFileError(
                    f"{rule.path}: field 'spacy.suggest': unknown filter {name!r} in {template!r}"
                )


class SpacyEngine:
    """Runs every spaCy rule over each block of checkable text."""

    name = ENGINE_NAME

    def __init__(self, nlp: Language, rules: Sequence[Rule]) -> None:
        self._nlp = nlp
        self._rules = {rule.id: rule for rule in rules if rule.engine == ENGINE_NAME}
        self._matcher = Matcher(nlp.vocab, validate=True)
        self._dep_matcher = DependencyMatcher(nlp.vocab, validate=True)
        # Each pattern gets its own key so alignments tell which pattern tokens carry FLAG.
        self._patterns: dict[str, tuple[str, tuple[bool, ...]]] = {}
        for rule in self._rules.values():
            _validate_rule(rule)
            try:
                for number, pattern in enumerate(rule.spec.get("patterns", [])):
                    key = f"{rule.id}#{number}"
                    flags = tuple(bool(tok.get("FLAG")) for tok in pattern)
                    clean = [{k: v for k, v in tok.items() if k != "FLAG"} for tok in pattern]
                    self._matcher.add(key, [clean])
                    self._patterns[key] = (rule.id, flags)
                if rule.spec.get("dependency_patterns"):
                    self._dep_matcher.add(rule.id, list(rule.spec["dependency_patterns"]))
            except (ValueError, KeyError) as exc:
                raise RuleFileError(f"{rule.path}: field 'spacy.patterns': {exc}") from None

    @property
    def rules(self) -> list[Rule]:
        return list(self._rules.values())

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
        findings: set[TextFinding] = set()
        docs = self._nlp.pipe((p.text for p in pieces), batch_size=64)
        for piece, doc in zip(pieces, docs, strict=True):
            findings.update(self._check_doc(doc, piece))
        return sorted(findings, key=TextFinding.sort_key)

    def close(self) -> None:
        """Nothing to release: the pipeline belongs to the caller."""

    def _check_doc(self, doc: Doc, piece: _Piece) -> Iterator[TextFinding]:
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
                self._rules[rule_id], doc, start, end, span, piece, placeholders
            )
            if finding is not None:
                yield finding

    def _finding(
        self,
        rule: Rule,
        doc: Doc,
        start: int,
        end: int,
        flag_span: tuple[int, int] | None,
        piece: _Piece,
        placeholders: frozenset[int],
    ) -> TextFinding | None:
        if any(i in placeholders for i in range(start, end)):
            return None
        ctx = MatchContext(doc, start, end, placeholders, piece.ends_paragraph)
        spec = rule.spec
        if not all(check_condition(c, ctx) for c in spec.get("when", [])):
            return None
        if any(check_condition(c, ctx) for c in spec.get("unless", [])):
            return None
        flag_from, flag_to = flag_span or spec.get("flag", [0, end - start])
        first, last = doc[start + flag_from], doc[start + flag_to - 1]
        char_start, char_end = first.idx, last.idx + len(last.text)
        flagged = doc.text[char_start:char_end]
        suggestions: list[str] = []
        for template in spec.get("suggest", []):
            text = render(template, ctx)
            if text is not None and text != flagged:
                text = match_case(text, flagged)
                if text not in suggestions:
                    suggestions.append(text)
        message = rule.message.format(
            suggestion=suggestions[0] if suggestions else "",
            match=flagged,
            **{f"t{i}": doc[start + i].text for i in range(end - start)},
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
