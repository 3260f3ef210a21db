"""`existence`: flag every match of tokens or raw patterns."""

from __future__ import annotations

from collections.abc import Iterator

from proofer.engines.style.base import Alert, RunContext, action_suggestions, format_message
from proofer.engines.style.regex_dialect import compile_vale, is_exception, word_pattern
from proofer.engines.style.rule import StyleRule


class Existence:
    def __init__(self, rule: StyleRule) -> None:
        body = rule.body
        self.rule = rule
        self.pattern = compile_vale(
            word_pattern(
                [str(t) for t in body.get("tokens") or []],
                ignorecase=bool(body.get("ignorecase")),
                nonword=bool(body.get("nonword")),
                raw="".join(str(r) for r in body.get("raw") or []),
                append=bool(body.get("append")),
            )
        )
        self.suggestions = action_suggestions(body.get("action"))

    def run(self, ctx: RunContext) -> Iterator[Alert]:
        exceptions = ctx.exceptions(self.rule)
        for unit in ctx.units(self.rule):
            text = ctx.text(unit)
            for match in self.pattern.finditer(text):
                if match.end() == match.start():
                    continue
                observed = match.group(0).strip()
                if is_exception(exceptions, observed):
                    continue
                yield Alert(
                    unit.start + match.start(),
                    unit.start + match.end(),
                    format_message(self.rule.message, observed),
                    self.suggestions,
                    unit.raw,
                )
