"""One slip, one finding: when two engines flag the same error at different widths,
and applying either suggestion gives the same text, the merge keeps one (issue 10's
"between you and I" gave two errors). The real-server version of this test is in
tests/languagetool/test_reliability_languagetool.py."""

from __future__ import annotations

from proofer.finding import Finding, Severity
from proofer.merge import merge_findings

SOURCE = "It stays between you and I. The the end."


def _finding(rule: str, text: str, suggestions: tuple[str, ...], priority: int,
             engine: str = "spacy") -> Finding:
    start = SOURCE.index(text)
    return Finding(rule, start, start + len(text), f"{rule} message", Severity.ERROR,
                   "grammar", engine, suggestions, priority)


def test_the_same_correction_at_two_widths_is_one_finding() -> None:
    phrase = _finding("LT.BETWEEN_YOU_AND_I", "between you and I", ("between you and me",),
                      30, "languagetool")
    pronoun = _finding("PF-GRAMMAR-OBJECT-I", "I.", ("me.",), 50)
    assert merge_findings([phrase, pronoun], SOURCE) == [pronoun]
    assert merge_findings([pronoun, phrase], SOURCE) == [pronoun]


def test_different_corrections_of_overlapping_spans_stay_apart() -> None:
    phrase = _finding("LT.SOME_RULE", "between you and I", ("among us",), 30, "languagetool")
    pronoun = _finding("PF-GRAMMAR-OBJECT-I", "I.", ("me.",), 50)
    assert merge_findings([phrase, pronoun], SOURCE) == [phrase, pronoun]
    doubled = _finding("PF-GRAMMAR-DOUBLED-WORD", "The the", ("The",), 50)
    assert merge_findings([phrase, pronoun, doubled], SOURCE) == [phrase, pronoun, doubled]
