"""Metric formulas use Vale's (Tengo's) `math` functions, as the Readability style does."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from proofer.engines.style.formula import FormulaError, evaluate
from tests.reliability._vale_project import check, vale_project

SMOG = """\
extends: metric
message: "Try to keep the SMOG grade (%s) below 10."
formula: |
  1.0430 * math.sqrt((polysyllabic_words * 30.0) / sentences) + 3.1291
condition: "> 1"
"""


def test_smog_formula_with_math_sqrt_alerts(in_tmp: Path) -> None:
    vale_project(in_tmp, {"SMOG": SMOG})
    code, report, stderr = check(in_tmp, "Readability formulas evaluate everything.\n")
    assert code == 0, stderr  # a suggestion does not fail the run
    [finding] = [f for f in report["findings"] if f["rule"] == "T.SMOG"]
    assert (finding["line"], finding["column"]) == (1, 1)
    # 4 words of 3+ syllables in 1 sentence: 1.043 * sqrt(4 * 30 / 1) + 3.1291
    assert f"{1.043 * math.sqrt(120) + 3.1291:.2f}" in finding["message"]
    assert not report["summary"]["engine_errors"]


@pytest.mark.parametrize(
    ("formula", "value"),
    [("math.pow(words, 2)", 9.0), ("math.max(words, 5) + math.pi", 5 + math.pi),
     ("math.floor(words / 2)", 1.0), ("math.log10(100)", 2.0)],
)
def test_tengo_math_functions(formula: str, value: float) -> None:
    assert evaluate(formula, {"words": 3.0}) == pytest.approx(value)


@pytest.mark.parametrize("formula", ["math.nope(words)", "os.system(words)", "words.real"])
def test_unknown_functions_are_formula_errors(formula: str) -> None:
    with pytest.raises(FormulaError):
        evaluate(formula, {"words": 3.0})
