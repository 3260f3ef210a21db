"""The style engine: proofer's built-in style plus the Vale styles a document asks for.

For the result cache, rules whose units never leave a block (the kinds in
BLOCK_LOCAL_KINDS over block scopes, without `limit`) are checked per block: one unit of
work per block of the document's Vale view, keyed by the block's text and source and by
the rules in force. Everything that reads more than one block (consistency, conditional,
metric, readability and openings rules, `summary` and `raw` scopes, `limit`) runs over
the whole document in `finish`, on every check.

Sequence rules read tokens from the document's shared analysis (engines.style.tokens):
the spaCy parse every engine reads, so the style engine parses no text the spaCy engine
has parsed. A block's unit key then also holds what that parse depends on: the text and
layout of the analysis blocks under it, and the parser's versions (in the fingerprint).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from proofer.cache.codec import from_data, to_data
from proofer.cache.keys import code_fingerprint, digest
from proofer.catalog import RuleCatalog
from proofer.config import Config
from proofer.document import Document
from proofer.engines.base import EngineConfigError, WorkUnit
from proofer.engines.style.base import Alert, Checker, RunContext
from proofer.engines.style.kinds import KINDS, UNSUPPORTED_KINDS
from proofer.engines.style.regex_dialect import (
    Match,
    ValePattern,
    ValeRegexError,
    compile_vale,
)
from proofer.engines.style.rule import StyleRule, StyleRuleError, from_builtin
from proofer.engines.style.scopes import ScopeIndex
from proofer.engines.style.styles import (
    VALE_STYLE,
    find_style,
    load_style,
    vale_avoid,
    vale_builtin_rules,
    with_level,
)
from proofer.engines.style.tokens import TokenSource
from proofer.engines.style.valeini import FileSettings, ValeConfigError, read_vale_ini
from proofer.engines.style.view import mask_source_spans, vale_view
from proofer.engines.style.vocab import (
    Vocabulary,
    config_vocabulary,
    vale_ini_for,
    vale_vocabulary,
)
from proofer.finding import Severity, TextFinding
from proofer.rulebook import Rule

if TYPE_CHECKING:  # spaCy loads only when a sequence rule has a block to read
    from spacy.language import Language
    from spacy.tokens import Doc

    from proofer.analysis.document import DocumentAnalysis

ENGINE_NAME = "style"
DEFAULT_PRIORITY = 20
_OFF = ("no", "off", "false")
_ON = ("yes", "on", "true")
# Kinds whose checker looks at one unit at a time, and the scopes whose units lie inside
# one block: such a rule's alerts in a block depend on that block alone.
BLOCK_LOCAL_KINDS = frozenset(
    {"existence", "substitution", "occurrence", "repetition", "sequence", "capitalization"}
)
# Kinds that read tokens from the spaCy parse.
PARSED_KINDS = frozenset({"sequence"})
_BLOCK_SCOPES = frozenset(
    {"text", "sentence", "paragraph", "heading", "list", "blockquote", "table",
     "table.header", "table.cell"}
)


def block_local(rule: StyleRule) -> bool:
    """True when the rule's alerts in a block depend on that block alone."""
    if rule.kind not in BLOCK_LOCAL_KINDS or rule.limit or rule.id == "Vale.Avoid":
        return False
    if rule.kind == "capitalization" and rule.body.get("match") == "$consistent":
        return False
    scopes = [s.removeprefix("~") for s in rule.scopes]
    return all(s in _BLOCK_SCOPES or (s.startswith("heading.h") and s[-1].isdigit())
               for s in scopes)


@dataclass(frozen=True)
class _Plan:
    """The rules in force for one document, with the vocabulary they share."""

    rules: tuple[StyleRule, ...]
    vocab: Vocabulary
    min_level: Severity
    token_ignores: tuple[ValePattern, ...] = ()
    block_ignores: tuple[ValePattern, ...] = ()

    @property
    def active(self) -> tuple[StyleRule, ...]:
        """The rules that run: Vale rules below MinAlertLevel do not."""
        return tuple(
            r for r in self.rules if r.origin != "vale" or r.level.at_least(self.min_level)
        )

    @cached_property
    def local(self) -> tuple[StyleRule, ...]:
        """The active rules checked block by block (cached)."""
        return tuple(r for r in self.active if block_local(r))

    @cached_property
    def key(self) -> str:
        """A digest of what the block-local rules' alerts depend on besides the block."""
        return digest(self.local, self.vocab.accept)

    @cached_property
    def local_reads_parse(self) -> bool:
        """Some block-local rule reads the spaCy parse (cached)."""
        return any(r.kind in PARSED_KINDS for r in self.local)


def _config_error(exc: Exception) -> EngineConfigError:
    """A rule or config error whose message starts with the file it names."""
    path, _, problem = str(exc).partition(": ")
    return EngineConfigError(path, problem or str(exc))


def _ignored(pattern: ValePattern, match: Match) -> tuple[int, int]:
    """A TokenIgnores match: Vale turns its first group (or all of it) into inline code."""
    return match.span(1) if pattern.groups and match.start(1) >= 0 else match.span()


def in_source(view: Document, alert: Alert) -> Alert:
    """The alert in source offsets. A span that holds markup the text does not (code,
    an entity, emphasis markers) keeps its message but offers no replacement, since
    replacing its source would damage the markup."""
    if alert.raw:
        return alert
    textmap = view.textmap
    start, end = textmap.to_source(alert.start, alert.end)
    literal = alert.end > alert.start and textmap.is_literal(alert.start, alert.end)
    suggestions = alert.suggestions if literal else ()
    return Alert(start, end, alert.message, suggestions, raw=True)


class StyleEngine:
    """Runs style rules; Vale styles are found per document from .vale.ini and config."""

    name = ENGINE_NAME

    def __init__(
        self,
        config: Config,
        catalog: RuleCatalog,
        builtin: Sequence[Rule],
        nlp: Callable[[], Language],
    ) -> None:
        self._config = config
        self._catalog = catalog
        # What gives the spaCy pipeline; the analysis parses with it (cache.run).
        self.nlp = nlp
        settings: Mapping[str, Any] = config.raw.get("style-rules", {})
        try:
            self._builtin = tuple(
                from_builtin(r, settings.get(r.id) or settings.get(r.name))
                for r in builtin if r.engine == ENGINE_NAME
            )
        except StyleRuleError as exc:
            raise _config_error(exc) from None
        self._checkers: dict[tuple[str, str], Checker] = {}
        self._styles: dict[Path, list[StyleRule]] = {}
        self._plans: dict[tuple[Any, ...], _Plan] = {}
        base = config.source.parent if config.source else Path.cwd()
        path = config.raw.get("styles-path")
        self._config_styles_path = (base / path) if path else None
        self._config_styles = tuple(config.raw.get("styles", ()))
        self._config_vocab = config_vocabulary(config)

    # -- building ---------------------------------------------------------------
    def checker(self, rule: StyleRule) -> Checker:
        """The compiled checker of a rule (built once per rule and path)."""
        key = (rule.id, rule.path)
        if key not in self._checkers:
            if rule.kind not in KINDS:
                hint = UNSUPPORTED_KINDS.get(rule.kind, "")
                raise EngineConfigError(
                    rule.path or rule.id,
                    f"key 'extends': rule kind {rule.kind!r} is not supported{hint}; "
                    f"turn the rule off (`{rule.id} = NO` in .vale.ini) to run the rest",
                )
            try:
                self._checkers[key] = KINDS[rule.kind](rule)
            except (ValeRegexError, ValueError, TypeError) as exc:
                raise EngineConfigError(rule.path or rule.id, str(exc)) from None
        return self._checkers[key]

    def _style(self, name: str, search: Sequence[Path]) -> list[StyleRule]:
        directory = find_style(name, search)
        if directory is None:
            where = ", ".join(str(p) for p in search) or "(no StylesPath)"
            raise EngineConfigError(
                where, f"style {name!r} not found (for a Vale package, run `vale sync`)"
            )
        if directory not in self._styles:
            try:
                self._styles[directory] = load_style(directory)
            except StyleRuleError as exc:
                raise _config_error(exc) from None
            self._catalog.add_names([name, *(r.id for r in self._styles[directory])])
        return self._styles[directory]

    def plan(self, document: Document) -> _Plan:
        """Rules, vocabulary and minimum level for one document."""
        ini = vale_ini_for(document.path, self._config)
        settings, styles_path = FileSettings(), None
        vale_vocab_names: tuple[str, ...] = ()
        if ini is not None:
            try:
                vale = read_vale_ini(ini)
            except ValeConfigError as exc:
                raise _config_error(exc) from None
            settings = vale.for_file(Path(document.path).resolve())
            styles_path, vale_vocab_names = vale.styles_path, vale.vocab
        key = (ini, settings.key)
        if key in self._plans:
            return self._plans[key]
        search = [p for p in (styles_path, self._config_styles_path) if p is not None]
        vocab = self._config_vocab | vale_vocabulary(styles_path, vale_vocab_names)
        names = list(dict.fromkeys([*settings.styles, *self._config_styles]))
        rules: list[StyleRule] = []
        for name in names:
            if name == VALE_STYLE:
                rules.extend(vale_builtin_rules(vocab))
                self._catalog.add_names([VALE_STYLE, *(r.id for r in rules)])
            else:
                rules.extend(self._style(name, search))
        if vocab.reject and not any(r.id == "Vale.Avoid" for r in rules):
            rules.append(vale_avoid(vocab))
            self._catalog.add_names(["Vale.Avoid"])
        rules = self._apply_levels(rules, settings.rule_levels, search)
        try:
            ignores = tuple(compile_vale(p) for p in settings.token_ignores)
            block_ignores = tuple(compile_vale(p) for p in settings.block_ignores)
        except ValeRegexError as exc:
            raise EngineConfigError(str(ini), f"TokenIgnores/BlockIgnores: {exc}") from None
        plan = _Plan(
            (*self._builtin, *rules), vocab, settings.min_level, ignores, block_ignores
        )
        self._plans[key] = plan
        return plan

    def _apply_levels(
        self, rules: list[StyleRule], levels: Mapping[str, str], search: Sequence[Path]
    ) -> list[StyleRule]:
        by_id = {r.id: r for r in rules}
        for rule_id, value in levels.items():
            setting = value.strip().lower()
            style = rule_id.split(".", 1)[0]
            if rule_id not in by_id and setting not in _OFF and style != VALE_STYLE:
                # `Style.Rule = YES` (or a level) turns on one rule of an unlisted style.
                found = {r.id: r for r in self._style(style, search)}
                if rule_id in found:
                    by_id[rule_id] = found[rule_id]
            if rule_id not in by_id:
                continue
            if setting in _OFF:
                del by_id[rule_id]
            elif setting in ("suggestion", "warning", "error"):
                by_id[rule_id] = with_level(by_id[rule_id], setting)
        return list(by_id.values())

    # -- checking ---------------------------------------------------------------
    def _parse_alone(self, texts: Sequence[str]) -> list[Doc]:
        """Parses of units the shared analysis cannot give tokens for (engines.style.tokens)."""
        from proofer.engines.bounded_parse import parse_bounded

        nlp = self.nlp()
        # Sequences read tags and dependencies only; lemmas are not needed.
        skip = [name for name in ("lemmatizer",) if name in nlp.pipe_names]
        return parse_bounded(nlp, texts, disable=skip)

    # -- the engine protocol (result cache) -----------------------------------------

    @cached_property
    def _fingerprint(self) -> str:
        from proofer.engines.spacy.model import parser_versions

        return digest(ENGINE_NAME, code_fingerprint(), parser_versions())

    def fingerprint(self) -> str:
        """proofer's code and rule data and the parser's versions; the rules in force are
        in each unit's key."""
        return self._fingerprint

    def _view(self, analysis: DocumentAnalysis, plan: _Plan) -> Document:
        """The document as Vale reads it, TokenIgnores and BlockIgnores applied."""
        document = analysis.document

        def build() -> Document:
            source = document.source
            return mask_source_spans(
                vale_view(document),
                [_ignored(p, m) for p in plan.token_ignores for m in p.finditer(source)],
                [m.span() for p in plan.block_ignores for m in p.finditer(source)],
            )

        return analysis.derived(f"{ENGINE_NAME}.view", build)

    def _tokens(self, analysis: DocumentAnalysis, view: Document) -> TokenSource:
        from proofer.engines.style.alignment import ViewAlignment

        alignment = analysis.derived(
            f"{ENGINE_NAME}.alignment",
            lambda: ViewAlignment(view.textmap, analysis.document.textmap),
        )
        return TokenSource(analysis, view, alignment, self._parse_alone)

    def _parse_facts(self, analysis: DocumentAnalysis, view: Document) -> list[Any]:
        """For each block of the view, what the tokens of its units depend on besides the
        block: the analysis blocks under it (by source), their pieces and layout."""
        document = analysis.document
        textmap = document.textmap
        sources = analysis.derived(
            f"{ENGINE_NAME}.block_sources",
            lambda: [textmap.to_source(b.text_start, b.text_end) for b in analysis.blocks],
        )
        starts = [start for start, _ in sources]
        ends = [end for _, end in sources]
        facts = []
        for block in view.textmap.blocks:
            low, high = view.textmap.to_source(block.text_start, block.text_end)
            under = range(bisect.bisect_right(ends, low), bisect.bisect_left(starts, high))
            facts.append([_block_facts(analysis, i) for i in under])
        return facts

    def units(self, analysis: DocumentAnalysis) -> list[WorkUnit]:
        """One unit per block of the Vale view when some rule is checked per block."""
        plan = self.plan(analysis.document)
        for rule in plan.active:
            self.checker(rule)  # an unsupported or broken rule stops the document here
        if not plan.local:
            return []
        view = self._view(analysis, plan)
        textmap, source = view.textmap, view.source
        parse_facts = (
            self._parse_facts(analysis, view) if plan.local_reads_parse
            else itertools.repeat(None)
        )
        units = []
        for block, parsed in zip(textmap.blocks, parse_facts, strict=False):
            layout = [
                (seg.kind.value, seg.text_start - block.text_start,
                 seg.text_end - block.text_start, source[seg.source_start : seg.source_end])
                for seg in textmap.overlapping(block.text_start, block.text_end)
            ]
            text = textmap.text[block.text_start : block.text_end]
            # The block's facts without its place in the document: a moved block is found.
            facts = replace(block, text_start=0, text_end=len(text))
            units.append(WorkUnit(digest(plan.key, facts, text, layout, parsed)))
        return units

    def check_units(self, analysis: DocumentAnalysis, indices: Sequence[int]) -> dict[int, Any]:
        """Alerts of the block-local rules in those blocks, block-relative, in rule order."""
        plan = self.plan(analysis.document)
        view = self._view(analysis, plan)
        blocks = view.textmap.blocks
        ctx = RunContext(ScopeIndex(view, only=set(indices)), plan.vocab.accept,
                         self._tokens(analysis, view))
        starts = [b.text_start for b in blocks]
        results: dict[int, list[Any]] = {i: [] for i in indices}
        for number, rule in enumerate(plan.local):
            for alert in self.checker(rule).run(ctx):
                index = max(0, bisect.bisect_right(starts, alert.start) - 1)
                base = blocks[index].text_start
                moved = Alert(alert.start - base, alert.end - base, alert.message,
                              alert.suggestions, alert.raw)
                results[index].append([number, to_data(moved)])
        return dict(results)

    def finish(self, analysis: DocumentAnalysis, results: Sequence[Any]) -> list[TextFinding]:
        """Every rule's findings: the block-local ones from `results`, the rest now."""
        document = analysis.document
        plan = self.plan(document)
        view = self._view(analysis, plan)
        ctx = RunContext(ScopeIndex(view), plan.vocab.accept, self._tokens(analysis, view))
        findings: list[TextFinding] = []
        # No results: no rule is checked per block (units() gave none).
        blocks = view.textmap.blocks if results else ()
        for block, items in zip(blocks, results, strict=True):
            for number, data in items:
                alert = from_data(Alert, data)
                moved = Alert(alert.start + block.text_start, alert.end + block.text_start,
                              alert.message, alert.suggestions, alert.raw)
                rule = plan.local[number]
                findings.append(self._finding(rule, in_source(view, moved), plan.vocab, ctx))
        local = {id(rule) for rule in plan.local}
        for rule in plan.active:
            if id(rule) in local:
                continue
            alerts = list(self.checker(rule).run(ctx))
            if rule.limit:
                alerts = alerts[: rule.limit]
            findings.extend(
                self._finding(rule, in_source(view, alert), plan.vocab, ctx) for alert in alerts
            )
        return sorted(set(findings), key=TextFinding.sort_key)

    def check(self, documents: list[Document]) -> dict[str, list[TextFinding]]:
        return {d.path: self.check_document(d) for d in documents}

    def check_document(self, document: Document) -> list[TextFinding]:
        """Findings of every rule in force for one document (uncached)."""
        from proofer.analysis.document import DocumentAnalysis

        analysis = DocumentAnalysis(document, self.nlp)
        try:
            count = len(self.units(analysis))
            values = self.check_units(analysis, range(count)) if count else {}
            return self.finish(analysis, [values[i] for i in range(count)])
        finally:
            analysis.release()

    def _finding(
        self, rule: StyleRule, alert: Alert, vocab: Vocabulary, ctx: RunContext
    ) -> TextFinding:
        suggestions = alert.suggestions
        if rule.id == "Vale.Avoid" and not suggestions:
            source = ctx.scopes.document.source
            preferred = vocab.preferred_for(source[alert.start : alert.end])
            suggestions = (preferred,) if preferred else ()
        return TextFinding(
            rule=rule.id,
            start=alert.start,
            end=alert.end,
            message=alert.message,
            severity=rule.level,
            category=rule.category,
            engine=ENGINE_NAME,
            suggestions=suggestions[:5],
            priority=rule.priority or DEFAULT_PRIORITY,
            source_offsets=alert.raw,
            extra=(("link", rule.link),) if rule.link else (),
        )

    def close(self) -> None:
        """Nothing to release: the spaCy pipeline belongs to the caller."""


def _block_facts(analysis: DocumentAnalysis, index: int) -> Any:
    """What the parse of analysis block `index` and its alignment with the view depend
    on besides the source (in the view's layout): its pieces' text and its segments,
    block-relative."""
    textmap = analysis.document.textmap
    block = analysis.blocks[index]
    segments = textmap.overlapping(block.text_start, block.text_end)
    base = segments[0].source_start if segments else 0
    layout = [
        (seg.kind.value, seg.text_start - block.text_start, seg.text_end - block.text_start,
         seg.source_start - base, seg.source_end - base)
        for seg in segments
    ]
    return [[piece.text for piece in analysis.pieces(index)], layout]
