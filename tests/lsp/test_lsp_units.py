"""The language server's pure parts: positions, the disable comment, the vocabulary file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lsprotocol import types

from proofer.catalog import RuleCatalog
from proofer.config import Config, load_config
from proofer.engines.spacy.engine import SpacyEngine
from proofer.finding import Finding, Severity
from proofer.lsp.actions import disable_line_edit
from proofer.lsp.positions import UTF8, UTF16, UTF32, PositionMap
from proofer.lsp.vocabulary import add_word, vocabulary_entry
from proofer.pipeline import check_text

TEXT = st.lists(
    st.sampled_from([*"ab \t\n\r", "é", "e\u0301", "日", "🙂", "👩‍💻", "\u2028"]), max_size=40
).map("".join)


def _units(text: str, encoding: str) -> int:
    if encoding == UTF8:
        return len(text.encode("utf-8"))
    if encoding == UTF16:
        return len(text.encode("utf-16-le")) // 2
    return len(text)


@given(TEXT, st.sampled_from([UTF8, UTF16, UTF32]))
def test_positions_round_trip_and_count_code_units(source: str, encoding: str) -> None:
    positions = PositionMap(source, encoding)
    # LSP lines end at \n, \r\n or \r only (not at U+2028, unlike str.splitlines).
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert positions.line_count == len(lines)
    for offset in range(len(source) + 1):
        if source[offset - 1 : offset + 1] == "\r\n":
            continue  # between \r and \n: not a position of its own
        position = positions.position(offset)
        line_start = positions.line_start(position.line)
        assert position.character == _units(source[line_start:offset], encoding)
        assert positions.offset(position) == offset


def test_a_position_inside_a_surrogate_pair_or_past_the_line_end() -> None:
    positions = PositionMap("🙂x\nab", UTF16)
    assert positions.offset(types.Position(line=0, character=1)) == 0
    assert positions.offset(types.Position(line=0, character=99)) == 2
    assert positions.offset(types.Position(line=9, character=0)) == len("🙂x\nab")


ITS = "PF-GRAMMAR-ITS-POSSESSIVE"
CASES = {
    "first line": "The company updated it's privacy policy.\n",
    "after a blank line": "Intro.\n\nThe company updated it's privacy policy.\n",
    "after a heading": "# Notes\nThe company updated it's privacy policy.\n",
    "inside a paragraph": "It happened last week and\nthe company updated it's privacy policy.\n",
    "second list item": "- One item.\n- The company updated it's privacy policy.\n",
    "list continuation": "- One item that goes on\n  and the company updated it's privacy policy.\n",
    "block quote": "> Intro.\n>\n> The company updated it's privacy policy.\n",
    "quote continuation": "> It happened and\n> the company updated it's privacy policy.\n",
    "after a fence": "```\ncode\n```\nThe company updated it's privacy policy.\n",
    "crlf": "Intro.\r\n\r\nThe company updated it's privacy policy.\r\n",
}


@pytest.mark.parametrize("source", CASES.values(), ids=CASES.keys())
def test_disable_comment_silences_exactly_that_finding(
    source: str, spacy_engine: SpacyEngine, catalog: RuleCatalog
) -> None:
    config = Config(engines=("spacy",))
    before = check_text("a.md", source, True, [spacy_engine], config, catalog).files[0].findings
    (finding,) = [f for f in before if f.rule == ITS]
    positions = PositionMap(source)
    edit = disable_line_edit(finding, positions)
    assert edit is not None
    start = positions.offset(edit.range.start)
    assert start == positions.offset(edit.range.end)
    silenced = source[:start] + edit.new_text + source[start:]
    after = check_text("a.md", silenced, True, [spacy_engine], config, catalog).files[0].findings
    # Gone, the comment counts as used, and nothing new appeared (no block was split).
    assert [f.rule for f in after] == [f.rule for f in before if f.rule != ITS]


def test_no_disable_comment_between_table_rows() -> None:
    source = "| a | b |\n|---|---|\n| it's | x |\n"
    finding = Finding(ITS, source.index("it's"), source.index("it's") + 4, "m",
                      Severity.ERROR, "c", "spacy")
    assert disable_line_edit(finding, PositionMap(source)) is None


def test_vocabulary_entries_are_vale_regexes() -> None:
    assert vocabulary_entry("flurbication") == "flurbication"
    assert vocabulary_entry("Node.js") == "Node\\.js"
    assert vocabulary_entry("C++") == "C\\+\\+"


def test_add_word_creates_the_file_and_the_config_key(tmp_path: Path) -> None:
    edit = add_word("Zorblax", load_config(start=tmp_path), tmp_path)
    assert edit.added and edit.vocabulary == tmp_path / "proofer-vocabulary.txt"
    assert edit.vocabulary.read_text() == "Zorblax\n"
    assert edit.config_file == tmp_path / ".proofer.toml"
    config = load_config(start=tmp_path)
    assert config.vocabulary == tmp_path / "proofer-vocabulary.txt"
    again = add_word("Zorblax", config, tmp_path)
    assert not again.added and again.config_file is None
    assert edit.vocabulary.read_text() == "Zorblax\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".proofer.toml", "proofer-vocabulary.txt"]


def test_add_word_keeps_pyproject_as_it_was(tmp_path: Path) -> None:
    original = '[project]\nname = "x"  # keep me\n\n[tool.proofer.severity]\n"typos" = "warning"\n'
    (tmp_path / "pyproject.toml").write_text(original)
    add_word("Zorblax", load_config(start=tmp_path), tmp_path)
    text = (tmp_path / "pyproject.toml").read_text()
    assert 'name = "x"  # keep me' in text and '"typos" = "warning"' in text
    config = load_config(start=tmp_path)
    assert config.vocabulary == tmp_path / "proofer-vocabulary.txt"
    assert config.severity == {"typos": "warning"}


def test_add_word_appends_to_the_configured_file(tmp_path: Path) -> None:
    (tmp_path / "words.txt").write_text("# terms\r\nalpha")
    (tmp_path / ".proofer.toml").write_text('vocabulary = "words.txt"\n')
    edit = add_word("beta", load_config(start=tmp_path), tmp_path)
    assert edit.config_file is None
    assert (tmp_path / "words.txt").read_bytes().decode() == "# terms\r\nalpha\r\nbeta\r\n"
    assert (tmp_path / ".proofer.toml").read_text() == 'vocabulary = "words.txt"\n'
