"""Text from input never drives rich markup or the terminal, and output problems are
clean errors (issue 10): markup in options, paths and config values is printed as
written; escape sequences from a draft are shown escaped; a full disk on stdout is exit
2 with a message; tables keep whole ids when piped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from proofer.cli import app
from proofer.rulebook import Rule
from tests.reliability.conftest import run_proofer


def _invoke(cli: CliRunner, *args: str) -> tuple[int, str, str]:
    result = cli.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{type(result.exception).__name__}: {result.exception}"
    )
    return result.exit_code, result.stdout, result.stderr


def test_markup_in_an_option_value_is_a_clean_usage_error(in_tmp: Path, cli: CliRunner) -> None:
    (in_tmp / "a.md").write_text("Fine.\n", encoding="utf-8")
    code, _, err = _invoke(cli, "check", "--format", "[/b]", "a.md")
    assert code == 2
    assert "(got '[/b]')" in err
    code, _, err = _invoke(cli, "check", "--engines", "[red]x", "a.md")
    assert code == 2 and "[red]x" in err


def test_markup_in_a_config_value_is_printed_as_written(in_tmp: Path, cli: CliRunner) -> None:
    (in_tmp / "a.md").write_text("Fine.\n", encoding="utf-8")
    (in_tmp / ".proofer.toml").write_text('fail-level = "[/b]"\n', encoding="utf-8")
    code, _, err = _invoke(cli, "check", "--engines", "spacy", "a.md")
    assert code == 2
    assert "[/b]" in err and "fail-level" in err


def test_markup_and_escapes_in_paths_are_shown_literally(in_tmp: Path, cli: CliRunner) -> None:
    name = "[red]x[blink]\x1b[2J.md"
    (in_tmp / name).write_text("The the cache.\n", encoding="utf-8")
    code, out, _ = _invoke(cli, "check", "--engines", "spacy", name)
    assert code == 1
    assert "[red]x[blink]\\x1b[2J.md:1:1" in out
    assert "\x1b" not in out
    code, _, err = _invoke(cli, "check", "--engines", "spacy", "[/b]missing.md")
    assert code == 2 and "[/b]missing.md: no such file or directory" in err
    code, out, _ = _invoke(cli, "stats", name)
    assert code == 0 and "[red]x[blink]\\x1b[2J.md" in out


def test_escape_sequences_from_a_draft_are_shown_escaped(in_tmp: Path, cli: CliRunner) -> None:
    draft = "The the \x1b[31mred\x1b[0m cache \u202eevil\u202c and a bell\x07.\n"
    (in_tmp / "a.md").write_text(draft, encoding="utf-8")
    code, out, _ = _invoke(cli, "check", "--engines", "spacy", "a.md")
    assert code == 1
    assert "\\x1b[31mred\\x1b[0m cache \\u202eevil\\u202c and a bell\\x07." in out
    assert not any(ch in out for ch in "\x1b\u202e\u202c\x07")
    lines = out.splitlines()
    shown = next(i for i, line in enumerate(lines) if "│ The the" in line)
    assert lines[shown + 1].index("^") == lines[shown].index("The the")


def test_printable_escapes_controls_and_keeps_text() -> None:
    from proofer.terminal import printable

    assert printable("tab\tand\nnewline é 😀 \u200d") == "tab\tand\nnewline é 😀 \u200d"
    assert printable("\x00\x1b\x7f\x9b\u2066") == "\\x00\\x1b\\x7f\\x9b\\u2066"


def test_rules_table_keeps_whole_ids_when_piped(cli: CliRunner, rules: list[Rule]) -> None:
    code, out, _ = _invoke(cli, "rules")
    assert code == 0
    for rule in rules:
        assert f" {rule.id} " in out, rule.id
        assert f" {rule.name} " in out, rule.name
    assert "…" not in out


def test_stats_table_keeps_whole_paths_when_piped(in_tmp: Path, cli: CliRunner) -> None:
    name = "a-rather-long-file-name-that-would-not-fit-in-a-narrow-table-column.md"
    (in_tmp / name).write_text("One sentence here. And another one.\n", encoding="utf-8")
    code, out, _ = _invoke(cli, "stats", name)
    assert code == 0 and name in out and "…" not in out


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [
    ["check", "--engines", "style", "a.md"],
    ["check", "--engines", "style", "--format", "json", "a.md"],
    ["rules"],
])
def test_stdout_on_a_full_disk_is_a_clean_error(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "a.md").write_text("We did it in order to win.\n", encoding="utf-8")
    with open("/dev/full", "wb") as full:
        done = run_proofer(args, cwd=tmp_path, stdout=full.fileno())
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert "proofer: cannot write the output: No space left on device" in err
    assert "internal error" not in err and "Traceback" not in err and "Exception" not in err


def test_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    read, write = os.pipe()
    os.close(read)
    try:
        done = run_proofer(["rules"], cwd=tmp_path, stdout=write)
    finally:
        os.close(write)
    err = done.stderr.decode()
    assert done.returncode != 0
    assert "Traceback" not in err and "internal error" not in err, err
