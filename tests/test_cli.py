"""The check command end to end: exit codes, JSON shape, stdin, directories, rule docs."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from proofer import __version__
from proofer.cli import app

CLEAN = "The company updated its privacy policy.\n"
WITH_ERROR = "The company updated it's privacy policy.\n"
FINDING_FIELDS = {
    "path", "line", "column", "end_line", "end_column",
    "rule", "severity", "message", "suggestions", "engine",
}


def _check(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["check", "--engines", "spacy", *args], input=input)
    return result.exit_code, result.stdout, result.stderr


def test_exit_codes_clean_error_missing(in_tmp: Path) -> None:
    (in_tmp / "clean.md").write_text(CLEAN)
    (in_tmp / "bad.md").write_text(WITH_ERROR)
    assert _check("clean.md")[0] == 0
    assert _check("bad.md")[0] == 1
    code, _, err = _check("missing.md")
    assert code == 2
    assert "missing.md: no such file or directory" in err


def test_missing_path_still_checks_other_files_and_exits_2(in_tmp: Path) -> None:
    (in_tmp / "bad.md").write_text(WITH_ERROR)
    code, out, _ = _check("--format", "json", "bad.md", "missing.md")
    assert code == 2
    assert len(json.loads(out)["findings"]) == 1


def test_json_has_exactly_the_documented_fields(in_tmp: Path) -> None:
    (in_tmp / "bad.md").write_text("# Notes\n\n" + WITH_ERROR)
    code, out, _ = _check("--format", "json", "bad.md")
    report = json.loads(out)
    assert code == 1
    assert set(report) == {"version", "files", "findings", "summary"}
    assert report["version"] == 1
    (finding,) = report["findings"]
    assert set(finding) == FINDING_FIELDS
    assert finding == {
        "path": "bad.md", "line": 3, "column": 21, "end_line": 3, "end_column": 25,
        "rule": "PF-GRAMMAR-ITS-POSSESSIVE", "severity": "error",
        "message": finding["message"], "suggestions": ["its"], "engine": "spacy",
    }


def test_json_paths_relative_when_walking_and_sorted(in_tmp: Path) -> None:
    docs = in_tmp / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "b.md").write_text(WITH_ERROR + "We saw the the end.\n")
    (docs / "sub" / "a.txt").write_text(WITH_ERROR)
    (docs / "ignored.rst").write_text(WITH_ERROR)
    _, out, _ = _check("--format", "json", "docs")
    findings = json.loads(out)["findings"]
    keys = [(f["path"], f["line"], f["column"], f["rule"]) for f in findings]
    assert keys == sorted(keys)
    assert {f["path"] for f in findings} == {"docs/b.md", "docs/sub/a.txt"}


def test_stdin_is_read_as_markdown(in_tmp: Path) -> None:
    code, out, _ = _check("--format", "json", "-", input="`code` and it's own thing\n")
    assert code == 1
    assert json.loads(out)["findings"][0]["path"] == "-"


def test_fail_level_none_and_min_level(in_tmp: Path) -> None:
    (in_tmp / "bad.md").write_text(WITH_ERROR)
    assert _check("--fail-level", "none", "bad.md")[0] == 0
    assert _check("--fail-level", "bogus", "bad.md")[0] == 2


def test_human_report_shows_context_and_suggestion(in_tmp: Path, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    (in_tmp / "bad.md").write_text(WITH_ERROR)
    code, out, _ = _check("bad.md")
    assert code == 1
    assert "bad.md:1:21" in out
    assert "The company updated it's privacy policy." in out
    assert " " * 20 + "^^^^" in out.split("│ ")[-1] or "^^^^" in out
    assert "suggestion: “its”" in out
    assert "\x1b[" not in out  # plain text when not a TTY / NO_COLOR


def test_quiet_prints_only_the_summary(in_tmp: Path) -> None:
    (in_tmp / "bad.md").write_text(WITH_ERROR)
    code, out, _ = _check("--quiet", "bad.md")
    assert code == 1
    assert "privacy policy" not in out
    assert "1 error" in out


def test_version_rules_and_rule_doc() -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["--version"]).stdout.strip() == f"proofer {__version__}"
    listing = runner.invoke(app, ["rules"])
    assert listing.exit_code == 0
    assert "PF-GRAMMAR-ITS-POSSESSIVE" in listing.stdout
    page = runner.invoke(app, ["rule", "grammar.doubled-word"])
    assert page.exit_code == 0
    assert "Why is this bad?" in page.stdout
    assert "[[the the]]" in page.stdout
    assert runner.invoke(app, ["rule", "NOPE"]).exit_code == 2
    lt_page = runner.invoke(app, ["rule", "LT.WHITESPACE_RULE"])
    assert lt_page.exit_code == 0
    assert "switched off" in lt_page.stdout
    assert "community.languagetool.org/rule/show/WHITESPACE_RULE" in lt_page.stdout


def test_unknown_engine_is_a_usage_error(in_tmp: Path) -> None:
    (in_tmp / "a.md").write_text(CLEAN)
    result = CliRunner().invoke(app, ["check", "--engines", "nope", "a.md"])
    assert result.exit_code == 2
    assert "unknown engine" in result.stderr
