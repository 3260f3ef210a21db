"""`consistency`: two variants of one term (email / e-mail) in the same file."""

from __future__ import annotations

from collections.abc import Iterator

from proofer.engines.style.base import Alert, RunContext, format_message
from proofer.engines.style.regex_dialect import (
    IGNORE_CASE,
    NONWORD_TEMPLATE,
    WORD_TEMPLATE,
    compile_vale,
)
from proofer.engines.style.rule import StyleRule


def _adapt_case(preferred: str, observed: str) -> str:
    if observed[:1].isupper():
        return preferred[:1].upper() + preferred[1:]
    if preferred[:1].isupper() and preferred[1:] == preferred[1:].lower():
        return preferred[:1].lower() + preferred[1:]
    return preferred


class Consistency:
    """Vale's semantics: the variants seen so far are remembered across the file's units;
    once both have been seen, a unit holding a match gets one alert, placed on the first
    occurrence in that unit of the unit's last matched text."""

    def __init__(self, rule: StyleRule) -> None:
        body = rule.body
        self.rule = rule
        template = NONWORD_TEMPLATE if body.get("nonword") else WORD_TEMPLATE
        prefix = IGNORE_CASE if body.get("ignorecase") else ""
        self.steps = [
            compile_vale(prefix + template % f"({a})|({b})")
            for a, b in sorted((body.get("either") or {}).items())
        ]

    def run(self, ctx: RunContext) -> Iterator[Alert]:
        seen: dict[int, dict[int, str]] = {i: {} for i in range(len(self.steps))}
        for unit in ctx.units(self.rule):
            text = ctx.text(unit)
            for number, pattern in enumerate(self.steps):
                matches = [m for m in pattern.finditer(text) if m.end() > m.start()]
                if not matches:
                    continue
                variants = seen[number]
                for m in matches:
                    variants.setdefault(1 if m.start(1) >= 0 else 2, m.group(0))
                if len(variants) < 2:
                    continue
                last = matches[-1]
                observed = last.group(0)
                start = text.find(observed)
                current = 1 if last.start(1) >= 0 else 2
                first_variant = next(iter(variants))
                suggestions: tuple[str, ...] = ()
                if current != first_variant:
                    suggestions = (_adapt_case(variants[first_variant], observed),)
                yield Alert(
                    unit.start + start,
                    unit.start + start + len(observed),
                    format_message(self.rule.message, observed),
                    suggestions,
                    unit.raw,
                )
