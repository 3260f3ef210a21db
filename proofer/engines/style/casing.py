"""Title case and sentence case: checks and conversions used by `capitalization`."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping, Sequence

import regex

from proofer.engines.style.regex_dialect import ValePattern, is_exception

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
    exceptions: ValePattern | None,
    indicators: Collection[str] = (),
    proper: Collection[str] = (),
    canonical: Mapping[str, str] | None = None,
) -> float:
    """Share of words whose case fits sentence case; vocabulary terms (`canonical`,
    keyed by lower case) must be written exactly as listed."""
    tokens = text.split()
    good = total = 0
    for index, token in enumerate(tokens):
        word = _core(token)
        if not _LETTER.search(word):
            continue
        total += 1
        if canonical and word.lower() in canonical:
            good += int(word == canonical[word.lower()])
            continue
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
    text: str,
    exceptions: ValePattern | None,
    small: frozenset[str] = AP_SMALL,
    canonical: Mapping[str, str] | None = None,
) -> float:
    """Share of words whose case fits title case."""
    words = [_core(t) for t in text.split()]
    words = [w for w in words if _LETTER.search(w)]
    good = 0
    for index, word in enumerate(words):
        edge = index in (0, len(words) - 1)
        if canonical and word.lower() in canonical:
            good += int(word == canonical[word.lower()])
        elif _is_special(word) or is_exception(exceptions, word):
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


def _word_tokens(text: str, exception_terms: Sequence[str]) -> list[str]:
    """Vale's wordsIn: exception terms first (they may hold spaces), then words."""
    pattern = r"[\p{N}\p{L}*]+[^\s]*"
    terms = sorted((t for t in exception_terms if t), key=len, reverse=True)
    if terms:
        pattern = r"\b(?:" + "|".join(terms) + r")\b|" + pattern
    try:
        return regex.findall(pattern, text)
    except regex.error:
        return regex.findall(r"[\p{N}\p{L}*]+[^\s]*", text)


def _vale_expected(
    words: Sequence[str], canonical: Mapping[str, str], indicators: Collection[str],
    title: frozenset[str] | None,
) -> list[str]:
    """What Vale's case converters produce, word by word (title when `title` is given)."""
    out = []
    # The first word with a letter starts the sentence ("1. Parameter elimination").
    first = next((i for i, w in enumerate(words) if _LETTER.search(w)), 0)
    for index, word in enumerate(words):
        prev = words[index - 1] if index else ""
        if word.lower() in canonical:
            out.append(canonical[word.lower()])
        elif title is not None:
            edge = index in (0, len(words) - 1)
            core = _core(word).lower()
            if core in title and not edge:
                out.append(word.lower())
            else:
                out.append(word[:1].upper() + word[1:])
        elif index == first or (prev and prev[-1] in indicators):
            out.append(word[:1].upper() + word[1:].lower())
        else:
            out.append(word.lower())
    return out


def vale_sentence_ok(
    text: str,
    exceptions: ValePattern | None,
    exception_terms: Sequence[str],
    canonical: Mapping[str, str],
    indicators: Collection[str],
    threshold: float,
) -> bool:
    """Vale's `$sentence`: enough words equal the sentence-cased form or an exception;
    a first word that is not capitalised fails at once."""
    words = _word_tokens(text, exception_terms)
    if not words:
        return True
    expected = _vale_expected(words, canonical, indicators, None)
    good = 0
    for index, word in enumerate(words):
        if word == expected[index] or is_exception(exceptions, word):
            good += 1
        elif index == 0 and word != word[:1].upper() + word[1:].lower():
            return False
    return good / len(words) >= threshold


def vale_title_ok(
    text: str,
    exceptions: ValePattern | None,
    exception_terms: Sequence[str],
    canonical: Mapping[str, str],
    small: frozenset[str],
    threshold: float,
) -> bool:
    """Vale's `$title`: enough words equal the title-cased form, an exception or are
    all capitals."""
    words = _word_tokens(text, exception_terms)
    if not words:
        return True
    expected = _vale_expected(words, canonical, (), small)
    good = sum(
        1
        for index, word in enumerate(words)
        if word == expected[index] or is_exception(exceptions, word) or word == word.upper()
    )
    return good / len(words) >= threshold
