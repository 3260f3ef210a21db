"""A small, deterministic sentence splitter (Vale-like: punctuation + space + capital)."""

from __future__ import annotations

import regex

# A sentence ends at . ! ? (optionally followed by closing quotes or brackets), then
# whitespace, then something that can start a sentence.
_END = regex.compile(r"""[.!?]+['"”’)\]]*(?=\s+[\p{Lu}\p{N}"“'‘(\[*_])""")
_ABBREVIATIONS = frozenset(
    (
        "e.g", "i.e", "etc", "vs", "cf", "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "no",
        "fig", "eq", "al", "approx", "dept", "est", "inc", "ltd", "co"
    )
)


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the '.' at `dot` ends a known abbreviation or an initial ("J.")."""
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and text[start].isupper())


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the sentences in text[start:end], trimmed of surrounding whitespace."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _END.finditer(text, start, end):
        if text[match.start()] == "." and match.group(0) == "." and _is_abbreviation(
            text, match.start()
        ):
            continue
        spans.append((cursor, match.end()))
        cursor = match.end()
    spans.append((cursor, end))
    trimmed = []
    for lo, hi in spans:
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if hi > lo:
            trimmed.append((lo, hi))
    return trimmed
