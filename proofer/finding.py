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


@dataclass(frozen=True)
class Finding:
    """A problem at a span of the source file (code-point offsets, end exclusive).

    `safe_fix` is False when the source span contains markup that the checkable text
    did not, so replacing it with a suggestion could damage the document.
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
    safe_fix: bool = True
    extra: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def sort_key(self) -> tuple[int, int, str, str]:
        """Deterministic order: position, then rule, then message."""
        return (self.start, self.end, self.rule, self.message)
