"""Applying suggestions in source coordinates: safe fixes only, never overlapping."""

from __future__ import annotations

from proofer.finding import Applicability, Finding, Severity
from proofer.fixes import apply_fixes, is_fixable

SAFE, UNSAFE, NONE = Applicability.SAFE, Applicability.UNSAFE, Applicability.NONE


def _f(start: int, end: int, *suggestions: str, fix: Applicability = SAFE) -> Finding:
    return Finding("R", start, end, "m", Severity.ERROR, "c", "e", suggestions, 0, fix)


def test_applies_single_suggestions_of_safe_rules_right_to_left() -> None:
    source = "It lost it's users and the the cache."
    fixed = apply_fixes(source, [_f(8, 12, "its"), _f(23, 30, "the")])
    assert fixed.source == "It lost its users and the cache."
    assert fixed.applied == 2


def test_skips_markup_spans_multiple_choices_unsafe_rules_and_overlaps() -> None:
    source = "a **b** c d e"
    findings = [
        _f(0, 1, "x", fix=NONE), _f(8, 9, "y", "z"), _f(10, 11, "q"), _f(10, 11, "r"),
        _f(12, 13, "u", fix=UNSAFE),
    ]
    fixed = apply_fixes(source, findings)
    assert fixed.source == "a **b** c q e"
    assert fixed.applied == 1
    assert not is_fixable(findings[1])
    assert is_fixable(findings[1], unsafe=True)
    assert not is_fixable(findings[0], unsafe=True)
    assert apply_fixes(source, findings, unsafe=True).source == "a **b** y q u"


def test_fix_option_rewrites_the_file_and_reports_what_is_left(in_tmp) -> None:
    import json

    from typer.testing import CliRunner

    from proofer.cli import app

    path = in_tmp / "draft.md"
    path.write_bytes(b"\xef\xbb\xbf# Notes\r\n\r\nThe app lost it's users and the the cache.\r\n")
    result = CliRunner().invoke(
        app,
        ["check", "--engines", "spacy", "--fix", "--unsafe-fixes", "--format", "json", "draft.md"],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["findings"] == []
    assert path.read_bytes() == b"\xef\xbb\xbf# Notes\r\n\r\nThe app lost its users and the cache.\r\n"
    assert "fixed 2 problem(s)" in result.stderr
