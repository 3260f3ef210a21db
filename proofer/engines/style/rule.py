"""A style rule: a Vale rule body with its id, level, scopes and origin."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from proofer.finding import Severity
from proofer.rulebook import Rule

DEFAULT_SCOPE = ("text",)
# Kinds whose natural unit is not the whole text (Vale's defaults for them).
_DEFAULT_SCOPES = {"metric": ("summary",), "sequence": ("sentence",), "openings": ("paragraph",)}


class StyleRuleError(ValueError):
    """A style rule is invalid; the message names the rule and the key."""


def _limit(body: Mapping[str, Any], where: str) -> int:
    """Vale's `limit` key: a whole number of alerts per rule, 0 for no limit."""
    value = body.get("limit", 0) or 0
    try:
        return int(value)
    except (TypeError, ValueError):
        message = f"{where}: key 'limit': expected a whole number, got {value!r}"
        raise StyleRuleError(message) from None


@dataclass(frozen=True)
class StyleRule:
    """One rule of a Vale style or of proofer's built-in style."""

    id: str
    kind: str
    level: Severity
    message: str
    scopes: tuple[str, ...]
    category: str
    body: Mapping[str, Any] = field(default_factory=dict)
    link: str = ""
    limit: int = 0
    priority: int = 0
    origin: str = "vale"
    path: str = ""


def _scopes(value: Any, kind: str) -> tuple[str, ...]:
    if value is None or value == [] or value == "":
        return _DEFAULT_SCOPES.get(kind, DEFAULT_SCOPE)
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def from_vale(rule_id: str, body: Mapping[str, Any], category: str, path: str = "") -> StyleRule:
    """A rule from a Vale YAML body (`extends`, `message`, `level`, `scope`, ...)."""
    kind = body.get("extends")
    if not isinstance(kind, str):
        raise StyleRuleError(f"{path or rule_id}: key 'extends': missing or not a string")
    try:
        level = Severity.parse(str(body.get("level", "suggestion")))
    except ValueError as exc:
        raise StyleRuleError(f"{path or rule_id}: key 'level': {exc}") from None
    return StyleRule(
        id=rule_id,
        kind=kind,
        level=level,
        message=str(body.get("message", "")),
        scopes=_scopes(body.get("scope"), kind),
        category=category,
        body=dict(body),
        link=str(body.get("link", "")),
        limit=_limit(body, path or rule_id),
        origin="vale",
        path=path,
    )


def from_builtin(rule: Rule, settings: Mapping[str, Any] | None = None) -> StyleRule:
    """A built-in proofer rule (engine: style); `settings` override keys of its body."""
    body = {**rule.spec, **(settings or {})}
    kind = body.get("extends")
    if not isinstance(kind, str):
        raise StyleRuleError(f"{rule.path}: field 'style.extends': missing")
    return StyleRule(
        id=rule.id,
        kind=kind,
        level=rule.severity,
        message=rule.message,
        scopes=_scopes(body.get("scope"), kind),
        category=rule.category,
        body=body,
        link=str(body.get("link", "")),
        limit=_limit(body, rule.path or rule.id),
        priority=rule.priority,
        origin="proofer",
        path=rule.path,
    )
