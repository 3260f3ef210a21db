"""`--diff REF`: only findings on lines changed since a git revision."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from proofer.changed_lines import parse_diff
from proofer.cli import app

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

OLD = "# Notes\n\nThe company updated it's privacy policy.\n\nIt took an book.\n"


def _check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["check", "--engines", "spacy", *args])
    return result.exit_code, result.stdout, result.stderr


def _findings(*args: str) -> tuple[int, list[tuple[str, int, str]]]:
    code, out, _ = _check("--format", "json", *args)
    report = json.loads(out)
    return code, [(f["path"], f["line"], f["rule"]) for f in report["findings"]]


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture()
def repo(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key, value in {
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
    }.items():
        monkeypatch.setenv(key, value)
    _git("init", "-q", "-b", "main")
    (in_tmp / "draft.md").write_text(OLD, encoding="utf-8")
    _git("add", "draft.md")
    _git("commit", "-q", "-m", "first")
    return in_tmp


def test_only_the_added_line_is_reported(repo: Path) -> None:
    assert len(_findings("draft.md")[1]) == 2
    text = OLD.replace("# Notes\n", "# Notes\n\nWe saw the the results.\n")
    (repo / "draft.md").write_text(text, encoding="utf-8")
    code, found = _findings("--diff", "HEAD", "draft.md")
    assert (code, found) == (1, [("draft.md", 3, "PF-GRAMMAR-DOUBLED-WORD")])


def test_changed_line_staged_and_committed_changes_count(repo: Path) -> None:
    (repo / "draft.md").write_text(OLD.replace("It took", "It really took"), encoding="utf-8")
    _git("add", "draft.md")  # staged, not committed
    assert _findings("--diff", "HEAD", "draft.md")[1] == [("draft.md", 5, "PF-GRAMMAR-ARTICLE-SOUND")]
    _git("commit", "-q", "-m", "second")
    assert _findings("--diff", "HEAD", "draft.md") == (0, [])
    assert _findings("--diff", "HEAD~1", "draft.md")[1] == [
        ("draft.md", 5, "PF-GRAMMAR-ARTICLE-SOUND")
    ]


def test_untracked_files_count_as_wholly_added(repo: Path) -> None:
    (repo / "docs").mkdir()
    (repo / "docs" / "new.md").write_text("We saw the the results.\n", encoding="utf-8")
    code, found = _findings("--diff", "HEAD", "draft.md", "docs")
    assert (code, found) == (1, [("docs/new.md", 1, "PF-GRAMMAR-DOUBLED-WORD")])


def test_merge_base_form_and_subdirectory(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _git("checkout", "-q", "-b", "topic")
    (repo / "draft.md").write_text(OLD + "\nWe saw the the end.\n", encoding="utf-8")
    _git("commit", "-q", "-am", "topic work")
    _git("checkout", "-q", "main")
    (repo / "other.md").write_text("Unrelated.\n", encoding="utf-8")
    _git("add", "other.md")
    _git("commit", "-q", "-m", "main moves on")
    _git("checkout", "-q", "topic")
    assert _findings("--diff", "main...", "draft.md")[1] == [
        ("draft.md", 7, "PF-GRAMMAR-DOUBLED-WORD")
    ]
    (repo / "sub").mkdir()
    monkeypatch.chdir(repo / "sub")
    assert _findings("--diff", "main...", "../draft.md")[1] == [
        ("../draft.md", 7, "PF-GRAMMAR-DOUBLED-WORD")
    ]


def test_bad_revision_and_outside_a_repository_exit_2(repo: Path, tmp_path_factory) -> None:
    code, _, err = _check("--diff", "no-such-ref", "draft.md")
    assert code == 2 and "unknown git revision 'no-such-ref'" in err
    code, _, err = _check("--diff", "--upload-pack=x", "draft.md")
    assert code == 2
    outside = tmp_path_factory.mktemp("outside")
    (outside / "a.md").write_text(OLD, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["check", "--engines", "spacy", "--diff", "HEAD", str(outside / "a.md")],
        env={"GIT_DIR": str(outside / "nothing")},
    )
    assert result.exit_code == 2
    assert "needs a git repository" in result.stderr


def test_parse_diff_reads_added_lines_per_target_file() -> None:
    text = (
        "diff --git a/x.md b/x.md\n"
        "--- a/x.md\n+++ b/x.md\n"
        "@@ -1,0 +2,2 @@\n+one\n+two\n"
        "@@ -5 +7 @@\n-old\n+new\n"
        "diff --git a/gone.md b/gone.md\ndeleted file mode 100644\n"
        "--- a/gone.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n"
    )
    assert parse_diff(text) == {"x.md": frozenset({2, 3, 7})}


def test_files_unchanged_since_the_ref_are_not_checked(repo: Path) -> None:
    (repo / "other.md").write_text("It took an book.\n", encoding="utf-8")
    _git("add", "other.md")
    _git("commit", "-q", "-m", "second")
    text = OLD.replace("# Notes\n", "# Notes\n\nWe saw the the results.\n")
    (repo / "draft.md").write_text(text, encoding="utf-8")
    (repo / "new.md").write_text("A new file with a apple.\n", encoding="utf-8")
    code, out, err = _check("--format", "json", "--diff", "HEAD", ".")
    report = json.loads(out)
    assert code == 1
    assert [f["path"] for f in report["files"]] == ["draft.md", "new.md"]
    assert report["summary"]["files_checked"] == 2
    assert "1 file(s) not checked: unchanged since HEAD" in err
