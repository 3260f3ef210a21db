"""Noun-phrase, verb-form and clause facts for the learner-error rules, read from spaCy's parse."""

from __future__ import annotations

from lemminflect import getAllLemmas, getInflection
from spacy.tokens import Token

# Dependents that make a singular noun phrase complete on their own ("the", "my", "two",
# "all"), or mark the noun as part of a larger name or measure.
_DETERMINING_DEPS = frozenset({"det", "poss", "nummod", "predet", "quantmod", "case"})
# Subjects, objects and complements: the noun heads an argument of its own, rather than
# modifying a word ("car park"), being used adverbially or in a list.
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr"})
# Prepositions that take bare singular nouns in set phrases: "by car", "per person",
# "as teacher and friend", "from person to person".
_BARE_NOUN_PREPOSITIONS = frozenset({"by", "per", "as", "from", "via", "than"})


def bare_singular_noun(noun: Token) -> bool:
    """A lowercase singular noun whose phrase has no determiner, possessive or number.

    "understand certain thing", "instead of car". Nouns in compounds ("car park"), in
    set phrases ("by car", "person to person") and in titles are not bare.
    """
    if noun.tag_ != "NN" or not noun.is_lower or noun.dep_ not in _ARGUMENT_DEPS:
        return False
    if noun.left_edge.i > 0 and noun.doc[noun.left_edge.i - 1].tag_ == "TO":
        return False  # "needed to reason": a verb the tagger read as a noun
    if any(c.dep_ in _DETERMINING_DEPS for c in noun.children):
        return False
    if any(c.dep_ == "amod" and c.lower_ in ("such", "many", "what") for c in noun.children):
        return False
    doc = noun.doc
    before = noun.left_edge.i - 1
    if before >= 0 and (
        doc[before].lower_ in _BARE_NOUN_PREPOSITIONS or doc[before].tag_ == "POS"
    ):
        return False
    after = noun.i + 1
    # "person to person", "step by step", "car after car"
    return not (
        after + 1 < len(doc)
        and doc[after].pos_ == "ADP"
        and doc[after + 1].lemma_.lower() == noun.lemma_.lower()
    ) and not (before >= 1 and doc[before].pos_ == "ADP" and doc[before - 1].lower_ == noun.lower_)


def participle_differs(verb: Token) -> bool:
    """The word is a verb's base form, never an adjective, whose past participle is
    another word ("decrease", "choose"): "will be decrease" cannot be a passive ("will be
    put" can), whatever the tagger made of it."""
    lemmas = getAllLemmas(verb.lower_)
    if "ADJ" in lemmas or tuple(lemmas.get("VERB", ())) != (verb.lower_,):
        return False  # "found" is also the past of "find"
    participles = getInflection(verb.lower_, tag="VBN")
    return bool(participles) and verb.lower_ not in participles


def sentence_fragment_opener(conjunction: Token) -> bool:
    """The conjunction opens a sentence that is nothing but its subordinate clause
    ("Because they sent out 20% of the emissions."): the main clause is missing."""
    sentence = conjunction.sent
    if conjunction.i != sentence.start or sentence[-1].text not in (".", "!"):
        return False
    if any(t.text in (",", ";", ":", "—", "–") for t in sentence):
        return False  # "Because it rained, we stayed": a main clause may follow a comma
    return conjunction.dep_ == "mark" and conjunction.head.i == sentence.root.i
