"""A paragraph that is one bold or italic span is a heading in all but name."""

from __future__ import annotations

import pytest

from proofer.markup.markdown import parse_markdown

RULE = "PF-GRAMMAR-MISSING-FULL-STOP"


@pytest.mark.parametrize(
    ("source", "leads_in"),
    [
        ("**Project is welcoming**\n\nA friendly project answers.\n", True),
        ("*The whole line is italic here*\n", True),
        ("**Project** is welcoming\n", False),
        ("**One** and **two** are bold\n", False),
        ("The project is welcoming\n", False),
    ],
)
def test_only_a_wholly_emphasised_paragraph_leads_in(source: str, leads_in: bool) -> None:
    first = parse_markdown("doc.md", source).textmap.blocks[0]
    assert first.leads_in is leads_in


def test_a_bold_label_is_not_a_sentence_without_its_full_stop(spacy_engine) -> None:
    label = parse_markdown("label.md", "**Project is welcoming**\n\nIt answers questions.\n")
    plain = parse_markdown("plain.md", "The project is welcoming\n")
    found = spacy_engine.check([label, plain])
    assert [f.rule for f in found["label.md"] if f.rule == RULE] == []
    assert [f.rule for f in found["plain.md"] if f.rule == RULE] == [RULE]
