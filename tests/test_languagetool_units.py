"""LanguageTool engine pieces that need no server: offsets, chunks, spelling, curation."""

from __future__ import annotations

from pathlib import Path

import pytest

from proofer.engines.languagetool.curation import load_curation
from proofer.engines.languagetool.install import pinned_version
from proofer.engines.languagetool.server import ServerSettings
from proofer.engines.languagetool.spelling import Vocabulary, accepted_spelling
from proofer.engines.languagetool.text import Utf16Index, chunk_text, utf16_length
from proofer.finding import Severity
from proofer.markup.markdown import parse_markdown


def test_utf16_round_trip_with_astral_characters() -> None:
    text = "😀🎉 日本語 a tset 𝒳 done"
    index = Utf16Index(text)
    encoded_units = len(text.encode("utf-16-le")) // 2
    assert utf16_length(text) == encoded_units
    start = text.index("tset")
    # In UTF-16, the two emoji before the word count twice.
    assert index.to_utf16(start) == start + 2
    assert index.to_code_points(index.to_utf16(start)) == start
    end_units = index.to_utf16(start) + 4
    assert index.to_code_points(end_units) == start + 4
    after = text.index("done")
    assert index.to_utf16(after) == after + 3
    assert index.to_code_points(after + 3) == after


def test_chunks_cover_the_text_and_cut_at_block_starts() -> None:
    paragraphs = [f"Paragraph {n} has a few words in it." for n in range(60)]
    document = parse_markdown("a.md", "\n\n".join(paragraphs) + "\n")
    textmap = document.textmap
    chunks = chunk_text(textmap.text, textmap.blocks, 300)
    assert "".join(c.text for c in chunks) == textmap.text
    block_starts = {b.text_start for b in textmap.blocks}
    assert len(chunks) > 5
    assert all(c.start in block_starts | {0} for c in chunks)
    assert all(utf16_length(c.text) <= 300 for c in chunks)


def test_an_over_long_block_is_cut_inside() -> None:
    text = "This is one sentence. " * 200
    document = parse_markdown("a.md", text)
    chunks = chunk_text(document.textmap.text, document.textmap.blocks, 1000)
    assert "".join(c.text for c in chunks) == document.textmap.text
    assert all(utf16_length(c.text) <= 1000 for c in chunks)
    assert all(c.text.endswith(". ") for c in chunks[:-1])


def test_vocabulary_words_folding_and_patterns() -> None:
    vocabulary = Vocabulary.from_lines(
        ["# comment", "", "goroutine", "GoLand", r"^k8s\w*$", r"gRPC(-\w+)?"]
    )
    assert vocabulary.accepts("goroutine") and vocabulary.accepts("Goroutine")
    assert vocabulary.accepts("GOROUTINE")
    assert vocabulary.accepts("GoLand") and not vocabulary.accepts("goland")
    assert vocabulary.accepts("k8sfoo") and vocabulary.accepts("gRPC-web")
    assert not vocabulary.accepts("gRPCweb") and not vocabulary.accepts("tset")


def test_vocabulary_reports_bad_regex_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"vocab\.txt:2: invalid regular expression"):
        Vocabulary.from_lines(["fine", "bad[regex"], "vocab.txt")
    with pytest.raises(ValueError, match="cannot read the vocabulary file"):
        Vocabulary.load(tmp_path / "missing.txt")


def test_accepted_spelling_looks_at_the_whole_token() -> None:
    text = "Call runtime.GOMAXPROCS and (myVar) then tset."
    start = text.index("GOMAXPROCS")
    assert accepted_spelling(text, start, start + 10, Vocabulary())
    start = text.index("myVar")
    assert accepted_spelling(text, start + 2, start + 5, Vocabulary())
    start = text.index("tset")
    assert not accepted_spelling(text, start, start + 4, Vocabulary())


def test_curation_file_is_valid_and_follows_the_policy() -> None:
    curation = load_curation()
    assert curation.severity("MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling") is Severity.ERROR
    assert curation.severity("SOME_GRAMMAR_RULE", "GRAMMAR", "grammar") is Severity.ERROR
    for category in ("STYLE", "TYPOGRAPHY", "REDUNDANCY", "PLAIN_ENGLISH"):
        assert curation.severity("X", category, "style") is Severity.SUGGESTION
    for issue_type in ("style", "typographical", "whitespace"):
        assert curation.severity("X", "UNLISTED", issue_type) is Severity.SUGGESTION
    assert curation.severity("EN_COMPOUNDS_ERROR_PRONE", "MISC", "misspelling") is Severity.SUGGESTION
    assert all(len(reason) > 20 for reason in curation.disabled_rules.values())
    assert curation.priority < 50 and curation.spelling_priority < curation.priority
    enabled, disabled = curation.request_rules(["LT.WHITESPACE_RULE"], ["LT.FOO"])
    assert enabled == {"WHITESPACE_RULE"}
    assert "FOO" in disabled and "WHITESPACE_RULE" not in disabled


def test_server_settings_from_config() -> None:
    settings = ServerSettings.from_config(
        {"heap": "2g", "cache-size": 0, "pipeline-caching": False, "max-check-threads": 4}
    )
    properties = settings.properties()
    assert "cacheSize=0\n" in properties and "pipelineCaching=false\n" in properties
    assert "maxCheckThreads=4\n" in properties and settings.heap == "2g"
    assert ServerSettings().max_check_threads == 2


def test_pinned_version_comes_from_the_pom() -> None:
    assert pinned_version() == "6.8"


def test_nothing_installed_gives_a_clear_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from proofer.engines.languagetool.install import (
        ProvisionError,
        find_installation,
        resolve_installation,
    )

    monkeypatch.setenv("PROOFER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "ltp"))
    assert find_installation() is None
    with pytest.raises(ProvisionError, match="proofer setup-languagetool"):
        resolve_installation(allow_download=False)


def test_ltp_download_directory_is_a_local_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from proofer.engines.languagetool.install import find_installation

    monkeypatch.setenv("PROOFER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    for version in ("6.6", "6.8"):
        home = tmp_path / f"LanguageTool-{version}"
        home.mkdir()
        (home / "languagetool-server.jar").write_bytes(b"")
    found = find_installation()
    assert found is not None and found.version == "6.8"
    assert found.classpath.endswith("LanguageTool-6.8/languagetool-server.jar")


def test_unreachable_configured_url_is_an_engine_error() -> None:
    from proofer.config import Config
    from proofer.engines.base import EngineError
    from proofer.engines.languagetool.build import build_languagetool

    config = Config(languagetool={"url": "http://127.0.0.1:9", "start-timeout": 20})
    # The server is reached when the first request is about to be sent (a run the result
    # cache answers never reaches it), not when the engine is built.
    engine = build_languagetool(config)
    with pytest.raises(EngineError, match=r"cannot reach the LanguageTool server at http://127\.0\.0\.1:9"):
        engine.check([parse_markdown("a.md", "A text to check.\n")])


def test_a_match_across_link_markup_is_seen_as_spanning_markup() -> None:
    from proofer.engines.languagetool.engine import _spans_markup

    document = parse_markdown("a.md", "We follow the [The Paperwork Act](https://e.org) and\nthe rules.\n")
    text = document.textmap.text
    across = text.index("the The")
    assert _spans_markup(document, across, across + len("the The"))
    inside = text.index("Paperwork Act")
    assert not _spans_markup(document, inside, inside + len("Paperwork Act"))
    wrapped = text.index("and the")  # a line break in the source is only whitespace
    assert not _spans_markup(document, wrapped, wrapped + len("and the"))
