"""Every rule checks itself against its own examples (the contract in DESIGN.md)."""

from __future__ import annotations

import pytest
from example_contract import assert_example_contract

from proofer.engines.spacy.engine import SpacyEngine
from proofer.markup.plaintext import parse_plaintext
from proofer.rulebook import Example, Rule, load_rules

ALL_RULES = load_rules()
SPACY_EXAMPLES = [
    pytest.param(rule, example, id=f"{rule.id}-{n}")
    for rule in ALL_RULES
    if rule.engine == "spacy"
    for n, example in enumerate(rule.examples)
]


def _findings(engine: SpacyEngine, rule: Rule, text: str) -> list[tuple[int, int, list[str]]]:
    document = parse_plaintext("example.txt", text)
    return [
        (f.start, f.end, list(f.suggestions))
        for f in engine.check_textmap(document.textmap)
        if f.rule == rule.id
    ]


def test_every_rule_has_bad_and_good_examples() -> None:
    for rule in ALL_RULES:
        assert any(e.is_bad for e in rule.examples), rule.id
        assert any(not e.is_bad for e in rule.examples), rule.id


@pytest.mark.parametrize(("rule", "example"), SPACY_EXAMPLES)
def test_spacy_rule_example(spacy_engine: SpacyEngine, rule: Rule, example: Example) -> None:
    assert_example_contract(lambda text: _findings(spacy_engine, rule, text), example)
