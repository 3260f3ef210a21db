"""Identifier shapes: tokens that are code, paths or acronyms, never spelling errors."""

from __future__ import annotations

import re

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
    re.compile(r"^[A-Z]{2,}['’][a-z]{1,3}$"),  # an acronym used as a verb: XOR'ing, DM'd
    re.compile(r"[A-Z]{3,}[a-z]"),  # acronyms with a lowercase tail: NTHi, NRCan
    re.compile(r"[^\W\d_A-Za-zÀ-ɏ]"),  # letters of another script: PΣ, γp
    re.compile(r"\w[?*^|<>+]+\w"),  # patterns and operators between letters: P?ro*, a|b
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
