"""Every built-in style rule checks itself against its own examples (DESIGN.md contract).

Examples are parsed as Markdown (plain sentences read the same), so heading rules can be
exemplified; spans are compared in source offsets.
"""

from __future__ import annotations

import pytest
from example_contract import assert_example_contract
from spacy.language import Language

from proofer.catalog import RuleCatalog
from proofer.config import Config
from proofer.engines.style.engine import StyleEngine
from proofer.locate import to_source_findings
from proofer.markup.markdown import parse_markdown
from proofer.rulebook import Example, Rule, load_rules

STYLE_RULES = [r for r in load_rules() if r.engine == "style"]
EXAMPLES = [
    pytest.param(rule, example, id=f"{rule.id}-{n}")
    for rule in STYLE_RULES
    for n, example in enumerate(rule.examples)
]


@pytest.fixture(scope="module")
def engine(nlp: Language) -> StyleEngine:
    config = Config(raw={"vale-config": False})
    return StyleEngine(config, RuleCatalog.from_rules(STYLE_RULES), STYLE_RULES, lambda: nlp)


def _findings(engine: StyleEngine, rule: Rule, text: str) -> list[tuple[int, int, list[str]]]:
    document = parse_markdown("example.md", text)
    found = to_source_findings(document, engine.check_document(document))
    return [(f.start, f.end, list(f.suggestions)) for f in found if f.rule == rule.id]


def test_there_are_built_in_style_rules() -> None:
    assert len(STYLE_RULES) >= 8


@pytest.mark.parametrize(("rule", "example"), EXAMPLES)
def test_style_rule_example(engine: StyleEngine, rule: Rule, example: Example) -> None:
    assert_example_contract(lambda text: _findings(engine, rule, text), example)
