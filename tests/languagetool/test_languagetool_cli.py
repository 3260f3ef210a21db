"""`proofer check` with LanguageTool, end to end through the CLI (real server)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import psutil
import pytest
from typer.testing import CliRunner

from proofer.cli import app

pytestmark = pytest.mark.languagetool

EMOJI_LINE = "😀🎉 日本語 This sentence has a tset in it."
CODE_LIKE = (
    "We call fooBar and snake_case_name from src/main.go, read go.mod, pin v1.2.3, "
    "set GODEBUG, visit https://example.com/docs and use x86 and utf8 here. "
    "Ask Geomys about it. The wierd part is over.\n"
)


def _check(args: list[str], env: dict[str, str] | None = None) -> tuple[int, dict, str]:
    result = CliRunner().invoke(app, ["check", "--format", "json", *args], env=env)
    output = result.stdout
    report = json.loads(output) if output.strip().startswith("{") else {}
    return result.exit_code, report, result.stderr if hasattr(result, "stderr") else ""


def test_emoji_and_cjk_line_reports_the_exact_column(in_tmp: Path, lt_url: str) -> None:
    (in_tmp / "draft.md").write_text(f"# Title\n\n{EMOJI_LINE}\n", encoding="utf-8")
    code, report, _ = _check(
        ["--engines", "languagetool", "draft.md"], {"PROOFER_LANGUAGETOOL_URL": lt_url}
    )
    assert code == 1, report
    (finding,) = report["findings"]
    assert finding["rule"] == "LT.MORFOLOGIK_RULE_EN_US"
    assert finding["severity"] == "error" and finding["engine"] == "languagetool"
    assert (finding["line"], finding["column"]) == (3, EMOJI_LINE.index("tset") + 1)
    assert finding["end_column"] == EMOJI_LINE.index("tset") + 5
    assert len(finding["suggestions"]) <= 5


def test_code_like_tokens_and_vocabulary_are_not_misspellings(in_tmp: Path, lt_url: str) -> None:
    (in_tmp / "draft.md").write_text(CODE_LIKE, encoding="utf-8")
    env = {"PROOFER_LANGUAGETOOL_URL": lt_url}
    _, before, _ = _check(["--engines", "languagetool", "draft.md"], env)
    lines = CODE_LIKE
    flagged = [lines[f["column"] - 1 : f["end_column"] - 1] for f in before["findings"]
               if f["rule"] == "LT.MORFOLOGIK_RULE_EN_US"]
    assert "wierd" in flagged, flagged  # a real typo in the same text is still found
    code_words = {"fooBar", "snake_case_name", "main", "mod", "GODEBUG", "x86", "utf8", "example"}
    assert not code_words & set(flagged), flagged
    (in_tmp / "vocab.txt").write_text("# names\nGeomys\n^wier\\w$\n", encoding="utf-8")
    (in_tmp / ".proofer.toml").write_text('vocabulary = "vocab.txt"\n', encoding="utf-8")
    code, after, _ = _check(["--engines", "languagetool", "draft.md"], env)
    spelled = [f for f in after["findings"] if f["rule"] == "LT.MORFOLOGIK_RULE_EN_US"]
    assert spelled == [] and code == 0, after


def test_vale_vocabulary_is_accepted_by_spelling(in_tmp: Path, lt_url: str) -> None:
    (in_tmp / "draft.md").write_text("Our Zorblax service is wierd.\n", encoding="utf-8")
    env = {"PROOFER_LANGUAGETOOL_URL": lt_url}
    _, before, _ = _check(["--engines", "languagetool", "draft.md"], env)
    spelled = {f["column"] for f in before["findings"] if f["rule"] == "LT.MORFOLOGIK_RULE_EN_US"}
    assert spelled == {5, 24}, before
    accept = in_tmp / "styles" / "config" / "vocabularies" / "Team" / "accept.txt"
    accept.parent.mkdir(parents=True)
    # A Vale (RE2) class that Python's re rejects: matched as the style engine matches it.
    accept.write_text("Z\\p{Ll}+blax\n", encoding="utf-8")
    (in_tmp / ".vale.ini").write_text("StylesPath = styles\nVocab = Team\n", encoding="utf-8")
    _, after, _ = _check(["--engines", "languagetool", "draft.md"], env)
    spelled = {f["column"] for f in after["findings"] if f["rule"] == "LT.MORFOLOGIK_RULE_EN_US"}
    assert spelled == {24}, after


def test_lowercase_sentence_start_only_in_prose_paragraphs(in_tmp: Path, lt_url: str) -> None:
    draft = (
        "this paragraph starts in lowercase.\n\n"
        "- a list item may start in lowercase\n\n"
        "```\nx := 1\n```\n\n"
        "where x is the answer.\n\n"
        "A sentence ends here. then another starts in lowercase.\n"
    )
    (in_tmp / "draft.md").write_text(draft, encoding="utf-8")
    _, report, _ = _check(["--engines", "languagetool", "draft.md"], {"PROOFER_LANGUAGETOOL_URL": lt_url})
    found = [(f["line"], f["column"]) for f in report["findings"]
             if f["rule"] == "LT.UPPERCASE_SENTENCE_START"]
    assert found == [(1, 1), (11, 23)], report


def test_unreachable_url_exits_3_and_starts_no_server(in_tmp: Path) -> None:
    (in_tmp / "draft.md").write_text("A fine sentence.\n", encoding="utf-8")
    me = psutil.Process()
    before = {p.pid for p in me.children(recursive=True)}
    started = time.monotonic()
    result = CliRunner().invoke(
        app, ["check", "--engines", "spacy,languagetool", "draft.md"],
        env={"PROOFER_LANGUAGETOOL_URL": "http://127.0.0.1:9"},
    )
    assert result.exit_code == 3, result.output
    output = result.output + (result.stderr if hasattr(result, "stderr") else "")
    assert "cannot reach the LanguageTool server at http://127.0.0.1:9" in output
    assert time.monotonic() - started < 60
    spawned = {p.pid for p in me.children(recursive=True)} - before
    assert not spawned, "proofer started a local server instead of failing"


def test_spacy_only_run_says_languagetool_was_skipped(in_tmp: Path) -> None:
    (in_tmp / "draft.md").write_text("This has a tset.\n", encoding="utf-8")
    code, report, _ = _check(["--engines", "spacy", "draft.md"],
                             {"PROOFER_LANGUAGETOOL_URL": "http://127.0.0.1:9"})
    assert code == 0
    assert "languagetool" in report["summary"]["skipped_engines"]
    assert report["summary"]["engines"] == ["spacy"]


def test_same_error_from_both_engines_is_reported_once(in_tmp: Path, lt_url: str) -> None:
    (in_tmp / "draft.md").write_text("I saw the the cat yesterday.\n", encoding="utf-8")
    env = {"PROOFER_LANGUAGETOOL_URL": lt_url}
    _, alone, _ = _check(["--engines", "languagetool", "draft.md"], env)
    assert [f["rule"] for f in alone["findings"]] == ["LT.ENGLISH_WORD_REPEAT_RULE"]
    _, both, _ = _check(["--engines", "spacy,languagetool", "draft.md"], env)
    assert [f["rule"] for f in both["findings"]] == ["PF-GRAMMAR-DOUBLED-WORD"]
    assert both["findings"][0]["suggestions"][0] == "the"


def test_style_findings_stay_at_suggestion(in_tmp: Path, lt_url: str) -> None:
    text = "We have avoided almost all of the startup overhead in the past year.\n"
    (in_tmp / "draft.md").write_text(text, encoding="utf-8")
    _, report, _ = _check(["--engines", "languagetool", "draft.md"],
                          {"PROOFER_LANGUAGETOOL_URL": lt_url})
    rules = {f["rule"]: f["severity"] for f in report["findings"]}
    assert rules.get("LT.ALL_OF_THE") == "suggestion", rules
