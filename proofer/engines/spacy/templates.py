"""Suggestion templates: "{1:base}" is token 1 of the match in its base form."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from lemminflect import getInflection, getLemma
from spacy.tokens import Token

from proofer.engines.spacy.agreement import agreeing_form
from proofer.engines.spacy.articles import expected_article
from proofer.engines.spacy.context import MatchContext, check_index
from proofer.lexicon import default_lexicon

# "{1}", "{1:base}", "{last:singular}", "{after}", and spans "{1..last}" (text as written).
_INDEX = r"-?\d+|(?:last|after)(?:[+-]\d+)?"
_FIELD = re.compile(rf"\{{({_INDEX})(?:\.\.({_INDEX}))?(?::([a-z_]+))?\}}")


def _lexicon_map(name: str, token: Token) -> str:
    return default_lexicon().pairs(name).get(token.lower_.replace("’", "'"), token.text)


def _inflect(token: Token, tag: str) -> str:
    lemma = token.lemma_ if token.lemma_ and token.lemma_ != "-PRON-" else token.text
    everyday = default_lexicon().pairs("everyday_plural")
    if tag == "NNS" and lemma.lower() in everyday:
        return everyday[lemma.lower()]
    read_as_verb = token.pos_ in ("VERB", "AUX")
    if tag.startswith("VB") and (lemma.lower() == token.lower_ or not read_as_verb):
        # the tagger kept an inflected form as its own lemma ("will helps" read as VB), or
        # read the verb as a noun and gave a noun lemma ("to leaves" -> "leaf", not "leave")
        lemma = getLemma(token.lower_, upos="VERB")[0]
    forms = getInflection(lemma, tag=tag)
    return forms[0] if forms else token.text


def _article(token: Token) -> str:
    return expected_article(token.text) or token.text


def _det_number(token: Token, plural: bool) -> str:
    lower = token.lower_
    if plural:
        return default_lexicon().pairs("singular_demonstrative").get(lower, token.text)
    return default_lexicon().pairs("plural_demonstrative").get(lower, token.text)


@dataclass(frozen=True)
class Filter:
    """A suggestion filter: `{1:name}` renders token 1 through it."""

    name: str
    doc: str
    apply: Callable[[Token], str]


_FILTER_LIST = (
    Filter("text", "The token as written (the default).", lambda t: t.text),
    Filter("lower", "The token in lower case.", lambda t: t.lower_),
    Filter("lemma", "spaCy's lemma.", lambda t: t.lemma_),
    Filter("base", "The verb's base form (lemminflect): helps -> help.",
           lambda t: _inflect(t, "VB")),
    Filter("vbz", "The verb's -s form: help -> helps.", lambda t: _inflect(t, "VBZ")),
    Filter("vbd", "The verb's simple past: see -> saw.", lambda t: _inflect(t, "VBD")),
    Filter("vbn", "The verb's past participle: broke -> broken.", lambda t: _inflect(t, "VBN")),
    Filter("vbg", "The verb's -ing form: take -> taking.", lambda t: _inflect(t, "VBG")),
    Filter("plural", "The noun's plural ($everyday_plural first): person -> people.",
           lambda t: _inflect(t, "NNS")),
    Filter("singular", "The noun's singular: options -> option.", lambda t: _inflect(t, "NN")),
    Filter("article", "'a' or 'an' for the token's sound: hour -> an.", _article),
    Filter("agree", "The verb form that agrees with its subject (agreement.py).", agreeing_form),
    Filter("swap", "The other word of a $confusable_pair: affect -> effect.",
           lambda t: _lexicon_map("confusable_pair", t)),
    Filter("possessive", "The possessive of a pronoun ($possessive_of): they -> their.",
           lambda t: _lexicon_map("possessive_of", t)),
    Filter("objective", "The object form of a pronoun ($objective_of): she -> her.",
           lambda t: _lexicon_map("objective_of", t)),
    Filter("det_plural", "The plural demonstrative: this -> these.",
           lambda t: _det_number(t, plural=True)),
    Filter("det_singular", "The singular demonstrative: these -> this.",
           lambda t: _det_number(t, plural=False)),
)
FILTERS: Mapping[str, Filter] = {f.name: f for f in _FILTER_LIST}


def _index(text: str) -> int | str:
    return text if text[0].isalpha() else int(text)


def template_fields(template: str) -> list[tuple[int | str, str]]:
    """The (token index, filter) pairs a template uses; for validating rule files."""
    return [(_index(m.group(1)), m.group(3) or "text") for m in _FIELD.finditer(template)]


def check_template(template: str) -> None:
    """Raise ValueError when a template has a brace that is not a field, a bad index or
    an unknown filter."""
    rest = _FIELD.sub("", template)
    if "{" in rest or "}" in rest:
        raise ValueError(f"{template!r}: a brace that is not a field ({{INDEX}}, "
                         "{INDEX:filter} or {INDEX..INDEX})")
    for match in _FIELD.finditer(template):
        for group in (match.group(1), match.group(2)):
            if group is not None:
                check_index(_index(group))
        name = match.group(3) or "text"
        if name not in FILTERS:
            raise ValueError(f"unknown filter {name!r} in {template!r} "
                             f"(known: {', '.join(sorted(FILTERS))})")
        if match.group(2) and match.group(3):
            raise ValueError(f"{template!r}: a span {{A..B}} takes no filter")


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
        return FILTERS[match.group(3) or "text"].apply(tok)

    result = " ".join(_FIELD.sub(field, template).split())
    return None if missing else result


def match_case(suggestion: str, original: str) -> str:
    """Capitalise the suggestion's first letter when the original text starts with one."""
    if re.match(r"I(?![A-Za-z])", original):  # the pronoun "I" is capital mid-sentence too
        return suggestion
    if original[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion
