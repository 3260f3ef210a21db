"""Pieces of the style engine: Vale's regex dialect, .vale.ini, vocabularies, sentences,
readability counts, source-offset findings, config keys and `proofer stats`."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from proofer.catalog import RuleCatalog
from proofer.cli import app
from proofer.config import ConfigError, from_mapping, validate
from proofer.engines.style.engine import StyleEngine
from proofer.engines.style.readability import count_text, scores, syllables
from proofer.engines.style.regex_dialect import compile_vale, translate
from proofer.engines.style.sentences import split_sentences
from proofer.engines.style.valeini import expand_braces, glob_matches, read_vale_ini
from proofer.engines.style.vocab import accepted_terms, vocabulary_for
from proofer.finding import Severity, TextFinding
from proofer.locate import to_source_findings
from proofer.markup.markdown import parse_markdown
from proofer.rulebook import load_rules
from tests.conftest import shared_path

FIXTURES = Path(__file__).parent / "fixtures" / "vale"


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        (r"a(?i)b|c", "ab aB C xb", ["ab", "aB", "C"]),
        (r"(?i)(?m)\b(?:we|our)\b", "We our ours", ["We", "our"]),
        # POSIX classes are ASCII in Go's RE2 and in Vale's regexp2 (RE2 mode).
        (r"[[:alpha:]]+", "héllo w0rld", ["h", "llo", "w", "rld"]),
        # \b is Unicode-aware in Vale: no boundary between "caf" and "é".
        (r"\bcaf\b|\bcafé\b", "café caf", ["café", "caf"]),
        (r"\w+", "naïve", ["na", "ve"]),
        (r"\p{Lu}\p{Ll}+", "Go Über über", ["Go", "Über"]),
        (r"\Qa.b\E", "a.b axb", ["a.b"]),
        (r"\x{41}+", "AAB", ["AA"]),
        (r"end\z", "the end", ["end"]),
        (r"(?P<x>ab)(?-i)C", "abC abc", ["abC"]),
    ],
)
def test_vale_regex_dialect(pattern: str, text: str, found: list[str]) -> None:
    assert [m.group(0) for m in compile_vale(pattern).finditer(text)] == found


def test_mid_pattern_flags_are_scoped_per_alternative() -> None:
    assert translate(r"a(?i)b|c") == r"a(?i:b)|(?i:c)"
    assert translate(r"x(y(?i)z|w)v") == r"x(y(?i:z)|(?i:w))v"


def test_vale_ini_sections_globs_and_vocab() -> None:
    config = read_vale_ini(FIXTURES / ".vale.ini")
    assert config.styles_path == FIXTURES / "styles"
    assert config.vocab == ("Acme",)
    settings = config.for_file(FIXTURES / "docs" / "draft.md")
    assert settings.styles == ("Vale", "Acme")
    assert settings.rule_levels == {
        "Acme.Hedging": "NO", "Acme.Exclaim": "error", "Terse.Wordy": "YES"}
    assert config.for_file(FIXTURES / "docs" / "notes.txt").styles == ()
    assert expand_braces("*.{md,txt}") == ["*.md", "*.txt"]
    assert glob_matches("*.md", Path("/a/b/c.md")) and not glob_matches("*.md", Path("/a/c.txt"))


def test_accepted_terms_for_a_document_path(tmp_path: Path) -> None:
    """The function the spelling engine uses: Vale's Vocab plus proofer's vocabulary."""
    config = from_mapping({})
    assert accepted_terms(FIXTURES / "docs" / "draft.md", config) == ("Kubernetes", "proofer")
    (tmp_path / "words.txt").write_text("# ours\nGopher\n", encoding="utf-8")
    own = from_mapping({"vocabulary": str(tmp_path / "words.txt"), "vale-config": False})
    assert accepted_terms(FIXTURES / "docs" / "draft.md", own) == ("Gopher",)
    vocab = vocabulary_for(FIXTURES / "docs" / "draft.md", config)
    assert vocab.is_accepted("Kubernetes") and not vocab.is_accepted("kubernetes")
    assert vocab.reject == ("whitelist",)


def test_rejected_terms_get_their_preferred_form(tmp_path: Path, nlp: Language) -> None:
    vocab = tmp_path / "vocab"
    vocab.mkdir()
    (vocab / "accept.txt").write_text("JavaScript\n", encoding="utf-8")
    (vocab / "reject.txt").write_text("utilise => use\nJavascript\n", encoding="utf-8")
    config = from_mapping({"vocabulary": str(vocab), "vale-config": False})
    engine = StyleEngine(config, RuleCatalog(), [], lambda: nlp)
    document = parse_markdown("x.md", "We utilise Javascript daily.\n")
    found = [(f.rule, f.severity, f.suggestions) for f in engine.check_document(document)]
    assert found == [
        ("Vale.Avoid", Severity.ERROR, ("use",)),
        ("Vale.Avoid", Severity.ERROR, ("JavaScript",)),
    ]


def test_sentence_splitter() -> None:
    text = 'Use e.g. this one. Then "quote" it! Mr. Smith left? Yes.'
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Use e.g. this one.", 'Then "quote" it!', "Mr. Smith left?", "Yes."]


def test_syllables_and_scores() -> None:
    assert [syllables(w) for w in ("cat", "table", "reading", "beautiful", "idea")] == [
        1, 2, 2, 3, 3]
    easy = scores(count_text(["The cat sat on the mat.", "It was fun."]))
    hard = scores(count_text([
        "Institutional interoperability necessitates comprehensive organizational "
        "standardization of administrative documentation."]))
    assert easy["flesch_reading_ease"] > 90 > hard["flesch_reading_ease"]
    assert easy["flesch_kincaid_grade"] < 3 < hard["flesch_kincaid_grade"]
    assert scores(count_text([])) == dict.fromkeys(scores(count_text([])), 0.0)


def test_source_offset_findings_are_not_remapped() -> None:
    document = parse_markdown("x.md", "Text `code`.\n\n```\nTODO\n```\n")
    at = document.source.index("TODO")
    raw = TextFinding("R", at, at + 4, "m", Severity.ERROR, "c", "style", source_offsets=True)
    (finding,) = to_source_findings(document, [raw])
    assert document.source[finding.start : finding.end] == "TODO"


def test_config_keys_for_styles() -> None:
    validate({"styles-path": "styles", "styles": ["Acme"], "vale-config": False,
              "style-rules": {"PF-STYLE-SENTENCE-LENGTH": {"max": 20}}}, "test")
    with pytest.raises(ConfigError):
        validate({"vale-config": True}, "test")


def test_style_rules_override_a_built_in_setting(nlp: Language) -> None:
    rules = [r for r in load_rules() if r.id == "PF-STYLE-SENTENCE-LENGTH"]
    text = "This sentence has exactly eight words in it.\n"
    for limit, expected in ((7, 1), (8, 0)):
        config = from_mapping({"vale-config": False,
                               "style-rules": {"PF-STYLE-SENTENCE-LENGTH": {"max": limit}}})
        engine = StyleEngine(config, RuleCatalog(), rules, lambda: nlp)
        assert len(engine.check_document(parse_markdown("x.md", text))) == expected


def test_stats_command_json(tmp_path: Path) -> None:
    draft = tmp_path / "a.md"
    draft.write_text("# Title\n\nThe cat sat on the mat. It was fun.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["stats", "--format", "json", str(draft)])
    assert result.exit_code == 0, result.output
    (doc,) = json.loads(result.stdout)["documents"]
    assert (doc["words"], doc["sentences"], doc["paragraphs"]) == (9, 2, 1)
    assert doc["flesch_reading_ease"] > 90
    table = CliRunner().invoke(app, ["stats", str(draft)])
    assert table.exit_code == 0 and "Flesch" in table.stdout


@pytest.mark.shared_data
def test_built_in_style_adds_no_error_or_warning_on_go_blog(nlp: Language) -> None:
    posts = shared_path("corpora", "go-blog", "posts")
    rules = [r for r in load_rules() if r.engine == "style"]
    engine = StyleEngine(from_mapping({"vale-config": False}), RuleCatalog(), rules, lambda: nlp)
    started = time.monotonic()
    levels = set()
    for path in sorted(posts.glob("*.md")):
        document = parse_markdown(str(path), path.read_text(encoding="utf-8"))
        levels.update(f.severity for f in engine.check_document(document))
    assert levels == {Severity.SUGGESTION}
    assert time.monotonic() - started < 120
