"""Config mistakes are named, not swallowed (issue 10): unknown rule ids and names in
select/ignore/severity, an unknown language and a missing vocabulary file are warnings
naming the file and the key, errors with --strict; the README's example config works in
`.proofer.toml` as well as in `pyproject.toml`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from proofer.cli import app
from proofer.config import ConfigError, load_config
from tests.conftest import REPO_ROOT


def _check(cli: CliRunner, *args: str) -> tuple[int, str, str]:
    result = cli.invoke(app, ["check", "--engines", "spacy", *args, "a.md"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def draft(in_tmp: Path) -> Path:
    (in_tmp / "a.md").write_text("A clean sentence.\n", encoding="utf-8")
    return in_tmp


def _config(folder: Path, text: str) -> None:
    (folder / ".proofer.toml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("text", "expected"), [
    ('ignore = ["PF-GRAMMAR-NO-SUCH"]\n', "key 'ignore': 'PF-GRAMMAR-NO-SUCH' matches no rule"),
    ('select = ["grammar.doubled-wrod"]\n', "key 'select': 'grammar.doubled-wrod' matches no"),
    ('[severity]\n"grammar.nope-*" = "off"\n', "key 'severity.grammar.nope-*': 'grammar.nope-*'"),
    ('[[overrides]]\npaths = ["x/**"]\nignore = ["PF-X-Y"]\n', "key 'overrides[0].ignore'"),
    ('language = "xx-YY"\n', "key 'language': 'xx-YY' is not a language proofer checks"),
    ('vocabulary = "styles/accept.txt"\n', "key 'vocabulary': "),
])
def test_config_problems_warn_and_fail_with_strict(
    draft: Path, cli: CliRunner, text: str, expected: str
) -> None:
    _config(draft, text)
    code, _, err = _check(cli)
    assert code == 0, err
    assert f"warning: {draft / '.proofer.toml'}: {expected}" in err
    code, out, err = _check(cli, "--strict", "--format", "json")
    assert code == 2
    assert f"error: {draft / '.proofer.toml'}: {expected}" in err
    assert out == ""  # nothing was checked


def test_known_selectors_are_quiet(draft: Path, cli: CliRunner) -> None:
    _config(draft, 'ignore = ["LT.EN_QUOTES", "LT.*", "typos", "confused_words", "grammar.*",\n'
                   '          "spacy", "PF-GRAMMAR-DOUBLED-WORD", "style.wordiness"]\n'
                   'language = "en-GB"\n')
    code, _, err = _check(cli, "--strict")
    assert code == 0 and "warning" not in err and "error" not in err, err


def test_vale_names_are_judged_once_the_style_engine_has_run(draft: Path, cli: CliRunner) -> None:
    _config(draft, 'ignore = ["Microsoft.Passive"]\n')
    code, _, err = _check(cli)
    assert code == 0 and "Microsoft.Passive" not in err  # no styles read: cannot judge
    result = cli.invoke(app, ["check", "--engines", "style", "a.md"])
    assert result.exit_code == 0
    assert "key 'ignore': 'Microsoft.Passive' matches no rule" in result.stderr


def test_the_key_names_the_file_that_set_it(draft: Path, cli: CliRunner) -> None:
    _config(draft, 'ignore = ["PF-NOPE-A"]\n')
    (draft / "pyproject.toml").write_text('[tool.proofer]\nselect = ["PF-NOPE-B"]\n',
                                          encoding="utf-8")
    _, _, err = _check(cli)
    assert f"{draft / '.proofer.toml'}: key 'ignore': 'PF-NOPE-A'" in err
    assert f"{draft / 'pyproject.toml'} [tool.proofer]: key 'select': 'PF-NOPE-B'" in err


def _readme_example() -> str:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"### Configuration.*?```toml\n(.*?)```", readme, re.DOTALL)
    assert match, "README has no TOML example under Configuration"
    return match.group(1)


@pytest.mark.parametrize("file_name", [".proofer.toml", "pyproject.toml"])
def test_the_readme_example_works_where_the_readme_says(
    draft: Path, cli: CliRunner, file_name: str
) -> None:
    (draft / file_name).write_text(_readme_example(), encoding="utf-8")
    (draft / "styles").mkdir()
    (draft / "styles" / "accept.txt").write_text("proofer\n", encoding="utf-8")
    config = load_config()
    assert config.language == "en-US" and "LT.EN_QUOTES" in config.ignore
    code, _, err = _check(cli, "--strict")
    assert code == 0, err


def test_dotfile_cannot_mix_top_level_keys_and_a_tool_table(draft: Path) -> None:
    _config(draft, 'min-level = "warning"\n[tool.proofer]\nfail-level = "none"\n')
    with pytest.raises(ConfigError, match="either top-level keys or one"):
        load_config()


def test_the_editor_vocabulary_action_keeps_a_tool_table_dotfile_valid(draft: Path) -> None:
    from proofer.lsp.vocabulary import add_word

    _config(draft, '[tool.proofer]\nmin-level = "warning"\n')
    add_word("Zorblax", load_config(), draft)
    config = load_config()
    assert (config.min_level, config.vocabulary) == ("warning", draft / "proofer-vocabulary.txt")
