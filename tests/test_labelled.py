"""The labelled sentences: per error class, the spaCy rules find the error and stay
silent on the corrected sentence."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from proofer.engines.spacy.engine import SpacyEngine
from proofer.finding import Severity
from proofer.markup.plaintext import parse_plaintext

LABELLED = Path(__file__).parent / "data" / "labelled_sentences.yaml"
MIN_RECALL = 0.9


def _classes() -> dict[str, list[tuple[str, str]]]:
    data = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    return {
        name: [(pair["bad"], pair["good"]) for pair in entry["pairs"]]
        for name, entry in data["classes"].items()
    }


CLASSES = _classes()


def _flagged(engine: SpacyEngine, text: str) -> list[str]:
    document = parse_plaintext("labelled.txt", text)
    return [
        f.rule
        for f in engine.check_textmap(document.textmap)
        if f.severity.at_least(Severity.WARNING)
    ]


@pytest.mark.parametrize("error_class", sorted(CLASSES))
def test_recall_per_class(spacy_engine: SpacyEngine, error_class: str) -> None:
    pairs = CLASSES[error_class]
    missed = [bad for bad, _ in pairs if not _flagged(spacy_engine, bad)]
    recall = 1 - len(missed) / len(pairs)
    assert recall >= MIN_RECALL, f"{error_class}: recall {recall:.2f}, missed {missed}"


@pytest.mark.parametrize("error_class", sorted(CLASSES))
def test_no_false_alarm_on_corrections(spacy_engine: SpacyEngine, error_class: str) -> None:
    alarms: dict[str, list[str]] = defaultdict(list)
    for _, good in CLASSES[error_class]:
        rules = _flagged(spacy_engine, good)
        if rules:
            alarms[good] = rules
    assert not alarms, f"{error_class}: false alarms {dict(alarms)}"


def test_every_class_has_several_pairs() -> None:
    for name, pairs in CLASSES.items():
        assert len(pairs) >= 5, name
        assert all(bad != good for bad, good in pairs), name
