"""Inline comments that switch rules off, and warnings about directives that do nothing."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from proofer.cli import app

ERR = "The app lost it's users."


def _lines(source: str, tmp: Path) -> list[tuple[int, str]]:
    (tmp / "doc.md").write_text(source)
    result = CliRunner().invoke(
        app, ["check", "--engines", "spacy", "--format", "json", "doc.md"]
    )
    return [(f["line"], f["rule"]) for f in json.loads(result.stdout)["findings"]]


def test_disable_and_enable_range(in_tmp: Path) -> None:
    source = "\n\n".join([
        ERR,
        "<!-- proofer-disable PF-GRAMMAR-ITS-POSSESSIVE -->",
        ERR,
        "<!-- proofer-enable -->",
        ERR,
    ]) + "\n"
    assert _lines(source, in_tmp) == [(1, "PF-GRAMMAR-ITS-POSSESSIVE"), (9, "PF-GRAMMAR-ITS-POSSESSIVE")]


def test_bare_disable_switches_off_everything(in_tmp: Path) -> None:
    source = "<!-- proofer-disable -->\n\n" + ERR + " We saw the the end.\n"
    assert _lines(source, in_tmp) == []


def test_disable_next_line_by_name(in_tmp: Path) -> None:
    source = "<!-- proofer-disable-next-line grammar.its-possessive -->\n" + ERR + "\n\n" + ERR + "\n"
    assert _lines(source, in_tmp) == [(4, "PF-GRAMMAR-ITS-POSSESSIVE")]


def test_other_rules_still_reported_inside_a_disabled_range(in_tmp: Path) -> None:
    source = "<!-- proofer-disable PF-GRAMMAR-ITS-POSSESSIVE -->\n\n" + ERR + " We saw the the end.\n"
    assert _lines(source, in_tmp) == [(3, "PF-GRAMMAR-DOUBLED-WORD")]


def test_unknown_rule_in_directive_is_a_warning(in_tmp: Path) -> None:
    source = "<!-- proofer-disable NO-SUCH-RULE -->\n\nAll good here.\n"
    assert _lines(source, in_tmp) == [(1, "PF-DIRECTIVE-UNKNOWN-RULE")]


def test_directive_and_config_agree_on_what_a_selector_names(in_tmp: Path) -> None:
    """A LanguageTool category is a known name in a comment as in the config; a glob that
    matches nothing is unknown in both."""
    from proofer.catalog import RuleCatalog
    from proofer.config_check import unknown_selector
    from proofer.rulebook import load_rules

    catalog = RuleCatalog.from_rules(load_rules())
    for selector in ("confused_words", "typos", "PF-GRAMMAR-*", "LT.EN_A_VS_AN", "NO-SUCH-*",
                     "NO-SUCH-RULE"):
        config_knows = unknown_selector(selector, catalog.names(), complete=True) is None
        assert catalog.is_known(selector) == config_knows, selector
    assert catalog.is_known("confused_words")
    assert not catalog.is_known("NO-SUCH-*")
    source = "<!-- proofer-disable confused_words -->\n\nAll good here.\n"
    assert _lines(source, in_tmp) == [(1, "PF-DIRECTIVE-UNUSED")]


def test_unused_directive_is_reported_as_a_suggestion(in_tmp: Path) -> None:
    source = "<!-- proofer-disable-next-line PF-GRAMMAR-DOUBLED-WORD -->\nAll good here.\n"
    assert _lines(source, in_tmp) == [(1, "PF-DIRECTIVE-UNUSED")]


def test_vale_off_region_is_silent(in_tmp: Path) -> None:
    source = "<!-- vale off -->\n\n" + ERR + "\n\n<!-- vale on -->\n\n" + ERR + "\n"
    assert _lines(source, in_tmp) == [(7, "PF-GRAMMAR-ITS-POSSESSIVE")]


def test_config_can_ignore_directive_warnings(in_tmp: Path) -> None:
    (in_tmp / ".proofer.toml").write_text('ignore = ["PF-DIRECTIVE-UNUSED"]\n')
    source = "<!-- proofer-disable-next-line PF-GRAMMAR-DOUBLED-WORD -->\nAll good here.\n"
    assert _lines(source, in_tmp) == []
