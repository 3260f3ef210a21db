"""Counting words, sentences and syllables, and the readability formulas built on them.

The `metric` rule kind and `proofer stats` both use `count_text`, so a formula gives the
same number in a rule and in the stats table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import regex

WORD = regex.compile(r"[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*")
_VOWEL_GROUPS = regex.compile(r"[aeiouy]+")
# Vowel pairs usually read as two syllables ("idea", "radio", "create", "fluent").
_SPLIT = regex.compile(r"(?:ia|eo|ua|uo|iu|io|ea$|iet|ien(?!t)|uen)")
_NOT_SPLIT = regex.compile(r"(?:[tsc]io|[ct]ia|gio|gia)")
_SUFFIXES = ("es", "ed", "ing")
WORDS_PER_MINUTE = 238


def syllables(word: str) -> int:
    """Estimated English syllables in a word (at least 1 for a word with letters)."""
    w = "".join(c for c in word.lower() if c.isalpha())
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    count = len(_VOWEL_GROUPS.findall(w))
    silent_e = w.endswith("e") and not w.endswith(("le", "ee", "ie", "ye", "oe"))
    if silent_e or (w.endswith("le") and w[-3] in "aeiouy"):
        count -= 1
    elif (w.endswith("ed") and w[-3] not in "td") or (w.endswith("es") and w[-3] not in "sxzcgh"):
        count -= int(w[-3] not in "aeiouy")
    count += len(_SPLIT.findall(w)) - len(_NOT_SPLIT.findall(w))
    return max(1, count)


@dataclass(frozen=True)
class TextCounts:
    """Counts a readability formula may use (Vale's metric variables)."""

    words: int = 0
    sentences: int = 0
    characters: int = 0
    syllables: int = 0
    complex_words: int = 0
    long_words: int = 0
    polysyllabic_words: int = 0
    paragraphs: int = 0

    def variables(self) -> dict[str, float]:
        return {k: float(v) for k, v in asdict(self).items()}


def _is_complex(word: str, count: int, sentence_initial: bool) -> bool:
    """Gunning's complex word: 3+ syllables, not a name, compound or -es/-ed/-ing form."""
    if count < 3 or "-" in word or (word[:1].isupper() and not sentence_initial):
        return False
    for suffix in _SUFFIXES:
        if word.lower().endswith(suffix) and syllables(word[: -len(suffix)]) < 3:
            return False
    return True


def count_text(sentences: Sequence[str], paragraphs: int = 0) -> TextCounts:
    """Counts over a list of sentences."""
    words = chars = syl = complex_words = long_words = poly = 0
    kept = 0
    for sentence in sentences:
        found = WORD.findall(sentence)
        if not found:
            continue
        kept += 1
        for index, word in enumerate(found):
            n = syllables(word)
            words += 1
            chars += sum(1 for c in word if c.isalnum())
            syl += n
            poly += int(n >= 3)
            long_words += int(len(word) > 6)
            complex_words += int(_is_complex(word, n, index == 0))
    return TextCounts(words, kept, chars, syl, complex_words, long_words, poly, paragraphs)


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def scores(c: TextCounts) -> dict[str, float]:
    """The common readability scores, rounded to two decimals (0 for empty text)."""
    if not c.words or not c.sentences:
        return {name: 0.0 for name in SCORE_NAMES}
    wps = _ratio(c.words, c.sentences)
    spw = _ratio(c.syllables, c.words)
    values = {
        "flesch_reading_ease": 206.835 - 1.015 * wps - 84.6 * spw,
        "flesch_kincaid_grade": 0.39 * wps + 11.8 * spw - 15.59,
        "gunning_fog": 0.4 * (wps + 100 * _ratio(c.complex_words, c.words)),
        "coleman_liau": 0.0588 * (100 * _ratio(c.characters, c.words))
        - 0.296 * (100 * _ratio(c.sentences, c.words)) - 15.8,
        "smog": 1.0430 * math.sqrt(c.polysyllabic_words * 30 / c.sentences) + 3.1291,
        "automated_readability": 4.71 * _ratio(c.characters, c.words) + 0.5 * wps - 21.43,
    }
    return {k: round(v, 2) for k, v in values.items()}


SCORE_NAMES = (
    "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "coleman_liau", "smog",
    "automated_readability",
)


def reading_minutes(words: int) -> float:
    """Reading time at 238 words a minute (adult silent reading of non-fiction)."""
    return round(words / WORDS_PER_MINUTE, 1)
