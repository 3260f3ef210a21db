"""The benchmark's reading of CWEB: token offsets and gold spans as its README defines them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from datasets import MissingData, _gold_span, _token_spans

from tests.conftest import shared_path


def test_tokens_map_to_raw_characters() -> None:
    text = "It isn't e-mail."
    spans = _token_spans(text, ["It", "is", "n't", "e", "-", "mail", "."])
    assert [text[a:b] for a, b in spans] == ["It", "is", "n't", "e", "-", "mail", "."]


def test_a_token_that_is_not_in_the_line_is_an_error() -> None:
    with pytest.raises(MissingData):
        _token_spans("It is.", ["It", "was", "."])


def test_gold_spans_of_edits_and_insertions() -> None:
    spans = _token_spans("a b c", ["a", "b", "c"])
    assert _gold_span(spans, 1, 2) == (2, 3)  # replace "b"
    assert _gold_span(spans, 1, 3) == (2, 5)  # replace "b c"
    assert _gold_span(spans, 1, 1) == (0, 3)  # insert before "b": touches "a" and "b"
    assert _gold_span(spans, 0, 0) == (0, 1)  # at the start: clamped to the first token
    assert _gold_span(spans, 3, 3) == (4, 5)  # at the end: clamped to the last token


def test_cweb_dev_reads_with_the_readme_counts() -> None:
    from datasets import load_cweb

    shared_path("eval", "cweb-dev", "data")
    shared = Path(shared_path("eval")).parent
    sentences = load_cweb(shared, "G")
    assert len(sentences) == 3867
    kinds = [s.kind for s in sentences]
    assert (kinds.count("edited"), kinds.count("clean"), kinds.count("invisible")) == (
        1396, 2449, 22
    )
