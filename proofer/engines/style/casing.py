"""Title case and sentence case: checks and conversions used by `capitalization`."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Sequence

import regex

from proofer.engines.style.regex_dialect import is_exception

# Words AP style keeps lower case inside a title (AP capitalises words of 4+ letters).
AP_SMALL = frozenset(
    (
        "a", "an", "and", "as", "at", "but", "by", "for", "if", "in", "nor", "of", "off", "on",
        "or", "per", "so", "the", "to", "up", "via", "vs", "yet"
    )
)
CHICAGO_SMALL = AP_SMALL | frozenset(
    (
        "about", "above", "across", "after", "against", "along", "among", "around", "before",
        "behind", "below", "beneath", "beside", "between", "beyond", "down", "during", "except",
        "from", "inside", "into", "like", "near", "onto", "out", "outside", "over", "past",
        "since", "than", "through", "throughout", "toward", "towards", "under", "until", "upon",
        "with", "within", "without"
    )
)
_LETTER = regex.compile(r"\p{L}")


def _core(token: str) -> str:
    """A token without surrounding punctuation."""
    return token.strip("\"'“”‘’()[]{}.,;:!?*_`")


def _is_special(word: str) -> bool:
    """Acronyms, camelCase, words with digits: their case is never wrong."""
    letters = [c for c in word if c.isalpha()]
    if not letters or any(c.isdigit() for c in word):
        return True
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return True
    return any(c.isupper() for c in word[1:])


def sentence_ratio(
    text: str,
    exceptions: regex.Pattern[str] | None,
    indicators: Collection[str] = (),
    proper: Collection[str] = (),
) -> float:
    """Share of words whose case fits sentence case."""
    tokens = text.split()
    good = total = 0
    for index, token in enumerate(tokens):
        word = _core(token)
        if not _LETTER.search(word):
            continue
        total += 1
        prev = tokens[index - 1] if index else ""
        first_part = word.split("-")[0]
        if index == 0:
            if first_part[:1].islower() and not _is_special(first_part):
                return 0.0
            good += 1
        elif (
            word == word.lower()
            or _is_special(word)
            or word == "I"
            or word in proper
            or is_exception(exceptions, word)
            or (prev and prev[-1] in indicators)
        ):
            good += 1
    return good / total if total else 1.0


def title_ratio(
    text: str, exceptions: regex.Pattern[str] | None, small: frozenset[str] = AP_SMALL
) -> float:
    """Share of words whose case fits title case."""
    words = [_core(t) for t in text.split()]
    words = [w for w in words if _LETTER.search(w)]
    good = 0
    for index, word in enumerate(words):
        edge = index in (0, len(words) - 1)
        if _is_special(word) or is_exception(exceptions, word):
            good += 1
        elif word.lower() in small and not edge:
            good += int(word == word.lower())
        else:
            good += int(word[:1].isupper())
    return good / len(words) if words else 1.0


def _convert(text: str, decide: object) -> str:
    pieces = regex.split(r"(\s+)", text)
    out: list[str] = []
    position = 0
    words = [p for p in pieces if p and not p.isspace()]
    for piece in pieces:
        if not piece or piece.isspace():
            out.append(piece)
            continue
        out.append(decide(piece, position, len(words)))  # type: ignore[operator]
        position += 1
    return "".join(out)


def to_sentence_case(text: str, proper: Collection[str] = ()) -> str:
    """Lower-case every word but the first, acronyms, camelCase and known proper nouns."""

    def decide(token: str, index: int, _count: int) -> str:
        word = _core(token)
        if index == 0:
            return token[:1].upper() + token[1:] if token[:1].islower() else token
        if _is_special(word) or word in proper or word == "I":
            return token
        return token.lower()

    return _convert(text, decide)


def to_title_case(text: str, small: frozenset[str] = AP_SMALL) -> str:
    """Capitalise every word but small words inside the title."""

    def decide(token: str, index: int, count: int) -> str:
        word = _core(token)
        if _is_special(word):
            return token
        if word.lower() in small and 0 < index < count - 1:
            return token.lower()
        lead = len(token) - len(token.lstrip("\"'“‘([*_`"))
        return token[:lead] + token[lead : lead + 1].upper() + token[lead + 1 :]

    return _convert(text, decide)


def heading_style(text: str, proper: Collection[str] = ()) -> str | None:
    """'title' or 'sentence' when a heading clearly follows one; None when ambiguous."""
    words = [w for w in (_core(t) for t in text.split()) if _LETTER.search(w)]
    if len(words) < 2:
        return None
    is_sentence = sentence_ratio(text, None, (":",), proper) == 1.0
    is_title = title_ratio(text, None) == 1.0
    if is_sentence == is_title:
        return None
    return "sentence" if is_sentence else "title"


def proper_nouns(texts: Sequence[str]) -> frozenset[str]:
    """Words written capitalised in the middle of a sentence: names, products."""
    found = set()
    for text in texts:
        tokens = text.split()
        for prev, token in itertools.pairwise(tokens):
            word = _core(token)
            if word[:1].isupper() and not prev.endswith((".", "!", "?", ":")):
                found.add(word)
    return frozenset(found)
