"""Driving the engines over the documents, in turn or in parallel within `--jobs`.

Each engine's findings for a document depend on that document alone, so every way of
driving them gives the same findings, put together in engine order:

- `jobs` 1: the engines check each document in turn, on this thread, document by
  document, sharing one analysis of it (one spaCy parse of each block);
- `jobs` 2 or more: engines whose work happens in another process (LanguageTool's JVM)
  check on a thread of their own while the local engines (spaCy, style) work here, so on
  two cores the JVM and spaCy each keep one busy;
- `jobs` 3 or more on a big run: the local engines work in `jobs - 1` worker processes
  (each loads its own spaCy pipeline, which only pays off when there is a lot to check);
  a worker's engines share one analysis of each document it checks.

Every engine checks each document through the result cache when there is one
(proofer.cache.run): only the units of work it cannot answer are checked.

A failed engine (EngineError) is reported once and contributes no findings, as when it
ran alone. A broken rule or style file that one document asks for (EngineConfigError) is a
configuration error against that file: that document gets none of the engine's findings,
the others are still checked.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from proofer.cache.run import UnitCounts, analysis_for, check_document, prepare_if_needed
from proofer.config import Config
from proofer.document import Document
from proofer.engines.base import Engine, EngineConfigError, EngineError
from proofer.finding import TextFinding
from proofer.rulebook import Rule

if TYPE_CHECKING:
    from proofer.analysis.document import DocumentAnalysis
    from proofer.cache.store import ResultCache

# Engines that wait on a server in another process: a thread overlaps them with local work.
OVERLAPPED_ENGINES = frozenset({"languagetool"})
# Below this much checkable text, starting worker processes costs more than it saves.
POOL_MIN_CHARS = 100_000


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class WorkerSpec:
    """What a worker process needs to build the local engines exactly as this one did."""

    config: Config
    rules: tuple[Rule, ...]
    options: Mapping[str, Any] = field(default_factory=dict)
    cache_path: Path | None = None  # the result cache file, None: no cache


@dataclass
class EngineOutcome:
    """One engine's findings per document path, or the error that stopped it."""

    name: str
    findings: dict[str, list[TextFinding]] = field(default_factory=dict)
    error: str | None = None
    # (file at fault, problem) for each broken rule or style file, once each, in order.
    config_errors: list[tuple[str, str]] = field(default_factory=list)

    def add_config_error(self, path: str, problem: str) -> None:
        if (path, problem) not in self.config_errors:
            self.config_errors.append((path, problem))


DoneCallback = Callable[[Document], None]


class _Tracker:
    """Calls `on_done` once every engine has finished a document (from any thread)."""

    def __init__(self, documents: Sequence[Document], engines: int, on_done: DoneCallback | None):
        self._documents = documents
        self._left = [engines] * len(documents)
        self._on_done = on_done
        self._lock = threading.Lock()

    def finished(self, index: int) -> None:
        with self._lock:
            self._left[index] -= 1
            done = self._left[index] == 0
        if done and self._on_done is not None:
            self._on_done(self._documents[index])


@dataclass
class _CacheUse:
    """The result cache of this process (None: none) and what it answered."""

    cache: ResultCache | None = None
    counts: UnitCounts = field(default_factory=UnitCounts.empty)


def _run_in_turn(
    engines: Sequence[Engine],
    outcomes: Sequence[EngineOutcome],
    documents: Sequence[Document],
    tracker: _Tracker,
    use: _CacheUse,
) -> None:
    """The engines over every document, document by document: the engines share one
    analysis of each document (one parse of each block), released when they are all done
    with it. After an engine's error, it skips the rest."""
    for index, document in enumerate(documents):
        analysis = analysis_for(document, engines)
        try:
            for engine, outcome in zip(engines, outcomes, strict=True):
                if outcome.error is None:
                    _check_one(engine, outcome, document, use, analysis)
                tracker.finished(index)
        finally:
            analysis.release()


def _check_one(
    engine: Engine,
    outcome: EngineOutcome,
    document: Document,
    use: _CacheUse,
    analysis: DocumentAnalysis,
) -> None:
    try:
        found = check_document(engine, document, use.cache, use.counts, analysis)
        outcome.findings[document.path] = found
    except EngineConfigError as exc:
        outcome.add_config_error(exc.path, exc.problem)
    except EngineError as exc:
        outcome.error = f"{engine.name}: {exc}"
        outcome.findings.clear()


class _Background:
    """An overlapped engine's run on a thread; `join` re-raises anything unexpected."""

    def __init__(self, run: Callable[[], None], name: str) -> None:
        self._error: BaseException | None = None

        def target() -> None:
            try:
                run()
            except BaseException as exc:
                self._error = exc

        # A daemon thread: Ctrl-C in the main thread is never held up by a request.
        self._thread = threading.Thread(target=target, name=f"proofer-{name}", daemon=True)
        self._thread.start()

    def join(self) -> None:
        self._thread.join()
        if self._error is not None:
            raise self._error


def run_engines(
    documents: Sequence[Document],
    engines: Sequence[Engine],
    *,
    jobs: int = 1,
    on_done: DoneCallback | None = None,
    workers: WorkerSpec | None = None,
    add_names: Callable[[Iterable[str]], None] | None = None,
    cache: ResultCache | None = None,
    counts: UnitCounts | None = None,
) -> list[EngineOutcome]:
    """Every engine over every document; outcomes in engine order (see module docstring).

    `workers` lets local engines run in worker processes; `add_names` receives the rule
    names they registered there (Vale styles), as the engines do in this process.
    `cache` answers what it can in this process (the workers open the file named in
    `workers`); `counts` receives how many units were answered and checked here.
    """
    use = _CacheUse(cache, counts if counts is not None else UnitCounts.empty())
    for engine in engines:
        # A failure to start is raised again by the first request, as that engine's error.
        with contextlib.suppress(EngineError):
            prepare_if_needed(engine, documents, cache)
    outcomes = [EngineOutcome(engine.name) for engine in engines]
    tracker = _Tracker(documents, len(engines), on_done)
    overlapped = [
        i for i, engine in enumerate(engines) if jobs > 1 and engine.name in OVERLAPPED_ENGINES
    ]
    local = [i for i in range(len(engines)) if i not in overlapped]
    threads = [
        _Background(
            lambda i=i: _run_in_turn([engines[i]], [outcomes[i]], documents, tracker, use),  # type: ignore[misc]
            engines[i].name,
        )
        for i in overlapped
    ]
    try:
        if local and workers is not None and _use_pool(documents, jobs):
            _run_in_pool(documents, [outcomes[i] for i in local], jobs - 1, workers,
                         tracker, add_names)
        elif local:
            _run_in_turn([engines[i] for i in local], [outcomes[i] for i in local],
                         documents, tracker, use)
    finally:
        for thread in threads:
            thread.join()
    return outcomes


def _use_pool(documents: Sequence[Document], jobs: int) -> bool:
    if jobs < 3 or len(documents) < 2:
        return False
    return sum(len(d.textmap.text) for d in documents) >= POOL_MIN_CHARS


# -- worker processes ---------------------------------------------------------------------

# The engines of this worker process, built once by `_start_worker` (the standard
# initializer idiom of process pools; the parent process never touches it).
_worker_state: dict[str, Any] = {}


def _start_worker(spec: WorkerSpec, names: tuple[str, ...]) -> None:
    from proofer.catalog import RuleCatalog
    from proofer.engines.factory import EngineSetup, build_engines

    catalog = RuleCatalog.from_rules(spec.rules)
    built, errors = build_engines(names, EngineSetup(spec.config, catalog, spec.options))
    cache = None
    if spec.cache_path is not None:
        from proofer.cache.store import ResultCache

        cache = ResultCache(spec.cache_path)
    _worker_state.update(engines=built, errors=errors, catalog=catalog, cache=cache)


WorkerResult = list[TextFinding] | str | tuple[str, str]


def _check_in_worker(document: Document) -> tuple[dict[str, WorkerResult], list[str]]:
    """Findings of each local engine for one document (an error message instead of
    findings for an engine that failed, a (file, problem) pair for a broken rule file),
    and the rule names registered so far."""
    results: dict[str, WorkerResult] = {}
    for message in _worker_state["errors"]:
        name, _, detail = message.partition(": ")
        results[name] = detail
    engines = _worker_state["engines"]
    analysis = analysis_for(document, engines)  # shared by the engines, as in turn
    try:
        for engine in engines:
            try:
                results[engine.name] = check_document(
                    engine, document, _worker_state["cache"], analysis=analysis
                )
            except EngineConfigError as exc:
                results[engine.name] = (exc.path, exc.problem)
            except EngineError as exc:
                results[engine.name] = str(exc)
    finally:
        analysis.release()
    return results, sorted(_worker_state["catalog"].extra_names)


def _run_in_pool(
    documents: Sequence[Document],
    outcomes: list[EngineOutcome],
    processes: int,
    spec: WorkerSpec,
    tracker: _Tracker,
    add_names: Callable[[Iterable[str]], None] | None,
) -> None:
    names = tuple(o.name for o in outcomes)
    # The longest documents first, so no worker is left with a big one at the end.
    order = sorted(range(len(documents)), key=lambda i: -len(documents[i].textmap.text))
    errors: dict[str, tuple[int, str]] = {}
    context = multiprocessing.get_context("spawn")  # no fork of a process with threads
    pool = ProcessPoolExecutor(
        max_workers=min(processes, len(documents)),
        mp_context=context,
        initializer=_start_worker,
        initargs=(spec, names),
    )
    try:
        futures = {pool.submit(_check_in_worker, documents[i]): i for i in order}
        for future in as_completed(futures):
            index = futures[future]
            try:
                results, registered = future.result()
            except BrokenProcessPool as exc:
                detail = f"a worker process died ({exc or 'killed'})"
                results, registered = dict.fromkeys(names, detail), []
            if add_names is not None and registered:
                add_names(registered)
            for outcome in outcomes:
                value = results.get(outcome.name, [])
                if isinstance(value, tuple):
                    outcome.add_config_error(*value)
                elif isinstance(value, str):
                    # The first document's error in document order, as in turn would say.
                    if outcome.name not in errors or index < errors[outcome.name][0]:
                        errors[outcome.name] = (index, value)
                else:
                    outcome.findings[documents[index].path] = value
                tracker.finished(index)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    for outcome in outcomes:
        if outcome.name in errors:
            outcome.error = f"{outcome.name}: {errors[outcome.name][1]}"
            outcome.findings.clear()
