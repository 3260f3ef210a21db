"""Nothing is skipped in silence: unreadable directories and files are reported by name
with a non-zero exit, special files are left out with a note (never opened), Markdown
nested past the parser's limit is a visible finding, and the `github` and `gitlab`
formats carry unreadable files and failed engines (issue 10)."""

from __future__ import annotations

import io
import json
import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from proofer.cli import app
from tests.reliability.conftest import run_proofer

ROOT = os.geteuid() == 0


def _check(cli: CliRunner, *args: str) -> tuple[int, str, str]:
    result = cli.invoke(app, ["check", "--engines", "spacy", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def docs(in_tmp: Path) -> Path:
    folder = in_tmp / "docs"
    (folder / "private").mkdir(parents=True)
    (folder / "readme.md").write_text("A clean sentence.\n", encoding="utf-8")
    (folder / "private" / "notes.md").write_text("Another clean sentence.\n", encoding="utf-8")
    return folder


def _refuse(monkeypatch: pytest.MonkeyPatch, module: object, name: str, target: Path) -> None:
    """Fault injection: module.<name> raises EACCES for `target`, as for a mode-000 path
    (which root could still read, so chmod alone cannot show it here)."""
    real = getattr(module, name)

    def refusing(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(path, (str, bytes, os.PathLike)) and (
            Path(os.fsdecode(path)).resolve() == target.resolve()
        ):
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(module, name, refusing)


def test_unreadable_subdirectory_is_named_and_fails_the_run(
    docs: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    _refuse(monkeypatch, os, "scandir", docs / "private")
    code, out, err = _check(cli, "--format", "json", "docs")
    assert code == 2, err
    report = json.loads(out)
    assert {"path": "docs/private", "status": "error",
            "error": "cannot read this directory (Permission denied); its files are not "
                     "checked"} in report["files"]
    assert report["summary"]["files_checked"] == 1


def test_unreadable_file_is_named_and_fails_the_run(
    docs: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    _refuse(monkeypatch, os, "open", docs / "readme.md")
    _refuse(monkeypatch, io, "open", docs / "readme.md")
    code, _, err = _check(cli, "docs")
    assert code == 2
    assert "docs/readme.md: cannot read (Permission denied)" in err


@pytest.mark.skipif(ROOT, reason="root reads mode-000 files; the fault-injected tests cover it")
def test_mode_000_directory_and_file(docs: Path, cli: CliRunner) -> None:
    (docs / "readme.md").chmod(0)
    (docs / "private").chmod(0)
    try:
        code, _, err = _check(cli, "docs")
    finally:
        (docs / "private").chmod(0o755)
        (docs / "readme.md").chmod(0o644)
    assert code == 2
    assert "docs/private: cannot read this directory" in err
    assert "docs/readme.md: cannot read" in err


@pytest.fixture()
def short_dir() -> Iterator[Path]:
    """A directory with a short path (a Unix socket path must fit in 107 bytes)."""
    path = Path(tempfile.mkdtemp(prefix="pf-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_fifo_in_a_directory_is_skipped_with_a_note_and_never_opened(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("A clean sentence.\n", encoding="utf-8")
    os.mkfifo(docs / "pipe.md")
    done = run_proofer(["check", "--engines", "style", "docs"], cwd=tmp_path, timeout=120)
    err = done.stderr.decode()
    assert done.returncode == 0, err
    assert "docs/pipe.md: skipped: a named pipe (FIFO), not a regular file" in err
    assert "1 file checked" in done.stdout.decode()


def test_fifo_named_on_the_command_line_is_an_error_not_a_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    done = run_proofer(["check", "--engines", "style", "pipe.md"], cwd=tmp_path, timeout=120)
    assert done.returncode == 2
    assert "pipe.md: not a regular file (a named pipe (FIFO))" in done.stderr.decode()


def test_socket_and_device_are_not_read(short_dir: Path, cli: CliRunner,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(short_dir)
    docs = short_dir / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("A clean sentence.\n", encoding="utf-8")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(docs / "s.md"))
        code, _, err = _check(cli, "docs")
    finally:
        server.close()
    assert code == 0, err
    assert "docs/s.md: skipped: a socket, not a regular file" in err
    code, _, err = _check(cli, os.devnull)
    assert code == 2
    assert f"{os.devnull}: not a regular file (a character device)" in err


def test_symbolic_link_to_a_directory_is_noted(docs: Path, cli: CliRunner) -> None:
    (docs / "shared").symlink_to(docs / "private", target_is_directory=True)
    code, _, err = _check(cli, "docs")
    assert code == 0
    assert "docs/shared: skipped: a symbolic link to a directory" in err


DEEP = "> " * 25 + "This sentense is too deep to be checked.\n\nA clean sentence after it.\n"


def test_markdown_nested_past_the_parser_limit_is_a_visible_finding(
    in_tmp: Path, cli: CliRunner
) -> None:
    (in_tmp / "deep.md").write_text(DEEP, encoding="utf-8")
    code, out, _ = _check(cli, "--format", "json", "--fail-level", "warning", "deep.md")
    (finding,) = [f for f in json.loads(out)["findings"] if f["rule"] == "PF-MARKUP-TOO-DEEP"]
    assert (finding["line"], finding["column"], finding["severity"]) == (1, 1, "warning")
    assert "not checked" in finding["message"]
    assert code == 1
    (in_tmp / "shallow.md").write_text("> " * 10 + "Fine.\n", encoding="utf-8")
    _, out, _ = _check(cli, "--format", "json", "shallow.md")
    assert json.loads(out)["findings"] == []


def test_github_and_gitlab_report_unreadable_files_and_engine_failures(
    in_tmp: Path, cli: CliRunner
) -> None:
    (in_tmp / "good.md").write_text("A clean sentence.\n", encoding="utf-8")
    (in_tmp / "bad.md").write_bytes(b"caf\xe9 is not UTF-8\n")
    base = ["check", "--engines", "spacy,languagetool", "--languagetool-url",
            "http://127.0.0.1:9", "good.md", "bad.md"]
    github = cli.invoke(app, [*base, "--format", "github"])
    assert github.exit_code == 3
    lines = github.stdout.splitlines()
    assert any(line.startswith("::error file=bad.md,line=1,endLine=1,title=proofer%3A not "
                               "checked::not valid UTF-8") for line in lines), lines
    assert any(line.startswith("::error title=proofer%3A engine failed::languagetool")
               for line in lines), lines
    gitlab = cli.invoke(app, [*base, "--format", "gitlab"])
    assert gitlab.exit_code == 3
    issues = json.loads(gitlab.stdout)
    names = {(i["check_name"], i["location"]["path"]) for i in issues}
    assert names == {("proofer/not-checked", "bad.md"), ("proofer/engine-failed", ".")}
    assert all(i["severity"] == "blocker" and len(i["fingerprint"]) == 64 for i in issues)
