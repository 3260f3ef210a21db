"""Checking a spaCy rule when it is loaded, and turning it into what the engine runs.

Word classes (`$name`) are expanded from the lexicon, token patterns are validated by
spaCy's own Matcher, conditions are compiled from the registry in conditions.py,
suggestion templates and message placeholders are checked against the patterns. Any
problem is a RuleFileError that names the file, the rule and the field.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.matcher import DependencyMatcher, Matcher
from spacy.vocab import Vocab

from proofer.engines.spacy.conditions import ConditionError, Predicate, compile_condition
from proofer.engines.spacy.templates import check_template
from proofer.lexicon import CLASS_PREFIX, Lexicon, LexiconError
from proofer.rulebook import Rule, RuleFileError

MESSAGE_FIELDS = ("suggestion", "match")  # besides t0, t1, ...: the match's tokens
_OPTIONAL_OPS = ("?", "*", "!")


@dataclass(frozen=True)
class CompiledRule:
    """A spaCy rule ready to run: expanded patterns and compiled conditions."""

    rule: Rule
    patterns: tuple[tuple[tuple[dict[str, Any], ...], tuple[bool, ...]], ...]
    dependency_patterns: tuple[list[dict[str, Any]], ...]
    when: tuple[Predicate, ...]
    unless: tuple[Predicate, ...]
    suggest: tuple[str, ...]
    flag: tuple[int, int] | None


def _fail(rule: Rule, where: str, problem: str) -> RuleFileError:
    return RuleFileError(f"{rule.path}: rule {rule.id}: field '{where}': {problem}")


def _expand(value: Any, lexicon: Lexicon) -> Any:
    """`$class` strings replaced by word lists, inside any pattern attribute."""
    if isinstance(value, str) and value.startswith(CLASS_PREFIX):
        return lexicon.expand([value])
    if isinstance(value, list):
        if any(isinstance(v, str) and v.startswith(CLASS_PREFIX) for v in value):
            return lexicon.expand(value)
        return [_expand(v, lexicon) for v in value]
    if isinstance(value, Mapping):
        return {k: _expand(v, lexicon) for k, v in value.items()}
    return value


@cache
def _blank_vocab() -> Vocab:
    return Vocab()


def min_length(pattern: Sequence[Mapping[str, Any]]) -> int:
    """The fewest tokens a token pattern can match."""
    return sum(1 for token in pattern if token.get("OP") not in _OPTIONAL_OPS)


def _compile_patterns(rule: Rule, lexicon: Lexicon) -> CompiledRule:
    spec = rule.spec
    token_patterns = spec.get("patterns") or []
    dep_patterns = spec.get("dependency_patterns") or []
    if not token_patterns and not dep_patterns:
        raise _fail(rule, "spacy.patterns", "a spaCy rule needs patterns")
    patterns = []
    for number, pattern in enumerate(token_patterns):
        where = f"spacy.patterns[{number}]"
        try:
            expanded = [_expand(dict(tok), lexicon) for tok in pattern]
        except LexiconError as exc:
            raise _fail(rule, where, str(exc)) from None
        flags = tuple(bool(tok.pop("FLAG", False)) for tok in expanded)
        try:
            Matcher(_blank_vocab(), validate=True).add("check", [expanded])
        except (ValueError, KeyError) as exc:
            raise _fail(rule, where, " ".join(str(exc).split())) from None
        patterns.append((tuple(expanded), flags))
    deps = []
    for number, pattern in enumerate(dep_patterns):
        where = f"spacy.dependency_patterns[{number}]"
        try:
            expanded = [_expand(dict(node), lexicon) for node in pattern]
            DependencyMatcher(_blank_vocab(), validate=True).add("check", [expanded])
        except LexiconError as exc:
            raise _fail(rule, where, str(exc)) from None
        except (ValueError, KeyError) as exc:
            raise _fail(rule, where, " ".join(str(exc).split())) from None
        deps.append(expanded)
    shortest = min(
        [min_length(p) for p, _ in patterns] + [len(p) for p in deps]
    )
    conditions: dict[str, list[Predicate]] = {"when": [], "unless": []}
    for key in conditions:
        for number, condition in enumerate(spec.get(key) or []):
            try:
                conditions[key].append(compile_condition(condition, lexicon))
            except ConditionError as exc:
                raise _fail(rule, f"spacy.{key}[{number}]", str(exc)) from None
    for number, template in enumerate(spec.get("suggest") or []):
        try:
            check_template(template)
        except ValueError as exc:
            raise _fail(rule, f"spacy.suggest[{number}]", str(exc)) from None
    _check_message(rule, shortest)
    flag = spec.get("flag")
    if flag is not None and not (0 <= flag[0] < flag[1] <= shortest):
        raise _fail(rule, "spacy.flag", f"{flag} is outside the shortest match ({shortest} tokens)")
    return CompiledRule(
        rule=rule,
        patterns=tuple(patterns),
        dependency_patterns=tuple(deps),
        when=tuple(conditions["when"]),
        unless=tuple(conditions["unless"]),
        suggest=tuple(spec.get("suggest") or ()),
        flag=(flag[0], flag[1]) if flag is not None else None,
    )


def _check_message(rule: Rule, shortest: int) -> None:
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(rule.message) if f is not None]
    except ValueError as exc:
        raise _fail(rule, "message", str(exc)) from None
    for name in fields:
        if name in MESSAGE_FIELDS:
            continue
        if name.startswith("t") and name[1:].isdigit():
            if int(name[1:]) >= shortest:
                raise _fail(
                    rule, "message",
                    f"placeholder {{{name}}} is past the shortest match ({shortest} tokens)",
                )
            continue
        raise _fail(
            rule, "message",
            f"unknown placeholder {{{name}}} (known: suggestion, match, t0 .. t{shortest - 1})",
        )


def compile_rule(rule: Rule, lexicon: Lexicon) -> CompiledRule:
    """The rule ready to run; raises RuleFileError naming file, rule and field."""
    return _compile_patterns(rule, lexicon)


