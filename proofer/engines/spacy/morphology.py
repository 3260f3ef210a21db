"""Facts about one word from lemminflect and the lexicon, whatever spaCy's tagger said."""

from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllInflections, getAllLemmas, getInflection, getLemma
from spacy.tokens import Token
from wordfreq import zipf_frequency

from proofer.lexicon import default_lexicon
from proofer.words.frequency import UNUSED_PLURAL_GAP


def inflected(token: Token) -> bool:
    """The token is an inflected form: its lemma differs from the word ("options")."""
    return token.lemma_.lower() != token.lower_


@lru_cache(maxsize=8192)
def _is_verb_s_form(lower: str) -> bool:
    if not lower.endswith("s"):
        return False
    return any(lower in getInflection(lemma, tag="VBZ") for lemma in getLemma(lower, "VERB"))


def verb_s_form(token: Token) -> bool:
    """The word is the -s form of a verb ("ships", "expands"), whatever its tag."""
    return _is_verb_s_form(token.lower_)


@lru_cache(maxsize=8192)
def _is_known_plural(lower: str) -> bool:
    lemmas = [
        lemma
        for upos in ("NOUN", "VERB")
        for lemma in getAllLemmas(lower, upos=upos).get(upos, ())
    ]
    return any(lemma != lower for lemma in lemmas)


def known_noun_plural(token: Token) -> bool:
    """lemminflect knows the word as the plural of a noun ("runs", "walks"), not only as
    a verb's -s form ("creates")."""
    lower = token.lower_
    return any(lemma != lower for lemma in getAllLemmas(lower, upos="NOUN").get("NOUN", ()))


def known_plural(token: Token) -> bool:
    """The word is an inflected dictionary word ("options", "commits"), not a misspelling
    ("succes") that only looks plural."""
    return _is_known_plural(token.lower_)


def verb_base_form(token: Token) -> bool:
    """The word is also the base form of a known verb ("result", "aim"), whatever its tag."""
    return bool(getAllInflections(token.lower_, upos="VERB"))


def verb_word(token: Token) -> bool:
    """The word is some form of a dictionary verb ("bikes", "luck", "keys"); false for words
    that are only nouns or adjectives ("homework", "money"), whatever the tagger said."""
    return bool(
        getAllLemmas(token.lower_, upos="VERB") or getAllInflections(token.lower_, upos="VERB")
    )


@lru_cache(maxsize=8192)
def _is_verb_past_form(lower: str) -> bool:
    if getAllInflections(lower, upos="VERB"):
        return False
    return any(
        lower in getInflection(lemma, tag="VBD") + getInflection(lemma, tag="VBN")
        for lemma in getAllLemmas(lower, upos="VERB").get("VERB", ())
        if lemma != lower
    )


def verb_past_form(token: Token) -> bool:
    """The word is only a past form of a verb ("mentioned", "went"), never its base form,
    whatever its tag: the tagger sometimes reads "to mentioned" as a base form."""
    return _is_verb_past_form(token.lower_)


def known_word(token: Token) -> bool:
    """lemminflect's dictionary knows the word in some part of speech (not "coupla")."""
    return bool(getAllLemmas(token.lower_))


def adjective_or_adverb(token: Token) -> bool:
    """lemminflect knows the word as an adjective or adverb ("fine", "home", "late"), so it
    can be a complement rather than a noun that something owns."""
    lemmas = getAllLemmas(token.lower_)
    return "ADJ" in lemmas or "ADV" in lemmas


def mass_noun(token: Token) -> bool:
    """The noun (or its lemma) is in the lexicon's $mass_noun class: its plural is rare
    ("information", "advice", "ownership"), so it is not counted."""
    words = default_lexicon().words("mass_noun")
    return token.lower_ in words or token.lemma_.lower() in words


def plural_of_mass_noun(token: Token) -> bool:
    """The word is a plural made from a $mass_noun ("informations", "advices"), and not
    also the -s form of a verb ("researches")."""
    lower = token.lower_
    if not lower.endswith("s") or getAllLemmas(lower, upos="VERB"):
        return False
    words = default_lexicon().words("mass_noun")
    return any(lemma != lower and lemma in words for lemma in getLemma(lower, upos="NOUN"))


def plural_out_of_use(token: Token) -> bool:
    """The word is a plural whose singular is far more common (UNUSED_PLURAL_GAP) in
    wordfreq's web English: hardly anyone writes this plural ("pollutions")."""
    lower = token.lower_
    plural = zipf_frequency(lower, "en")
    return any(
        zipf_frequency(lemma, "en") - plural >= UNUSED_PLURAL_GAP
        for lemma in getLemma(lower, upos="NOUN")
        if lemma != lower
    )


def proper_name(token: Token) -> bool:
    """The token is capitalised inside a sentence, or tagged as a proper noun: a name or
    a title, not a common word."""
    if token.pos_ == "PROPN" or token.tag_ in ("NNP", "NNPS"):
        return True
    return bool(token.text[:1].isupper() and not token.is_sent_start)
