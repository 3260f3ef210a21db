"""Every output format, human and HTML included, is one registered Reporter."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from proofer.catalog import RuleCatalog
from proofer.cli import app
from proofer.config import Config
from proofer.engines.spacy.engine import SpacyEngine
from proofer.finding import Severity
from proofer.fingerprint import stamp_fingerprints
from proofer.pipeline import check_documents, read_documents
from proofer.report import DEFAULT_FORMAT, REPORTERS, format_names
from proofer.report.context import ReportContext
from proofer.sources import discover

DOC = "# Notes\n\nThe company updated it's privacy policy.\n\nWe saw the the results.\n"


def _check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["check", "--engines", "spacy", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def draft(in_tmp: Path) -> Path:
    path = in_tmp / "a.md"
    path.write_text(DOC, encoding="utf-8")
    return path


def test_every_format_is_in_the_registry_and_the_help() -> None:
    assert DEFAULT_FORMAT == "human"
    assert format_names()[:2] == ["human", "html"]
    assert set(format_names()) >= {
        "human", "html", "json", "sarif", "github", "rdjson", "junit", "gitlab", "checkstyle",
    }
    help_text = CliRunner().invoke(app, ["check", "--help"], env={"COLUMNS": "200"}).stdout
    for name in format_names():
        assert name in help_text


def test_an_unknown_format_is_a_usage_error_naming_the_choices(draft: Path) -> None:
    code, _, err = _check("--format", "pdf", "a.md")
    assert code == 2
    assert "html" in err and "human" in err


def _render_all(paths: list[str], catalog: RuleCatalog, engine: SpacyEngine) -> dict[str, str]:
    documents, errors = read_documents(discover(paths).files, Config())
    assert not errors
    result = check_documents(documents, [engine], Config(), catalog)
    stamp_fingerprints(result)
    context = ReportContext(result, catalog, Severity.SUGGESTION, "error", 1, "0.0.0")
    return {name: reporter.render(context) for name, reporter in REPORTERS.items()}


def test_every_reporter_renders_the_same_bytes_twice(
    draft: Path, catalog: RuleCatalog, spacy_engine: SpacyEngine
) -> None:
    first = _render_all(["a.md"], catalog, spacy_engine)
    second = _render_all(["a.md"], catalog, spacy_engine)
    assert set(first) == set(format_names())
    for name, text in first.items():
        assert "PF-GRAMMAR-ITS-POSSESSIVE" in text, name
        assert text == second[name], name


def test_human_report_to_a_file_is_plain_text_and_the_summary_goes_to_stderr(
    draft: Path,
) -> None:
    code, out, err = _check("--output", "report.txt", "a.md")
    assert code == 1
    text = Path("report.txt").read_text(encoding="utf-8")
    assert "a.md:3:21" in text and "suggestion: “its”" in text
    assert "\x1b[" not in text
    assert out == ""
    assert "1 file checked" in err


def test_human_report_on_stdout_carries_its_summary(draft: Path) -> None:
    code, out, err = _check("a.md")
    assert code == 1
    assert "a.md:3:21" in out and "1 file checked" in out
    assert "1 file checked" not in err
    quiet_code, quiet_out, _ = _check("--quiet", "a.md")
    assert quiet_code == 1 and "a.md:3:21" not in quiet_out and "1 file checked" in quiet_out


def test_html_goes_to_stdout_alone_and_the_summary_to_stderr(draft: Path) -> None:
    code, out, err = _check("--format", "html", "a.md")
    assert code == 1
    assert out.startswith("<!DOCTYPE html>") and out.endswith("</html>\n")
    assert "1 file checked" in err
    _, _, quiet_err = _check("--format", "html", "--quiet", "a.md")
    assert "1 file checked" not in quiet_err
    code, out, err = _check("--format", "html", "--output", "report.html", "a.md")
    assert code == 1 and out == "" and "1 file checked" in err
    assert Path("report.html").read_text(encoding="utf-8") == _check("--format", "html", "a.md")[1]
