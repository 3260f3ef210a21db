"""Rule kinds by Vale name (`extends:`), each a class built from a StyleRule."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from proofer.engines.style.base import Checker
from proofer.engines.style.kinds.capitalization import Capitalization
from proofer.engines.style.kinds.conditional import Conditional
from proofer.engines.style.kinds.consistency import Consistency
from proofer.engines.style.kinds.existence import Existence
from proofer.engines.style.kinds.metric import Metric
from proofer.engines.style.kinds.occurrence import Occurrence
from proofer.engines.style.kinds.openings import Openings
from proofer.engines.style.kinds.readability import Readability
from proofer.engines.style.kinds.repetition import Repetition
from proofer.engines.style.kinds.sequence import SequenceRule
from proofer.engines.style.kinds.substitution import Substitution
from proofer.engines.style.rule import StyleRule

KINDS: Mapping[str, Callable[[StyleRule], Checker]] = {
    "existence": Existence,
    "substitution": Substitution,
    "occurrence": Occurrence,
    "repetition": Repetition,
    "consistency": Consistency,
    "conditional": Conditional,
    "capitalization": Capitalization,
    "metric": Metric,
    "sequence": SequenceRule,
    "openings": Openings,
    "readability": Readability,
}
# Vale kinds proofer does not run, with why: a rule of one of these in force is a
# configuration error (never a rule that silently does nothing).
UNSUPPORTED_KINDS: Mapping[str, str] = {
    "spelling": " (LanguageTool checks spelling; list accepted words in a vocabulary)",
    "script": " (proofer does not run Tengo scripts)",
}
NEEDS_NLP = frozenset({"sequence"})
