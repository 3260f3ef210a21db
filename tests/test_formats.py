"""CI report formats: schema validity, syntax, column units, determinism, fail levels."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from conftest import shared_path
from typer.testing import CliRunner

from proofer.catalog import RuleCatalog
from proofer.cli import app
from proofer.config import Config
from proofer.engines.spacy.engine import SpacyEngine
from proofer.finding import Applicability, Finding, Severity
from proofer.fingerprint import stamp_fingerprints
from proofer.pipeline import FileResult, RunResult, check_documents, read_documents
from proofer.report import MACHINE_FORMATS
from proofer.report.context import ReportContext
from proofer.report.github import escape_data, escape_property
from proofer.sources import InputError, discover

DOC = (
    "# Notes\n\n"
    "The company updated it's privacy policy.\n\n"
    "We saw the the results last week.\n"
)
EMOJI = "😀 We saw the the results.\n"  # one code point, two UTF-16 units, four UTF-8 bytes
CLEAN = "The company updated its privacy policy.\n"
# ::error file=F,line=L,endLine=L2,col=C,endColumn=C2,title=RULE::message
GITHUB_LINE = re.compile(
    r"^::(error|warning|notice) file=[^,:\n]+,line=\d+,endLine=\d+"
    r"(,col=\d+,endColumn=\d+)?,title=[^,:\n]+::[^\r\n]*$"
)
GITHUB_ENGINE_LINE = re.compile(r"^::error title=[^,:\n]+::[^\r\n]*$")


def _check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["check", "--engines", "spacy", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def drafts(in_tmp: Path) -> Path:
    docs = in_tmp / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(DOC, encoding="utf-8")
    (docs / "clean.md").write_text(CLEAN, encoding="utf-8")
    (docs / "emoji.md").write_text(EMOJI, encoding="utf-8")
    return docs


def _validator(schema_path: Path) -> jsonschema.protocols.Validator:
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_sarif_is_valid_and_has_what_code_scanning_needs(drafts: Path) -> None:
    validator = _validator(shared_path("schemas", "sarif-schema-2.1.0.json"))
    code, out, _ = _check("--format", "sarif", "docs")
    assert code == 1
    log = json.loads(out)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, errors[0].message
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "proofer" and driver["version"]
    rules = driver["rules"]
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules)
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert "Why is this bad?" in rule["help"]["markdown"]
        assert "[[" not in rule["help"]["text"]
    assert run["columnKind"] == "utf16CodeUnits"
    results = run["results"]
    assert len(results) == 3
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] == "error"
        assert result["message"]["text"]
        assert len(result["partialFingerprints"]["proofer/v1"]) == 32
        location = result["locations"][0]["physicalLocation"]
        assert not location["artifactLocation"]["uri"].startswith(("/", "file:"))
    its = next(r for r in results if r["ruleId"] == "PF-GRAMMAR-ITS-POSSESSIVE")
    assert its["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "docs/a.md"},
        "region": {"startLine": 3, "startColumn": 21, "endLine": 3, "endColumn": 25},
    }
    assert its["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {
        "text": "its"
    }


def test_rdjson_is_valid_with_suggestions_as_replacements(drafts: Path) -> None:
    validator = _validator(shared_path("schemas", "rdjson", "DiagnosticResult.json"))
    code, out, _ = _check("--format", "rdjson", "docs")
    assert code == 1
    document = json.loads(out)
    errors = list(validator.iter_errors(document))
    assert not errors, errors[0].message
    diagnostics = document["diagnostics"]
    assert len(diagnostics) == 3
    its = next(d for d in diagnostics if d["code"]["value"] == "PF-GRAMMAR-ITS-POSSESSIVE")
    span = {"start": {"line": 3, "column": 21}, "end": {"line": 3, "column": 25}}
    assert its["location"] == {"path": "docs/a.md", "range": span}
    assert its["severity"] == "ERROR"
    assert its["suggestions"] == [{"range": span, "text": "its"}]


def test_columns_follow_each_format_spec_after_a_non_bmp_character(drafts: Path) -> None:
    """'the the' starts at code point 10 after an emoji: UTF-16 column 11, UTF-8 column 13."""
    _, out, _ = _check("--format", "json", "docs/emoji.md")
    (finding,) = json.loads(out)["findings"]
    assert (finding["column"], finding["end_column"]) == (10, 17)
    _, out, _ = _check("--format", "sarif", "docs/emoji.md")
    region = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"]) == (11, 18)
    _, out, _ = _check("--format", "rdjson", "docs/emoji.md")
    span = json.loads(out)["diagnostics"][0]["location"]["range"]
    assert (span["start"]["column"], span["end"]["column"]) == (13, 20)
    _, out, _ = _check("--format", "github", "docs/emoji.md")
    assert ",col=10,endColumn=17," in out


def test_github_lines_match_the_workflow_command_syntax(drafts: Path) -> None:
    code, out, _ = _check("--format", "github", "docs")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 3
    for line in lines:
        assert GITHUB_LINE.match(line), line
    assert lines[0].startswith(
        "::error file=docs/a.md,line=3,endLine=3,col=21,endColumn=25,"
        "title=PF-GRAMMAR-ITS-POSSESSIVE::"
    )


def test_github_escaping(in_tmp: Path) -> None:
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    (in_tmp / "a, b: c.md").write_text("We saw the the results.\n", encoding="utf-8")
    code, out, _ = _check("--format", "github", "a, b: c.md")
    assert code == 1
    assert out.startswith("::error file=a%2C b%3A c.md,line=1,")
    assert GITHUB_LINE.match(out.strip())


def test_suggestion_level_is_a_github_notice(in_tmp: Path) -> None:
    (in_tmp / ".proofer.toml").write_text('severity = {"PF-GRAMMAR-DOUBLED-WORD" = "suggestion"}\n')
    (in_tmp / "a.md").write_text("We saw the the results.\n", encoding="utf-8")
    code, out, _ = _check("--format", "github", "a.md")
    assert code == 0
    assert out.startswith("::notice file=a.md,")


def test_junit_one_suite_per_file_and_valid_against_ant_schema(drafts: Path) -> None:
    code, out, _ = _check("--format", "junit", "docs")
    assert code == 1
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"docs/a.md", "docs/clean.md", "docs/emoji.md"}
    assert len(suites["docs/a.md"].findall("testcase/failure")) == 2
    assert suites["docs/a.md"].get("failures") == "2"
    clean_cases = suites["docs/clean.md"].findall("testcase")
    assert len(clean_cases) == 1 and not list(clean_cases[0])
    assert sum(int(s.get("failures")) for s in suites.values()) == 3
    xmlschema = pytest.importorskip("xmlschema")
    schema = xmlschema.XMLSchema(str(shared_path("schemas", "junit.xsd")))
    schema.validate(out)


def test_checkstyle_parses_and_lists_every_file(drafts: Path) -> None:
    code, out, _ = _check("--format", "checkstyle", "docs")
    assert code == 1
    root = ET.fromstring(out)
    assert root.tag == "checkstyle"
    files = {f.get("name"): f for f in root.findall("file")}
    assert set(files) == {"docs/a.md", "docs/clean.md", "docs/emoji.md"}
    errors = files["docs/a.md"].findall("error")
    assert [(e.get("line"), e.get("column"), e.get("source")) for e in errors] == [
        ("3", "21", "PF-GRAMMAR-ITS-POSSESSIVE"), ("5", "8", "PF-GRAMMAR-DOUBLED-WORD"),
    ]
    assert {e.get("severity") for e in errors} == {"error"}


def test_xml_formats_survive_control_characters(in_tmp: Path) -> None:
    (in_tmp / "a.md").write_text("We saw\x0b the the results.\n", encoding="utf-8")
    for fmt in ("junit", "checkstyle"):
        code, out, _ = _check("--format", fmt, "a.md")
        assert code == 1
        ET.fromstring(out)


def test_gitlab_code_quality_fields(drafts: Path) -> None:
    code, out, _ = _check("--format", "gitlab", "docs")
    assert code == 1
    issues = json.loads(out)
    assert len(issues) == 3
    for issue in issues:
        assert issue["description"] and issue["check_name"].startswith("PF-")
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert not issue["location"]["path"].startswith("/")
    assert len({i["fingerprint"] for i in issues}) == 3
    assert not out.startswith("\ufeff")


def _render_all(docs: Path, catalog: RuleCatalog, engine: SpacyEngine) -> dict[str, str]:
    """Every machine format of one fresh run over `docs` (the engine's model is shared)."""
    documents, errors = read_documents(discover([str(docs)]).files, Config())
    assert not errors
    result = check_documents(documents, [engine], Config(), catalog)
    stamp_fingerprints(result)
    context = ReportContext(result, catalog, Severity.SUGGESTION, "error", 1, "0.0.0")
    return {name: render(context) for name, render in MACHINE_FORMATS.items()}


def test_two_runs_are_byte_identical_in_every_format(
    drafts: Path, catalog: RuleCatalog, spacy_engine: SpacyEngine
) -> None:
    first = _render_all(drafts, catalog, spacy_engine)
    second = _render_all(drafts, catalog, spacy_engine)
    assert set(first) >= {"sarif", "github", "rdjson", "junit", "gitlab", "checkstyle", "json"}
    for name, text in first.items():
        assert "PF-GRAMMAR-ITS-POSSESSIVE" in text, name
        assert text == second[name], name


def test_two_cli_runs_are_byte_identical(drafts: Path) -> None:
    assert _check("--format", "sarif", "docs")[1] == _check("--format", "sarif", "docs")[1]


def test_output_file_gets_the_report_and_the_summary_still_prints(drafts: Path) -> None:
    code, out, err = _check("--format", "sarif", "--output", "report.sarif", "docs")
    assert code == 1
    assert json.loads(Path("report.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert out == ""
    assert "3 files checked" in err


def test_fail_level_none_exits_0_on_errors(drafts: Path) -> None:
    assert _check("docs/a.md")[0] == 1
    assert _check("--fail-level", "none", "docs/a.md")[0] == 0


def test_fail_level_warning_fails_on_a_warning(in_tmp: Path) -> None:
    (in_tmp / ".proofer.toml").write_text('severity = {"PF-GRAMMAR-DOUBLED-WORD" = "warning"}\n')
    (in_tmp / "a.md").write_text("We saw the the results.\n", encoding="utf-8")
    assert _check("a.md")[0] == 0  # default fail level: error
    assert _check("--fail-level", "warning", "a.md")[0] == 1
    assert _check("--fail-level", "suggestion", "a.md")[0] == 1
    (in_tmp / ".proofer.toml").write_text(
        'fail-level = "warning"\nseverity = {"PF-GRAMMAR-DOUBLED-WORD" = "warning"}\n'
    )
    assert _check("a.md")[0] == 1
    assert _check("--fail-level", "error", "a.md")[0] == 0


def test_min_level_hides_findings_but_fail_level_decides_the_exit(in_tmp: Path) -> None:
    (in_tmp / ".proofer.toml").write_text(
        'min-level = "error"\nseverity = {"PF-GRAMMAR-DOUBLED-WORD" = "warning"}\n'
    )
    (in_tmp / "a.md").write_text("We saw the the results.\n", encoding="utf-8")
    code, out, _ = _check("--format", "json", "a.md")
    assert (code, json.loads(out)["findings"]) == (0, [])
    code, out, _ = _check("--format", "json", "--min-level", "warning", "a.md")
    assert (code, len(json.loads(out)["findings"])) == (0, 1)
    assert _check("--format", "json", "--fail-level", "warning", "a.md")[0] == 1


def _synthetic_context(catalog: RuleCatalog) -> ReportContext:
    """Dynamic LanguageTool and directive rules, a multi-line span, an unreadable file and a
    failed engine: the cases a real spaCy run does not produce."""
    source = "Intro with teh typo.\n\nA span that\ncrosses a line.\n"
    start = source.index("teh")
    span = source.index("that")
    findings = [
        Finding("LT.MORFOLOGIK_RULE_EN_US", start, start + 3, "Possible spelling mistake.",
                Severity.ERROR, "typos", "languagetool", ("the", "ten")),
        Finding("PF-DIRECTIVE-UNUSED", 0, 5, "This comment suppresses nothing.",
                Severity.SUGGESTION, "directives", "proofer"),
        Finding("LT.SOME_RULE[2]", span, span + 12, "Multi-line: a, b.", Severity.WARNING,
                "grammar", "languagetool", ("x",), applicability=Applicability.NONE),
    ]
    result = RunResult(
        files=[FileResult("docs/x.md", source, findings)],
        input_errors=[InputError("docs/bad.md", "not valid UTF-8 (byte 3)")],
        engine_errors=["languagetool: could not start"],
        engines=("spacy",),
    )
    return ReportContext(result, catalog, Severity.SUGGESTION, "error", 3, "0.0.0")


def test_synthetic_edge_cases_stay_valid(catalog: RuleCatalog) -> None:
    context = _synthetic_context(catalog)
    sarif = json.loads(MACHINE_FORMATS["sarif"](context))
    errors = list(_validator(shared_path("schemas", "sarif-schema-2.1.0.json")).iter_errors(sarif))
    assert not errors, errors[0].message
    run = sarif["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["LT.MORFOLOGIK_RULE_EN_US"]["helpUri"].endswith(
        "/rule/show/MORFOLOGIK_RULE_EN_US?lang=en"
    )
    assert "LanguageTool rule SOME_RULE[2]" in rules["LT.SOME_RULE[2]"]["shortDescription"]["text"]
    assert run["invocations"][0]["executionSuccessful"] is False
    multi = next(r for r in run["results"] if r["ruleId"] == "LT.SOME_RULE[2]")
    assert "fixes" not in multi  # not safe to apply
    assert multi["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 8, "endLine": 4, "endColumn": 8,
    }
    rdjson = json.loads(MACHINE_FORMATS["rdjson"](context))
    errors = list(_validator(shared_path("schemas", "rdjson", "DiagnosticResult.json"))
                  .iter_errors(rdjson))
    assert not errors, errors[0].message
    github = MACHINE_FORMATS["github"](context).splitlines()
    assert all(GITHUB_LINE.match(line) or GITHUB_ENGINE_LINE.match(line) for line in github)
    assert "::error file=docs/bad.md,line=1,endLine=1,title=proofer%3A not checked::" in github[0]
    assert github[1] == "::error title=proofer%3A engine failed::languagetool: could not start"
    assert "line=3,endLine=4,title=LT.SOME_RULE[2]::Multi-line: a, b." in github[-1]
    ET.fromstring(MACHINE_FORMATS["checkstyle"](context))
    junit = MACHINE_FORMATS["junit"](context)
    assert len(ET.fromstring(junit).findall("testsuite/testcase/error")) == 2
    xmlschema = pytest.importorskip("xmlschema")
    xmlschema.XMLSchema(str(shared_path("schemas", "junit.xsd"))).validate(junit)
