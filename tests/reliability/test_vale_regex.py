"""Vale token patterns run in linear time (RE2), with the dialect translation kept."""

from __future__ import annotations

from pathlib import Path

from proofer.engines.style.regex_dialect import compile_vale
from tests.reliability._vale_project import check, vale_project

CATASTROPHIC = """\
extends: existence
message: "Repeated '%s'."
nonword: true
level: error
tokens:
  - '(a|aa)+$'
"""


def test_a_backtracking_bomb_runs_on_the_linear_engine(in_tmp: Path) -> None:
    # A backtracking engine takes exponential time on this pattern and text (Vale's own
    # regexp2 gives up with "maximum backtracking stack size exceeded").
    assert not compile_vale("(a|aa)+$").backtracking
    vale_project(in_tmp, {"Bomb": CATASTROPHIC})
    code, report, _ = check(in_tmp, "a" * 5000 + "b\n\n" + "a" * 40 + "\n")
    assert code == 1, report
    found = [(f["line"], f["column"]) for f in report["findings"] if f["rule"] == "T.Bomb"]
    assert found == [(3, 1)]


def test_lookaround_patterns_still_run() -> None:
    # Google.Colons and Microsoft.Contractions need lookaround, which RE2 lacks.
    colons = compile_vale(r"(?<!:[^ ]+?):\s[A-Z]")
    assert colons.backtracking
    assert [m.group(0) for m in colons.finditer("Note: This one. http://x: No")] == [": T"]
    contraction = compile_vale(r"(?i)\b(?:it is(?!\.))\b")
    assert [m.span() for m in contraction.finditer("It is. It is here.")] == [(7, 12)]


def test_word_boundaries_are_unicode_aware_as_in_vale() -> None:
    # RE2's \b is ASCII-only; Vale's treats "é" as a letter, so "caf" is not a word here.
    pattern = compile_vale(r"\b(?:caf|José)\b")
    assert not pattern.backtracking
    assert [m.group(0) for m in pattern.finditer("un café, José. caf")] == ["José", "caf"]
