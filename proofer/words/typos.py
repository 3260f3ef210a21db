"""A typo is rare and close to a much more common word: Damerau distance plus frequency."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

from proofer.words.frequency import WordFrequency
from proofer.words.morphology import PREFIXES, derived_by_affix, inflection_of

# How much more frequent (in Zipf units, log10) the intended word must be than the word
# written: 1.5 is about 30 times, 2.5 about 300 times, 3 a thousand times.
ONE_EDIT_GAP = 1.5
TWO_EDIT_GAP = 2.5
# A capitalised word is probably a name: it takes stronger evidence, a common word
# (Zipf 4, ten uses in a million words) a thousand times more frequent, one slip away.
NAME_GAP = 3.0
NAME_INTENDED_MIN = 4.0
# Writers slip on words they use: the intended word is itself in common use (about one
# use in a million words, Zipf 3). Rarer neighbours are coincidences ('fuzzers'/'buzzers').
INTENDED_MIN = 3.0
# Two edits are tried only on longer words: short words are two edits from dozens of others.
TWO_EDIT_MIN_LENGTH = 7
# A word of one or two letters is one edit from most short words, and as often a unit,
# an abbreviation or a foreign word: only two letters swapped ('ot' / 'to') is a slip.
SHORT_WORD = 2
# Only the speller's first suggestions are plausible intentions.
CANDIDATES = 5


@dataclass(frozen=True)
class Neighbour:
    """The common word a typo was probably meant to be."""

    word: str
    distance: int
    gap: float


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _case_slip(word: str, other: str) -> bool:
    """Only the case differs and the suggestion adds no inner capital: 'italian' / 'Italian'
    and 'NIce' / 'Nice' are slips; 'Javascript' / 'JavaScript' is brand casing."""
    if word == other or word.lower() != other.lower():
        return False
    return sum(ch.isupper() for ch in other[1:]) <= sum(ch.isupper() for ch in word[1:])


# QWERTY rows and how far each is shifted right, in key widths.
_KEYBOARD_ROWS = (("qwertyuiop", 0.0), ("asdfghjkl", 0.25), ("zxcvbnm", 0.75))
_KEY_POSITION = {
    key: (row, column + shift)
    for row, (keys, shift) in enumerate(_KEYBOARD_ROWS)
    for column, key in enumerate(keys)
}


def _adjacent_keys(a: str, b: str) -> bool:
    """Neighbouring keys on a QWERTY keyboard, in a row or diagonally ('r' and 'd')."""
    if a not in _KEY_POSITION or b not in _KEY_POSITION:
        return False
    (row_a, x_a), (row_b, x_b) = _KEY_POSITION[a], _KEY_POSITION[b]
    return (row_a - row_b) ** 2 + (x_a - x_b) ** 2 <= 1.6


def _keyboard_slip(word: str, other: str) -> bool:
    """One edit a hand makes: two letters swapped, a neighbouring key struck, a letter
    dropped or added, but not before the first letter ('Bugly' is no slip for 'Ugly').
    Names differ from common words in other ways too ('Omer' / 'Over')."""
    mine, theirs = word.lower(), other.lower()
    if len(mine) == len(theirs) and sorted(mine) == sorted(theirs):
        return True  # a transposition
    ops = list(Levenshtein.editops(mine, theirs))
    if len(ops) != 1:
        return False
    op = ops[0]
    if op.tag == "replace":
        return _adjacent_keys(mine[op.src_pos], theirs[op.dest_pos])
    return op.src_pos > 0


def _prefix_swap(word: str, other: str) -> bool:
    """Two prefixes on one stem ('destructuring' / 'restructuring'): another derivation."""
    lower, base = word.lower(), other.lower()
    for mine in PREFIXES:
        if lower.startswith(mine):
            stem = lower[len(mine):]
            if len(stem) >= 4 and any(base == theirs + stem for theirs in PREFIXES
                                      if theirs != mine):
                return True
    return False


def _differing_part(word: str, other: str) -> tuple[str, str]:
    """The one hyphen-separated part that differs ('wyrand-based' / 'brand-based' ->
    'wyrand' / 'brand'), or the whole words."""
    mine, theirs = word.split("-"), other.split("-")
    if len(mine) == len(theirs) > 1:
        differing = [(a, b) for a, b in zip(mine, theirs, strict=True) if a != b]
        if len(differing) == 1:
            return differing[0]
    return word, other


def _another_form(word: str, candidate: str) -> bool:
    """The candidate is the same word written otherwise, not the word meant: only spacing
    or hyphens differ ('quicksort' / 'quick sort'), or `word` adds an inflection, an affix
    or another prefix to it ('multicores', 'devirtualization', 'destructuring')."""
    return (
        _letters(word) == _letters(candidate)
        or inflection_of(word, candidate)
        or derived_by_affix(word, candidate)
        or _prefix_swap(word, candidate)
    )


def _slip_distance(mine: str, theirs: str) -> int:
    """Damerau distance, with a letter moved two places counted as one slip ('tounge')."""
    distance = DamerauLevenshtein.distance(mine.lower(), theirs.lower())
    if distance == 2 and sorted(mine.lower()) == sorted(theirs.lower()):
        return 1
    return distance


def _close_enough(mine: str, theirs: str, gap: float, name: bool) -> bool:
    """One slip from a much more frequent word, or two on a long lowercase word."""
    distance = _slip_distance(mine, theirs)
    if distance == 1:
        if gap < (NAME_GAP if name else ONE_EDIT_GAP):
            return False
        if name and not _keyboard_slip(mine, theirs):
            return False
        return len(mine) > SHORT_WORD or sorted(mine.lower()) == sorted(theirs.lower())
    if distance == 2:
        return not name and len(mine) >= TWO_EDIT_MIN_LENGTH and gap >= TWO_EDIT_GAP
    return False


def intended_word(
    word: str,
    candidates: Iterable[str],
    frequency: WordFrequency,
    *,
    name: bool = False,
) -> Neighbour | None:
    """The first candidate that `word` looks like a slip for, else None.

    A slip is a wrong capital ('italian'), or one edit (a letter added, dropped, changed, or
    two swapped) from a word in common use that is much more frequent, or two edits on a
    long lowercase word. A `name` (capitalised) is a slip only for a far more common word
    one keystroke slip away ('Teh').
    """
    written = frequency.zipf(word)
    for candidate in list(candidates)[:CANDIDATES]:
        if _case_slip(word, candidate):
            return Neighbour(candidate, 0, frequency.zipf(candidate) - written)
        if candidate.lower() == word.lower():
            # The speller knows it in capitals ('xor' / 'XOR', 'Javascript'): a question of
            # casing, not a slip for some other word.
            return None
        if _another_form(word, candidate):
            continue
        intended = frequency.zipf(candidate)
        if intended < (NAME_INTENDED_MIN if name else INTENDED_MIN):
            continue
        mine, theirs = _differing_part(word, candidate)
        if _close_enough(mine, theirs, intended - written, name):
            return Neighbour(candidate, _slip_distance(mine, theirs), intended - written)
    return None
