"""The lexicon: classes load, refer to each other, and the derived file is up to date."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from proofer.lexicon import LexiconError, default_lexicon, load_lexicon
from proofer.rulebook import rules_dir

ROOT = Path(__file__).resolve().parent.parent


def test_classes_include_and_exclude_other_classes(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        yaml.safe_dump({
            "article": {"words": ["a", "an", "the"]},
            "pronoun_map": {"pairs": {"they": "their"}},
            "both": {"words": ["$article", "$pronoun_map", "this"], "except": ["an"]},
        })
    )
    lexicon = load_lexicon(tmp_path)
    assert lexicon.words("$both") == {"a", "the", "they", "this"}
    assert lexicon.pairs("both") == {"they": "their"}
    assert lexicon.expand(["$article", "x"]) == ["a", "an", "the", "x"]


def test_an_unknown_class_is_an_error_naming_file_and_class(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(yaml.safe_dump({"x": {"words": ["$missing"]}}))
    with pytest.raises(LexiconError, match=r"a\.yaml: class x: unknown class \$missing"):
        load_lexicon(tmp_path)
    with pytest.raises(LexiconError, match=r"unknown word class \$nothing"):
        default_lexicon().words("nothing")


def test_derived_classes_hold_what_their_sources_say() -> None:
    lexicon = default_lexicon()
    assert {"went", "broke", "wrote"} <= lexicon.words("irregular_past")
    assert not {"found", "left", "walked"} & lexicon.words("irregular_past")
    assert {"seen", "gone", "taken"} <= lexicon.words("irregular_participle")
    assert {"information", "advice", "furniture", "ownership"} <= lexicon.words("mass_noun")
    assert not {"car", "friend", "question"} & lexicon.words("mass_noun")
    assert {"car", "friend", "teacher"} <= lexicon.words("count_noun")
    assert {"news", "series", "species"} <= lexicon.words("invariant_plural")
    assert {"deluge", "smattering", "barrage", "flock", "cup"} <= (
        lexicon.words("quantity_noun") | lexicon.words("of_phrase_noun")
    )
    assert {"think", "say", "know"} <= lexicon.words("clause_verb")
    assert {"give", "send", "offer"} <= lexicon.words("ditransitive_verb")


def test_derived_file_matches_its_generator() -> None:
    pytest.importorskip("wordfreq", reason="wordfreq (a dev dependency) builds the lexicon")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_lexicon.py"), "--check"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr


def _literal_lists(node: object) -> list[list[str]]:
    found: list[list[str]] = []
    if isinstance(node, dict):
        for value in node.values():
            found += _literal_lists(value)
    elif isinstance(node, list):
        words = [x for x in node if isinstance(x, str) and not x.startswith("$")]
        if node and all(isinstance(x, (str, bool)) for x in node):
            found.append(words)
        for value in node:
            found += _literal_lists(value)
    return found


def test_no_rule_file_keeps_a_long_word_list() -> None:
    """Word classes live in the lexicon: a rule lists at most 15 words of its own."""
    for path in sorted((rules_dir() / "grammar").glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        for rule in data if isinstance(data, list) else [data]:
            for words in _literal_lists(rule.get("spacy", {})):
                assert len(words) <= 15, (path.name, rule["id"], words)
