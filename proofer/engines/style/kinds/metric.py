"""`metric`: a formula over document counts (readability grades), compared to a condition."""

from __future__ import annotations

from collections.abc import Iterator

from proofer.engines.style.base import Alert, RunContext, format_message
from proofer.engines.style.formula import check_condition, evaluate
from proofer.engines.style.readability import count_text
from proofer.engines.style.rule import StyleRule
from proofer.engines.style.scopes import ScopeIndex, Unit


def document_variables(scopes: ScopeIndex, units: list[Unit] | None = None) -> dict[str, float]:
    """Metric variables: prose counts plus block counts (heading_h1.., list, blockquote...)."""
    sentences = scopes.prose_sentences()
    if units is not None:
        sentences = [s for s in sentences if any(u.start <= s.start < u.end for u in units)]
    counts = count_text(
        [scopes.text(s) for s in sentences], len(scopes.units("paragraph"))
    )
    variables = counts.variables()
    for level in range(1, 7):
        variables[f"heading_h{level}"] = float(len(scopes.units(f"heading.h{level}")))
    for kind in ("list", "blockquote", "table"):
        variables[kind] = float(len(scopes.units(kind)))
    variables["pre"] = 0.0
    return variables


class Metric:
    def __init__(self, rule: StyleRule) -> None:
        self.rule = rule
        self.formula = str(rule.body.get("formula", ""))
        self.condition = str(rule.body.get("condition", ""))
        # Fail on load, not on the first document.
        evaluate(self.formula, {name: 1.0 for name in _NAMES})
        check_condition(self.condition, 0.0)

    def run(self, ctx: RunContext) -> Iterator[Alert]:
        units = ctx.units(self.rule)
        if not units:
            return
        whole = any(u.scope in ("summary", "text") for u in units)
        variables = document_variables(ctx.scopes, None if whole else units)
        if not variables["words"]:
            return
        value = evaluate(self.formula, variables)
        if check_condition(self.condition, value):
            yield file_start_alert(ctx, format_message(self.rule.message, f"{value:.2f}"))


def file_start_alert(ctx: RunContext, message: str) -> Alert:
    """Like Vale, a document-wide alert sits at the start of the file (its first word)."""
    source = ctx.scopes.document.source
    end = 0
    while end < len(source) and not source[end].isspace():
        end += 1
    return Alert(0, max(end, min(1, len(source))), message, raw=True)


_NAMES = (
    "words", "sentences", "characters", "syllables", "complex_words", "long_words",
    "polysyllabic_words", "paragraphs", "list", "blockquote", "table", "pre",
    *(f"heading_h{n}" for n in range(1, 7)),
)
