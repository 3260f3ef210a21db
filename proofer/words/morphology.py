"""Morphology from lemminflect's English lexicon: known words, inflections, coinages."""

from __future__ import annotations

from lemminflect import getAllLemmas, getInflection

PREFIXES = (
    "anti", "auto", "co", "de", "dis", "hyper", "inter", "intra", "meta", "micro", "mis",
    "multi", "non", "over", "post", "pre", "pseudo", "re", "semi", "sub", "super",
    "un", "under",
)
_SUFFIXES = ("ing", "ers", "er", "es", "ed", "s", "d", "r", "rs")
# Derivational endings that make a new word of a known one ('fuzzers', 'nilness').
DERIVATIONAL_SUFFIXES = ("ers", "er", "ness", "less", "able", "ism", "ist", "ists")
_INFLECTIONAL_ENDINGS = ("s", "es", "d", "ed", "ing", "'s", "’s")


def known(word: str) -> bool:
    """In lemminflect's English lexicon (any inflected form)."""
    return bool(getAllLemmas(word.lower()))


def known_with_suffix(part: str) -> bool:
    """`part` or its stem before a common suffix is a known word ('bubbled', 'embedders')."""
    if known(part):
        return True
    for suffix in _SUFFIXES:
        if part.endswith(suffix) and len(part) - len(suffix) >= 3:
            stem = part[: -len(suffix)]
            undoubled = stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else stem
            if any(known(s) for s in {stem, stem + "e", undoubled}):
                return True
    return False


def inflection_of(word: str, other: str) -> bool:
    """`word` is `other` plus an inflectional ending ('multicores' / 'multicore'): a form
    the speller lacks, not a slip ('succes' / 'success' is a slip)."""
    lower, base = word.lower(), other.lower()
    return lower.startswith(base) and lower[len(base):] in _INFLECTIONAL_ENDINGS


def derived_by_affix(word: str, other: str) -> bool:
    """`word` is `other` with a prefix or suffix of two letters or more added
    ('devirtualization' / 'virtualization', 'unarchiving' / 'archiving')."""
    lower, base = word.lower(), other.lower()
    extra = len(lower) - len(base)
    return extra >= 2 and base.isalpha() and (lower.endswith(base) or lower.startswith(base))


def regularised_past(word: str) -> bool:
    """A regular -ed ending put on an irregular verb ("dealed", "teached", "buyed")."""
    lower = word.lower()
    if not lower.endswith("ed") or len(lower) < 5:
        return False
    for stem in {lower[:-2], lower[:-1]}:
        if stem in getAllLemmas(stem).get("VERB", ()):
            past = getInflection(stem, tag="VBD") + getInflection(stem, tag="VBN")
            if past and lower not in past:
                return True
    return False


def _derived_stem(word: str) -> str | None:
    """A known stem under a derivational ending ('fuzz' in 'fuzzers', 'savvy' in
    'savviness'), else None. Inflections are not tried: 'occured' must stay a misspelling."""
    for suffix in DERIVATIONAL_SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3:
            undoubled = stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else stem
            respelled = stem[:-1] + "y" if stem.endswith("i") else stem
            for candidate in (stem, stem + "e", undoubled, respelled):
                classes = set(getAllLemmas(candidate))
                # -er on an adjective is its comparative ('smallers' is a slip, not a coinage).
                agentive = bool(classes & {"NOUN", "VERB"}) and "ADJ" not in classes
                if classes and (agentive or not suffix.startswith("er")):
                    return f"{candidate} + {suffix}"
    return None


def coinage(word: str, also_known: tuple[str, ...] = ()) -> str | None:
    """How an unknown word is built from known ones ('un + bubbled'), else None.

    Writers coin prefixed words, closed compounds and derivations on purpose (unbubbled,
    toolchain, de-identified, fuzzers); typos rarely split into known words of three letters
    or more. `also_known`: words the speller knows (its suggestions), so 'devirtualization'
    is 'de + virtualization'.
    """
    lower = word.lower()
    for other in also_known:
        base = other.lower()
        if base.isalpha() and len(base) >= 3 and lower != base:
            if lower.endswith(base) and lower[: -len(base)].rstrip("-") in PREFIXES:
                return f"{lower[: -len(base)].rstrip('-')} + {base}"
            if lower.startswith(base) and lower[len(base):] in DERIVATIONAL_SUFFIXES:
                return f"{base} + {lower[len(base):]}"
    if "-" in word:
        parts = [p for p in lower.split("-") if p]
        if len(parts) >= 2 and all(p in PREFIXES or known_with_suffix(p) for p in parts):
            return " + ".join(parts)
        return None
    if not lower.isalpha() or len(lower) < 5:
        return None
    for prefix in PREFIXES:
        rest = lower[len(prefix):]
        if lower.startswith(prefix) and len(rest) >= 3 and known_with_suffix(rest):
            return f"{prefix} + {rest}"
    if len(lower) >= 6 and (derived := _derived_stem(lower)) is not None:
        return derived
    if len(lower) < 6:
        return None
    for cut in range(3, len(lower) - 2):
        head, tail = lower[:cut], lower[cut:]
        if known(head) and known_with_suffix(tail):
            return f"{head} + {tail}"
    return None
