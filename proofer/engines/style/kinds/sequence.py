"""`sequence`: part-of-speech token sequences (spaCy's Penn tags), one sentence at a time.

Each token may give `pattern` (regex on the word), `tag` (regex on the Penn tag), and,
as a proofer extension, `dep` (regex on the spaCy dependency label); `negate` inverts the
token and `skip: N` lets up to N other tokens stand before it. Messages may use `%[n]s`
for the n-th token's text and `%s` for the whole match.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from proofer.engines.style.base import Alert, RunContext, action_suggestions, format_message
from proofer.engines.style.regex_dialect import ValePattern, compile_vale
from proofer.engines.style.rule import StyleRule

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(frozen=True)
class _TokenSpec:
    pattern: ValePattern | None
    tag: ValePattern | None
    dep: ValePattern | None
    negate: bool
    skip: int

    def matches(self, token: Token) -> bool:
        ok = (
            (self.pattern is None or self.pattern.fullmatch(token.text) is not None)
            and (self.tag is None or self.tag.fullmatch(token.tag_) is not None)
            and (self.dep is None or self.dep.fullmatch(token.dep_) is not None)
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


def _match(doc: Doc, specs: Sequence[_TokenSpec], start: int) -> list[int] | None:
    """Token indices matching every spec from `start`, or None."""
    if not specs[0].matches(doc[start]):
        return None
    found = [start]
    for spec in specs[1:]:
        position = found[-1] + 1
        limit = min(len(doc), position + spec.skip + 1)
        hit = next((i for i in range(position, limit) if spec.matches(doc[i])), None)
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
        # it is not parsed at all (parsing is most of this kind's cost).
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
        for unit, doc in zip(units, ctx.docs(units), strict=False):
            index = 0
            while index < len(doc):
                found = _match(doc, self.specs, index)
                if found is None:
                    index += 1
                    continue
                first, last = doc[found[0]], doc[found[-1]]
                start, end = first.idx, last.idx + len(last.text)
                words = [doc[i].text for i in found]
                yield Alert(
                    unit.start + start,
                    unit.start + end,
                    format_message(self.rule.message, *words) if "%[" in self.rule.message
                    else format_message(self.rule.message, doc.text[start:end]),
                    self.suggestions,
                )
                index = found[-1] + 1
