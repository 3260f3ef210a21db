"""Small named conditions that spaCy rules in YAML refer to in `when` and `unless`.

Each condition takes the match context and the YAML argument. Token indices are relative
to the start of the match: 0 is its first token, -1 the token before it, and an index
past the match reaches the tokens after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from lemminflect import getAllInflections, getAllLemmas, getInflection, getLemma
from spacy.tokens import Doc, Token

from proofer.engines.spacy import agreement, phrases
from proofer.engines.spacy.articles import expected_article


@dataclass(frozen=True)
class MatchContext:
    doc: Doc
    start: int
    end: int
    placeholders: frozenset[int]
    ends_paragraph: bool = False  # the doc ends a paragraph that leads into nothing

    def token(self, index: int | str) -> Token | None:
        """Token at `index` relative to the match start, or None outside the doc.

        `index` may also be "last" (the match's last token) or "after" (the first token
        after the match), optionally with an offset: "last-1", "after+1".
        """
        absolute = self.start + self.relative(index)
        if 0 <= absolute < len(self.doc):
            return self.doc[absolute]
        return None


    def relative(self, index: int | str) -> int:
        """Resolve "last"/"after" (with an optional +N/-N) to an index relative to the start."""
        if isinstance(index, int):
            return index
        match = _NAMED_INDEX.fullmatch(index)
        if match is None:
            raise ValueError(f"bad token index {index!r}")
        base = self.end - self.start - (1 if match.group(1) == "last" else 0)
        return base + int(match.group(2) or 0)


_NAMED_INDEX = re.compile(r"(last|after)([+-]\d+)?")

Condition = Callable[[MatchContext, Any], bool]


def _token_arg(arg: Any) -> tuple[int | str, Mapping[str, Any]]:
    if isinstance(arg, (int, str)):
        return arg, {}
    if isinstance(arg, Mapping):
        index = arg.get("token", 0)
        return (index if isinstance(index, str) else int(index)), arg
    raise ValueError(f"expected a token index or a mapping, got {arg!r}")


def _token_test(test: Callable[[Token], bool]) -> Condition:
    """A condition applying `test` to one token of the match."""

    def condition(ctx: MatchContext, arg: Any) -> bool:
        index, _ = _token_arg(arg)
        tok = ctx.token(index)
        return tok is not None and test(tok)

    return condition


def _same_lower(ctx: MatchContext, arg: Any) -> bool:
    first, second = (ctx.token(i) for i in arg)
    return first is not None and second is not None and first.lower_ == second.lower_


def _lower_in(ctx: MatchContext, arg: Any) -> bool:
    index, options = _token_arg(arg)
    tok = ctx.token(index)
    return tok is not None and tok.lower_.replace("’", "'") in set(options["words"])


def _attribute_in(attribute: str, option: str) -> Condition:
    """A condition true when a token's spaCy `attribute` is one of the listed values."""

    def condition(ctx: MatchContext, arg: Any) -> bool:
        index, options = _token_arg(arg)
        tok = ctx.token(index)
        return tok is not None and getattr(tok, attribute) in set(options[option])

    return condition


def _text_matches(ctx: MatchContext, arg: Any) -> bool:
    index, options = _token_arg(arg)
    tok = ctx.token(index)
    return tok is not None and re.search(options["regex"], tok.text) is not None


def _placeholder(ctx: MatchContext, arg: Any) -> bool:
    index, _ = _token_arg(arg)
    return ctx.start + ctx.relative(index) in ctx.placeholders


def _exists(token: Token) -> bool:
    return not token.is_space


def _sentence_start(token: Token) -> bool:
    return bool(token.is_sent_start)


def _article_mismatch(ctx: MatchContext, arg: Any) -> bool:
    index, _ = _token_arg(arg)
    article, word = ctx.token(index), ctx.token(ctx.relative(index) + 1)
    if article is None or word is None:
        return False
    expected = expected_article(word.text)
    return expected is not None and expected != article.lower_


def _followed_by_hyphen(ctx: MatchContext, arg: Any) -> bool:
    index, _ = _token_arg(arg)
    tok = ctx.token(index)
    nxt = ctx.token(ctx.relative(index) + 1)
    return tok is not None and nxt is not None and nxt.text in "-‑" and not tok.whitespace_


def _attached(token: Token) -> bool:
    """Token has no whitespace after it (e.g. part of a hyphenated or dotted word)."""
    return not token.whitespace_


def _lemma_in(ctx: MatchContext, arg: Any) -> bool:
    index, options = _token_arg(arg)
    tok = ctx.token(index)
    return tok is not None and tok.lemma_.lower() in set(options["words"])


def _inflected(token: Token) -> bool:
    """The token is an inflected form: its lemma differs from the word ("options")."""
    return token.lemma_.lower() != token.lower_


def _verb_s_form(token: Token) -> bool:
    """The word is the -s form of a verb ("ships", "expands"), whatever its tag."""
    if not token.lower_.endswith("s"):
        return False
    return any(
        token.lower_ in getInflection(lemma, tag="VBZ") for lemma in getLemma(token.lower_, "VERB")
    )


def _known_plural(token: Token) -> bool:
    """The word is an inflected dictionary word ("options", "commits"), not a misspelling
    ("succes") that only looks plural."""
    lemmas = [
        lemma
        for upos in ("NOUN", "VERB")
        for lemma in getAllLemmas(token.lower_, upos=upos).get(upos, ())
    ]
    return any(lemma != token.lower_ for lemma in lemmas)


def _verb_base_form(token: Token) -> bool:
    """The word is also the base form of a known verb ("result", "aim"), whatever its tag."""
    return bool(getAllInflections(token.lower_, upos="VERB"))


def _verb_word(token: Token) -> bool:
    """The word is some form of a dictionary verb ("bikes", "luck", "keys"); false for words
    that are only nouns or adjectives ("homework", "money"), whatever the tagger said."""
    return bool(
        getAllLemmas(token.lower_, upos="VERB") or getAllInflections(token.lower_, upos="VERB")
    )


def _verb_past_form(token: Token) -> bool:
    """The word is only a past form of a verb ("mentioned", "went"), never its base form,
    whatever its tag: the tagger sometimes reads "to mentioned" as a base form."""
    if getAllInflections(token.lower_, upos="VERB"):
        return False
    return any(
        token.lower_ in getInflection(lemma, tag="VBD") + getInflection(lemma, tag="VBN")
        for lemma in getAllLemmas(token.lower_, upos="VERB").get("VERB", ())
        if lemma != token.lower_
    )


def _all(ctx: MatchContext, arg: Any) -> bool:
    """Every condition in the list holds."""
    return all(check_condition(spec, ctx) for spec in arg)


def _any(ctx: MatchContext, arg: Any) -> bool:
    """At least one condition in the list holds."""
    return any(check_condition(spec, ctx) for spec in arg)


def _not(ctx: MatchContext, arg: Any) -> bool:
    """The condition does not hold."""
    return not check_condition(arg, ctx)


def _child_lower_in(ctx: MatchContext, arg: Any) -> bool:
    """The token has a syntactic child spelled as one of `words` (with `deps` if given)."""
    index, options = _token_arg(arg)
    tok = ctx.token(index)
    deps = set(options.get("deps", ()))
    return tok is not None and any(
        c.lower_ in set(options["words"]) and (not deps or c.dep_ in deps) for c in tok.children
    )


def _head_lemma_in(ctx: MatchContext, arg: Any) -> bool:
    index, options = _token_arg(arg)
    tok = ctx.token(index)
    return tok is not None and tok.head.lemma_.lower() in set(options["words"])


def _before_in_sentence(ctx: MatchContext, arg: Any) -> bool:
    """One of `words` (lowercase) or `tags` occurs earlier in the token's sentence, within
    `window` tokens and not across a comma or semicolon when `clause` is true."""
    index, options = _token_arg(arg)
    tok = ctx.token(index)
    if tok is None:
        return False
    words, tags = set(options.get("words", ())), set(options.get("tags", ()))
    window = int(options.get("window", 50))
    stop = {",", ";", ":", "(", ")", "—", "–"} if options.get("clause") else set()
    for i in range(tok.i - 1, max(tok.sent.start, tok.i - window) - 1, -1):
        other = tok.doc[i]
        if other.text in stop:
            return False
        if other.lower_ in words or other.tag_ in tags:
            return True
    return False


def _head_is(ctx: MatchContext, arg: Any) -> bool:
    """Token `token`'s syntactic head is token `head` (both relative to the match)."""
    index, options = _token_arg(arg)
    tok, head = ctx.token(index), ctx.token(options["head"])
    return tok is not None and head is not None and tok.head.i == head.i


def _agreement_mismatch(ctx: MatchContext, arg: Any) -> bool:
    index, _ = _token_arg(arg)
    tok = ctx.token(index)
    if tok is None or not agreement.agreement_mismatch(tok):
        return False
    subject = agreement.clause_subject(tok)
    return subject is not None and not any(t.i in ctx.placeholders for t in subject.subtree)




def _paragraph_end(ctx: MatchContext, arg: Any) -> bool:
    """The token is the last word of a paragraph that introduces nothing after it."""
    index, _ = _token_arg(arg)
    tok = ctx.token(index)
    if tok is None or not ctx.ends_paragraph:
        return False
    return all(t.is_space for t in ctx.doc[tok.i + 1 :])


CONDITIONS: Mapping[str, Condition] = {
    "bare_singular_noun": _token_test(phrases.bare_singular_noun),
    "participle_differs": _token_test(phrases.participle_differs),
    "sentence_fragment_opener": _token_test(phrases.sentence_fragment_opener),
    "paragraph_end": _paragraph_end,
    "same_lower": _same_lower,
    "lower_in": _lower_in,
    "tag_in": _attribute_in("tag_", "tags"),
    "pos_in": _attribute_in("pos_", "pos"),
    "dep_in": _attribute_in("dep_", "deps"),
    "text_matches": _text_matches,
    "placeholder": _placeholder,
    "exists": _token_test(_exists),
    "sentence_start": _token_test(_sentence_start),
    "article_mismatch": _article_mismatch,
    "followed_by_hyphen": _followed_by_hyphen,
    "attached": _token_test(_attached),
    "lemma_in": _lemma_in,
    "inflected": _token_test(_inflected),
    "verb_s_form": _token_test(_verb_s_form),
    "child_lower_in": _child_lower_in,
    "head_lemma_in": _head_lemma_in,
    "before_in_sentence": _before_in_sentence,
    "agreement_mismatch": _agreement_mismatch,
    "head_is": _head_is,
    "verb_base_form": _token_test(_verb_base_form),
    "verb_past_form": _token_test(_verb_past_form),
    "verb_word": _token_test(_verb_word),
    "known_plural": _token_test(_known_plural),
    "all": _all,
    "any_of": _any,
    "not": _not,
}


def check_condition(spec: Mapping[str, Any], ctx: MatchContext) -> bool:
    """Evaluate one `{name: argument}` condition from a rule file."""
    ((name, arg),) = spec.items()
    return CONDITIONS[name](ctx, arg)
