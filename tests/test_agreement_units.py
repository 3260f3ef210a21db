"""Subject-verb agreement decisions that rule examples cannot show without odd sentences."""

from __future__ import annotations

from spacy.language import Language

from proofer.engines.spacy.agreement import agreement_mismatch


def _mismatched_verbs(nlp: Language, text: str) -> list[str]:
    return [t.text for t in nlp(text) if agreement_mismatch(t)]


def test_a_quantifier_missing_of_leaves_the_number_to_the_quantifier_rule(
    nlp: Language,
) -> None:
    # "Each of the functions returns" is right: suggesting "return" would make it wrong.
    assert _mismatched_verbs(nlp, "Each the functions returns an error.") == []
    assert _mismatched_verbs(nlp, "The functions in this module is broken.") == ["is"]
