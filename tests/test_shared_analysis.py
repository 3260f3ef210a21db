"""One analysis per document: the spaCy and style engines read one parse of each block.
Calls to the real pipeline are counted, never timed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from proofer import parallel
from proofer.analysis.document import DocumentAnalysis
from proofer.catalog import RuleCatalog
from proofer.config import Config
from proofer.engines.spacy.engine import SpacyEngine
from proofer.engines.style.alignment import ViewAlignment
from proofer.engines.style.engine import StyleEngine
from proofer.engines.style.scopes import ScopeIndex
from proofer.engines.style.tokens import TokenSource
from proofer.engines.style.view import mask_source_spans, vale_view
from proofer.markup.markdown import parse_markdown
from proofer.parallel import WorkerSpec, run_engines
from proofer.rulebook import Rule

DRAFT = (
    "# How the `config` file was written\n\n"
    "The `config` file was written by the team. Its format is\n"
    "described below, and it’s been reviewed by everyone.\n\n"
    "- Each entry is checked by [the linter](https://example.com) before it is merged.\n"
    "- Nothing here was\n  forgotten.\n\n"
    "We saw the results, and they was good for everyone.\n"
)


class CountingPipeline:
    """The real pipeline; records every text it is asked to parse."""

    def __init__(self, nlp: Language) -> None:
        self._nlp = nlp
        self.texts: list[str] = []

    def pipe(self, texts: Iterable[str], **kwargs: Any) -> Iterator[Doc]:
        listed = list(texts)
        self.texts.extend(listed)
        return self._nlp.pipe(listed, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nlp, name)


def _style(pipeline: Any, catalog: RuleCatalog, rules: list[Rule]) -> StyleEngine:
    return StyleEngine(Config(), catalog, rules, lambda: pipeline)


def _findings(engines: list[Any], document: Any) -> dict[str, list[Any]]:
    outcomes = run_engines([document], engines, jobs=1)
    return {o.name: o.findings[document.path] for o in outcomes}


def test_the_style_engine_reads_the_spacy_engines_parse_and_parses_nothing_again(
    nlp: Language, rules: list[Rule], catalog: RuleCatalog
) -> None:
    document = parse_markdown("d.md", DRAFT)
    counting = CountingPipeline(nlp)
    found = _findings([SpacyEngine(counting, rules), _style(counting, catalog, rules)], document)
    blocks = [document.textmap.text[b.text_start : b.text_end] for b in document.textmap.blocks]
    # Every block parsed once, nothing else parsed (the style engine's sentences included).
    assert Counter(counting.texts) == Counter(t.replace("’", "'") for t in blocks)
    passive = {document.source[f.start : f.end] for f in found["style"]
               if f.rule == "PF-STYLE-PASSIVE"}
    # Inline code, a link and a line break inside the sentences: still read from the parse.
    assert {"was written", "is checked", "was\n  forgotten", "is\ndescribed"} <= passive

    alone = CountingPipeline(nlp)
    style_only = _findings([_style(alone, catalog, rules)], document)
    assert style_only["style"] == found["style"]
    assert _style(nlp, catalog, rules).check_document(document) == found["style"]


def test_a_worker_process_shares_one_analysis_between_its_engines(
    nlp: Language, rules: list[Rule], monkeypatch: pytest.MonkeyPatch
) -> None:
    # What a --jobs worker runs, in this process so its pipeline can be counted.
    counting = CountingPipeline(nlp)
    monkeypatch.setattr("proofer.engines.spacy.model.load_pipeline", lambda name=None: counting)
    monkeypatch.setattr(parallel, "_worker_state", {})
    parallel._start_worker(WorkerSpec(Config(), tuple(rules)), ("spacy", "style"))
    document = parse_markdown("d.md", DRAFT)
    results, _ = parallel._check_in_worker(document)
    blocks = [document.textmap.text[b.text_start : b.text_end] for b in document.textmap.blocks]
    assert Counter(counting.texts) == Counter(t.replace("’", "'") for t in blocks)
    found = results["style"]
    assert isinstance(found, list)
    assert any(f.rule == "PF-STYLE-PASSIVE" for f in found)


def test_the_style_engine_first_parses_only_the_blocks_its_sentences_need(
    nlp: Language, rules: list[Rule], catalog: RuleCatalog
) -> None:
    document = parse_markdown("d.md", "A short note.\n\nThe file was written by us.\n")
    counting = CountingPipeline(nlp)
    _findings([_style(counting, catalog, rules), SpacyEngine(counting, rules)], document)
    # The style engine asked for the second block, the spaCy engine then for the first.
    assert counting.texts == ["The file was written by us.", "A short note."]


def _tokens(document: Any, view: Any, nlp: Language) -> tuple[TokenSource, ScopeIndex]:
    analysis = DocumentAnalysis(document, lambda: nlp)
    source = TokenSource(analysis, view, ViewAlignment(view.textmap, document.textmap),
                         lambda texts: list(nlp.pipe(texts)))
    return source, ScopeIndex(view)


def test_a_sentence_with_text_the_analysis_lacks_is_parsed_on_its_own(nlp: Language) -> None:
    text = ("The draft was sent by SECRET people. The `x` value was kept by us.\n\n"
            "The line was broken<br />by a tag.\n")
    document = parse_markdown("d.md", text)
    start = text.index("SECRET")
    view = mask_source_spans(vale_view(document), [(start, start + len("SECRET"))], [])
    source, scopes = _tokens(document, view, nlp)
    first, second, third = (source.tokens([(u.start, u.end)])[0] for u in scopes.sentences())
    assert (source.fallbacks, source.shared) == (1, 2)
    assert [t.text for t in third] == ["The", "line", "was", "broken", "by", "a", "tag", "."]
    # The masked word reads as Vale reads it; the placeholder word as its mask.
    words = [t.text for t in first]
    assert "*" in words and "SECRET" not in words
    assert [t.text for t in second][:3] == ["The", "*", "value"]
    assert [(t.text, t.tag) for t in second if t.text == "kept"] == [("kept", "VBN")]
    for token in (*first, *second, *third):
        assert view.textmap.text[token.start : token.end] == token.text


def test_a_style_units_key_holds_the_analysis_text_the_parse_reads(
    nlp: Language, rules: list[Rule], catalog: RuleCatalog
) -> None:
    # The second paragraph reads the same in the Vale view ("The * file ..."), but its
    # analysis text is "Dummy1" after one inline code span and "Dummy0" without it.
    last = "The `b` file was written by us."
    with_code = parse_markdown("a.md", f"Intro with `a`.\n\n{last}\n")
    without = parse_markdown("a.md", f"Intro with a...\n\n{last}\n")
    engine = _style(nlp, catalog, rules)
    keys = [engine.units(DocumentAnalysis(d, lambda: nlp))[1].key for d in (with_code, without)]
    assert keys[0] != keys[1]
    views = [vale_view(d).textmap for d in (with_code, without)]
    assert [v.text[v.blocks[1].text_start : v.blocks[1].text_end] for v in views] == [
        "The * file was written by us."] * 2
