"""Suggestion templates: "{1:base}" is token 1 of the match in its base form."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from lemminflect import getInflection, getLemma
from spacy.tokens import Token

from proofer.engines.spacy.agreement import agreeing_form
from proofer.engines.spacy.articles import expected_article
from proofer.engines.spacy.conditions import MatchContext

# "{1}", "{1:base}", "{last:singular}", "{after}", and spans "{1..last}" (text as written).
_INDEX = r"-?\d+|(?:last|after)(?:[+-]\d+)?"
_FIELD = re.compile(rf"\{{({_INDEX})(?:\.\.({_INDEX}))?(?::([a-z_]+))?\}}")


# Plurals in everyday use where the dictionary lists a formal one first ("persons").
_EVERYDAY_PLURALS = {"person": "people"}


def _inflect(token: Token, tag: str) -> str:
    lemma = token.lemma_ if token.lemma_ and token.lemma_ != "-PRON-" else token.text
    if tag == "NNS" and lemma.lower() in _EVERYDAY_PLURALS:
        return _EVERYDAY_PLURALS[lemma.lower()]
    read_as_verb = token.pos_ in ("VERB", "AUX")
    if tag.startswith("VB") and (lemma.lower() == token.lower_ or not read_as_verb):
        # the tagger kept an inflected form as its own lemma ("will helps" read as VB), or
        # read the verb as a noun and gave a noun lemma ("to leaves" -> "leaf", not "leave")
        lemma = getLemma(token.lower_, upos="VERB")[0]
    forms = getInflection(lemma, tag=tag)
    return forms[0] if forms else token.text


def _article(token: Token) -> str:
    return expected_article(token.text) or token.text


_PLURAL_DETERMINERS = {"this": "these", "that": "those", "these": "these", "those": "those"}
_SINGULAR_DETERMINERS = {"these": "this", "those": "that", "this": "this", "that": "that"}


# Commonly confused words: the other member of the pair, keeping the inflection.
_SWAPS = {
    "affect": "effect", "affects": "effects", "affected": "effected", "affecting": "effecting",
    "loose": "lose", "looses": "loses", "loosing": "losing",
    "principle": "principal", "principles": "principals",
}
_SWAPS.update({v: k for k, v in list(_SWAPS.items()) if k not in ("loose", "looses", "loosing")})
_SWAPS.update({"i": "me", "i.": "me."})  # "for you and I." ("I." is one token)
_SWAPS.update({"is": "are", "was": "were"})  # "there is many ..." -> "there are many ..."
_SWAPS.update({"are": "is", "were": "was"})  # "there are more population" -> "there is ..."


def _swap(token: Token) -> str:
    return _SWAPS.get(token.lower_, token.text)


# Personal pronouns written where the possessive determiner belongs ("they rising field").
_POSSESSIVES = {
    "they": "their", "them": "their", "he": "his", "him": "his", "she": "her",
    "it": "its", "we": "our", "us": "our", "i": "my", "me": "my",
}


def _possessive(token: Token) -> str:
    return _POSSESSIVES.get(token.lower_, token.text)


# Subject pronouns and their object forms ("for she and I" -> "for her and me").
_OBJECTIVES = {"i": "me", "he": "him", "she": "her", "we": "us", "they": "them"}


def _objective(token: Token) -> str:
    return _OBJECTIVES.get(token.lower_, token.text)


def _det_number(token: Token, table: Mapping[str, str]) -> str:
    return table.get(token.lower_, token.text)


FILTERS: Mapping[str, Callable[[Token], str]] = {
    "text": lambda t: t.text,
    "lower": lambda t: t.lower_,
    "lemma": lambda t: t.lemma_,
    "base": lambda t: _inflect(t, "VB"),
    "vbz": lambda t: _inflect(t, "VBZ"),
    "vbd": lambda t: _inflect(t, "VBD"),
    "vbn": lambda t: _inflect(t, "VBN"),
    "vbg": lambda t: _inflect(t, "VBG"),
    "plural": lambda t: _inflect(t, "NNS"),
    "singular": lambda t: _inflect(t, "NN"),
    "article": _article,
    "agree": agreeing_form,
    "swap": _swap,
    "possessive": _possessive,
    "objective": _objective,
    "det_plural": lambda t: _det_number(t, _PLURAL_DETERMINERS),
    "det_singular": lambda t: _det_number(t, _SINGULAR_DETERMINERS),
}


def _index(text: str) -> int | str:
    return text if text[0].isalpha() else int(text)


def template_fields(template: str) -> list[tuple[int | str, str]]:
    """The (token index, filter) pairs a template uses; for validating rule files."""
    return [(_index(m.group(1)), m.group(3) or "text") for m in _FIELD.finditer(template)]


def render(template: str, ctx: MatchContext) -> str | None:
    """Fill a template from the match; None if it names a token outside the doc."""
    missing = False

    def field(match: re.Match[str]) -> str:
        nonlocal missing
        first = ctx.relative(_index(match.group(1)))
        if match.group(2):
            last = ctx.relative(_index(match.group(2)))
            if last < first:
                return ""
            tokens = [ctx.token(i) for i in (first, last)]
            if tokens[0] is None or tokens[1] is None:
                missing = True
                return ""
            return ctx.doc[tokens[0].i : tokens[1].i + 1].text
        tok = ctx.token(first)
        if tok is None:
            missing = True
            return ""
        return FILTERS[match.group(3) or "text"](tok)

    result = " ".join(_FIELD.sub(field, template).split())
    return None if missing else result


def match_case(suggestion: str, original: str) -> str:
    """Capitalise the suggestion's first letter when the original text starts with one."""
    if re.match(r"I(?![A-Za-z])", original):  # the pronoun "I" is capital mid-sentence too
        return suggestion
    if original[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion
