"""A progress bar for long runs on a terminal: files done and words per second.

It goes to stderr, only when stderr is a terminal and the run is not `--quiet`, and it
is cleared when the run ends, so reports (stdout) and redirected output never see it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from proofer.document import Document


class RunProgress(Protocol):
    """What a check run tells about its progress."""

    def begin(self, documents: Sequence[Document]) -> None: ...

    def done(self, document: Document) -> None: ...

    def end(self) -> None: ...


def _words(document: Document) -> int:
    return len(document.textmap.text.split())


class _WordsPerSecond(ProgressColumn):
    def render(self, task: Task) -> Text:
        words = int(task.fields.get("words", 0))
        elapsed = task.elapsed or 0.0
        rate = f"{words / elapsed:,.0f} words/s" if elapsed > 0 and words else ""
        return Text(rate, style="progress.data.speed")


class TerminalProgress:
    """A rich progress bar on `console` (stderr), removed when the run ends."""

    def __init__(self, console: Console) -> None:
        self._console = console
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._words = 0
        self._lock = threading.Lock()

    def begin(self, documents: Sequence[Document]) -> None:
        self.end()
        self._words = 0
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("checking"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files"),
            _WordsPerSecond(),
            TimeElapsedColumn(),
            console=self._console,
            transient=True,
        )
        self._task = self._progress.add_task("check", total=len(documents), words=0)
        self._progress.start()

    def done(self, document: Document) -> None:
        with self._lock:
            if self._progress is None or self._task is None:
                return
            self._words += _words(document)
            self._progress.update(self._task, advance=1, words=self._words)

    def end(self) -> None:
        progress, self._progress = self._progress, None
        if progress is not None:
            progress.stop()


class NoProgress:
    """Nothing at all (not a terminal, or --quiet)."""

    def begin(self, documents: Sequence[Document]) -> None:
        return None

    def done(self, document: Document) -> None:
        return None

    def end(self) -> None:
        return None


def progress_for(console: Console, quiet: bool) -> RunProgress:
    """A bar on a real terminal unless quiet; otherwise nothing."""
    if quiet or not console.is_terminal or console.is_dumb_terminal:
        return NoProgress()
    return TerminalProgress(console)
