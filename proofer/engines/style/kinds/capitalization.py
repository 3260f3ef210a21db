"""`capitalization`: $title, $sentence, $lower, $upper or a pattern, per scope unit.

proofer adds `match: $consistent`: headings must all follow the style most of them use.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from proofer.engines.style.base import Alert, RunContext, format_message
from proofer.engines.style.casing import (
    AP_SMALL,
    CHICAGO_SMALL,
    heading_style,
    proper_nouns,
    to_sentence_case,
    to_title_case,
    vale_title_ok,
)
from proofer.engines.style.regex_dialect import compile_vale, is_exception
from proofer.engines.style.rule import StyleRule
from proofer.engines.style.vale_case import sentence_ok


class Capitalization:
    def __init__(self, rule: StyleRule) -> None:
        body = rule.body
        self.rule = rule
        self.match = str(body.get("match", "$sentence"))
        self.small = CHICAGO_SMALL if str(body.get("style", "AP")) == "Chicago" else AP_SMALL
        self.threshold = float(body.get("threshold", 0.8) or 0.8)
        self.indicators = tuple(str(i) for i in body.get("indicators") or [])
        self.pattern = None
        if not self.match.startswith("$"):
            self.pattern = compile_vale(self.match)

    def _terms(self, ctx: RunContext) -> list[str]:
        terms = [str(t) for t in self.rule.body.get("exceptions") or []]
        if self.rule.body.get("vocab", True):
            terms.extend(ctx.accepted)
        return terms

    def _check(self, text: str, ctx: RunContext) -> tuple[bool, str]:
        exceptions = ctx.exceptions(self.rule)
        terms = self._terms(ctx)
        # Plain exception and vocabulary terms: their spelling is the expected one.
        canonical = {t.lower(): t for t in terms if t.replace("-", "").isalnum()}
        if self.match == "$title":
            ok = vale_title_ok(text, exceptions, terms, canonical, self.small, self.threshold)
            return ok, to_title_case(text, self.small)
        if self.match == "$sentence":
            accepted = bool(self.rule.body.get("vocab", True) and ctx.accepted)
            ok = sentence_ok(text, terms, self.indicators, self.threshold, not accepted)
            return ok, to_sentence_case(text)
        if self.match == "$lower":
            return text == text.lower(), text.lower()
        if self.match == "$upper":
            return text == text.upper(), text.upper()
        assert self.pattern is not None
        return bool(self.pattern.search(text)) or is_exception(exceptions, text), text

    def run(self, ctx: RunContext) -> Iterator[Alert]:
        if self.match == "$consistent":
            yield from self._consistent(ctx)
            return
        for unit in ctx.units(self.rule):
            text = ctx.text(unit)
            ok, expected = self._check(text, ctx)
            if ok:
                continue
            suggestions = (expected,) if self.rule.origin == "proofer" and expected != text else ()
            message = format_message(self.rule.message, text)
            if unit.raw or ctx.scopes.document.textmap.is_literal(unit.start, unit.end):
                yield Alert(unit.start, unit.end, message, suggestions, unit.raw)
                continue
            # Text with inline code is not in the source as Vale reads it, so Vale
            # places the alert at the start of its line; so does proofer.
            start, end = ctx.scopes.document.textmap.to_source(unit.start, unit.end)
            line_start = ctx.scopes.document.source.rfind("\n", 0, start) + 1
            yield Alert(line_start, end, message, (), raw=True)

    def _consistent(self, ctx: RunContext) -> Iterator[Alert]:
        units = ctx.units(self.rule)
        proper = proper_nouns([ctx.text(u) for u in ctx.scopes.prose_sentences()])
        styles = [(u, heading_style(ctx.text(u), proper)) for u in units]
        votes = Counter(style for _, style in styles if style)
        if len(votes) < 2:
            return
        ranked = votes.most_common()
        if ranked[0][1] == ranked[1][1]:
            return
        majority = ranked[0][0]
        for unit, style in styles:
            if style is None or style == majority:
                continue
            text = ctx.text(unit)
            expected = (
                to_sentence_case(text, proper) if majority == "sentence" else to_title_case(text)
            )
            yield Alert(
                unit.start,
                unit.end,
                format_message(self.rule.message, text, f"{majority} case"),
                (expected,) if expected != text else (),
            )
