"""Vale compatibility: the fixture styles in tests/fixtures/vale (written for proofer, in
Vale's format) give the same rule ids, lines and columns as Vale 3 gave on the draft."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from proofer.catalog import RuleCatalog
from proofer.config import Config, from_mapping
from proofer.document import Document
from proofer.engines.style.engine import StyleEngine
from proofer.finding import Finding
from proofer.lines import LineIndex
from proofer.locate import to_source_findings
from proofer.markup.markdown import parse_markdown
from proofer.pipeline import check_documents
from proofer.policy import DIRECTIVE_RULE, apply_suppressions

FIXTURES = Path(__file__).parent / "fixtures" / "vale"
DRAFT = FIXTURES / "docs" / "draft.md"

# `vale --config tests/fixtures/vale/.vale.ini --output=JSON docs/draft.md` (Vale 3.26):
# (line, first column, rule, level).
VALE_OUTPUT = {
    (1, 3, "Acme.Headings", "warning"),
    (1, 3, "Acme.Titles", "suggestion"),
    (1, 13, "Vale.Terms", "error"),
    (3, 1, "Acme.We", "warning"),
    (3, 30, "Acme.We", "warning"),
    (3, 42, "Acme.Exclaim", "error"),
    (5, 8, "Acme.WordList", "warning"),
    (5, 31, "Terse.Wordy", "suggestion"),
    (5, 43, "Acme.WordList", "warning"),
    (6, 9, "Acme.WordList", "warning"),
    (6, 44, "Acme.Spelling", "warning"),
    (6, 57, "Acme.WordList", "warning"),
    (8, 5, "Acme.Acronyms", "suggestion"),
    (9, 23, "Vale.Repetition", "error"),
    (11, 5, "Acme.Modal", "warning"),
    (11, 21, "Acme.Adverbs", "suggestion"),
    (12, 21, "Vale.Avoid", "error"),
    (12, 34, "Vale.Terms", "error"),
    (12, 46, "Acme.Acronyms", "suggestion"),
    (12, 46, "Acme.Raw", "error"),
    (26, 4, "Acme.Headings", "warning"),
    (30, 3, "Acme.Acronyms", "suggestion"),
    (30, 3, "Acme.Shouting", "suggestion"),
    (32, 1, "Acme.We", "warning"),
}


# The same for docs/structure.md (lists, quotes, ordered lists, tables, code, front matter).
VALE_STRUCTURE_OUTPUT = {
    (5, 3, "Acme.Titles", "suggestion"),
    (7, 1, "Acme.We", "warning"),
    (7, 43, "Acme.We", "warning"),
    (8, 5, "Acme.WordList", "warning"),
    (10, 3, "Acme.We", "warning"),
    (10, 12, "Acme.Doubled", "error"),
    (10, 12, "Vale.Repetition", "error"),
    (11, 13, "Acme.WordList", "warning"),
    (11, 40, "Acme.WordList", "warning"),
    (11, 49, "Acme.Adverbs", "suggestion"),
    (13, 3, "Acme.We", "warning"),
    (13, 26, "Acme.Adverbs", "suggestion"),
    (15, 16, "Acme.WordList", "warning"),
    (16, 25, "Acme.Acronyms", "suggestion"),
    (18, 4, "Acme.Headings", "warning"),
    (22, 11, "Acme.Acronyms", "suggestion"),
    (22, 11, "Acme.Shouting", "suggestion"),
    (25, 58, "Acme.Spelling", "warning"),
    (33, 5, "Acme.Modal", "warning"),
    (33, 27, "Acme.Exclaim", "error"),
}


@pytest.fixture(scope="module")
def vale_engine(nlp: Language) -> StyleEngine:
    return StyleEngine(Config(), VALE_CATALOG, [], lambda: nlp)


# The engine registers the Vale rule ids it loads here, as in a real run.
VALE_CATALOG = RuleCatalog()


def _draft() -> Document:
    return parse_markdown(str(DRAFT), DRAFT.read_text(encoding="utf-8"))


def _positions(document: Document, findings: list[Finding]) -> set[tuple[int, int, str, str]]:
    lines = LineIndex(document.source)
    return {(*lines.position(f.start), f.rule, f.severity.value) for f in findings}


def _vale_view(engine: StyleEngine, document: Document) -> list[Finding]:
    """Engine findings in source offsets with inline comments applied, not merged."""
    located = to_source_findings(document, engine.check_document(document))
    return apply_suppressions(document, located, VALE_CATALOG.identify, VALE_CATALOG.is_known)


def test_draft_matches_vale(vale_engine: StyleEngine) -> None:
    document = _draft()
    assert _positions(document, _vale_view(vale_engine, document)) == VALE_OUTPUT


def test_structured_draft_matches_vale(vale_engine: StyleEngine) -> None:
    path = FIXTURES / "docs" / "structure.md"
    document = parse_markdown(str(path), path.read_text(encoding="utf-8"))
    assert _positions(document, _vale_view(vale_engine, document)) == VALE_STRUCTURE_OUTPUT


def test_spans_and_messages_follow_vale(vale_engine: StyleEngine) -> None:
    document = _draft()
    found = {f.rule + "@" + document.source[f.start : f.end]: f for f in _vale_view(
        vale_engine, document)}
    assert found["Acme.WordList@cellphone"].message == (
        "Use 'mobile phone or phone' instead of 'cellphone'."
    )
    assert found["Acme.WordList@cellphone"].suggestions == ("mobile phone", "phone")
    assert found["Acme.Modal@could of"].message == "'of' after 'could' reads oddly."
    assert found["Acme.Raw@TODO(ann)"].engine == "style"
    assert found["Vale.Terms@kubernetes"].suggestions == ("Kubernetes",)
    assert found["Acme.Spelling@adviser"].message == "Inconsistent spelling of 'adviser'."


def test_off_regions_levels_and_disabled_rules(vale_engine: StyleEngine) -> None:
    document = _draft()
    findings = _vale_view(vale_engine, document)
    lines = {LineIndex(document.source).position(f.start)[0] for f in findings}
    assert not lines & {15, 21}, "nothing inside <!-- vale off --> or Acme.We = NO"
    rules = {f.rule for f in findings}
    assert "Acme.Hedging" not in rules  # Acme.Hedging = NO
    assert "Terse.Unused" not in rules  # Terse is not in BasedOnStyles
    assert "Terse.Wordy" in rules  # Terse.Wordy = YES


def test_pipeline_knows_vale_rule_ids(nlp: Language) -> None:
    """Directives naming Vale rules are not reported as unknown once the style loads."""
    catalog = RuleCatalog()
    engine = StyleEngine(Config(), catalog, [], lambda: nlp)
    result = check_documents([_draft()], [engine], Config(), catalog)
    rules = {f.rule for f in result.files[0].findings}
    assert DIRECTIVE_RULE not in rules
    assert "Acme.We" in rules
    assert catalog.is_known("Acme.We") and catalog.is_known("Acme")


def test_min_alert_level(tmp_path: Path, nlp: Language) -> None:
    (tmp_path / ".vale.ini").write_text(
        f"StylesPath = {FIXTURES / 'styles'}\nMinAlertLevel = warning\n\n"
        "[*.{md,txt}]\nBasedOnStyles = Acme\n",
        encoding="utf-8",
    )
    draft = tmp_path / "a.md"
    draft.write_text("We probably think NASA is great, and it is!\n", encoding="utf-8")
    engine = StyleEngine(Config(), RuleCatalog(), [], lambda: nlp)
    document = parse_markdown(str(draft), draft.read_text(encoding="utf-8"))
    levels = {(f.rule, f.severity.value) for f in engine.check_document(document)}
    assert ("Acme.We", "warning") in levels
    assert ("Acme.Hedging", "warning") in levels
    assert all(level != "suggestion" for _, level in levels)


def test_proofer_config_names_styles(tmp_path: Path, nlp: Language) -> None:
    """`styles-path` and `styles` apply a Vale style without any .vale.ini."""
    config = from_mapping(
        {"styles-path": str(FIXTURES / "styles"), "styles": ["Terse"], "vale-config": False}
    )
    engine = StyleEngine(config, RuleCatalog(), [], lambda: nlp)
    document = parse_markdown(str(DRAFT), "We did the work in order to win.\n")
    assert {f.rule for f in engine.check_document(document)} == {"Terse.Wordy", "Terse.Unused"}


def test_missing_style_is_an_engine_error(nlp: Language) -> None:
    from proofer.engines.base import EngineError

    config = from_mapping({"styles": ["Nope"], "vale-config": False})
    engine = StyleEngine(config, RuleCatalog(), [], lambda: nlp)
    with pytest.raises(EngineError, match="Nope"):
        engine.check_document(parse_markdown("x.md", "Text.\n"))


def test_token_ignores(tmp_path: Path, nlp: Language) -> None:
    (tmp_path / ".vale.ini").write_text(
        f"StylesPath = {FIXTURES / 'styles'}\n\n[*.md]\nBasedOnStyles = Acme\n"
        r"TokenIgnores = (\{\{<[^>]+>\}\}), \bNASA\b" "\n",
        encoding="utf-8",
    )
    draft = tmp_path / "a.md"
    draft.write_text("NASA and ESA see {{< ref WHO >}} here.\n", encoding="utf-8")
    engine = StyleEngine(Config(), RuleCatalog(), [], lambda: nlp)
    document = parse_markdown(str(draft), draft.read_text(encoding="utf-8"))
    found = [document.textmap.text[f.start : f.end] for f in engine.check_document(document)]
    assert found == ["ESA"]
