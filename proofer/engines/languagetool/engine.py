"""The LanguageTool engine: language-tool-python's client on one server per run.

The server is either proofer's own local JVM (restarted once if it dies or hangs) or a
server the user named by URL. Offsets come back in Java UTF-16 units and are converted
to code points here. Any failure that cannot be recovered raises EngineError, so a run
never passes with LanguageTool's results silently missing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

import requests
from language_tool_python import LanguageTool
from language_tool_python.exceptions import LanguageToolError

from proofer.cache.keys import code_fingerprint, digest
from proofer.document import Document
from proofer.engines.base import EngineError, WorkUnit
from proofer.engines.languagetool.curation import Curation, is_spelling
from proofer.engines.languagetool.server import ManagedServer, ServerError, ServerSettings
from proofer.engines.languagetool.spelling import (
    AcceptList,
    Vocabulary,
    WithTerms,
    accepted_spelling,
    next_token,
)
from proofer.engines.languagetool.text import Chunk, Utf16Index, chunk_text
from proofer.finding import Severity, TextFinding
from proofer.lines import LineIndex
from proofer.textmap import TextMap
from proofer.words.context import quoted_alone
from proofer.words.document import DocumentWords
from proofer.words.evidence import MISSPELLED, Reason, Verdict, WordJudge, one_variety
from proofer.words.shapes import is_code_like

if TYPE_CHECKING:
    from proofer.analysis.document import DocumentAnalysis

ENGINE_NAME = "languagetool"
RULE_PREFIX = "LT."
# The dictionary spellers (MORFOLOGIK_RULE_EN_US, _EN_GB, ...): "this word is unknown".
# Other rules of the TYPOS category judge known words in context ("could of").
DICTIONARY_SPELLER = "MORFOLOGIK_RULE_"
# Rules that judge the next word's sound (a/an).
ARTICLE_RULES = frozenset({"EN_A_VS_AN"})
# Keep requests well under the server's maxTextLength (counted in UTF-16 units).
CHUNK_MARGIN = 0.9

WARM_UP_TEXT = "This is a short text that warms up the the speling and grammar rules."
T = TypeVar("T")
_FAILURES = (LanguageToolError, requests.RequestException, OSError, ServerError, ValueError)


class _Unanswered(Exception):
    """The server did not answer a request (dead, hung or refusing)."""


def _with_timeout(call: Callable[[], T], timeout: float) -> T:
    """Run `call` on a daemon thread; raise _Unanswered if it takes longer than `timeout`.

    A daemon thread never blocks proofer's exit; a hung request is released when the
    engine kills the JVM behind it.
    """
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="proofer-languagetool", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise _Unanswered(f"no answer within {timeout:g} s")
    if "error" in outcome:
        error = outcome["error"]
        if isinstance(error, _FAILURES):
            raise _Unanswered(str(error) or type(error).__name__) from error
        raise error
    return outcome["value"]


class _Background:
    """A call running on a daemon thread; `result` waits for it and re-raises its error."""

    def __init__(self, call: Callable[[], None]) -> None:
        self._outcome: dict[str, BaseException] = {}
        self._thread = threading.Thread(target=self._run, args=(call,), daemon=True,
                                        name="proofer-languagetool-start")
        self._thread.start()

    def _run(self, call: Callable[[], None]) -> None:
        try:
            call()
        except BaseException as exc:
            self._outcome["error"] = exc

    def result(self, timeout: float) -> None:
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise _Unanswered(f"LanguageTool was not ready within {timeout:g} s")
        if "error" in self._outcome:
            raise self._outcome["error"]


@dataclass(frozen=True)
class RawMatch:
    """What proofer reads of one LanguageTool match (what the result cache keeps)."""

    rule_id: str
    category: str
    rule_issue_type: str
    message: str
    replacements: tuple[str, ...]


@dataclass(frozen=True)
class _Candidate:
    """A LanguageTool match in text coordinates, before curation."""

    start: int
    end: int
    match: RawMatch


class LanguageToolEngine:
    """Checks documents on one LanguageTool server (see module docstring)."""

    name = ENGINE_NAME

    def __init__(
        self,
        *,
        curation: Curation,
        vocabulary: Vocabulary,
        settings: ServerSettings,
        language: str = "en-US",
        url: str | None = None,
        server: ManagedServer | None = None,
        enable: Iterable[str] = (),
        disable: Iterable[str] = (),
        on_checked: Callable[[str], None] | None = None,
        document_terms: Callable[[str], Callable[[str], bool]] | None = None,
        judge: WordJudge | None = None,
        strict_variants: bool = False,
    ) -> None:
        if (url is None) == (server is None):
            raise ValueError("give exactly one of url and server")
        self.curation = curation
        self.vocabulary = vocabulary
        # Per-document additions (proofer's `vocabulary` and the nearest .vale.ini's Vocab).
        self._document_terms = document_terms
        # Unknown words are judged with word frequency and each document's own evidence;
        # `strict_variants` (the user named the variety) keeps the other variety's
        # spellings as errors.
        self.judge = judge or WordJudge()
        self.strict_variants = strict_variants
        self.settings = settings
        self.language = language
        self.server = server
        self._url = url
        self._enabled, self._disabled = curation.request_rules(enable, disable)
        self._on_checked = on_checked
        self._client: LanguageTool | None = None
        self._startup: _Background | None = None
        self.restarts = 0
        self._limit = max(1000, int(settings.max_text_length * CHUNK_MARGIN))
        self._opened = False

    # -- connection ---------------------------------------------------------------

    @property
    def url(self) -> str:
        """The server's base URL."""
        return self.server.url if self.server is not None else str(self._url)

    def prepare(self) -> None:
        """Reach the server at the URL now, or launch the local JVM and warm it up in the
        background (it overlaps the other engines' work); `_ready` waits for it. Done
        once, before the first request (a failure is raised again on the next call)."""
        if self._opened:
            return
        if self.server is None:
            try:
                self._connect()
            except _Unanswered as exc:
                raise EngineError(self._unreachable(exc)) from None
            self._opened = True
            return
        try:
            self.server.launch()
        except ServerError as exc:
            raise EngineError(f"LanguageTool could not start: {exc}") from None
        self._opened = True
        self._startup = _Background(self._connect_and_warm_up)

    def _ready(self) -> None:
        """Wait for the background start-up; on failure start once more, then give up."""
        self.prepare()
        startup, self._startup = self._startup, None
        if startup is None:
            return
        # Waiting, connecting and warming up each have start_timeout: the thread is over
        # by then, so a retry never races it.
        budget = 3 * self.settings.start_timeout + 5
        try:
            startup.result(budget)
            return
        except (ServerError, _Unanswered) as exc:
            first = exc
        try:
            self._relaunch()
        except (ServerError, _Unanswered) as second:
            self.close()
            detail = "" if str(first) == str(second) else f"; first attempt: {first}"
            raise EngineError(
                f"LanguageTool could not start (tried twice): {second}{detail}"
            ) from None

    def _connect_and_warm_up(self) -> None:
        self._connect()
        client = self._client
        assert client is not None
        # The first check of a fresh JVM loads rules and dictionaries (seconds): part of
        # start-up, so it gets the start-up time limit, not the per-request one.
        _with_timeout(lambda: client.check(WARM_UP_TEXT), self.settings.start_timeout)

    def _unreachable(self, error: Exception) -> str:
        return (
            f"cannot reach the LanguageTool server at {self._url} ({error}); check "
            "--languagetool-url, PROOFER_LANGUAGETOOL_URL or [tool.proofer.languagetool] url, "
            "or leave them unset to start a local server"
        )

    def _connect(self) -> None:
        if self.server is not None:
            self.server.wait_ready()
        url = self.url
        language = self.language

        def make() -> LanguageTool:
            return LanguageTool(language=language, remote_server=url)

        client = _with_timeout(make, self.settings.start_timeout)
        client.disabled_rules = set(self._disabled)
        client.enabled_rules = set(self._enabled)
        client.disabled_categories = set(self.curation.disabled_categories)
        self._client = client

    def _restart(self, reason: Exception, path: str) -> None:
        if self.server is None:
            raise EngineError(
                f"the LanguageTool server at {self._url} failed while checking {path}: {reason}"
            )
        if self.restarts >= 1:
            raise EngineError(
                f"LanguageTool failed again after a restart while checking {path}: {reason}"
            )
        try:
            self._relaunch()
        except (ServerError, _Unanswered) as exc:
            raise EngineError(f"LanguageTool could not be restarted: {exc}") from None

    def _relaunch(self) -> None:
        """Kill the local JVM and start a fresh one (counted: one restart per run)."""
        assert self.server is not None
        self.restarts += 1
        self.server.kill()
        self.server.launch()
        self._connect_and_warm_up()

    def close(self) -> None:
        """Stop the local server (a server given by URL is left alone)."""
        self._client = None
        if self.server is not None and self._opened:
            self.server.stop()

    # -- checking -----------------------------------------------------------------

    @cached_property
    def _fingerprint(self) -> str:
        installation = getattr(self.server, "installation", None)
        version = getattr(installation, "version", None) or f"url={self._url}"
        java = getattr(self.server, "java", None)
        return digest(
            ENGINE_NAME, code_fingerprint(), version, getattr(java, "build", ""),
            self.language, sorted(self._enabled), sorted(self._disabled),
            sorted(self.curation.disabled_categories),
        )

    def fingerprint(self) -> str:
        """LanguageTool's version and the Java runtime's (or the URL of a server given by
        URL), the language and the rules asked on and off: what the raw matches of a
        request depend on."""
        return self._fingerprint

    def units(self, analysis: DocumentAnalysis) -> list[WorkUnit]:
        """One unit per request: the chunks of the document's text, blank ones left out."""
        return [WorkUnit(digest(chunk.text)) for chunk in self._chunks(analysis)]

    def check_units(self, analysis: DocumentAnalysis, indices: Sequence[int]) -> dict[int, Any]:
        """The raw matches of the requests at `indices`, chunk-relative; a failed request
        restarts the server once and is sent again."""
        from proofer.cache.codec import to_data

        self._ready()
        document = analysis.document
        chunks = self._chunks(analysis)
        results: dict[int, Any] = {}
        for index in indices:
            chunk = chunks[index]
            try:
                found = self._check_chunk(chunk)
            except _Unanswered as exc:
                self._restart(exc, document.path)
                try:
                    found = self._check_chunk(chunk)
                except _Unanswered as again:
                    raise EngineError(
                        f"LanguageTool failed again after a restart while checking "
                        f"{document.path}: {again}"
                    ) from None
            results[index] = [
                [c.start - chunk.start, c.end - chunk.start, to_data(c.match)] for c in found
            ]
        return results

    def finish(self, analysis: DocumentAnalysis, results: Sequence[Any]) -> list[TextFinding]:
        """The curated findings of the document from every request's raw matches."""
        from proofer.cache.codec import from_data

        document = analysis.document
        candidates = [
            _Candidate(chunk.start + start, chunk.start + end, from_data(RawMatch, match))
            for chunk, matches in zip(self._chunks(analysis), results, strict=True)
            for start, end, match in matches
        ]
        vocabulary: AcceptList = self.vocabulary
        if self._document_terms is not None:
            vocabulary = WithTerms(self.vocabulary, self._document_terms(document.path))
        findings = self._findings(document, candidates, vocabulary)
        if self._on_checked is not None:
            self._on_checked(document.path)
        return findings

    def check(self, documents: list[Document]) -> dict[str, list[TextFinding]]:
        """Findings per document, uncached."""
        from proofer.analysis.document import DocumentAnalysis

        results: dict[str, list[TextFinding]] = {}
        for document in documents:
            analysis = DocumentAnalysis(document)
            count = len(self.units(analysis))
            values = self.check_units(analysis, range(count))
            results[document.path] = self.finish(analysis, [values[i] for i in range(count)])
        return results

    def _chunks(self, analysis: DocumentAnalysis) -> list[Chunk]:
        """The requests for a document (blank chunks are not sent)."""
        textmap = analysis.document.textmap

        def build() -> list[Chunk]:
            chunks = chunk_text(textmap.text, textmap.blocks, self._limit)
            return [chunk for chunk in chunks if chunk.text.strip()]

        return analysis.derived(f"{ENGINE_NAME}.chunks.{self._limit}", build)

    def _check_chunk(self, chunk: Chunk) -> list[_Candidate]:
        if self.server is not None and not self.server.alive():
            raise _Unanswered("the LanguageTool server process is not running")
        client = self._client
        if client is None:
            raise _Unanswered("not connected")
        matches = _with_timeout(lambda: client.check(chunk.text), self.settings.request_timeout)
        index = Utf16Index(chunk.text)
        candidates = []
        for match in matches:
            # language-tool-python already moved `offset` to code points, not the length.
            start = match.offset
            end = index.to_code_points(index.to_utf16(start) + match.error_length)
            raw = RawMatch(
                match.rule_id, match.category, match.rule_issue_type, match.message,
                tuple(match.replacements),
            )
            candidates.append(_Candidate(chunk.start + start, chunk.start + end, raw))
        return candidates

    # -- curation -----------------------------------------------------------------

    def _findings(
        self, document: Document, candidates: list[_Candidate], vocabulary: AcceptList
    ) -> list[TextFinding]:
        textmap = document.textmap
        text = textmap.text
        findings: list[TextFinding] = []
        words: DocumentWords | None = None
        # (index in findings, word) of each spelling mixed with this variety's
        mixed: list[tuple[int, str]] = []
        for item in candidates:
            match = item.match
            if match.category in self.curation.disabled_categories:
                continue
            if match.rule_id in self._disabled:
                continue
            if not self.curation.allowed_at(match.rule_id, textmap, item.start):
                continue
            if is_spelling(match.category, match.rule_issue_type):
                if accepted_spelling(text, item.start, item.end, vocabulary):
                    continue
                if match.rule_id.startswith(DICTIONARY_SPELLER):
                    words = words or DocumentWords.of(document)
                    verdict = self._verdict(text, item, words)
                    if verdict.reason is Reason.MIXED_VARIANTS:
                        mixed.append((len(findings), text[item.start : item.end]))
                    if verdict.reason is not Reason.IN_CODE:
                        findings.append(self._spelling_finding(document, item, verdict))
                    continue
                findings.append(self._finding(item))
                continue
            if _next_to_placeholder(textmap, item.start, item.end):
                continue
            if match.rule_id in ARTICLE_RULES and is_code_like(next_token(text, item.end)):
                continue  # "a uint64", "an 8x8": the sound of code is anyone's guess
            if _spans_markup(document, item.start, item.end):
                note = (" The words it joins are apart in the source (a link or other markup "
                        "between them).")
                findings.append(self._finding(item, note=note, severity=Severity.SUGGESTION))
                continue
            findings.append(self._finding(item))
        if not one_variety(word for _, word in mixed):
            # Many words spelled both ways: several texts or writers, not one slip.
            for index, _ in mixed:
                findings[index] = replace(findings[index], severity=Severity.SUGGESTION)
        return findings

    def _verdict(self, text: str, item: _Candidate, words: DocumentWords) -> Verdict:
        """What the document and word frequency say about a word the speller does not know."""
        return self.judge.judge(
            text[item.start : item.end],
            tuple(item.match.replacements),
            words,
            quoted=quoted_alone(text, item.start, item.end),
            language=self.language,
            lenient_variants=not self.strict_variants,
        )

    def _spelling_finding(
        self, document: Document, item: _Candidate, verdict: Verdict
    ) -> TextFinding:
        if verdict.reason in MISSPELLED:
            return self._finding(item)
        note = f" {verdict.note[:1].upper()}{verdict.note[1:]}."
        if verdict.reason is Reason.MIXED_VARIANTS and verdict.other_use is not None:
            offset = document.textmap.to_source_offset(verdict.other_use)
            line = LineIndex(document.source).position(offset)[0]
            note = f" {verdict.note[:1].upper()}{verdict.note[1:]} (line {line})."
            return self._finding(item, note=note, severity=Severity.WARNING)
        return self._finding(item, note=note, severity=Severity.SUGGESTION)

    def _finding(
        self, item: _Candidate, note: str = "", severity: Severity | None = None
    ) -> TextFinding:
        """The match as a finding: the curated severity unless `severity` is given."""
        match = item.match
        category, issue_type = match.category, match.rule_issue_type
        if severity is None:
            severity = self.curation.severity(match.rule_id, category, issue_type)
        return TextFinding(
            rule=RULE_PREFIX + match.rule_id,
            start=item.start,
            end=item.end,
            message=match.message + note,
            severity=severity,
            category=category.lower(),
            engine=ENGINE_NAME,
            suggestions=tuple(match.replacements[: self.curation.max_suggestions]),
            priority=self.curation.priority_of(category, issue_type),
            extra=(("issue_type", issue_type), ("lt_category", category)),
        )


def _next_to_placeholder(textmap: TextMap, start: int, end: int) -> bool:
    """True when only spaces separate the span from a placeholder (code LanguageTool cannot
    see, e.g. "an `int`" read as "an Dummy0")."""
    text = textmap.text
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    before = start
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    return (after < len(text) and textmap.touches_placeholder(after, after + 1)) or (
        before > 0 and textmap.touches_placeholder(before - 1, before)
    )


def _spans_markup(document: Document, start: int, end: int) -> bool:
    """True when the match reads across hidden markup: the checkable text joins words the
    reader sees apart ('the [The Act](url)', 'type](/ref) of an'). Whitespace is ignored."""
    source_start, source_end = document.textmap.to_source(start, end)
    written = "".join(document.source[source_start:source_end].split())
    return written != "".join(document.textmap.text[start:end].split())


def settings_from(section: Mapping[str, Any]) -> ServerSettings:
    """ServerSettings from `[tool.proofer.languagetool]`."""
    return ServerSettings.from_config(section)
