"""Checking one document with one engine through the result cache.

An engine that cuts its work into units (engines.base: `units`, `check_units`,
`finish`) has each unit's result looked up under a key made of the engine's fingerprint
and the unit's own key; only the units the cache cannot answer are checked, and their
results are stored. `finish`, which reads the whole document, runs every time. Without a
cache the same three steps run with nothing found, so a report is the same bytes with
or without the cache. Engines without units are checked as they always were.

The engines that check a document in one thread share one `DocumentAnalysis` of it
(`analysis_for`), so a block is parsed once for all of them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from proofer.cache.keys import digest
from proofer.document import Document
from proofer.engines.base import Engine, EngineError, UnitEngine
from proofer.finding import TextFinding

if TYPE_CHECKING:
    from proofer.analysis.document import DocumentAnalysis
    from proofer.cache.store import ResultCache


@dataclass
class UnitCounts:
    """Units answered by the cache and units checked, per engine name (for tests and
    `--verbose`-style notes)."""

    cached: dict[str, int]
    checked: dict[str, int]

    @classmethod
    def empty(cls) -> UnitCounts:
        return cls({}, {})

    def add(self, engine: str, cached: int, checked: int) -> None:
        self.cached[engine] = self.cached.get(engine, 0) + cached
        self.checked[engine] = self.checked.get(engine, 0) + checked


def _fresh(value: Any) -> Any:
    """A freshly computed result exactly as the cache would give it back (JSON's view of
    it), so cached and uncached runs feed `finish` the same data."""
    return json.loads(json.dumps(value, ensure_ascii=False))


def _keys(engine: UnitEngine, analysis: DocumentAnalysis) -> list[str]:
    fingerprint = engine.fingerprint()
    return [digest(engine.name, fingerprint, unit.key) for unit in engine.units(analysis)]


def prepare_if_needed(
    engine: Engine, documents: Sequence[Document], cache: ResultCache | None
) -> None:
    """Let an engine that is slow to start (LanguageTool's server) start now, in the
    background, when some document has a unit the cache cannot answer; a run the cache
    answers in full never starts it."""
    prepare = getattr(engine, "prepare", None)
    if prepare is None:
        return
    if cache is None or not isinstance(engine, UnitEngine):
        prepare()
        return
    from proofer.analysis.document import DocumentAnalysis

    for document in documents:
        try:
            keys = _keys(engine, DocumentAnalysis(document))
        except EngineError:
            continue  # reported when the document is checked
        if len(cache.get_many(keys)) < len(set(keys)):
            prepare()
            return


# What reading a cached value of the wrong shape raises in `finish`.
_MISFIT = (ValueError, TypeError, KeyError, IndexError)


def check_document(
    engine: Engine,
    document: Document,
    cache: ResultCache | None,
    counts: UnitCounts | None = None,
    analysis: DocumentAnalysis | None = None,
) -> list[TextFinding]:
    """The engine's findings for one document, answered from `cache` where it can.

    `analysis` is the document's analysis shared with the other engines checking it here
    (its owner releases it); without one, the engine gets an analysis of its own.
    A cached value that does not fit what the engine expects (a file edited by hand, a
    bug) is forgotten and the document checked afresh, with a note; never a traceback.
    """
    if not isinstance(engine, UnitEngine):
        return engine.check([document]).get(document.path, [])
    owned = analysis is None
    if analysis is None:
        analysis = analysis_for(document, [engine])
    try:
        keys = _keys(engine, analysis)
        found = cache.get_many(keys) if cache is not None else {}
        cached = [key for key in keys if key in found]
        _complete(engine, analysis, keys, found, cache)
        if counts is not None:
            counts.add(engine.name, len(cached), len(keys) - len(cached))
        try:
            return engine.finish(analysis, [found[key] for key in keys])
        except _MISFIT as exc:
            if cache is None or not cached:
                raise
            cache.discard(cached)
            cache.problems.append(
                f"result cache: a stored {engine.name} result for {document.path} did not "
                f"fit ({type(exc).__name__}); it was checked afresh"
            )
            fresh = {key: value for key, value in found.items() if key not in cached}
            _complete(engine, analysis, keys, fresh, cache)
            return engine.finish(analysis, [fresh[key] for key in keys])
    finally:
        if owned:
            analysis.release()


def analysis_for(document: Document, engines: Sequence[Engine]) -> DocumentAnalysis:
    """One analysis of `document` for every engine in `engines` (they run in one thread);
    it parses with the spaCy pipeline of the first engine that has one (`nlp`)."""
    from proofer.analysis.document import DocumentAnalysis

    providers = (getattr(engine, "nlp", None) for engine in engines)
    nlp = next((provider for provider in providers if provider is not None), None)
    return DocumentAnalysis(document, nlp)


def _complete(
    engine: UnitEngine,
    analysis: DocumentAnalysis,
    keys: Sequence[str],
    found: dict[str, Any],
    cache: ResultCache | None,
) -> None:
    """Check the units whose keys are not in `found`, store their results, add them."""
    missing = [i for i, key in enumerate(keys) if key not in found]
    if not missing:
        return
    computed = engine.check_units(analysis, missing)
    fresh = {keys[i]: _fresh(computed[i]) for i in missing}
    if cache is not None:
        cache.put_many(fresh)
    found.update(fresh)
