"""Spelling precision: code-like tokens and the project's vocabulary are never misspellings.

The vocabulary file (config key `vocabulary`) holds one entry a line: a plain word
(matched exactly; an all-lowercase entry also accepts the capitalised and upper-case
forms) or a regular expression (any entry with regex syntax, matched against the whole
word). Blank lines and lines starting with # are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

_REGEX_SYNTAX = re.compile(r"[\\^$.*+?()\[\]{}|]")
# Characters that may wrap a token in prose without being part of it.
_WRAPPERS = "\"'“”‘’()[]{}<>,;:!?*_~`"
_CODE_LIKE = (
    re.compile(r"[a-z][A-Z]"),  # camelCase, iPhone-style brands, GoLand
    re.compile(r"[A-Z]{2,}[a-z]+[A-Z]"),  # HTTPServer-like mixed identifiers
    re.compile(r"^[A-Z][A-Z0-9_-]+s?$"),  # ALLCAPS identifiers, acronyms (GODEBUG, PCG-DXSM)
    re.compile(r"\w_|_\w"),  # snake_case
    re.compile(r"\d"),  # words with digits, versions (v1.2.3, x86, utf8)
    re.compile(r"[/\\]"),  # paths
    re.compile(r"://|^www\.|@"),  # URLs, e-mail addresses, @handles
    re.compile(r"\w\.\w"),  # qualified names, file names (go.mod, os.Open)
    re.compile(r"^[-.$%#~]"),  # flags, dotfiles, shell variables
    re.compile(r"\w(::|->|=)\w?"),  # paths in C++/Rust, pointers, settings
)


def token_around(text: str, start: int, end: int) -> str:
    """The whitespace-delimited token containing text[start:end], without wrapping punctuation."""
    lo = start
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    hi = end
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    token = text[lo:hi].strip(_WRAPPERS)
    # A sentence-final period (or ellipsis) is punctuation, not part of the word.
    stripped = token.rstrip(".")
    return stripped if "." not in stripped else token


def is_code_like(token: str) -> bool:
    """camelCase, snake_case, paths, versions, URLs, ALLCAPS identifiers, words with digits."""
    return any(pattern.search(token) for pattern in _CODE_LIKE)


@dataclass(frozen=True)
class Vocabulary:
    """Accepted words and patterns (the project's accept list)."""

    words: frozenset[str] = frozenset()
    folded: frozenset[str] = frozenset()
    patterns: tuple[re.Pattern[str], ...] = ()

    @classmethod
    def from_lines(cls, lines: Iterable[str], origin: str = "vocabulary") -> Vocabulary:
        words: set[str] = set()
        folded: set[str] = set()
        patterns: list[re.Pattern[str]] = []
        for number, raw in enumerate(lines, 1):
            entry = raw.strip()
            if not entry or entry.startswith("#"):
                continue
            if _REGEX_SYNTAX.search(entry):
                try:
                    patterns.append(re.compile(entry))
                except re.error as exc:
                    message = f"{origin}:{number}: invalid regular expression: {exc}"
                    raise ValueError(message) from None
            elif entry.islower():
                folded.add(entry)
            else:
                words.add(entry)
        return cls(frozenset(words), frozenset(folded), tuple(patterns))

    @classmethod
    def load(cls, path: Path | None) -> Vocabulary:
        """Read the accept list; None gives an empty vocabulary. Raises ValueError."""
        if path is None:
            return cls()
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            reason = exc.strerror or exc
            raise ValueError(f"cannot read the vocabulary file {path}: {reason}") from None
        return cls.from_lines(text.splitlines(), str(path))

    def merged(self, other: Vocabulary) -> Vocabulary:
        """Both accept lists in one."""
        return Vocabulary(
            self.words | other.words, self.folded | other.folded, self.patterns + other.patterns
        )

    def accepts(self, word: str) -> bool:
        """True when `word` is in the accept list (exactly, folded or by a pattern)."""
        if word in self.words:
            return True
        lowered = word.lower()
        if lowered in self.folded and word in (lowered, lowered.capitalize(), lowered.upper()):
            return True
        return any(p.fullmatch(word) for p in self.patterns)


class AcceptList(Protocol):
    def accepts(self, word: str) -> bool: ...


@dataclass(frozen=True)
class WithTerms:
    """An accept list plus a document's accepted terms, matched with Vale's semantics."""

    base: AcceptList
    terms: Callable[[str], bool]

    def accepts(self, word: str) -> bool:
        return self.base.accepts(word) or self.terms(word)


def accepted_spelling(text: str, start: int, end: int, vocabulary: AcceptList) -> bool:
    """True when a spelling match at text[start:end] must not be reported.

    LanguageTool sometimes flags two words at once ("inliner uses"): each word is tried.
    """
    span = text[start:end]
    token = token_around(text, start, end)
    candidates = [span, token, *span.split()]
    if any(vocabulary.accepts(word) or is_code_like(word) for word in candidates):
        return True
    return "-" in token and all(
        vocabulary.accepts(part) or _known(part) for part in token.split("-") if part
    )


def next_token(text: str, end: int) -> str:
    """The whitespace-delimited token after position `end` (without wrapping punctuation)."""
    position = end
    while position < len(text) and text[position] in " \t":
        position += 1
    if position >= len(text) or text[position].isspace():
        return ""
    return token_around(text, position, position)


def at_sentence_start(text: str, start: int) -> bool:
    """True when only opening punctuation separates `start` from a sentence or block start."""
    position = start
    while position > 0 and text[position - 1] in "\"'“‘([*_ \t":
        position -= 1
    if position == 0 or text[position - 1] == "\n":
        return True
    if text[position - 1] not in ".!?:":
        return False
    # "Gene M. Amdahl": a single capital before the period is an initial.
    return re.search(r"(^|\s)[A-Z]\.$", text[max(0, position - 3) : position]) is None


def likely_name(text: str, start: int, end: int) -> bool:
    """A capitalised unknown word inside a sentence: usually a name or product, not a typo."""
    word = text[start:end]
    return word[:1].isupper() and word[1:].islower() and not at_sentence_start(text, start)


_PREFIXES = (
    "anti", "auto", "co", "de", "dis", "hyper", "inter", "intra", "meta", "micro", "mis",
    "multi", "non", "over", "post", "pre", "pseudo", "re", "semi", "sub", "super", "un",
    "under",
)
_SUFFIXES = ("ing", "ers", "er", "es", "ed", "s", "d", "r", "rs")


def _known(word: str) -> bool:
    """In lemminflect's English lexicon (any inflected form)."""
    from lemminflect import getAllLemmas

    return bool(getAllLemmas(word))


def _known_with_suffix(part: str) -> bool:
    """`part` or its stem before a common suffix is a known word (tests 'bubbled', 'embedders')."""
    if _known(part):
        return True
    for suffix in _SUFFIXES:
        if part.endswith(suffix) and len(part) - len(suffix) >= 3:
            stem = part[: -len(suffix)]
            undoubled = stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else stem
            if any(_known(s) for s in {stem, stem + "e", undoubled}):
                return True
    return False


_INFLECTIONAL_ENDINGS = ("s", "es", "d", "ed", "ing")


def near_typo(word: str, suggestion: str) -> bool:
    """`suggestion` is one keystroke from `word` (a letter added, dropped, changed or two
    swapped) and not merely another inflection of it ('multicores' / 'multicore').

    A word that splits into known ones ('wonder + full') is usually a coinage, unless the
    speller's first suggestion is a single word this close: then it is a typo.
    """
    from rapidfuzz.distance import DamerauLevenshtein

    lower, wanted = word.lower(), suggestion.lower()
    if not wanted.isalpha() or DamerauLevenshtein.distance(lower, wanted) != 1:
        return False
    shorter, longer = sorted((lower, wanted), key=len)
    return not (
        longer.startswith(shorter) and longer[len(shorter):] in _INFLECTIONAL_ENDINGS
    )


def regularised_past(word: str) -> bool:
    """A regular -ed ending put on an irregular verb ("dealed", "teached", "buyed")."""
    from lemminflect import getAllLemmas, getInflection

    lower = word.lower()
    if not lower.endswith("ed") or len(lower) < 5:
        return False
    for stem in {lower[:-2], lower[:-1]}:
        if stem in getAllLemmas(stem).get("VERB", ()):
            past = getInflection(stem, tag="VBD") + getInflection(stem, tag="VBN")
            if past and lower not in past:
                return True
    return False


def coinage(word: str) -> str | None:
    """How an unknown word is built from known ones ('un + bubbled'), else None.

    Writers coin prefixed words and closed compounds on purpose (unbubbled, toolchain);
    typos rarely split into known words of three letters or more. The whole word's own
    inflections are not tried: 'occured' must stay a misspelling.
    """
    lower = word.lower()
    if not lower.isalpha() or len(lower) < 6:
        return None
    for prefix in _PREFIXES:
        rest = lower[len(prefix):]
        if lower.startswith(prefix) and len(rest) >= 3 and _known_with_suffix(rest):
            return f"{prefix} + {rest}"
    for cut in range(3, len(lower) - 2):
        head, tail = lower[:cut], lower[cut:]
        if _known(head) and _known_with_suffix(tail):
            return f"{head} + {tail}"
    return None
