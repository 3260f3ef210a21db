"""A spaCy rule is checked when it is loaded: every mistake names the file, the rule and
the field, and `proofer rules` exits 2 instead of failing during a check."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from proofer import cli
from proofer.rulebook import RuleFileError, load_rules, rules_dir

VALID = yaml.safe_load((rules_dir() / "grammar" / "doubled-word.yaml").read_text())


def _rule_dir(tmp_path: Path, change: dict[str, Any]) -> Path:
    data = copy.deepcopy(VALID)
    for key, value in change.items():
        if key == "message":
            data["message"] = value
        else:
            data["spacy"][key] = value
    directory = tmp_path / "rules"
    directory.mkdir()
    (directory / "bad.yaml").write_text(yaml.safe_dump(data))
    return directory


BAD = [
    ({"when": [{"no_such_condition": 0}]}, "spacy.when[0]", "unknown condition 'no_such_condition'"),
    ({"when": [{"lower_in": {"token": 0}}]}, "spacy.when[0]", "missing argument 'words'"),
    ({"when": [{"lower_in": {"token": 0, "words": ["a"], "colour": 1}}]}, "spacy.when[0]",
     "unknown argument(s) colour"),
    ({"when": [{"tag_in": {"token": 0, "tags": ["VBX"]}}]}, "spacy.when[0]",
     "unknown spaCy tags label(s): VBX"),
    ({"when": [{"lower_in": {"token": "first", "words": ["a"]}}]}, "spacy.when[0]",
     "bad token index 'first'"),
    ({"unless": [{"not": {"lower_in": {"token": 0, "words": "$no_such_class"}}}]},
     "spacy.unless[0]", "unknown word class $no_such_class"),
    ({"unless": [{"lower_in": {"token": 0, "words": ["a", False]}}]}, "spacy.unless[0]",
     "expected a list of words"),
    ({"suggest": ["{0:shout}"]}, "spacy.suggest[0]", "unknown filter 'shout'"),
    ({"suggest": ["{middle}"]}, "spacy.suggest[0]", "a brace that is not a field"),
    ({"message": "The word '{t5}' is repeated."}, "message",
     "placeholder {t5} is past the shortest match (2 tokens)"),
    ({"message": "The word '{word}' is repeated."}, "message", "unknown placeholder {word}"),
    ({"patterns": [[{"LOWER": {"IN": "$no_such_class"}}]]}, "spacy.patterns[0]",
     "unknown word class $no_such_class"),
    ({"patterns": [[{"LOWR": "the"}]]}, "spacy.patterns[0]", "LOWR"),
    ({"flag": [0, 3]}, "spacy.flag", "outside the shortest match"),
]


@pytest.mark.parametrize(("change", "field", "problem"), BAD)
def test_a_bad_rule_names_file_rule_and_field(
    tmp_path: Path, change: dict[str, Any], field: str, problem: str
) -> None:
    directory = _rule_dir(tmp_path, change)
    with pytest.raises(RuleFileError) as error:
        load_rules([directory])
    message = str(error.value)
    assert "bad.yaml" in message
    assert "PF-GRAMMAR-DOUBLED-WORD" in message
    assert f"field '{field}'" in message
    assert problem in message


def test_the_shipped_rules_are_valid() -> None:
    assert any(rule.engine == "spacy" for rule in load_rules())


def test_proofer_rules_exits_2_on_a_bad_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = _rule_dir(tmp_path, {"when": [{"no_such_condition": 0}]})
    monkeypatch.setattr(cli, "load_rules", lambda: load_rules([directory]))
    result = CliRunner().invoke(cli.app, ["rules"])
    assert result.exit_code == 2
    assert "unknown condition 'no_such_condition'" in result.output
    assert "Traceback" not in result.output


def test_the_rule_language_manual_is_generated_from_the_registry() -> None:
    import subprocess
    import sys

    script = Path(__file__).resolve().parent.parent / "scripts" / "build_rule_manual.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
