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

from spacy.tokens import Doc, Token

from proofer.engines.spacy.articles import expected_article


@dataclass(frozen=True)
class MatchContext:
    doc: Doc
    start: int
    end: int
    placeholders: frozenset[int]

    def token(self, index: int) -> Token | None:
        """Token at `index` relative to the match start, or None outside the doc."""
        absolute = self.start + index
        if 0 <= absolute < len(self.doc):
            return self.doc[absolute]
        return None


Condition = Callable[[MatchContext, Any], bool]


def _token_arg(arg: Any) -> tuple[int, Mapping[str, Any]]:
    if isinstance(arg, int):
        return arg, {}
    if isinstance(arg, Mapping):
        return int(arg.get("token", 0)), arg
    raise ValueError(f"expected a token index or a mapping, got {arg!r}")


def _same_lower(ctx: MatchContext, arg: Any) -> bool:
    first, second = (ctx.token(i) for i in arg)
    return first is not None and second is not None and first.lower_ == second.lower_


def _lower_in(ctx: MatchContext, arg: Any) -> bool:
    index, options = _token_arg(arg)
    tok = ctx.token(index)
    return tok is not None and tok.lower_.replace("’", "'") in set(options["words"])


def _tag_in(ctx: MatchContext, arg: Any) -> bool:
    index, options = _token_arg(arg)
    tok = ctx.token(index)
    return tok is not None and tok.tag_ in set(options["tags"])


def _pos_in(ctx: MatchContext, arg: Any) -> bool:
    index, options = _token_arg(arg)
    tok = ctx.token(index)
    return tok is not None and tok.pos_ in set(options["pos"])


def _dep_in(ctx: MatchContext, arg: Any) -> bool:
    index, options = _token_arg(arg)
    tok = ctx.token(index)
    return tok is not None and tok.dep_ in set(options["deps"])


def _text_matches(ctx: MatchContext, arg: Any) -> bool:
    index, options = _token_arg(arg)
    tok = ctx.token(index)
    return tok is not None and re.search(options["regex"], tok.text) is not None


def _placeholder(ctx: MatchContext, arg: Any) -> bool:
    index, _ = _token_arg(arg)
    return ctx.start + index in ctx.placeholders


def _exists(ctx: MatchContext, arg: Any) -> bool:
    index, _ = _token_arg(arg)
    tok = ctx.token(index)
    return tok is not None and not tok.is_space


def _sentence_start(ctx: MatchContext, arg: Any) -> bool:
    index, _ = _token_arg(arg)
    tok = ctx.token(index)
    return tok is not None and bool(tok.is_sent_start)


def _article_mismatch(ctx: MatchContext, arg: Any) -> bool:
    index, _ = _token_arg(arg)
    article, word = ctx.token(index), ctx.token(index + 1)
    if article is None or word is None:
        return False
    expected = expected_article(word.text)
    return expected is not None and expected != article.lower_


def _followed_by_hyphen(ctx: MatchContext, arg: Any) -> bool:
    index, _ = _token_arg(arg)
    tok = ctx.token(index)
    nxt = ctx.token(index + 1)
    return tok is not None and nxt is not None and nxt.text in "-‑" and not tok.whitespace_


def _attached(ctx: MatchContext, arg: Any) -> bool:
    """Token has no whitespace after it (e.g. part of a hyphenated or dotted word)."""
    index, _ = _token_arg(arg)
    tok = ctx.token(index)
    return tok is not None and not tok.whitespace_


CONDITIONS: Mapping[str, Condition] = {
    "same_lower": _same_lower,
    "lower_in": _lower_in,
    "tag_in": _tag_in,
    "pos_in": _pos_in,
    "dep_in": _dep_in,
    "text_matches": _text_matches,
    "placeholder": _placeholder,
    "exists": _exists,
    "sentence_start": _sentence_start,
    "article_mismatch": _article_mismatch,
    "followed_by_hyphen": _followed_by_hyphen,
    "attached": _attached,
}


def check_condition(spec: Mapping[str, Any], ctx: MatchContext) -> bool:
    """Evaluate one `{name: argument}` condition from a rule file."""
    ((name, arg),) = spec.items()
    return CONDITIONS[name](ctx, arg)
