"""Merging: identical findings collapse, overlaps resolved by priority, deterministically."""

from __future__ import annotations

from proofer.finding import Finding, Severity
from proofer.merge import merge_findings


def _f(rule: str, start: int, end: int, priority: int = 0, suggestions: tuple[str, ...] = (),
       message: str = "m", severity: Severity = Severity.ERROR) -> Finding:
    return Finding(rule, start, end, message, severity, "c", "e", suggestions, priority)


def test_identical_findings_collapse() -> None:
    assert merge_findings([_f("A", 0, 3), _f("A", 0, 3)]) == [_f("A", 0, 3)]


def test_overlap_keeps_higher_priority_and_unions_suggestions_on_equal_span() -> None:
    low = _f("LT.X", 4, 8, priority=30, suggestions=("its", "it"))
    high = _f("PF-Y", 4, 8, priority=50, suggestions=("its",))
    (merged,) = merge_findings([low, high])
    assert merged.rule == "PF-Y"
    assert merged.suggestions == ("its", "it")


def test_a_merged_suggestion_that_differs_only_in_case_is_not_added() -> None:
    # The same slip seen by two engines: 'and its not close' -> "it's"; the other engine's
    # "It's" is the same word in the wrong case for the middle of a sentence.
    rule = _f("PF-Y", 4, 7, priority=50, suggestions=("it's",))
    other = _f("LT.X", 4, 7, priority=30, suggestions=("It's", "It is", "it is"))
    (merged,) = merge_findings([rule, other])
    assert merged.suggestions == ("it's", "It is")


def test_partial_overlap_drops_lower_priority_without_mixing_suggestions() -> None:
    merged = merge_findings([_f("B", 0, 5, 10, ("x",)), _f("A", 3, 9, 20, ("y",))])
    assert [(m.rule, m.suggestions) for m in merged] == [("A", ("y",))]


def test_order_does_not_change_the_result() -> None:
    items = [_f("A", 0, 2, 5), _f("B", 1, 3, 5), _f("C", 10, 12), _f("D", 10, 12, message="longer")]
    assert merge_findings(items) == merge_findings(list(reversed(items)))
    assert [m.rule for m in merge_findings(items)] == ["A", "D"]


def test_a_sentence_wide_finding_does_not_hide_a_word_level_one() -> None:
    sentence = _f("STYLE-LENGTH", 0, 200, priority=20, severity=Severity.SUGGESTION)
    typo = _f("LT.SPELLING", 50, 57, priority=20)
    assert merge_findings([sentence, typo]) == [sentence, typo]
    wider_same_error = _f("LT.ITS", 4, 16, priority=30)
    assert [m.rule for m in merge_findings([_f("PF-ITS", 4, 8, 50), wider_same_error])] == ["PF-ITS"]


def test_a_suggestion_never_hides_a_warning_on_the_same_words() -> None:
    suggestion = _f("PF-STYLE", 0, 7, priority=50, severity=Severity.SUGGESTION)
    warning = _f("LT.UPPERCASE", 0, 7, priority=30, severity=Severity.WARNING)
    assert merge_findings([suggestion, warning]) == [warning]
    assert merge_findings([warning, suggestion]) == [warning]
