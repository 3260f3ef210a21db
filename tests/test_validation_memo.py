"""The validation memo: rules that compiled once are not compiled again at start-up, a
broken rule is never remembered, and a run answered from the cache imports no spaCy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from proofer.cache.validated import already_validated, remember_validated, validation_keys
from proofer.markup.plaintext import parse_plaintext
from proofer.rulebook import RuleFileError, load_rules, rules_dir
from proofer.textmap import TextMap

VALID = yaml.safe_load((rules_dir() / "grammar" / "doubled-word.yaml").read_text())


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("PROOFER_CACHE_DIR", str(directory))
    return directory


def _rule_dir(tmp_path: Path, data: dict) -> Path:
    directory = tmp_path / "rules"
    directory.mkdir(exist_ok=True)
    (directory / "rule.yaml").write_text(yaml.safe_dump(data))
    return directory


def test_keys_follow_the_definition_not_its_neighbours() -> None:
    a, b = {"id": "A", "spec": 1}, {"id": "B", "spec": 2}
    assert validation_keys("spacy", [a, b]) == validation_keys("spacy", [a, b])
    assert validation_keys("spacy", [a, b])[0] == validation_keys("spacy", [a])[0]
    assert validation_keys("spacy", [a])[0] != validation_keys("spacy", [{**a, "spec": 3}])[0]
    assert validation_keys("spacy", [a])[0] != validation_keys("style", [a])[0]


def test_remembered_only_when_every_key_is(cache_dir: Path) -> None:
    keys = validation_keys("spacy", [{"id": "A"}, {"id": "B"}])
    assert not already_validated(keys)
    remember_validated(keys[:1])
    assert already_validated(keys[:1])
    assert not already_validated(keys)


def test_unwritable_memo_is_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("PROOFER_CACHE_DIR", str(blocker))  # a file where a directory goes
    keys = validation_keys("spacy", [{"id": "A"}])
    remember_validated(keys)
    assert not already_validated(keys)


def test_a_good_rule_is_remembered_and_a_broken_one_keeps_failing(
    tmp_path: Path, cache_dir: Path
) -> None:
    good = _rule_dir(tmp_path, VALID)
    (rule,) = load_rules([good])
    assert already_validated(validation_keys("spacy", [rule]))

    broken = {**VALID, "spacy": {**VALID["spacy"], "when": [{"no_such_condition": 0}]}}
    bad = _rule_dir(tmp_path, broken)
    for _ in range(2):
        with pytest.raises(RuleFileError, match="unknown condition 'no_such_condition'"):
            load_rules([bad])


def test_engine_compiles_remembered_rules_on_first_use(tmp_path: Path, cache_dir: Path, nlp) -> None:
    from proofer.engines.spacy.engine import SpacyEngine

    rules = load_rules([_rule_dir(tmp_path, VALID)])
    engine = SpacyEngine(nlp, rules)
    assert "_rules" not in engine.__dict__  # not compiled yet
    findings = engine.check_textmap(_textmap("We saw the the results."))
    assert [f.rule for f in findings] == ["PF-GRAMMAR-DOUBLED-WORD"]


def _textmap(text: str) -> TextMap:
    return parse_plaintext("t.txt", text).textmap


def test_run_answered_from_the_cache_imports_no_spacy(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("# Notes\n\nWe saw the the results. It was a long day.\n")
    env = {
        **os.environ,
        "PROOFER_CACHE_DIR": str(tmp_path / "cache"),
        "PROOFER_RESULT_CACHE": str(tmp_path / "cache" / "results.sqlite3"),
    }
    probe = (
        "import sys\n"
        "sys.argv[0] = 'proofer'\n"
        "from proofer.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('SPACY' if 'spacy' in sys.modules else 'NO-SPACY', file=sys.stderr)\n"
    )
    argv = ["check", "--engines", "spacy,style", "--format", "json", str(draft)]

    def run() -> tuple[str, str]:
        done = subprocess.run(
            [sys.executable, "-c", probe, *argv], capture_output=True, text=True, env=env,
            timeout=300, check=False,
        )
        return done.stdout, done.stderr.strip().splitlines()[-1]

    first, first_imports = run()
    second, second_imports = run()
    assert first_imports == "SPACY"
    assert second_imports == "NO-SPACY"
    assert json.loads(first) == json.loads(second)
    assert "PF-GRAMMAR-DOUBLED-WORD" in first


def test_keys_change_with_the_spacy_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Conditions check labels against the model, so another model validates afresh."""
    from proofer.engines.spacy import model

    before = validation_keys("spacy", [{"id": "A"}])
    monkeypatch.setattr(model, "parser_versions", lambda: ("spacy=9", "en_core_web_sm=9.9"))
    assert validation_keys("spacy", [{"id": "A"}]) != before
