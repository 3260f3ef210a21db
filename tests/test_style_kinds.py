"""Each Vale rule kind on small inline rules: spans, messages and Vale's semantics."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from spacy.language import Language

from proofer.analysis.document import DocumentAnalysis
from proofer.engines.style.alignment import ViewAlignment
from proofer.engines.style.base import RunContext
from proofer.engines.style.kinds import KINDS
from proofer.engines.style.rule import from_vale
from proofer.engines.style.scopes import ScopeIndex
from proofer.engines.style.tokens import TokenSource
from proofer.markup.markdown import parse_markdown

Hit = tuple[str, str]


def run(body: Mapping[str, Any], text: str, nlp: Language | None = None,
        accepted: tuple[str, ...] = ()) -> list[Hit]:
    """(matched source text, message) for each alert of one rule on Markdown `text`."""
    rule = from_vale("Test.Rule", {"message": "%s", **body}, "Test")
    document = parse_markdown("t.md", text)
    tokens = None
    if nlp is not None:  # the document is its own view here: every unit is aligned
        analysis = DocumentAnalysis(document, lambda: nlp)
        alignment = ViewAlignment(document.textmap, document.textmap)
        tokens = TokenSource(analysis, document, alignment, lambda texts: list(nlp.pipe(texts)))
    ctx = RunContext(ScopeIndex(document), accepted, tokens)
    out = []
    for alert in KINDS[rule.kind](rule).run(ctx):
        whole = document.source if alert.raw else document.textmap.text
        out.append((whole[alert.start : alert.end], alert.message))
    return out


def test_existence_word_boundaries_ignorecase_and_exceptions() -> None:
    body = {"extends": "existence", "ignorecase": True, "tokens": ["we", "ours?"]}
    assert run(body, "We saw our answer; weird towels are ours.") == [
        ("We", "We"), ("our", "our"), ("ours", "ours")]
    body = {**body, "exceptions": ["We"]}
    assert [m for m, _ in run(body, "We saw our answer.")] == ["our"]


def test_existence_nonword_and_raw() -> None:
    body = {"extends": "existence", "nonword": True, "tokens": [r"\w+!"]}
    assert [m for m, _ in run(body, "Go now! Stop!")] == ["now!", "Stop!"]
    raw = {"extends": "existence", "raw": [r"\b(?:foo|bar)", r"\d+"]}
    assert [m for m, _ in run(raw, "foo1 bar22 foo")] == ["foo1", "bar22"]


def test_existence_respects_accepted_vocabulary() -> None:
    body = {"extends": "existence", "tokens": ["[A-Z]{3,}"]}
    assert [m for m, _ in run(body, "The NASA and ESA teams.", accepted=("NASA",))] == ["ESA"]
    assert [m for m, _ in run({**body, "vocab": False}, "NASA", accepted=("NASA",))] == ["NASA"]


def test_substitution_swaps_longest_first_and_skips_expected_form() -> None:
    body = {
        "extends": "substitution", "ignorecase": True, "message": "Use '%s' instead of '%s'.",
        "swap": {"log in": "sign in", "log in to": "sign in to", "e-mail": "email"},
    }
    hits = run(body, "Log in to the site, then e-mail us.")
    assert hits == [
        ("Log in to", "Use 'sign in to' instead of 'Log in to'."),
        ("e-mail", "Use 'email' instead of 'e-mail'."),
    ]
    # A match already in the expected form is skipped; the comparison is case-sensitive.
    colour = {"extends": "substitution", "ignorecase": True, "swap": {"colou?r": "color"}}
    assert [m for m, _ in run(colour, "color, colour, Color")] == ["colour", "Color"]


def test_substitution_groups_in_keys_do_not_shift_replacements() -> None:
    body = {"extends": "substitution", "swap": {"(?:a|b)(c)": "X", "(d)(e)": "Y"}}
    assert run(body, "ac de") == [("ac", "X"), ("de", "Y")]


def test_occurrence_reports_first_match_when_over_max() -> None:
    body = {"extends": "occurrence", "scope": "sentence", "max": 2, "token": ","}
    assert run(body, "One, two, three, four. Five, six.") == [(",", ",")]


def test_occurrence_min_points_at_first_word() -> None:
    body = {"extends": "occurrence", "scope": "paragraph", "min": 2, "token": r"\d"}
    assert run(body, "Only 1 number here.") == [("1", "1")]
    assert run(body, "No numbers at all.") == [("No", "No")]


def test_repetition_is_case_insensitive_with_ignorecase() -> None:
    body = {"extends": "repetition", "ignorecase": True, "alpha": True, "tokens": [r"[^\s]+"]}
    assert run(body, "The the cat sat. It is is here; 1 1 two.") == [
        ("The the", "the"), ("is is", "is")]


def test_consistency_across_blocks_reports_last_match_text() -> None:
    body = {"extends": "consistency", "ignorecase": True,
            "either": {"advisor": "adviser"}}
    assert run(body, "An advisor came.\n\nThe adviser left. The adviser stayed.") == [
        ("adviser", "adviser")]
    assert run(body, "An advisor and another advisor.") == []


def test_conditional_definitions_come_first() -> None:
    body = {"extends": "conditional", "first": r"\b([A-Z]{3,5})\b",
            "second": r"(?:\b[A-Z][a-z]+ )+\(([A-Z]{3,5})\)", "exceptions": ["API"]}
    text = "The World Health Organization (WHO) met. WHO and NASA agreed with the API."
    assert [m for m, _ in run(body, text)] == ["NASA"]
    later = "WHO met.\n\nThe World Health Organization (WHO) agreed."
    assert [m for m, _ in run(body, later)] == ["WHO"]


@pytest.mark.parametrize(
    ("match", "heading", "flagged"),
    [
        ("$sentence", "# Install the tools", False),
        ("$sentence", "# Install The Tools", True),
        ("$sentence", "# install the tools", True),
        ("$sentence", "# Example: Fixing the build", False),
        ("$title", "# Install the Tools", False),
        ("$title", "# Install the tools now", True),
        ("$lower", "# all lower", False),
        ("$upper", "# NOT ALL upper", True),
        ("^[A-Z]", "# Starts upper", False),
    ],
)
def test_capitalization(match: str, heading: str, flagged: bool) -> None:
    body = {"extends": "capitalization", "scope": "heading", "match": match,
            "indicators": [":"]}
    assert bool(run(body, heading + "\n\nText.\n")) is flagged


def test_capitalization_exceptions_and_table_scopes() -> None:
    body = {"extends": "capitalization", "scope": "heading", "match": "$sentence",
            "exceptions": ["Go", "Markdown"]}
    assert run(body, "# Write Go in Markdown files\n") == []
    table = "| Head |\n| --- |\n| CELL |\n"
    lower = {"extends": "capitalization", "match": "$lower"}
    assert [m for m, _ in run({**lower, "scope": "table.cell"}, table)] == ["CELL"]
    assert [m for m, _ in run({**lower, "scope": "table.header"}, table)] == ["Head"]


def test_metric_formula_condition_and_message() -> None:
    body = {"extends": "metric", "message": "Grade %s", "condition": "> 1",
            "formula": "(0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59"}
    hits = run(body, "---\ntitle: x\n---\n\nThe comprehensive documentation characterizes "
                     "extraordinarily complicated administrative responsibilities.\n")
    assert hits and hits[0][0] == "---" and hits[0][1].startswith("Grade ")
    assert run(body, "I can see a cat.\n") == []


def test_metric_rejects_unsafe_formulas() -> None:
    from proofer.engines.style.formula import FormulaError

    rule = from_vale("T.M", {"extends": "metric", "formula": "__import__('os')",
                             "condition": "> 1"}, "T")
    with pytest.raises(FormulaError):
        KINDS["metric"](rule)


def test_sequence_tags_patterns_and_indexed_message(nlp: Language) -> None:
    body = {"extends": "sequence", "message": "'%[2]s' after '%[1]s'",
            "tokens": [{"tag": "MD"}, {"pattern": "of"}]}
    assert run(body, "You could of done it. You could do it.", nlp) == [
        ("could of", "'of' after 'could'")]


def test_sequence_dependency_labels_and_skip(nlp: Language) -> None:
    body = {"extends": "sequence", "tokens": [{"dep": "auxpass"}, {"tag": "VBN", "skip": 2}]}
    assert [m for m, _ in run(body, "The file was quickly deleted by the job.", nlp)] == [
        "was quickly deleted"]
    assert run(body, "The job deleted the file.", nlp) == []


def test_scope_negation_excludes_headings() -> None:
    body = {"extends": "existence", "scope": "~heading", "tokens": ["foo"]}
    assert len(run(body, "# foo\n\nfoo here\n\n- foo item\n")) == 2


def test_raw_scope_reads_the_source_including_code() -> None:
    body = {"extends": "existence", "scope": "raw", "raw": [r"TODO\(\w+\)"]}
    text = "Text.\n\n```\nTODO(me) in code\n```\n"
    assert run(body, text) == [("TODO(me)", "TODO(me)")]
