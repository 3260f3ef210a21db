"""How a word is written in its text: capitalised like a name, quoted alone like a mention."""

from __future__ import annotations

_QUOTE_PAIRS = {'"': '"', "“": "”", "'": "'", "‘": "’"}


def capitalised(word: str) -> bool:
    """'Folkert', 'Brandhorst-Satzkorn': each part a capital and then lowercase letters."""
    parts = word.split("-")
    return len(word) > 1 and all(
        part[:1].isupper() and (part[1:].islower() or not part[1:]) for part in parts
    )


def quoted_alone(text: str, start: int, end: int) -> bool:
    """The word stands alone in quotation marks: mentioned ('write "Gava"'), not used."""
    before = text[start - 1 : start] if start else ""
    return bool(before) and _QUOTE_PAIRS.get(before) == text[end : end + 1]
