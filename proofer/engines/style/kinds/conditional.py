"""`conditional`: if `first` occurs, `second` must define it (acronyms, say)."""

from __future__ import annotations

from collections.abc import Iterator

from proofer.engines.style.base import Alert, RunContext, format_message
from proofer.engines.style.regex_dialect import IGNORE_CASE, compile_vale, is_exception
from proofer.engines.style.rule import StyleRule


class Conditional:
    def __init__(self, rule: StyleRule) -> None:
        body = rule.body
        self.rule = rule
        prefix = IGNORE_CASE if body.get("ignorecase") else ""
        self.first = compile_vale(prefix + str(body.get("first", "")))
        self.second = compile_vale(prefix + str(body.get("second", "")))

    def run(self, ctx: RunContext) -> Iterator[Alert]:
        exceptions = ctx.exceptions(self.rule)
        # Definitions are remembered across the file's units, in order (as Vale does).
        defined: set[str] = set()
        grouped = self.second.groups >= 1
        for unit in ctx.units(self.rule):
            text = ctx.text(unit)
            if not grouped:
                if self.second.search(text):
                    continue
            else:
                for m in self.second.finditer(text):
                    defined.update(g for g in m.groups() if g)
            for match in self.first.finditer(text):
                observed = match.group(0)
                if not observed or observed in defined or is_exception(exceptions, observed):
                    continue
                yield Alert(
                    unit.start + match.start(),
                    unit.start + match.end(),
                    format_message(self.rule.message, observed),
                    raw=unit.raw,
                )
