"""Long texts are parsed in bounded pieces and joined into one Doc over the same text."""

from __future__ import annotations

import itertools

from spacy.language import Language

from proofer.engines.bounded_parse import cut_points, parse_bounded

SENTENCES = (
    "The cache was cleared by the operator. Requests are served from memory! "
    "Is the queue drained? Workers wait for new jobs\nand the service restarts. "
)


def test_cuts_fall_after_sentence_ends_and_pieces_stay_under_the_limit() -> None:
    text = SENTENCES * 40
    cuts = cut_points(text, 500)
    bounds = [0, *cuts, len(text)]
    assert cuts and all(b - a <= 500 for a, b in itertools.pairwise(bounds))
    assert all(text[c - 2 : c] in (". ", "? ", "! ") for c in cuts), [text[c - 2 : c] for c in cuts]


def test_text_without_sentence_ends_or_spaces_is_cut_hard() -> None:
    assert cut_points("x" * 1200, 500) == [500, 1000]
    assert cut_points("word " * 300, 500)[0] % 5 == 0  # after a space, never inside a word


def test_a_joined_parse_covers_the_same_text_with_the_same_tokens(nlp: Language) -> None:
    text = SENTENCES * 12
    (whole,) = parse_bounded(nlp, [text], limit=len(text))
    (joined,) = parse_bounded(nlp, [text], limit=400)
    assert joined.text == text
    assert [t.text for t in joined] == [t.text for t in whole]
    assert [t.idx for t in joined] == [t.idx for t in whole]
    passive = [t.i for t in joined if t.tag_ == "VBN" and t.nbor(-1).lower_ in ("was", "are")]
    assert passive, "tags survive the join"


def test_short_texts_are_parsed_as_before(nlp: Language) -> None:
    texts = ["The report was written by the team.", "", "It works."]
    docs = parse_bounded(nlp, texts, disable=["lemmatizer"])
    plain = list(nlp.pipe(texts, disable=["lemmatizer"]))
    assert [d.text for d in docs] == texts
    assert [[(t.tag_, t.dep_, t.head.i) for t in d] for d in docs] == [
        [(t.tag_, t.dep_, t.head.i) for t in d] for d in plain
    ]


def test_a_text_beyond_spacys_own_limit_is_parsed(nlp: Language) -> None:
    text = "word " * 260  # 1,300 characters against a limit of 1,000
    limit = nlp.max_length
    nlp.max_length = 1_000
    try:
        (doc,) = parse_bounded(nlp, [text], limit=600)
    finally:
        nlp.max_length = limit
    assert doc.text == text and len(doc) == 260
