"""Choosing "a" or "an" by the sound a word starts with, not its first letter."""

from __future__ import annotations

# Letters whose English names start with a vowel sound: "an F", "an MRI", "an X-ray".
_VOWEL_NAMED_LETTERS = frozenset("AEFHILMNORSX")
# Acronyms read as words; their letters do not decide the article.
_WORD_ACRONYMS = {
    "nasa": "a", "nato": "a", "unesco": "a", "unicef": "a", "scuba": "a", "laser": "a",
    "radar": "a", "gif": None, "jpeg": "a", "sql": None, "faq": "an", "ascii": "an",
    "ajax": "an", "api": "an", "aws": "an", "ide": "an", "os": "an", "ui": "a", "url": "a",
    "usb": "a", "uri": "a", "uuid": "a", "utf": "a", "html": "an", "http": "an",
    "https": "an", "lan": "a", "wan": "a", "ram": "a", "rom": "a", "cpu": "a", "gpu": "a",
    "iot": "an", "ios": "an", "led": "an", "lcd": "an", "mba": "an", "mri": "an",
    "sdk": "an", "seo": "an", "sms": "an", "ssd": "an", "ssh": "an", "xml": "an",
    "yaml": "a", "json": "a", "toml": "a", "npm": "an", "rpc": "an", "fbi": "an",
}
_SILENT_H = ("hour", "honest", "honor", "honour", "heir", "herb")
_UNCERTAIN = ("herb", "historic", "hotel", "humble", "homage")
_YOU_SOUND = (
    "uni", "use", "usu", "usa", "uti", "uto", "ura", "ure", "uri", "uro", "ubiq", "ukr",
    "ufo", "eu", "ewe", "uvu", "ute",
)
_UN_PREFIX_VOWEL = ("unin", "unim", "unid", "unil", "unio")  # un- words: "an uninstalled"
_ONE_SOUND = ("one", "once")


def expected_article(word: str) -> str | None:
    """'a' or 'an' for the word, or None when the sound is uncertain (then never flag)."""
    if not word or not word[0].isalpha():
        return None
    lower = word.lower()
    if lower in _WORD_ACRONYMS:
        return _WORD_ACRONYMS[lower]
    if word.isupper():
        # Unlisted acronyms with a vowel early on may be read as words (FIPS, REST, RAG):
        # their sound is unknown, so never flag them.
        if len(word) >= 3 and any(c in "AEIOUY" for c in word[:3]):
            return None
        return "an" if word[0] in _VOWEL_NAMED_LETTERS else "a"
    if lower.startswith(_UNCERTAIN):
        return None
    if lower.startswith(_SILENT_H):
        return "an"
    if lower.startswith(_ONE_SOUND) and not lower.startswith(("onerous", "onion", "onset")):
        return "a"
    if lower.startswith(_YOU_SOUND) and not lower.startswith(_UN_PREFIX_VOWEL):
        if lower.startswith("uni") and lower.startswith(("unimp", "uninf", "unint")):
            return "an"
        return "a"
    if lower[0] in "aeiou":
        return "an"
    return "a"
