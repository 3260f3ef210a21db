"""The same input gives the same bytes in every process, whatever PYTHONHASHSEED is.

Overlapping matches of one rule ("the the\\nthe") used to be kept in set order, so the
reported span changed from one process to the next and a baseline written in one run
failed the next.
"""

from __future__ import annotations

import itertools
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from proofer.finding import Finding, Severity
from proofer.merge import merge_findings

FORMATS = ("json", "sarif", "rdjson", "github", "human")
DRAFTS = {
    "overlap.md": "the the\nthe\n",
    "more.md": "It lost it's users and the the the cache. Their is a bug in in in it.\n\n"
               "We cached it in order to save time, in order to be fast.\n",
}
# One process per seed; inside it the CLI runs once per format (spaCy loads once).
DRIVER = """
import functools, sys
from typer.testing import CliRunner
import proofer.engines.spacy.model as model
from proofer.cli import app
model.load_pipeline = functools.cache(model.load_pipeline)  # load spaCy once per process
runner = CliRunner()
for fmt in sys.argv[1:]:
    result = runner.invoke(app, ["check", "--engines", "spacy,style", "--format", fmt,
                                 "overlap.md", "more.md"])
    sys.stdout.write(f"== {fmt} exit {result.exit_code}\\n" + result.stdout)
"""


def _run_under_seed(cwd: Path, seed: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1", "COLUMNS": "100"}
    env.pop("PROOFER_DEBUG", None)
    try:
        return subprocess.run(
            [sys.executable, "-c", DRIVER, *FORMATS], cwd=cwd, env=env,
            capture_output=True, timeout=600, check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the CLI under PYTHONHASHSEED={seed} did not finish")


def test_output_bytes_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    for name, text in DRAFTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    outputs = {}
    for seed in ("1", "2", "3"):
        done = _run_under_seed(tmp_path, seed)
        assert done.returncode == 0, done.stderr.decode()
        outputs[seed] = done.stdout
    for fmt in FORMATS:
        assert f"== {fmt} exit 1".encode() in outputs["1"]
    assert outputs["1"] == outputs["2"] == outputs["3"]


def _finding(rule: str, start: int, end: int, message: str = "m",
             suggestions: tuple[str, ...] = ()) -> Finding:
    return Finding(rule, start, end, message, Severity.ERROR, "c", "spacy", suggestions, 50)


def test_merge_picks_the_same_finding_in_any_input_order() -> None:
    source = "the the\nthe and more words here"
    findings = [
        _finding("PF-GRAMMAR-DOUBLED-WORD", 0, 7, "The word 'the' is repeated.", ("the",)),
        _finding("PF-GRAMMAR-DOUBLED-WORD", 4, 11, "The word 'the' is repeated.", ("the",)),
        _finding("R2", 4, 11, "The word 'the' is repeated.", ("the",)),
        _finding("R1", 12, 15, "same", ("x",)),
        _finding("R1", 12, 15, "same", ("y",)),
    ]
    expected = merge_findings(findings, source)
    shuffled = random.Random(7)
    for order in itertools.islice(itertools.permutations(findings), 60):
        assert merge_findings(list(order), source) == expected
    copy = list(findings)
    shuffled.shuffle(copy)
    assert merge_findings(copy, source) == expected
    assert [(f.rule, f.start) for f in expected] == [
        ("PF-GRAMMAR-DOUBLED-WORD", 0), ("R1", 12)
    ]
