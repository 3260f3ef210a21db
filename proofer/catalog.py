"""Every rule proofer can report, with the names selectors and directives may use."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from proofer.finding import Applicability, Finding
from proofer.policy import DIRECTIVE_RULE, UNCHECKED_TEXT_RULE, UNUSED_DIRECTIVE_RULE, RuleIdentity
from proofer.rulebook import Rule

# Engines whose rule ids are open-ended: any id with the prefix is a real rule.
DYNAMIC_PREFIXES = ("LT.",)
# Findings proofer itself makes (about comments and the document), not from rule files.
_PROOFER_RULES = (DIRECTIVE_RULE, UNUSED_DIRECTIVE_RULE, UNCHECKED_TEXT_RULE)
# LanguageTool 6.8's English rule categories (/v2/configinfo), as findings carry them.
LANGUAGETOOL_CATEGORIES = frozenset({
    "american_english_style", "british_english", "casing", "collocations", "compounding",
    "confused_words", "creative_writing", "grammar", "misc", "multitoken_spelling",
    "nonstandard_phrases", "plain_english", "proper_nouns", "punctuation", "redundancy",
    "repetitions_style", "semantics", "style", "text_analysis", "ton_academic", "typography",
    "typos", "wikipedia", "american_english",
})
_GLOB = re.compile(r"[*?\[]")


def names_something(selector: str, names: frozenset[str]) -> bool:
    """True when a selector (config key or comment directive) names a rule proofer can
    report: a LanguageTool id, or a glob or exact name among `names` and LanguageTool's
    categories. Config checks and comment directives judge selectors by this one test."""
    if selector.startswith(DYNAMIC_PREFIXES):
        return True
    if _GLOB.search(selector):
        return any(
            fnmatch.fnmatchcase(name, selector)
            for group in (names, LANGUAGETOOL_CATEGORIES) for name in group
        )
    return selector in names or selector in LANGUAGETOOL_CATEGORIES


@dataclass
class RuleCatalog:
    """Rules by id; engines that add rules at run time (Vale styles) register them here."""

    rules: dict[str, Rule] = field(default_factory=dict)
    extra_names: set[str] = field(default_factory=set)
    # names(), kept until a rule or name is added.
    _known: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def from_rules(cls, rules: Iterable[Rule]) -> RuleCatalog:
        return cls(rules={rule.id: rule for rule in rules})

    def add(self, rules: Iterable[Rule]) -> None:
        for rule in rules:
            self.rules[rule.id] = rule
        self._known = None

    def add_names(self, names: Iterable[str]) -> None:
        """Names valid in selectors and directives (Vale rule ids, style names)."""
        self.extra_names.update(names)
        self._known = None

    def identify(self, finding: Finding) -> RuleIdentity:
        rule = self.rules.get(finding.rule)
        name = rule.name if rule else finding.rule
        return RuleIdentity(finding.rule, name, finding.category, finding.engine)

    def applicability(self, rule_id: str) -> Applicability:
        """The fix applicability a rule declares; rules proofer does not define
        (LanguageTool's, spelling, Vale styles) are never safe."""
        rule = self.rules.get(rule_id)
        return rule.fix if rule is not None else Applicability.UNSAFE

    def names(self) -> frozenset[str]:
        """Every id, name, category and engine a selector may name (Vale names once the
        style engine has loaded them)."""
        own = {n for r in self.rules.values() for n in (r.id, r.name, r.category)}
        fixed = {*_PROOFER_RULES, "spacy", "languagetool", "style", "proofer", "markup"}
        return frozenset(own | fixed | self.extra_names)

    def is_known(self, selector: str) -> bool:
        """True for an id, name, category, engine, glob or dynamic id proofer knows."""
        if self._known is None:  # asked for each rule of each comment directive
            self._known = self.names()
        return names_something(selector, self._known)
