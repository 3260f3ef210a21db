"""The one result type every engine produces and every reporter consumes."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(str, enum.Enum):
    """Vale's three levels, ordered error > warning > suggestion."""

    ERROR = "error"
    WARNING = "warning"
    SUGGESTION = "suggestion"

    @property
    def rank(self) -> int:
        """Higher is more severe."""
        return {"error": 3, "warning": 2, "suggestion": 1}[self.value]

    def at_least(self, other: Severity) -> bool:
        """True when this severity is as severe as `other` or more."""
        return self.rank >= other.rank

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Parse a severity name; raises ValueError naming the choices."""
        try:
            return cls(value.lower())
        except ValueError:
            choices = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {value!r} (choose from {choices})") from None


FAIL_LEVEL_NONE = "none"


class Applicability(str, enum.Enum):
    """What `--fix` may do with a finding's suggestion (ruff's fix applicability).

    `safe`: right in every context the rule matches, applied by `--fix`; `unsafe`: offered
    and applied only with `--fix --unsafe-fixes`; `none`: shown, never applied (the span
    holds markup a replacement would damage, or the rule says its suggestions are advice).
    """

    SAFE = "safe"
    UNSAFE = "unsafe"
    NONE = "none"

    @property
    def rank(self) -> int:
        """Higher allows more: none < unsafe < safe."""
        return {"none": 0, "unsafe": 1, "safe": 2}[self.value]

    def at_most(self, other: Applicability) -> Applicability:
        """The more restrictive of the two."""
        return self if self.rank <= other.rank else other


@dataclass(frozen=True)
class TextFinding:
    """What an engine reports: a span of the checkable text (TextMap.text offsets)."""

    rule: str
    start: int
    end: int
    message: str
    severity: Severity
    category: str
    engine: str
    suggestions: tuple[str, ...] = ()
    priority: int = 0
    # Engine-specific details kept for reports (e.g. LanguageTool's issue type).
    extra: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    # True when start/end index Document.source rather than the checkable text (rules
    # that read the raw file, such as Vale's `scope: raw`).
    source_offsets: bool = False

    def sort_key(self) -> tuple[int, int, str, tuple[str, ...]]:
        """A total order (position, rule, then every other field): engines that collect
        findings in a set sort them with this, so ties never fall to hash order."""
        return (self.start, self.end, self.rule, (
            self.message, self.severity.value, self.category, self.engine,
            *self.suggestions, "\0", str(self.priority), str(self.source_offsets),
            *(f"{k}={v}" for k, v in self.extra),
        ))


@dataclass(frozen=True)
class Finding:
    """A problem at a span of the source file (code-point offsets, end exclusive).

    `applicability` is the rule's declared fix applicability, lowered to `none` when the
    source span contains markup that the checkable text did not (a replacement could
    damage the document). `proofer.fixes.fix_applicability` says what `--fix` may do.
    """

    rule: str
    start: int
    end: int
    message: str
    severity: Severity
    category: str
    engine: str
    suggestions: tuple[str, ...] = ()
    priority: int = 0
    applicability: Applicability = Applicability.UNSAFE
    extra: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @property
    def offers_fix(self) -> bool:
        """True when a suggestion may replace the span (reports offer it as a fix)."""
        return bool(self.suggestions) and self.applicability is not Applicability.NONE

    def sort_key(self) -> tuple[int, int, str, str, tuple[str, ...]]:
        """Deterministic order: position, then rule, message, then every other field, so
        no two different findings ever tie."""
        return (self.start, self.end, self.rule, self.message, self.identity_key())

    def identity_key(self) -> tuple[str, ...]:
        """Every field as text, `extra` included: a total order over findings."""
        return (
            self.rule, str(self.start), str(self.end), self.message, self.severity.value,
            self.category, self.engine, *self.suggestions, "\0", str(self.priority),
            self.applicability.value, *(f"{k}={v}" for k, v in self.extra),
        )
