"""`repetition`: the same token twice in a row ("the the")."""

from __future__ import annotations

from collections.abc import Iterator

from proofer.engines.style.base import Alert, RunContext, format_message
from proofer.engines.style.regex_dialect import IGNORE_CASE, compile_vale, is_exception
from proofer.engines.style.rule import StyleRule


class Repetition:
    def __init__(self, rule: StyleRule) -> None:
        body = rule.body
        self.rule = rule
        self.max = int(body.get("max", 0) or 0)
        self.alpha = bool(body.get("alpha"))
        self.ignorecase = bool(body.get("ignorecase"))
        tokens = "|".join(str(t) for t in body.get("tokens") or [])
        self.pattern = compile_vale((IGNORE_CASE if self.ignorecase else "") + f"({tokens})")

    def run(self, ctx: RunContext) -> Iterator[Alert]:
        exceptions = ctx.exceptions(self.rule)
        for unit in ctx.units(self.rule):
            text = ctx.text(unit)
            prev, prev_start, count = "", 0, 0
            for match in self.pattern.finditer(text):
                curr = match.group(0).strip()
                same = curr.lower() == prev.lower() if self.ignorecase else curr == prev
                hit = bool(curr) and same and (not self.alpha or curr.isalpha())
                hit = hit and not is_exception(exceptions, curr)
                if hit:
                    count += 1
                if hit and count > self.max:
                    yield Alert(
                        unit.start + prev_start,
                        unit.start + match.end(),
                        format_message(self.rule.message, curr),
                        (prev,) if self.rule.origin == "proofer" else (),
                        unit.raw,
                    )
                    count = 0
                prev, prev_start = curr, match.start()
