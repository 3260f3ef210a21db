"""British and American spellings of one word, derived by the regular correspondences.

The rules below are the regular British -> American respellings (colour/color,
organise/organize, analyse/analyze, centre/center, travelled/traveled, mould/mold, defence/defense,
catalogue/catalog, anaemia/anemia, ageing/aging, judgement/judgment, programme/program).
Two words are variants when one rewrites to the other; the speller's suggestion supplies
the other word, so a rule never has to decide alone that a string is a real word.
"""

from __future__ import annotations

import re

_RESPELLINGS = (
    (re.compile(r"our(?=(s|ed|ing|ful|fully|less|able|ably|al|ally|ite|ites|itism|er|ers|"
                r"ist|ists|ism|y|ies|ied)?$)"), "or"),
    (re.compile(r"is(?=(e|es|ed|ing|ingly|er|ers|ation|ations|ational|able|ably|ement|"
                r"ements)$)"), "iz"),
    (re.compile(r"ys(?=(e|es|ed|ing|er|ers)$)"), "yz"),
    (re.compile(r"([bgtv])re(?=(s|d)?$)"), r"\1er"),
    (re.compile(r"([bgtv])red$"), r"\1ered"),
    (re.compile(r"ll(?=(ed|ing|ings|ingly|er|ers|or|ors|est|ation|ations|ous|ously|ery|ist|"
                r"ists)$)"), "l"),
    (re.compile(r"ou(?=l[dt])"), "o"),
    (re.compile(r"ence(?=(s|less)?$)"), "ense"),
    (re.compile(r"ogue(?=(s|d)?$)"), "og"),
    (re.compile(r"ogu(?=(ed|ing)$)"), "og"),
    (re.compile(r"(?<=[a-z])ae|^ae"), "e"),
    (re.compile(r"(?<=[a-z])oe(?=[a-z])"), "e"),
    (re.compile(r"(?<=[a-z])eing$"), "ing"),
    (re.compile(r"dgement(?=(s)?$)"), "dgment"),
    (re.compile(r"mme(?=(s)?$)"), "m"),
)


def american_forms(word: str) -> frozenset[str]:
    """The American respellings of a (British) word, lowercased; empty when none apply."""
    lower = word.lower()
    forms = {lower}
    for pattern, replacement in _RESPELLINGS:
        forms |= {pattern.sub(replacement, form) for form in forms}
    forms.discard(lower)
    return frozenset(forms)


def british_spelling_of(word: str, american: str) -> bool:
    """`word` is the British spelling of `american` ('behaviour' / 'behavior')."""
    return american.lower() in american_forms(word)


def variant_in(word: str, candidates: tuple[str, ...], language: str) -> str | None:
    """The speller's first suggestion when it is `word`'s spelling in the document's variety,
    else None: in an American (en-US) document `word` must be British, elsewhere American.
    (For a real variant the speller puts it first; later ones are other guesses.)"""
    if not candidates:
        return None
    candidate = candidates[0]
    american = language.lower() in ("en", "en-us")
    british, other = (word, candidate) if american else (candidate, word)
    return candidate if british_spelling_of(british, other) else None
