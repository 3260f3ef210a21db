"""The result cache with the real LanguageTool server: raw matches are kept per request,
curation and the vocabulary run every time, and a run the cache answers never reaches
the server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from proofer.cache.run import UnitCounts, check_document
from proofer.cache.store import ResultCache
from proofer.cli import app
from proofer.config import Config, from_mapping
from proofer.engines.languagetool.build import build_languagetool
from proofer.engines.languagetool.engine import LanguageToolEngine
from proofer.markup.markdown import parse_markdown

pytestmark = pytest.mark.languagetool

DRAFT = (
    "# One\n\nThis sentence has a tset in it.\n\nWe saw a apple there.\n\n"
    "The last draft has recieve in it, and the the end.\n"
)


def _unreachable(engine: LanguageToolEngine) -> LanguageToolEngine:
    """The engine fails the test if it reaches its server or sends a request."""

    def refuse(*args: Any) -> Any:
        raise AssertionError("LanguageTool was asked although the cache holds every request")

    engine.prepare = refuse  # type: ignore[method-assign]
    engine._check_chunk = refuse  # type: ignore[method-assign,assignment]
    return engine


def test_cached_findings_equal_fresh_ones_and_the_server_is_never_reached(
    lt_url: str, tmp_path: Path
) -> None:
    document = parse_markdown("one.md", DRAFT)
    cache = ResultCache(tmp_path / "results.sqlite3")
    fresh_engine = build_languagetool(Config(), url=lt_url)
    try:
        fresh = fresh_engine.check([document])["one.md"]
        first_counts = UnitCounts.empty()
        first = check_document(fresh_engine, document, cache, first_counts)
    finally:
        fresh_engine.close()
    assert first == fresh
    assert first_counts.checked["languagetool"] >= 1
    assert {f.rule for f in first} >= {"LT.MORFOLOGIK_RULE_EN_US", "LT.EN_A_VS_AN"}
    # A run the cache answers neither reaches the server nor sends it a request.
    offline = _unreachable(build_languagetool(Config(), url=lt_url))
    counts = UnitCounts.empty()
    try:
        again = check_document(offline, document, cache, counts)
    finally:
        offline.close()
    assert again == fresh
    assert counts.checked.get("languagetool", 0) == 0
    cache.close()


def test_the_vocabulary_applies_to_cached_matches(lt_url: str, tmp_path: Path) -> None:
    document = parse_markdown("one.md", DRAFT)
    cache = ResultCache(tmp_path / "results.sqlite3")
    engine = build_languagetool(Config(), url=lt_url)
    try:
        before = check_document(engine, document, cache)
    finally:
        engine.close()
    assert any(document.textmap.text[f.start:f.end] == "tset" for f in before)
    terms = tmp_path / "terms.txt"
    terms.write_text("tset\n", encoding="utf-8")
    config = from_mapping({"vocabulary": str(terms)})
    counts = UnitCounts.empty()
    with_terms = _unreachable(build_languagetool(config, url=lt_url))
    try:
        after = check_document(with_terms, document, cache, counts)
    finally:
        with_terms.close()
    assert counts.checked.get("languagetool", 0) == 0
    assert not any(document.textmap.text[f.start:f.end] == "tset" for f in after)
    assert len(after) == len(before) - 1
    cache.close()


def test_all_engines_same_bytes_with_and_without_the_cache(lt_url: str, in_tmp: Path) -> None:
    (in_tmp / "one.md").write_text(DRAFT, encoding="utf-8")
    (in_tmp / "two.md").write_text("# Two\n\nAnother line with a speling error.\n",
                                   encoding="utf-8")
    runner = CliRunner()
    args = ["check", "--format", "json", "--languagetool-url", lt_url, "one.md", "two.md"]
    uncached = runner.invoke(app, [*args, "--no-cache"])
    cold = runner.invoke(app, args)
    warm = runner.invoke(app, args)
    assert uncached.exit_code == cold.exit_code == warm.exit_code == 1
    assert uncached.stdout == cold.stdout == warm.stdout
    assert '"LT.MORFOLOGIK_RULE_EN_US"' in warm.stdout
