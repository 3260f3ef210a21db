"""What every rule kind shares: alerts, the per-document run context, message formatting."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import regex

from proofer.engines.style.regex_dialect import ValePattern, exception_pattern
from proofer.engines.style.rule import StyleRule
from proofer.engines.style.scopes import ScopeIndex, Unit

if TYPE_CHECKING:
    from proofer.engines.style.tokens import StyleToken, TokenSource

_INDEXED = regex.compile(r"%\[(\d+)\]s")
_META = frozenset("\\[](){}*+?^$.|")


@dataclass(frozen=True)
class Alert:
    """A rule's hit: text offsets (or source offsets when `raw`), message, suggestions."""

    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()
    raw: bool = False


@dataclass
class RunContext:
    """One document as rules see it: its scopes, accepted vocabulary and the tokens of
    its units (from the document's shared spaCy parse)."""

    scopes: ScopeIndex
    accepted: tuple[str, ...] = ()
    token_source: TokenSource | None = None
    _tokens: dict[tuple[int, int], tuple[StyleToken, ...]] = field(default_factory=dict)

    def units(self, rule: StyleRule) -> list[Unit]:
        return self.scopes.select(rule.scopes)

    def text(self, unit: Unit) -> str:
        return self.scopes.text(unit)

    def exceptions(self, rule: StyleRule) -> ValePattern | None:
        """The rule's exceptions plus accepted vocabulary (unless `vocab: false`)."""
        terms = list(rule.body.get("exceptions") or [])
        if rule.body.get("vocab", True):
            terms.extend(self.accepted)
        return exception_pattern(terms)

    def tokens(self, units: Sequence[Unit]) -> list[tuple[StyleToken, ...]]:
        """The tokens of each unit (text units, not raw ones), in order."""
        if self.token_source is None:
            raise RuntimeError("this rule kind needs the spaCy pipeline")
        spans = list(dict.fromkeys((u.start, u.end) for u in units))
        missing = [span for span in spans if span not in self._tokens]
        if missing:
            self._tokens.update(zip(missing, self.token_source.tokens(missing), strict=True))
        return [self._tokens[(u.start, u.end)] for u in units]


class Checker(Protocol):
    def run(self, ctx: RunContext) -> Iterator[Alert]:
        """Alerts for one document."""
        ...


def format_message(message: str, *subs: str) -> str:
    """Vale's message formatting: `%[n]s` indexed, then `%s` in order; `%%` is '%'."""
    text = _INDEXED.sub(
        lambda m: subs[int(m.group(1)) - 1] if 0 < int(m.group(1)) <= len(subs) else m.group(0),
        message,
    )
    parts = text.split("%%")
    out = []
    index = 0
    for part in parts:
        pieces = part.split("%s")
        rebuilt = pieces[0]
        for piece in pieces[1:]:
            rebuilt += (subs[index] if index < len(subs) else "") + piece
            index += 1
        out.append(rebuilt)
    return "%".join(out)


def is_literal(text: str) -> bool:
    """True when a replacement is plain text, usable as a suggestion."""
    return bool(text) and not any(c in _META for c in text)


def action_suggestions(action: Mapping[str, Any] | None) -> tuple[str, ...]:
    """Suggestions from a Vale `action` (replace with params, remove)."""
    if not action:
        return ()
    name = action.get("name")
    params = [str(p) for p in action.get("params") or []]
    if name == "replace":
        return tuple(p for p in params if is_literal(p))
    if name == "remove":
        return ("",)
    return ()


def match_case(suggestion: str, observed: str) -> str:
    """Capitalise a suggestion when the observed text starts with a capital."""
    if observed[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion
