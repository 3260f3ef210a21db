"""`readability`: the mean grade of named readability metrics, above `grade`."""

from __future__ import annotations

from collections.abc import Iterator

from proofer.engines.style.base import Alert, RunContext, format_message
from proofer.engines.style.kinds.metric import document_variables, file_start_alert
from proofer.engines.style.readability import TextCounts, scores
from proofer.engines.style.rule import StyleRule

# Vale's metric names and the score each one is.
METRICS = {
    "SMOG": "smog",
    "Gunning Fog": "gunning_fog",
    "Coleman-Liau": "coleman_liau",
    "Flesch-Kincaid": "flesch_kincaid_grade",
    "Automated Readability": "automated_readability",
}


class Readability:
    def __init__(self, rule: StyleRule) -> None:
        self.rule = rule
        self.metrics = [str(m) for m in rule.body.get("metrics") or []]
        unknown = [m for m in self.metrics if m not in METRICS]
        if unknown or not self.metrics:
            raise ValueError(
                f"key 'metrics': expected some of {', '.join(METRICS)}, got {unknown or 'none'}"
            )
        self.grade = float(rule.body.get("grade", 0) or 0)

    def run(self, ctx: RunContext) -> Iterator[Alert]:
        variables = document_variables(ctx.scopes)
        if not variables["words"]:
            return
        counts = TextCounts(**{k: int(variables[k]) for k in TextCounts.__dataclass_fields__})
        graded = scores(counts)
        value = sum(graded[METRICS[m]] for m in self.metrics) / len(self.metrics)
        if value > self.grade:
            yield file_start_alert(ctx, format_message(self.rule.message, f"{value:.2f}"))
