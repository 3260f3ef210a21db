"""Baselines and the fingerprints they match on."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from proofer.cli import app
from proofer.finding import Finding, Severity
from proofer.fingerprint import file_fingerprints, normalize_path

OLD = (
    "# Notes\n\n"
    "The company updated it's privacy policy.\n\n"
    "We saw the the results last week.\n"
)
NEW_PARAGRAPH = "It took an book to explain.\n\n"


def _check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["check", "--engines", "spacy", *args])
    return result.exit_code, result.stdout, result.stderr


def _json(*args: str) -> tuple[int, dict]:
    code, out, _ = _check("--format", "json", *args)
    return code, json.loads(out)


def _finding(rule: str, source: str, text: str, nth: int = 0) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = source.index(text, start + 1)
    return Finding(rule, start, start + len(text), "m", Severity.ERROR, "c", "spacy")


def test_baselined_file_passes_and_new_error_above_fails_alone(in_tmp: Path) -> None:
    draft = in_tmp / "draft.md"
    draft.write_text(OLD, encoding="utf-8")
    code, _, err = _check("--write-baseline", "baseline.json", "draft.md")
    assert code == 0
    assert "wrote 2 finding(s) to baseline baseline.json" in err
    code, report = _json("--baseline", "baseline.json", "draft.md")
    assert (code, report["findings"], report["summary"]["baselined"]) == (0, [], 2)
    # A new paragraph with a new error ABOVE the old ones shifts every line.
    draft.write_text(OLD.replace("The company", NEW_PARAGRAPH + "The company"), encoding="utf-8")
    code, report = _json("--baseline", "baseline.json", "draft.md")
    assert code == 1
    assert [(f["rule"], f["line"]) for f in report["findings"]] == [
        ("PF-GRAMMAR-ARTICLE-SOUND", 3)
    ]
    assert report["summary"]["baselined"] == 2


def test_human_summary_says_how_many_were_suppressed(in_tmp: Path) -> None:
    (in_tmp / "draft.md").write_text(OLD, encoding="utf-8")
    _check("--write-baseline", "b.json", "draft.md")
    code, out, _ = _check("--baseline", "b.json", "draft.md")
    assert code == 0
    assert "2 suppressed by baseline" in out


def test_moved_paragraphs_match_and_fixed_findings_drop_out(in_tmp: Path) -> None:
    draft = in_tmp / "draft.md"
    draft.write_text(OLD, encoding="utf-8")
    _check("--write-baseline", "b.json", "draft.md")
    first, second = OLD.split("\n\n")[1:]
    draft.write_text(f"# Notes\n\n{second.strip()}\n\n{first}\n\nA new closing line.\n")
    code, report = _json("--baseline", "b.json", "draft.md")
    assert (code, report["findings"], report["summary"]["baselined"]) == (0, [], 2)
    draft.write_text(OLD.replace("it's", "its"), encoding="utf-8")
    code, report = _json("--baseline", "b.json", "draft.md")
    assert (code, report["findings"], report["summary"]["baselined"]) == (0, [], 1)


def test_repeated_identical_slips_stay_distinct(in_tmp: Path) -> None:
    draft = in_tmp / "draft.md"
    paragraph = "We saw the the results.\n\n"
    draft.write_text(paragraph * 2, encoding="utf-8")
    _check("--write-baseline", "b.json", "draft.md")
    draft.write_text(paragraph * 3, encoding="utf-8")
    code, report = _json("--baseline", "b.json", "draft.md")
    assert code == 1
    assert len(report["findings"]) == 1
    assert report["summary"]["baselined"] == 2


def test_baseline_file_is_sorted_one_finding_per_line_and_deterministic(in_tmp: Path) -> None:
    (in_tmp / "b.md").write_text(OLD, encoding="utf-8")
    (in_tmp / "a.md").write_text("We saw the the results.\n", encoding="utf-8")
    _check("--write-baseline", "one.json", "b.md", "a.md")
    _check("--write-baseline", "two.json", "a.md", "b.md")
    text = (in_tmp / "one.json").read_text(encoding="utf-8")
    assert text == (in_tmp / "two.json").read_text(encoding="utf-8")
    data = json.loads(text)
    entries = [(e["path"], e["rule"], e["text"], e["fingerprint"]) for e in data["findings"]]
    assert entries == sorted(entries)
    assert [e[0] for e in entries] == ["a.md", "b.md", "b.md"]
    assert sum(1 for line in text.splitlines() if '"fingerprint"' in line) == 3


def test_missing_or_corrupt_baseline_is_a_clear_usage_error(in_tmp: Path) -> None:
    (in_tmp / "draft.md").write_text(OLD, encoding="utf-8")
    code, _, err = _check("--baseline", "nope.json", "draft.md")
    assert code == 2 and "nope.json not found" in err
    (in_tmp / "bad.json").write_text("{not json", encoding="utf-8")
    code, _, err = _check("--baseline", "bad.json", "draft.md")
    assert code == 2 and "not valid JSON" in err
    (in_tmp / "other.json").write_text('{"findings": {}}', encoding="utf-8")
    code, _, err = _check("--baseline", "other.json", "draft.md")
    assert code == 2 and "not a proofer baseline" in err
    code, _, err = _check("--baseline", "x.json", "--write-baseline", "y.json", "draft.md")
    assert code == 2


def test_fingerprints_ignore_line_numbers_but_not_the_words_around() -> None:
    source = "Intro.\n\nWe saw the the results.\n"
    finding = _finding("R", source, "the the")
    (base,) = file_fingerprints("a.md", source, [finding])
    shifted = "New first paragraph.\n\nIntro.\n\nWe saw the the results.\n"
    assert file_fingerprints("a.md", shifted, [_finding("R", shifted, "the the")]) == [base]
    reflowed = "Intro.\n\nWe saw\nthe the results.\n"
    assert file_fingerprints("a.md", reflowed, [_finding("R", reflowed, "the the")]) == [base]
    assert file_fingerprints("./a.md", source, [finding]) == [base]
    assert file_fingerprints("b.md", source, [finding]) != [base]
    assert file_fingerprints("a.md", source, [_finding("S", source, "the the")]) != [base]
    other = "Intro.\n\nThey saw the the results.\n"
    assert file_fingerprints("a.md", other, [_finding("R", other, "the the")]) != [base]


def test_identical_findings_in_identical_context_get_ordinals() -> None:
    source = "We saw the the results.\n\nWe saw the the results.\n"
    findings = [_finding("R", source, "the the", 1), _finding("R", source, "the the", 0)]
    prints = file_fingerprints("a.md", source, findings)
    assert len(set(prints)) == 2
    assert prints == list(reversed(file_fingerprints("a.md", source, findings[::-1])))


def test_normalize_path() -> None:
    assert normalize_path("./docs/../docs/a.md") == "docs/a.md"
    assert normalize_path("-") == "-"
