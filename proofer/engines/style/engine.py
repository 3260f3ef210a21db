"""The style engine: proofer's built-in style plus the Vale styles a document asks for."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from proofer.catalog import RuleCatalog
from proofer.config import Config
from proofer.document import Document
from proofer.engines.base import EngineConfigError
from proofer.engines.bounded_parse import parse_bounded
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

ENGINE_NAME = "style"
DEFAULT_PRIORITY = 20
_OFF = ("no", "off", "false")
_ON = ("yes", "on", "true")


@dataclass(frozen=True)
class _Plan:
    """The rules in force for one document, with the vocabulary they share."""

    rules: tuple[StyleRule, ...]
    vocab: Vocabulary
    min_level: Severity
    token_ignores: tuple[ValePattern, ...] = ()
    block_ignores: tuple[ValePattern, ...] = ()


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
        self._nlp = nlp
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
    def _parse(self, texts: Sequence[str]) -> list[Doc]:
        nlp = self._nlp()
        # Sequences read tags and dependencies only; lemmas are not needed.
        skip = [name for name in ("lemmatizer",) if name in nlp.pipe_names]
        return parse_bounded(nlp, texts, disable=skip)

    def check(self, documents: list[Document]) -> dict[str, list[TextFinding]]:
        return {d.path: self.check_document(d) for d in documents}

    def check_document(self, document: Document) -> list[TextFinding]:
        """Findings of every rule in force for one document."""
        plan = self.plan(document)
        source = document.source
        view = mask_source_spans(
            vale_view(document),
            [_ignored(p, m) for p in plan.token_ignores for m in p.finditer(source)],
            [m.span() for p in plan.block_ignores for m in p.finditer(source)],
        )
        ctx = RunContext(ScopeIndex(view), plan.vocab.accept, self._parse)
        findings: list[TextFinding] = []
        for rule in plan.rules:
            if rule.origin == "vale" and not rule.level.at_least(plan.min_level):
                continue
            alerts = list(self.checker(rule).run(ctx))
            if rule.limit:
                alerts = alerts[: rule.limit]
            findings.extend(
                self._finding(rule, in_source(view, alert), plan.vocab, ctx) for alert in alerts
            )
        return sorted(set(findings), key=TextFinding.sort_key)

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
