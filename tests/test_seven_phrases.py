"""The seven phrases from the issue, each in a sentence of its own, are all flagged."""

from __future__ import annotations

from proofer.engines.spacy.engine import SpacyEngine
from proofer.finding import Severity
from proofer.markup.plaintext import parse_plaintext

# (sentence, the phrase that must be covered, a word the best suggestion must contain)
SEVEN = [
    ("The pursuit of better tools helps expands what a small team can do.",
     "helps expands", "helps expand"),
    ("Some the early results were hard to reproduce.", "Some the", "Some of"),
    ("Doctors now offer a simple treatment options for the condition.",
     "a simple treatment options", "treatment option"),
    ("Many students are drawn to they rising field of genomics.", "they rising", "their"),
    ("The drug is popular despite it's side effects.", "it's side", "its"),
    ("Both compounds have shown effective in two trials.", "shown effective",
     "shown to be effective"),
    ("The editor got a flood or angry letters after the column ran.", "flood or angry", "of"),
]


def test_seven_phrases_in_one_draft(spacy_engine: SpacyEngine) -> None:
    draft = "\n\n".join(sentence for sentence, _, _ in SEVEN)
    document = parse_plaintext("draft.txt", draft)
    findings = [
        f for f in spacy_engine.check_textmap(document.textmap)
        if f.severity.at_least(Severity.WARNING)
    ]
    for sentence, phrase, expected in SEVEN:
        start = draft.index(phrase)
        end = start + len(phrase)
        hits = [f for f in findings if f.start < end and start < f.end]
        assert hits, f"not flagged: {phrase!r} in {sentence!r}"
        suggestions = [s for f in hits for s in f.suggestions]
        assert any(expected in s for s in suggestions), (phrase, suggestions)
