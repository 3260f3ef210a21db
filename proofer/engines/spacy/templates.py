"""Suggestion templates: "{1:base}" is token 1 of the match in its base form."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from lemminflect import getInflection
from spacy.tokens import Token

from proofer.engines.spacy.articles import expected_article
from proofer.engines.spacy.conditions import MatchContext

_FIELD = re.compile(r"\{(-?\d+)(?::([a-z_]+))?\}")


def _inflect(token: Token, tag: str) -> str:
    lemma = token.lemma_ if token.lemma_ and token.lemma_ != "-PRON-" else token.text
    forms = getInflection(lemma, tag=tag)
    return forms[0] if forms else token.text


def _article(token: Token) -> str:
    return expected_article(token.text) or token.text


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
}


def template_fields(template: str) -> list[tuple[int, str]]:
    """The (token index, filter) pairs a template uses; for validating rule files."""
    return [(int(m.group(1)), m.group(2) or "text") for m in _FIELD.finditer(template)]


def render(template: str, ctx: MatchContext) -> str | None:
    """Fill a template from the match; None if it names a token outside the doc."""
    missing = False

    def field(match: re.Match[str]) -> str:
        nonlocal missing
        tok = ctx.token(int(match.group(1)))
        if tok is None:
            missing = True
            return ""
        return FILTERS[match.group(2) or "text"](tok)

    result = _FIELD.sub(field, template)
    return None if missing else result


def match_case(suggestion: str, original: str) -> str:
    """Capitalise the suggestion's first letter when the original text starts with one."""
    if original[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion
