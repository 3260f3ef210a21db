"""`substitution`: swap a matched term for its preferred form."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from proofer.engines.style.base import (
    Alert,
    RunContext,
    action_suggestions,
    format_message,
    is_literal,
    match_case,
)
from proofer.engines.style.regex_dialect import (
    IGNORE_CASE,
    NONWORD_TEMPLATE,
    WORD_TEMPLATE,
    compile_vale,
    is_exception,
    translate,
)
from proofer.engines.style.rule import StyleRule

_CAPTURE = regex.compile(r"\\.|\[(?:\\.|[^\]])*\]|\((?!\?)|\(\?P?<(?![=!])[^>]+>")


def _uncapture(pattern: str) -> str:
    """Turn capturing groups into non-capturing ones so each swap key is one group."""
    return _CAPTURE.sub(
        lambda m: "(?:" if m.group(0).startswith("(") else m.group(0), pattern
    )


def to_sentence(words: list[str], conjunction: str = "or") -> str:
    """Vale's ToSentence: 'a', 'a or b', 'a, b or c'."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


class Substitution:
    def __init__(self, rule: StyleRule) -> None:
        body = rule.body
        self.rule = rule
        swap = {str(k): str(v) for k, v in (body.get("swap") or {}).items()}
        # Longer keys first so alternation prefers the longest term (as Vale sorts them).
        keys = sorted(swap, key=len, reverse=True)
        self.replacements = [swap[k] for k in keys]
        self.ignorecase = bool(body.get("ignorecase"))
        alternation = "|".join(f"({_uncapture(k)})" for k in keys)
        template = NONWORD_TEMPLATE if body.get("nonword") else WORD_TEMPLATE
        pattern = (IGNORE_CASE if self.ignorecase else "") + template % alternation
        self.pattern = compile_vale(pattern) if keys else None
        self.capitalize = bool(body.get("capitalize"))
        self.action = action_suggestions(body.get("action"))

    def _same(self, expected: str, observed: str) -> bool:
        """Vale: the observed text already is the expected form (case-sensitive)."""
        if self.action:
            return observed in expected.split("|")
        try:
            return regex.fullmatch(translate(f"^(?:{expected})$"), observed) is not None
        except regex.error:
            return expected == observed

    def run(self, ctx: RunContext) -> Iterator[Alert]:
        if self.pattern is None:
            return
        exceptions = ctx.exceptions(self.rule)
        for unit in ctx.units(self.rule):
            text = ctx.text(unit)
            for match in self.pattern.finditer(text):
                group = next((i for i in range(1, len(self.replacements) + 1)
                              if match.start(i) >= 0), None)
                if group is None:
                    continue
                expected = self.replacements[group - 1]
                observed = match.group(group)
                if self._same(expected, observed) or is_exception(exceptions, observed):
                    continue
                options = [o for o in expected.split("|") if o]
                suggestions = self.action or tuple(
                    (match_case(o, observed) if self.capitalize else o)
                    for o in options if is_literal(o)
                )
                yield Alert(
                    unit.start + match.start(group),
                    unit.start + match.end(group),
                    format_message(self.rule.message, to_sentence(options), observed),
                    suggestions,
                    unit.raw,
                )
