"""Vale's `$sentence` capitalization check, as Vale 3 computes it.

Vale converts the text to sentence case with its case converter (each token that a
vocabulary or exception term matches anywhere inside keeps its case, the first token and
tokens after an indicator are capitalised, the rest lowered), then counts the words equal
to their converted form or matching an exception. A first word that is not capitalised
fails at once; otherwise the share must reach the threshold (0.8 by default).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import regex

from proofer.engines.style.regex_dialect import ValePattern, compile_vale

_WORD = r"[\p{N}\p{L}*]+[^\s]*"
_NUMBER_ITEM = regex.compile(r"\d+\.")


@lru_cache(maxsize=256)
def _patterns(terms: tuple[str, ...], prefixed: bool) -> tuple[
    ValePattern | None, ValePattern, ValePattern,
    tuple[ValePattern, ...], tuple[str, ...],
]:
    """(exceptions, word tokens, converter tokens, vocabulary matchers, vocabulary)."""
    ordered = sorted(terms, key=len, reverse=True)
    marked = [t if t.startswith("(?i)") else f"(?-i){t}" for t in ordered]
    alternation = "|".join(marked)
    exceptions = compile_vale(rf"(?m)\b(?:{alternation})\b") if marked else None
    words = compile_vale((rf"(?m)\b(?:{alternation})\b|" if marked else "") + _WORD)
    # Vale hands the converter its exception list after marking it in place, unless
    # accepted vocabulary was appended to it first (then the terms stay unmarked).
    vocabulary = tuple(marked if prefixed else ordered)
    terms_in = "|".join(vocabulary)
    converter = compile_vale("(?i)" + (rf"\b(?:{terms_in})\b|" if vocabulary else "") + _WORD)
    matchers = tuple(compile_vale(t) for t in vocabulary)
    return exceptions, words, converter, matchers, vocabulary


def _to_title(token: str) -> str:
    """prose's strutil.ToTitle(token, strict=True)."""
    return token[:1].upper() + token[1:].lower()


def go_title(text: str) -> str:
    """Go's strings.Title: the first letter of every word upper-cased, where anything
    but a letter, digit or underscore (ASCII) or a Unicode space separates words."""
    out = []
    previous = " "
    for char in text:
        out.append(char.upper() if _separates(previous) else char)
        previous = char
    return "".join(out)


def _separates(char: str) -> bool:
    if char.isascii():
        return not (char.isalnum() or char == "_")
    if char.isalpha() or char.isdigit():
        return False
    return char.isspace()


def sentence_case(text: str, terms: Sequence[str], indicators: Sequence[str],
                  prefixed: bool = True) -> str:
    """What Vale's sentence converter makes of `text`."""
    _, _, converter, matchers, vocabulary = _patterns(tuple(terms), prefixed)
    tokens = converter.findall(text)
    made = []
    for index, token in enumerate(tokens):
        kept = _in_vocabulary(token, matchers, vocabulary)
        previous = tokens[index - 1] if index else ""
        if kept:
            made.append(kept)
        elif index == 0 or _indicates(previous, index - 1, indicators):
            made.append(_to_title(token))
        else:
            made.append(token.lower())
    return " ".join(made)


def _in_vocabulary(token: str, matchers: Sequence[ValePattern],
                   vocabulary: Sequence[str]) -> str:
    for term, matcher in zip(vocabulary, matchers, strict=True):
        if term.casefold() == token.casefold():
            return term
        if matcher.search(token):
            return token
    return ""


def _indicates(word: str, index: int, indicators: Sequence[str]) -> bool:
    if any(word.endswith(i) for i in indicators):
        return True
    return index == 0 and _NUMBER_ITEM.search(word) is not None


def sentence_ok(text: str, terms: Sequence[str], indicators: Sequence[str],
                threshold: float, prefixed: bool = True) -> bool:
    """Vale's `$sentence` verdict on `text` (the heading as Vale reads it)."""
    exceptions, words, _, _, _ = _patterns(tuple(terms), prefixed)
    expected = words.findall(sentence_case(text, terms, indicators, prefixed))
    count = total = 0
    for index, word in enumerate(words.findall(text)):
        if index >= len(expected) or word == expected[index] or (
            exceptions is not None and exceptions.search(word)
        ):
            count += 1
        elif index == 0 and word != go_title(word.lower()):
            return False
        total += 1
    return total == 0 or count / total >= threshold
