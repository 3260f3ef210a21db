"""Bad input gets a clear message and the right exit code; other files are still checked."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from proofer.cli import app

ERROR_LINE = "The company updated it's privacy policy.\n"


def _run(*args: str) -> tuple[int, dict, str]:
    result = CliRunner().invoke(app, ["check", "--engines", "spacy", "--format", "json", *args])
    return result.exit_code, json.loads(result.stdout) if result.stdout else {}, result.stderr


def _status(report: dict) -> dict[str, str]:
    return {f["path"]: f.get("error", "checked") for f in report["files"]}


def test_binary_and_invalid_utf8_are_named_and_others_checked(in_tmp: Path) -> None:
    (in_tmp / "good.md").write_text(ERROR_LINE)
    (in_tmp / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (in_tmp / "latin1.md").write_bytes("Caf\xe9 it's".encode("latin-1"))
    code, report, err = _run("good.md", "binary.md", "latin1.md")
    assert code == 2
    status = _status(report)
    assert "binary" in status["binary.md"]
    assert "not valid UTF-8" in status["latin1.md"]
    assert status["good.md"] == "checked"
    assert [f["path"] for f in report["findings"]] == ["good.md"]
    assert "Traceback" not in err


def test_utf16_and_utf8_bom_are_read(in_tmp: Path) -> None:
    (in_tmp / "u16.md").write_bytes(ERROR_LINE.encode("utf-16"))
    (in_tmp / "bom.md").write_bytes(b"\xef\xbb\xbf" + ERROR_LINE.encode())
    code, report, _ = _run("u16.md", "bom.md")
    assert code == 1
    assert sorted((f["path"], f["column"]) for f in report["findings"]) == [
        ("bom.md", 21), ("u16.md", 21)
    ]


def test_empty_file_is_clean_and_empty_directory_is_an_error(in_tmp: Path) -> None:
    (in_tmp / "empty.md").write_text("")
    (in_tmp / "nothing").mkdir()
    assert _run("empty.md")[0] == 0
    code, report, _ = _run("nothing")
    assert code == 2
    assert "no Markdown or text files" in _status(report)["nothing"]


def test_large_file_is_refused_with_a_message(in_tmp: Path) -> None:
    (in_tmp / "ok.md").write_text(ERROR_LINE)
    with (in_tmp / "huge.md").open("w") as handle:
        handle.write(("All work and no play. " * 50 + "\n\n") * 10_000)  # ~11 MB
    code, report, _ = _run("ok.md", "huge.md")
    assert code == 2
    assert "larger than the limit" in _status(report)["huge.md"]
    assert len(report["findings"]) == 1


def test_file_size_limit_is_configurable(in_tmp: Path) -> None:
    (in_tmp / "big.txt").write_text(("A plain line of prose here. " * 40 + "\n\n") * 3)
    (in_tmp / ".proofer.toml").write_text("max-file-size = 1000\n")
    assert "larger than the limit" in _status(_run("big.txt")[1])["big.txt"]
    (in_tmp / ".proofer.toml").write_text("max-file-size = 0\n")
    code, report, _ = _run("big.txt")
    assert code == 0
    assert _status(report) == {"big.txt": "checked"}
