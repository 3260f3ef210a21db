"""The spaCy rule engine: Matcher and DependencyMatcher patterns from YAML rules.

It reads each block's parse from the document's analysis; one unit of work per block,
whose findings depend on the block's text, its placeholders, whether it ends a paragraph
and whether the document writes curly apostrophes (suggestions follow the document).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

from proofer.analysis.document import DocumentAnalysis, Piece, plain_quotes
from proofer.cache.codec import from_data, to_data
from proofer.cache.keys import code_fingerprint, digest
from proofer.document import Document
from proofer.engines.base import WorkUnit
from proofer.finding import TextFinding
from proofer.lexicon import Lexicon
from proofer.rulebook import Rule
from proofer.textmap import TextMap

if TYPE_CHECKING:  # spaCy loads only when a block has to be checked
    from spacy.language import Language
    from spacy.tokens import Doc

    from proofer.engines.spacy.compile import CompiledRule

ENGINE_NAME = "spacy"
DEFAULT_PRIORITY = 50

__all__ = ["SpacyEngine", "curly_style", "in_style", "plain_quotes"]


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
        self,
        nlp: Language | Callable[[], Language],
        rules: Sequence[Rule],
        lexicon: Lexicon | None = None,
    ) -> None:
        # The pipeline itself, or what loads it on first use.
        self.nlp: Callable[[], Language] = _provider(nlp)
        from proofer.cache.validated import already_validated, validation_keys

        self._rule_list = tuple(rule for rule in rules if rule.engine == ENGINE_NAME)
        # A lexicon given by the caller (tests) is part of the fingerprint; the default one
        # is proofer's rule data, already in the code fingerprint.
        self._lexicon_key = "default" if lexicon is None else digest(lexicon)
        self._lexicon = lexicon
        # A broken rule is reported when the engine is built. Rules that compiled before
        # (the validation memo) are compiled on first use: a run answered from the result
        # cache then never imports spaCy.
        if lexicon is not None or not already_validated(
            validation_keys(ENGINE_NAME, self._rule_list)
        ):
            _ = self._rules

    @cached_property
    def _rules(self) -> dict[str, CompiledRule]:
        from proofer.engines.spacy.compile import compile_rule
        from proofer.lexicon import default_lexicon

        lexicon = self._lexicon or default_lexicon()
        return {rule.id: compile_rule(rule, lexicon) for rule in self._rule_list}

    @property
    def rules(self) -> list[Rule]:
        return list(self._rule_list)

    # -- the engine protocol --------------------------------------------------------

    @cached_property
    def _fingerprint(self) -> str:
        from proofer.engines.spacy.model import parser_versions

        return digest(ENGINE_NAME, code_fingerprint(), parser_versions(), self._rule_list,
                      self._lexicon_key)

    def fingerprint(self) -> str:
        return self._fingerprint

    def units(self, analysis: DocumentAnalysis) -> list[WorkUnit]:
        if not self._rule_list:
            return []
        curly = analysis.curly
        return [
            WorkUnit(digest([(p.text, p.placeholders, p.ends_paragraph)
                             for p in analysis.pieces(i)], curly), block=i)
            for i in range(len(analysis.blocks))
        ]

    def check_units(self, analysis: DocumentAnalysis, indices: Sequence[int]) -> dict[int, Any]:
        parses = analysis.parses(indices)
        curly = analysis.curly
        results: dict[int, Any] = {}
        for index in indices:
            base = analysis.blocks[index].text_start
            found: set[TextFinding] = set()
            for parsed in parses[index]:
                found.update(self._check_doc(parsed.doc, parsed.piece, curly))
            results[index] = [
                to_data(_moved(f, -base)) for f in sorted(found, key=_order)
            ]
        return results

    def finish(self, analysis: DocumentAnalysis, results: Sequence[Any]) -> list[TextFinding]:
        if not results:
            return []
        found: set[TextFinding] = set()
        for block, items in zip(analysis.blocks, results, strict=True):
            found.update(_moved(from_data(TextFinding, item), block.text_start)
                         for item in items)
        return sorted(found, key=_order)

    def check(self, documents: list[Document]) -> dict[str, list[TextFinding]]:
        return {d.path: self._check_uncached(d) for d in documents}

    def check_textmap(self, textmap: TextMap) -> list[TextFinding]:
        """Findings for one document's checkable text (uncached)."""
        return self._check_uncached(Document("<text>", textmap.text, textmap))

    def _check_uncached(self, document: Document) -> list[TextFinding]:
        analysis = DocumentAnalysis(document, self.nlp)
        units = self.units(analysis)
        values = self.check_units(analysis, range(len(units)))
        analysis.release()
        return self.finish(analysis, [values[i] for i in range(len(units))])

    def close(self) -> None:
        """Nothing to release: the pipeline belongs to the caller."""

    # -- matching ---------------------------------------------------------------------

    @cached_property
    def _compiled(self) -> _Compiled:
        return _Compiled(self.nlp(), self._rules)

    def _check_doc(self, doc: Doc, piece: Piece, curly: bool) -> Iterator[TextFinding]:
        compiled = self._compiled
        placeholders = frozenset(
            tok.i
            for tok in doc
            if any(s <= tok.idx < e for s, e in piece.placeholders)
        )
        matches: list[tuple[str, int, int, tuple[int, int] | None]] = []
        # spaCy returns 4-tuples with alignments; its stubs only know 3-tuples.
        strings = compiled.nlp.vocab.strings
        for match_id, start, end, alignment in compiled.matcher(doc, with_alignments=True):  # type: ignore[misc]
            rule_id, flags = compiled.patterns[strings[match_id]]
            flagged = [start + i for i, a in enumerate(alignment) if flags[a]]
            span = (flagged[0] - start, flagged[-1] + 1 - start) if flagged else None
            matches.append((rule_id, start, end, span))
        if len(compiled.dep_matcher):
            for match_id, token_ids in compiled.dep_matcher(doc):
                ordered = sorted(token_ids)
                rule_id = strings[match_id]
                matches.append((rule_id, ordered[0], ordered[-1] + 1, None))
        for rule_id, start, end, span in matches:
            finding = self._finding(
                compiled.rules[rule_id], doc, start, end, span, piece, placeholders, curly
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
        piece: Piece,
        placeholders: frozenset[int],
        curly: bool,
    ) -> TextFinding | None:
        from proofer.engines.spacy.context import MatchContext
        from proofer.engines.spacy.templates import match_case, render

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


def _order(finding: TextFinding) -> tuple[int, int, str, tuple[str, ...]]:
    return finding.sort_key()


def _moved(finding: TextFinding, shift: int) -> TextFinding:
    return replace(finding, start=finding.start + shift, end=finding.end + shift)


def _provider(nlp: Language | Callable[[], Language]) -> Callable[[], Language]:
    """What gives the pipeline: a loaded one (a Language has `pipe_names`) or a loader."""
    if hasattr(nlp, "pipe_names"):
        pipeline = cast("Language", nlp)
        return lambda: pipeline
    return cast("Callable[[], Language]", nlp)


class _Compiled:
    """The rules compiled for one pipeline: patterns in a Matcher and a DependencyMatcher."""

    def __init__(self, nlp: Language, rules: dict[str, CompiledRule]) -> None:
        from spacy.matcher import DependencyMatcher, Matcher

        self.nlp = nlp
        self.rules = rules
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.dep_matcher = DependencyMatcher(nlp.vocab, validate=True)
        # Each pattern gets its own key so alignments tell which pattern tokens carry FLAG.
        self.patterns: dict[str, tuple[str, tuple[bool, ...]]] = {}
        for compiled in self.rules.values():
            for number, (pattern, flags) in enumerate(compiled.patterns):
                key = f"{compiled.rule.id}#{number}"
                self.matcher.add(key, [list(pattern)])
                self.patterns[key] = (compiled.rule.id, flags)
            if compiled.dependency_patterns:
                self.dep_matcher.add(compiled.rule.id, list(compiled.dependency_patterns))
