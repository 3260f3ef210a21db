"""`sequence`: part-of-speech token sequences (spaCy's Penn tags), one sentence at a time.

Each token may give `pattern` (regex on the word), `tag` (regex on the Penn tag), and,
as a proofer extension, `dep` (regex on the spaCy dependency label); `negate` inverts the
token and `skip: N` lets up to N other tokens stand before it. Messages may use `%[n]s`
for the n-th token's text and `%s` for the whole match. Tokens come from the document's
shared parse (engines.style.tokens): tags and labels as spaCy gives them in the block,
words as the view writes them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from proofer.engines.style.base import Alert, RunContext, action_suggestions, format_message
from proofer.engines.style.regex_dialect import ValePattern, compile_vale
from proofer.engines.style.rule import StyleRule
from proofer.engines.style.tokens import StyleToken


@dataclass(frozen=True)
class _TokenSpec:
    pattern: ValePattern | None
    tag: ValePattern | None
    dep: ValePattern | None
    negate: bool
    skip: int

    def matches(self, token: StyleToken) -> bool:
        ok = (
            (self.pattern is None or self.pattern.fullmatch(token.text) is not None)
            and (self.tag is None or self.tag.fullmatch(token.tag) is not None)
            and (self.dep is None or self.dep.fullmatch(token.dep) is not None)
        )
        return ok != self.negate


def _spec(item: Mapping[str, Any], ignorecase: bool) -> _TokenSpec:
    def compiled(key: str, fold: bool = False) -> ValePattern | None:
        value = item.get(key)
        if value is None:
            return None
        return compile_vale(("(?i)" if fold else "") + str(value))

    return _TokenSpec(
        compiled("pattern", ignorecase), compiled("tag"), compiled("dep"),
        bool(item.get("negate")), int(item.get("skip", 0) or 0),
    )


def _match(
    tokens: Sequence[StyleToken], specs: Sequence[_TokenSpec], start: int
) -> list[int] | None:
    """Token indices matching every spec from `start`, or None."""
    if not specs[0].matches(tokens[start]):
        return None
    found = [start]
    for spec in specs[1:]:
        position = found[-1] + 1
        limit = min(len(tokens), position + spec.skip + 1)
        hit = next((i for i in range(position, limit) if spec.matches(tokens[i])), None)
        if hit is None:
            return None
        found.append(hit)
    return found


class SequenceRule:
    def __init__(self, rule: StyleRule) -> None:
        self.rule = rule
        ignorecase = bool(rule.body.get("ignorecase"))
        tokens = rule.body.get("tokens") or []
        self.specs = [_spec(t, ignorecase) for t in tokens]
        self.suggestions = action_suggestions(rule.body.get("action"))
        # A sentence without a word for the first non-negated `pattern` cannot match, so
        # its tokens are not read at all (they may need a parse).
        anchor = next(
            (str(t["pattern"]) for t in tokens if t.get("pattern") and not t.get("negate")), None
        )
        self.prefilter = (
            compile_vale(("(?i)" if ignorecase else "") + rf"(?<!\w)(?:{anchor})(?!\w)")
            if anchor else None
        )

    def run(self, ctx: RunContext) -> Iterator[Alert]:
        if not self.specs:
            return
        units = [u for u in ctx.units(self.rule) if not u.raw]
        if self.prefilter is not None:
            units = [u for u in units if self.prefilter.search(ctx.text(u))]
        text = ctx.scopes.document.textmap.text
        for tokens in ctx.tokens(units):
            index = 0
            while index < len(tokens):
                found = _match(tokens, self.specs, index)
                if found is None:
                    index += 1
                    continue
                start, end = tokens[found[0]].start, tokens[found[-1]].end
                words = [tokens[i].text for i in found]
                # A match may run over a line break of the paragraph: one line in messages.
                matched = " ".join(text[start:end].split())
                yield Alert(
                    start,
                    end,
                    format_message(self.rule.message, *words) if "%[" in self.rule.message
                    else format_message(self.rule.message, matched),
                    self.suggestions,
                )
                index = found[-1] + 1
