"""Typographic apostrophes and quotes are normal text: the same findings as straight ones,
with suggestions in the document's own style."""

from __future__ import annotations

import pytest

from proofer.engines.spacy.engine import SpacyEngine, curly_style, in_style, plain_quotes
from proofer.markup.plaintext import parse_plaintext

PAIRS = [
    "The company updated it's privacy policy last week.",
    "Its been a long year, and it's easy to see why.",
    "I think your right about the budget.",
    "We need someone who's code compiles on the first try.",
    "The answers to the quiz was posted, so it's done.",
    "She said “the the results” were late.",
]


def _findings(engine: SpacyEngine, text: str) -> list[tuple[str, int, int, tuple[str, ...]]]:
    document = parse_plaintext("t.txt", text)
    return [(f.rule, f.start, f.end, f.suggestions) for f in engine.check_textmap(document.textmap)]


@pytest.mark.parametrize("straight", PAIRS)
def test_curly_text_gives_the_same_findings(spacy_engine: SpacyEngine, straight: str) -> None:
    curly = straight.replace("'", "’")
    expected = [
        (rule, start, end, tuple(in_style(s, curly_style(curly)) for s in suggestions))
        for rule, start, end, suggestions in _findings(spacy_engine, straight)
    ]
    assert expected, "the straight sentence should give a finding"
    assert _findings(spacy_engine, curly) == expected


def test_curly_its_is_not_an_agreement_error(spacy_engine: SpacyEngine) -> None:
    text = "Write tests so that it’s easy to review the code."
    assert _findings(spacy_engine, text) == []


def test_suggestions_follow_the_document_style(spacy_engine: SpacyEngine) -> None:
    text = "It’s late. I think their going to win, and they’re happy."
    found = {rule: suggestions for rule, _, _, suggestions in _findings(spacy_engine, text)}
    assert found["PF-GRAMMAR-THEIR-FOR-THEYRE"] == ("they’re",)


def test_plain_quotes_keeps_offsets() -> None:
    text = "“It’s ‘here’,” she said."
    assert len(plain_quotes(text)) == len(text)
    assert plain_quotes(text) == "\"It's 'here',\" she said."
