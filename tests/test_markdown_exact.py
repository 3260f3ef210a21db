"""Findings land on the exact line and column of prose, and never in excluded regions."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from proofer.cli import app
from proofer.markup.markdown import parse_markdown

FIXTURE = Path(__file__).parent / "fixtures" / "its_everywhere.md"
RULE = "PF-GRAMMAR-ITS-POSSESSIVE"


def _expected_positions(source: str) -> list[tuple[int, int]]:
    """(line, column) of every "it's" on the prose lines of the fixture, computed by hand."""
    prose_lines = {6, 8, 10, 12, 13, 17, 19, 20, 21}
    positions = []
    for number, line in enumerate(source.split("\n"), start=1):
        if number in prose_lines:
            positions.append((number, line.index("it's") + 1))
    return positions


def test_its_errors_reported_at_exact_positions_only_in_prose(in_tmp: Path) -> None:
    source = FIXTURE.read_text(encoding="utf-8")
    result = CliRunner().invoke(
        app, ["check", "--engines", "spacy", "--format", "json", str(FIXTURE)]
    )
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    found = [(f["line"], f["column"]) for f in report["findings"] if f["rule"] == RULE]
    assert found == _expected_positions(source)
    for finding in report["findings"]:
        assert finding["end_column"] - finding["column"] == len("it's")


def test_emoji_and_cjk_columns_count_code_points(in_tmp: Path) -> None:
    result = CliRunner().invoke(
        app, ["check", "--engines", "spacy", "--format", "json", str(FIXTURE)]
    )
    columns = {f["line"]: f["column"] for f in json.loads(result.stdout)["findings"]}
    # Counted by hand: the emoji is one code point (two UTF-16 units, which would give 30),
    # each CJK character one, and "e" + combining accent two.
    assert (columns[19], columns[20], columns[21]) == (29, 21, 28)


def test_excluded_regions_have_no_checkable_text() -> None:
    source = FIXTURE.read_text(encoding="utf-8")
    document = parse_markdown("x.md", source)
    text = document.textmap.text
    assert "privacy policy\n" not in text.split("# The app")[0]
    assert "indented code" not in text
    assert "example.com" not in text
    assert "lost it's users (indented" not in text
    assert text.count("it's") == 9


def test_toml_front_matter_is_skipped_and_lines_kept() -> None:
    source = '+++\ntitle = "it\'s own title"\n+++\n\nThe app lost it\'s users.\n'
    document = parse_markdown("x.md", source)
    assert "title" not in document.textmap.text
    start, _ = document.textmap.to_source(document.textmap.text.index("it's"), 0)
    assert source[start : start + 4] == "it's"
    assert source.count("\n", 0, start) == 4


def test_crlf_soft_breaks_join_lines_with_a_space() -> None:
    source = "The app lost\r\nit's users.\r\n"
    document = parse_markdown("x.md", source)
    assert document.textmap.text == "The app lost it's users."
    start, end = document.textmap.to_source(13, 17)
    assert source[start:end] == "it's"


def test_template_directives_become_placeholders() -> None:
    source = (
        "Use {{< ref \"it's.md\" >}} and {% include it's.html %} here.\n\n"
        "{{raw `\n\tfunc f() { return it's }\n`}}\n\n"
        "The app lost it's users.\n"
    )
    text = parse_markdown("x.md", source).textmap.text
    assert "ref" not in text and "include" not in text and "func" not in text
    assert text.startswith("Use Dummy0 and Dummy1 here.")
    assert text.endswith("The app lost it's users.")


def test_inline_html_across_lines_in_a_block_quote_keeps_the_quote() -> None:
    source = '> "The app lost it\'s users." <span\n> class="source">Survey</span>\n'
    document = parse_markdown("x.md", source)
    text = document.textmap.text
    assert text.startswith('"The app lost it\'s users."')
    assert "class" not in text
    start, end = document.textmap.to_source(text.index("it's"), text.index("it's") + 4)
    assert source[start:end] == "it's"


def test_toml_front_matter_with_crlf_is_skipped() -> None:
    source = '+++\r\ntitle = "it\'s own"\r\n+++\r\nThe app lost it\'s users.\r\n'
    document = parse_markdown("x.md", source)
    assert document.textmap.text == "The app lost it's users."


def test_a_lone_carriage_return_ends_a_line_as_in_the_markdown_parser() -> None:
    """Old Mac line endings: CommonMark, the LSP and editors read a lone \\r as a line break,
    so line numbers and heading facts must agree with the parser's line map."""
    from proofer.lines import LineIndex

    source = "# Title\rThe app lost it's users.\r\rMore text.\r"
    document = parse_markdown("x.md", source)
    lines = LineIndex(source)
    assert lines.line_count == 5
    assert lines.line_text(2) == "The app lost it's users."
    assert lines.position(source.index("it's")) == (2, 14)
    assert "Title" in document.textmap.text and "More text." in document.textmap.text
    assert LineIndex("a\r\nb\nc").line_count == 3  # \r\n is one break
