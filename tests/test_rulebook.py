"""Rule files are validated; errors name the file and the offending field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from proofer.rulebook import RuleFileError, load_rule_file, rules_dir

VALID = yaml.safe_load((rules_dir() / "grammar" / "doubled-word.yaml").read_text())


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "rule.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_valid_rule_loads(tmp_path: Path) -> None:
    (rule,) = load_rule_file(_write(tmp_path, VALID))
    assert rule.id == "PF-GRAMMAR-DOUBLED-WORD"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"severity": "fatal"}, "severity"),
        ({"id": "lowercase-id"}, "id"),
        ({"examples": [{"good": "only good"}, {"good": "still good"}]}, "examples"),
        ({"doc": {"what": "no why"}}, "doc"),
        ({"surprise": 1}, "(top level)"),
    ],
)
def test_invalid_rule_names_path_and_field(tmp_path: Path, change: dict, field: str) -> None:
    path = _write(tmp_path, {**VALID, **change})
    with pytest.raises(RuleFileError) as error:
        load_rule_file(path)
    assert str(path) in str(error.value)
    assert f"field '{field}'" in str(error.value)


def test_unknown_condition_is_reported(tmp_path: Path, nlp) -> None:
    from proofer.engines.spacy.engine import SpacyEngine

    bad = {**VALID, "spacy": {**VALID["spacy"], "when": [{"no_such_condition": 0}]}}
    (rule,) = load_rule_file(_write(tmp_path, bad))
    with pytest.raises(RuleFileError, match="unknown condition 'no_such_condition'"):
        SpacyEngine(nlp, [rule])
