"""`proofer stats`: words, sentences, reading time and readability scores per document.

The counts come from the same code as the style engine's `metric` rule kind
(`proofer.engines.style.readability`), over the same prose sentences.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from rich.console import Console
from rich.table import Table

from proofer.document import Document
from proofer.engines.style.readability import (
    SCORE_NAMES,
    TextCounts,
    count_text,
    reading_minutes,
    scores,
)
from proofer.engines.style.scopes import ScopeIndex
from proofer.terminal import plain, print_table

_COLUMNS = (
    ("flesch_reading_ease", "Flesch"),
    ("flesch_kincaid_grade", "FK grade"),
    ("gunning_fog", "Fog"),
    ("coleman_liau", "Coleman–Liau"),
    ("smog", "SMOG"),
    ("automated_readability", "ARI"),
)


@dataclass(frozen=True)
class DocumentStats:
    path: str
    counts: TextCounts
    reading_minutes: float
    scores: dict[str, float]

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            **asdict(self.counts),
            "reading_minutes": self.reading_minutes,
            **self.scores,
        }


def document_stats(document: Document) -> DocumentStats:
    """Counts and scores of one document's prose (paragraphs, lists, quotes)."""
    index = ScopeIndex(document)
    sentences = [index.text(s) for s in index.prose_sentences()]
    counts = count_text(sentences, len(index.units("paragraph")))
    return DocumentStats(document.path, counts, reading_minutes(counts.words), scores(counts))


def stats_json(items: Sequence[DocumentStats]) -> str:
    """The JSON report: one object per document."""
    return json.dumps({"documents": [s.to_json() for s in items]}, indent=2) + "\n"


def print_stats(console: Console, items: Sequence[DocumentStats]) -> None:
    """A rich table, one row per document."""
    table = Table(title="Readability", title_justify="left")
    table.add_column("Document", min_width=12)
    for name in ("Words", "Sentences", "Minutes"):
        table.add_column(name, justify="right", no_wrap=True)
    for _, label in _COLUMNS:
        table.add_column(label, justify="right", no_wrap=True)
    for item in items:
        table.add_row(
            plain(item.path),
            str(item.counts.words),
            str(item.counts.sentences),
            f"{item.reading_minutes:.1f}",
            *(f"{item.scores[name]:.1f}" for name, _ in _COLUMNS),
        )
    print_table(console, table)
    console.print(
        "Flesch: higher is easier (60-70 is plain English); the others are US school grades."
    )


assert {name for name, _ in _COLUMNS} == set(SCORE_NAMES)
