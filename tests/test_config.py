"""Configuration files: discovery, layering, validation errors, rule selection."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from proofer.cli import app

TEXT = "We saw the the results. The company updated it's privacy policy.\n"


def _rules(*args: str) -> tuple[int, list[str], str]:
    result = CliRunner().invoke(
        app, ["check", "--engines", "spacy", "--format", "json", *args, "doc.md"]
    )
    report = json.loads(result.stdout) if result.stdout else {"findings": []}
    return result.exit_code, [f"{f['rule']}:{f['severity']}" for f in report["findings"]], result.stderr


def test_unknown_key_names_file_and_key(in_tmp: Path) -> None:
    (in_tmp / "doc.md").write_text(TEXT)
    (in_tmp / ".proofer.toml").write_text('fail-levle = "warning"\n')
    code, _, err = _rules()
    assert code == 2
    assert ".proofer.toml" in err and "fail-levle" in err


def test_bad_value_in_pyproject_names_key(in_tmp: Path) -> None:
    (in_tmp / "doc.md").write_text(TEXT)
    (in_tmp / "pyproject.toml").write_text('[tool.proofer]\nfail-level = "loud"\n')
    code, _, err = _rules()
    assert code == 2
    assert "pyproject.toml" in err and "fail-level" in err


def test_invalid_toml_is_a_config_error(in_tmp: Path) -> None:
    (in_tmp / "doc.md").write_text(TEXT)
    (in_tmp / ".proofer.toml").write_text("ignore = [\n")
    code, _, err = _rules()
    assert code == 2
    assert "invalid TOML" in err


def test_config_found_upward_and_pyproject_wins(in_tmp: Path, monkeypatch) -> None:
    (in_tmp / ".proofer.toml").write_text('ignore = ["grammar.doubled-word"]\nfail-level = "none"\n')
    (in_tmp / "pyproject.toml").write_text('[tool.proofer]\nfail-level = "error"\n')
    sub = in_tmp / "docs"
    sub.mkdir()
    (sub / "doc.md").write_text(TEXT)
    monkeypatch.chdir(sub)
    code, rules, _ = _rules()
    assert rules == ["PF-GRAMMAR-ITS-POSSESSIVE:error"]
    assert code == 1


def test_select_by_category_and_severity_override(in_tmp: Path) -> None:
    (in_tmp / "doc.md").write_text(TEXT)
    (in_tmp / ".proofer.toml").write_text(
        'select = ["typos", "confusables"]\n'
        '[severity]\n"PF-GRAMMAR-DOUBLED-WORD" = "warning"\n'
    )
    code, rules, _ = _rules()
    assert rules == ["PF-GRAMMAR-DOUBLED-WORD:warning", "PF-GRAMMAR-ITS-POSSESSIVE:error"]
    assert code == 1


def test_per_path_override_and_exclude(in_tmp: Path) -> None:
    (in_tmp / "doc.md").write_text(TEXT)
    (in_tmp / ".proofer.toml").write_text(
        '[[overrides]]\npaths = ["doc.md"]\nignore = ["PF-GRAMMAR-ITS-*"]\n'
    )
    _, rules, _ = _rules()
    assert rules == ["PF-GRAMMAR-DOUBLED-WORD:error"]


def test_explicit_config_that_does_not_exist(in_tmp: Path) -> None:
    (in_tmp / "doc.md").write_text(TEXT)
    code, _, err = _rules("--config", "nope.toml")
    assert code == 2
    assert "nope.toml" in err
