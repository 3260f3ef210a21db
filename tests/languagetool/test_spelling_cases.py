"""Real misspellings stay errors; terms, names and identifiers in prose do not (real server).

The cases are in tests/data/spelling_cases.yaml; every [[marked]] word is checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from proofer.config import Config, from_mapping
from proofer.document import Document
from proofer.engines.languagetool.build import build_languagetool
from proofer.finding import Severity, TextFinding
from proofer.markup.markdown import parse_markdown

pytestmark = pytest.mark.languagetool

CASES = Path(__file__).resolve().parents[1] / "data" / "spelling_cases.yaml"
SPELLING_RULE = "LT.MORFOLOGIK_RULE_EN_US"
_MARK = re.compile(r"\[\[(.+?)\]\]")


@dataclass(frozen=True)
class Case:
    """One document and the source spans of its marked words."""

    document: Document
    marked: tuple[tuple[int, int], ...]

    def word(self, span: tuple[int, int]) -> str:
        return self.document.source[span[0] : span[1]]


def _case(path: str, marked_text: str) -> Case:
    source, spans, taken = "", [], 0
    for match in _MARK.finditer(marked_text):
        source += marked_text[taken : match.start()]
        spans.append((len(source), len(source) + len(match.group(1))))
        source += match.group(1)
        taken = match.end()
    source += marked_text[taken:]
    return Case(parse_markdown(path, source + "\n"), tuple(spans))


def _load(kind: str) -> list[Case]:
    data = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    return [_case(f"{kind}/{n}.md", item["text"]) for n, item in enumerate(data[kind])]


def _overlapping(case: Case, findings: list[TextFinding], span: tuple[int, int]) -> list[TextFinding]:
    textmap = case.document.textmap
    found = []
    for finding in findings:
        start, end = textmap.to_source(finding.start, finding.end)
        if start < span[1] and span[0] < end:
            found.append(finding)
    return found


def _check(lt_url: str, cases: list[Case], config: Config | None = None) -> dict[str, list[TextFinding]]:
    engine = build_languagetool(config or Config(), url=lt_url)
    try:
        return engine.check([c.document for c in cases])
    finally:
        engine.close()


def test_the_case_file_has_enough_varied_cases() -> None:
    misspellings, terms = _load("misspellings"), _load("terms")
    assert sum(len(c.marked) for c in misspellings) >= 40
    assert sum(len(c.marked) for c in terms) >= 40
    assert all(c.marked for c in misspellings + terms)
    words = [c.word(s).lower() for c in misspellings for s in c.marked]
    assert len(set(words)) >= 40  # not one typo repeated


@pytest.fixture(scope="module")
def misspelling_results(lt_url: str) -> tuple[list[Case], dict[str, list[TextFinding]]]:
    cases = _load("misspellings")
    return cases, _check(lt_url, cases)


@pytest.fixture(scope="module")
def term_results(lt_url: str) -> tuple[list[Case], dict[str, list[TextFinding]]]:
    cases = _load("terms")
    return cases, _check(lt_url, cases)


def test_every_misspelling_is_an_error(
    misspelling_results: tuple[list[Case], dict[str, list[TextFinding]]],
) -> None:
    cases, results = misspelling_results
    missed = []
    for case in cases:
        for span in case.marked:
            found = _overlapping(case, results[case.document.path], span)
            if not any(f.rule == SPELLING_RULE and f.severity is Severity.ERROR for f in found):
                missed.append((case.word(span), [(f.rule, f.severity.value) for f in found]))
    assert missed == []


def test_no_term_name_or_identifier_is_an_error_or_warning(
    term_results: tuple[list[Case], dict[str, list[TextFinding]]],
) -> None:
    cases, results = term_results
    flagged = []
    for case in cases:
        for span in case.marked:
            for finding in _overlapping(case, results[case.document.path], span):
                if finding.severity.at_least(Severity.WARNING):
                    flagged.append((case.word(span), finding.rule, finding.message))
    assert flagged == []


def test_demoted_words_say_why(
    term_results: tuple[list[Case], dict[str, list[TextFinding]]],
) -> None:
    cases, results = term_results
    notes = {
        case.word(span): finding.message
        for case in cases
        for span in case.marked
        for finding in _overlapping(case, results[case.document.path], span)
        if finding.rule == SPELLING_RULE
    }
    assert "used 2 times" in notes["destructuring"]
    assert "looks like a name" in notes["Folkert"]
    assert "'behavior'" in notes["behaviour"]
    assert "in use in web English" in notes["libre"]
    assert "built from known ones" in notes["unbubbled"]
    assert "rustup" not in notes  # accepted outright: the document's code uses it


def test_mixed_variants_warn_and_name_the_other_line(lt_url: str) -> None:
    case = _case("mixed.md", "# Notes\n\nThe [[behaviour]] changed.\n\nThe old behavior was slow.")
    found = _overlapping(case, _check(lt_url, [case])["mixed.md"], case.marked[0])
    assert [(f.severity, "'behavior' (line 5)" in f.message) for f in found] == [
        (Severity.WARNING, True)
    ]


def test_a_document_mixing_many_words_both_ways_has_no_one_variety(lt_url: str) -> None:
    # Several texts or writers in one file (a compilation): each mix is only a suggestion.
    text = (
        "The [[behaviour]] changed.\n\nThe [[colour]] faded.\n\nThe [[centre]] moved.\n\n"
        "Our [[favourite]] went.\n\nThe behavior held, the color stayed, the center of our "
        "favorite town."
    )
    case = _case("compiled.md", text)
    findings = _check(lt_url, [case])["compiled.md"]
    found = [f for span in case.marked for f in _overlapping(case, findings, span)]
    assert len(found) == 4
    assert {f.severity for f in found} == {Severity.SUGGESTION}
    assert all("document also spells it" in f.message for f in found)


def test_a_named_variety_keeps_the_other_variety_an_error(lt_url: str) -> None:
    case = _case("strict.md", "The [[behaviour]] of the cache surprised us.")
    strict = from_mapping({"language": "en-US"})
    found = _overlapping(case, _check(lt_url, [case], strict)["strict.md"], case.marked[0])
    assert [(f.rule, f.severity) for f in found] == [(SPELLING_RULE, Severity.ERROR)]


def test_british_document_treats_american_spelling_as_the_variant(lt_url: str) -> None:
    case = _case("gb.md", "The [[color]] of the sky changed.")
    config = Config(language="en-GB")
    found = _overlapping(case, _check(lt_url, [case], config)["gb.md"], case.marked[0])
    assert [(f.rule, f.severity) for f in found] == [("LT.MORFOLOGIK_RULE_EN_GB", Severity.SUGGESTION)]
