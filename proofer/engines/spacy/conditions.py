"""The named conditions that spaCy rules use in `when` and `unless`, with their arguments.

Every condition declares its arguments, so a rule file is checked when it is loaded: an
unknown condition, a missing or unknown argument, a bad token index, an unknown spaCy
label or word class is an error naming the file and the rule, never a failure during a
check. `compile_condition` turns a condition from a rule file into a predicate over a
match; docs/rule-language.md is generated from this registry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.glossary import GLOSSARY
from spacy.tokens import Token

from proofer.engines.spacy import agreement, morphology, phrases
from proofer.engines.spacy.articles import expected_article
from proofer.engines.spacy.context import MatchContext, TokenIndex, check_index
from proofer.engines.spacy.model import model_labels
from proofer.lexicon import CLASS_PREFIX, Lexicon, LexiconError

Predicate = Callable[[MatchContext], bool]


class ConditionError(ValueError):
    """A condition in a rule file is invalid; the message says what and where."""


@dataclass(frozen=True)
class Param:
    """One argument of a condition."""

    name: str
    kind: str  # index | words | tags | pos | deps | regex | int | bool
    doc: str
    required: bool = True


@dataclass(frozen=True)
class ConditionSpec:
    """A condition: its name, what it tests, its arguments and how it is built.

    `shape` is "token" (the argument is a token index, or a mapping with `token` and the
    other arguments), "pair" (a list of two token indices), "conditions" (a list of
    conditions) or "condition" (one condition).
    """

    name: str
    doc: str
    shape: str
    params: tuple[Param, ...]
    build: Callable[[Mapping[str, Any]], Predicate]


TOKEN = Param("token", "index", "the token the condition looks at (default 0)", required=False)
_KIND_DOCS = {
    "index": "a token index",
    "words": "a list of words and $classes, or one $class",
    "tags": "a list of fine-grained Penn tags (spaCy `tag_`)",
    "pos": "a list of universal parts of speech (spaCy `pos_`)",
    "deps": "a list of dependency labels (spaCy `dep_`)",
    "regex": "a regular expression (Python `re`), searched in the token text",
    "int": "an integer",
    "bool": "true or false",
}


def kind_doc(kind: str) -> str:
    return _KIND_DOCS[kind]


# ------------------------------------------------------------------ argument parsing


def _labels(value: Any, kind: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConditionError(f"expected a list of labels, got {value!r}")
    known = model_labels() | set(GLOSSARY)
    unknown = [v for v in value if v not in known]
    if unknown:
        raise ConditionError(f"unknown spaCy {kind} label(s): {', '.join(unknown)}")
    return frozenset(value)


def _words(value: Any, lexicon: Lexicon) -> frozenset[str]:
    if isinstance(value, str) and value.startswith(CLASS_PREFIX):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConditionError(f"expected a list of words or a $class, got {value!r}")
    try:
        return frozenset(lexicon.expand(value))
    except LexiconError as exc:
        raise ConditionError(str(exc)) from None


def _parse_value(param: Param, value: Any, lexicon: Lexicon) -> Any:
    if param.kind == "index":
        try:
            return check_index(value)
        except ValueError as exc:
            raise ConditionError(str(exc)) from None
    if param.kind == "words":
        return _words(value, lexicon)
    if param.kind in ("tags", "pos", "deps"):
        return _labels(value, param.kind)
    if param.kind == "regex":
        if not isinstance(value, str):
            raise ConditionError(f"expected a regular expression, got {value!r}")
        try:
            return re.compile(value)
        except re.error as exc:
            raise ConditionError(f"bad regular expression {value!r}: {exc}") from None
    if param.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConditionError(f"expected an integer, got {value!r}")
        return value
    if param.kind == "bool":
        if not isinstance(value, bool):
            raise ConditionError(f"expected true or false, got {value!r}")
        return value
    raise AssertionError(param.kind)


def _token_args(spec: ConditionSpec, arg: Any, lexicon: Lexicon) -> dict[str, Any]:
    if not isinstance(arg, Mapping):
        if any(p.required for p in spec.params if p.name != "token"):
            raise ConditionError(
                f"needs a mapping with {', '.join(p.name for p in spec.params if p.required)}"
            )
        arg = {"token": arg}
    known = {p.name for p in spec.params}
    unknown = sorted(set(arg) - known)
    if unknown:
        raise ConditionError(
            f"unknown argument(s) {', '.join(unknown)} (takes: {', '.join(sorted(known))})"
        )
    values: dict[str, Any] = {"token": 0}
    for param in spec.params:
        if param.name in arg:
            values[param.name] = _parse_value(param, arg[param.name], lexicon)
        elif param.required:
            raise ConditionError(f"missing argument '{param.name}'")
    return values


def compile_condition(condition: Any, lexicon: Lexicon) -> Predicate:
    """A predicate for one `{name: argument}` condition; raises ConditionError."""
    if not isinstance(condition, Mapping) or len(condition) != 1:
        raise ConditionError(f"a condition is a mapping with one name, got {condition!r}")
    ((name, arg),) = condition.items()
    spec = CONDITIONS.get(name)
    if spec is None:
        raise ConditionError(
            f"unknown condition {name!r} (known: {', '.join(sorted(CONDITIONS))})"
        )
    try:
        if spec.shape == "token":
            return spec.build(_token_args(spec, arg, lexicon))
        if spec.shape == "pair":
            if not isinstance(arg, list) or len(arg) != 2:
                raise ConditionError(f"expected a list of two token indices, got {arg!r}")
            try:
                return spec.build({"tokens": [check_index(a) for a in arg]})
            except ValueError as exc:
                raise ConditionError(str(exc)) from None
        if spec.shape == "conditions":
            if not isinstance(arg, list) or not arg:
                raise ConditionError(f"expected a list of conditions, got {arg!r}")
            return spec.build({"conditions": [compile_condition(c, lexicon) for c in arg]})
        return spec.build({"condition": compile_condition(arg, lexicon)})
    except ConditionError as exc:
        if str(exc).startswith("in "):
            raise
        raise ConditionError(f"in {name!r}: {exc}") from None


def compile_conditions(conditions: Sequence[Any], lexicon: Lexicon) -> tuple[Predicate, ...]:
    return tuple(compile_condition(c, lexicon) for c in conditions)


# ------------------------------------------------------------------ building blocks


def _on_token(test: Callable[[Token, Mapping[str, Any]], bool]) -> Callable[
    [Mapping[str, Any]], Predicate
]:
    """Build a predicate applying `test(token, args)` to the token at `args["token"]`."""

    def build(args: Mapping[str, Any]) -> Predicate:
        index: TokenIndex = args["token"]

        def predicate(ctx: MatchContext) -> bool:
            tok = ctx.token(index)
            return tok is not None and test(tok, args)

        return predicate

    return build


def _token_condition(name: str, test: Callable[[Token], bool], doc: str = "") -> ConditionSpec:
    """A condition that is a plain test of one token."""
    return ConditionSpec(
        name, doc or (test.__doc__ or "").strip(), "token", (TOKEN,),
        _on_token(lambda tok, _args: test(tok)),
    )


def _apostrophe_lower(tok: Token) -> str:
    return tok.lower_.replace("’", "'")


# ------------------------------------------------------------------ conditions


def _same_lower(args: Mapping[str, Any]) -> Predicate:
    first, second = args["tokens"]

    def predicate(ctx: MatchContext) -> bool:
        a, b = ctx.token(first), ctx.token(second)
        return a is not None and b is not None and a.lower_ == b.lower_

    return predicate


def _all(args: Mapping[str, Any]) -> Predicate:
    parts = tuple(args["conditions"])
    return lambda ctx: all(p(ctx) for p in parts)


def _any(args: Mapping[str, Any]) -> Predicate:
    parts = tuple(args["conditions"])
    return lambda ctx: any(p(ctx) for p in parts)


def _not(args: Mapping[str, Any]) -> Predicate:
    part = args["condition"]
    return lambda ctx: not part(ctx)


def _placeholder(args: Mapping[str, Any]) -> Predicate:
    index = args["token"]
    return lambda ctx: ctx.start + ctx.relative(index) in ctx.placeholders


def _article_mismatch(args: Mapping[str, Any]) -> Predicate:
    index = args["token"]

    def predicate(ctx: MatchContext) -> bool:
        article, word = ctx.token(index), ctx.token(ctx.relative(index) + 1)
        if article is None or word is None:
            return False
        expected = expected_article(word.text)
        return expected is not None and expected != article.lower_

    return predicate


def _followed_by_hyphen(args: Mapping[str, Any]) -> Predicate:
    index = args["token"]

    def predicate(ctx: MatchContext) -> bool:
        tok, nxt = ctx.token(index), ctx.token(ctx.relative(index) + 1)
        return tok is not None and nxt is not None and nxt.text in "-‑" and not tok.whitespace_

    return predicate


def _head_is(args: Mapping[str, Any]) -> Predicate:
    index, head_index = args["token"], args["head"]

    def predicate(ctx: MatchContext) -> bool:
        tok, head = ctx.token(index), ctx.token(head_index)
        return tok is not None and head is not None and tok.head.i == head.i

    return predicate


def _before_in_sentence(tok: Token, args: Mapping[str, Any]) -> bool:
    words, tags = args.get("words", frozenset()), args.get("tags", frozenset())
    window = args.get("window", 50)
    stop = {",", ";", ":", "(", ")", "—", "–"} if args.get("clause") else set()
    for i in range(tok.i - 1, max(tok.sent.start, tok.i - window) - 1, -1):
        other = tok.doc[i]
        if other.text in stop:
            return False
        if other.lower_ in words or other.tag_ in tags:
            return True
    return False


def _agreement_mismatch(args: Mapping[str, Any]) -> Predicate:
    index = args["token"]

    def predicate(ctx: MatchContext) -> bool:
        tok = ctx.token(index)
        if tok is None or not agreement.agreement_mismatch(tok):
            return False
        subject = agreement.clause_subject(tok)
        return subject is not None and not any(t.i in ctx.placeholders for t in subject.subtree)

    return predicate


def _paragraph_end(args: Mapping[str, Any]) -> Predicate:
    index = args["token"]

    def predicate(ctx: MatchContext) -> bool:
        tok = ctx.token(index)
        if tok is None or not ctx.ends_paragraph:
            return False
        return all(t.is_space for t in ctx.doc[tok.i + 1 :])

    return predicate


def _token_spec(
    name: str, doc: str, params: tuple[Param, ...], test: Callable[[Token, Mapping[str, Any]], bool]
) -> ConditionSpec:
    return ConditionSpec(name, doc, "token", (TOKEN, *params), _on_token(test))


def _index_spec(name: str, doc: str, build: Callable[[Mapping[str, Any]], Predicate],
                params: tuple[Param, ...] = ()) -> ConditionSpec:
    return ConditionSpec(name, doc, "token", (TOKEN, *params), build)


_WORDS = Param("words", "words", "the words")

_SPECS: tuple[ConditionSpec, ...] = (
    # --- combining
    ConditionSpec("all", "Every condition in the list holds.", "conditions", (), _all),
    ConditionSpec("any_of", "At least one condition in the list holds.", "conditions", (), _any),
    ConditionSpec("not", "The condition does not hold.", "condition", (), _not),
    # --- spelling and position
    ConditionSpec(
        "same_lower", "The two tokens are the same word, ignoring case.", "pair", (), _same_lower
    ),
    _token_spec(
        "lower_in",
        "The token, lowercased (curly apostrophes read as straight), is one of `words`.",
        (_WORDS,), lambda tok, a: _apostrophe_lower(tok) in a["words"],
    ),
    _token_spec(
        "lemma_in", "The token's lemma, lowercased, is one of `words`.",
        (_WORDS,), lambda tok, a: tok.lemma_.lower() in a["words"],
    ),
    _token_spec(
        "text_matches", "The regular expression `regex` is found in the token's text.",
        (Param("regex", "regex", "the expression"),),
        lambda tok, a: a["regex"].search(tok.text) is not None,
    ),
    _token_spec(
        "tag_in", "The token's fine-grained tag is one of `tags`.",
        (Param("tags", "tags", "the tags"),), lambda tok, a: tok.tag_ in a["tags"],
    ),
    _token_spec(
        "pos_in", "The token's part of speech is one of `pos`.",
        (Param("pos", "pos", "the parts of speech"),), lambda tok, a: tok.pos_ in a["pos"],
    ),
    _token_spec(
        "dep_in", "The token's dependency label is one of `deps`.",
        (Param("deps", "deps", "the labels"),), lambda tok, a: tok.dep_ in a["deps"],
    ),
    _index_spec("placeholder", "The token stands for inline code or a URL.", _placeholder),
    _token_condition("exists", lambda tok: not tok.is_space,
                     "There is a (non-space) token at this index."),
    _token_condition("sentence_start", lambda tok: bool(tok.is_sent_start),
                     "The token starts a sentence."),
    _token_condition("attached", lambda tok: not tok.whitespace_,
                     "No whitespace follows the token (part of a hyphenated or dotted word)."),
    _index_spec(
        "followed_by_hyphen", "The next token is a hyphen written straight after this one.",
        _followed_by_hyphen,
    ),
    _index_spec("paragraph_end", "The token is the last word of a paragraph that introduces "
                "nothing after it.", _paragraph_end),
    # --- syntax
    _index_spec(
        "head_is", "The token's syntactic head is the token at `head`.", _head_is,
        (Param("head", "index", "the head's index"),),
    ),
    _token_spec(
        "child_lower_in", "The token has a syntactic child spelled as one of `words` "
        "(with a label in `deps`, if given).",
        (_WORDS, Param("deps", "deps", "the children's labels", required=False)),
        lambda tok, a: any(
            c.lower_ in a["words"] and ("deps" not in a or c.dep_ in a["deps"])
            for c in tok.children
        ),
    ),
    _token_spec(
        "head_lemma_in", "The token's syntactic head has a lemma in `words`.",
        (_WORDS,), lambda tok, a: tok.head.lemma_.lower() in a["words"],
    ),
    _token_spec(
        "before_in_sentence",
        "One of `words` or `tags` occurs earlier in the sentence, within `window` tokens "
        "(default 50), not across a comma, semicolon or bracket when `clause` is true.",
        (
            Param("words", "words", "the words", required=False),
            Param("tags", "tags", "the tags", required=False),
            Param("window", "int", "how many tokens back to look", required=False),
            Param("clause", "bool", "stop at clause punctuation", required=False),
        ),
        _before_in_sentence,
    ),
    _index_spec(
        "agreement_mismatch", "The verb clearly disagrees in number with its subject "
        "(proofer/engines/spacy/agreement.py).", _agreement_mismatch,
    ),
    _index_spec(
        "article_mismatch", "The token is 'a' or 'an' and the next word's sound wants the other.",
        _article_mismatch,
    ),
    # --- morphology and word classes
    _token_condition("inflected", morphology.inflected),
    _token_condition("verb_s_form", morphology.verb_s_form),
    _token_condition("known_plural", morphology.known_plural),
    _token_condition("known_noun_plural", morphology.known_noun_plural),
    _token_condition("verb_base_form", morphology.verb_base_form),
    _token_condition("verb_word", morphology.verb_word),
    _token_condition("verb_past_form", morphology.verb_past_form),
    _token_condition("adjective_or_adverb", morphology.adjective_or_adverb),
    _token_condition("known_word", morphology.known_word),
    _token_condition("mass_noun", morphology.mass_noun),
    _token_condition("plural_of_mass_noun", morphology.plural_of_mass_noun),
    _token_condition("plural_out_of_use", morphology.plural_out_of_use),
    _token_condition("proper_name", morphology.proper_name),
    _token_condition("bare_singular_noun", phrases.bare_singular_noun),
    _token_condition("participle_differs", phrases.participle_differs),
    _token_condition("sentence_fragment_opener", phrases.sentence_fragment_opener),
)

CONDITIONS: Mapping[str, ConditionSpec] = {spec.name: spec for spec in _SPECS}
