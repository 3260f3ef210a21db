"""proofer.words without a server: shapes, variants, typo distance, document evidence."""

from __future__ import annotations

import pytest

from proofer.markup.markdown import parse_markdown
from proofer.words.context import capitalised, quoted_alone
from proofer.words.document import DocumentWords, code_words
from proofer.words.evidence import MISSPELLED, Reason, WordJudge, one_variety
from proofer.words.frequency import WordFrequency
from proofer.words.morphology import coinage, inflection_of, regularised_past
from proofer.words.shapes import is_code_like
from proofer.words.typos import intended_word
from proofer.words.variants import american_forms, variant_in


@pytest.fixture(scope="module")
def frequency() -> WordFrequency:
    return WordFrequency()


@pytest.fixture(scope="module")
def judge(frequency: WordFrequency) -> WordJudge:
    return WordJudge(frequency)


NO_WORDS = DocumentWords.from_text("")


@pytest.mark.parametrize(
    "token",
    ["fooBar", "GoLand", "snake_case", "src/main.go", "go.mod", "v1.2.3", "x86",
     "https://example.com", "GODEBUG", "CLIs", "PCG-DXSM", "--flag", "utf8", "$HOME",
     "XOR'ing", "NTHi", "PΣ"],
)
def test_identifier_shapes(token: str) -> None:
    assert is_code_like(token)


@pytest.mark.parametrize("word", ["teh", "speling", "Recieve", "occured", "tset", "THe",
                                  "Geisendörfer", "naïve"])
def test_words_with_typos_or_accents_are_not_identifiers(word: str) -> None:
    assert not is_code_like(word)


def test_code_words_split_identifiers_and_urls() -> None:
    words = code_words(["rustup update", "https://github.com/kubernetes/kops",
                        "let rng = ChaCha8Rand::new()", "max_retries"])
    assert {"rustup", "update", "kops", "kubernetes", "chacha8rand", "cha", "rand",
            "max_retries", "retries"} <= words
    assert "new" in words and "github" in words


def test_document_words_come_from_code_spans_blocks_and_link_destinations() -> None:
    source = (
        "# Using `rustup`\n\nSee [the project](https://github.com/kubernetes/kops) and "
        "![logo](img/sidekiq.png).\n\n```sh\ncargo clippy --fix\n```\n\n"
        "The colour and the colour again.\n"
    )
    words = DocumentWords.of(parse_markdown("a.md", source))
    for word in ("rustup", "Kops", "Sidekiq", "clippy", "Clippy"):
        assert words.in_code(word), word
    assert not words.in_code("colour")
    assert words.times_used("colour") == 2 and words.times_used("Colour") == 0
    assert words.used_at("COLOUR") is not None and words.used_at("color") is None
    assert words.in_code("kops-clippy") and not words.in_code("kops-colour")


def test_names_and_quotes() -> None:
    for name in ("Folkert", "Brandhorst-Satzkorn", "Éomer"):
        assert capitalised(name), name
    for word in ("folkert", "NTHi", "McDonald", "X", "THe"):
        assert not capitalised(word), word
    text = 'Some write "Gava" or \u201cGuby\u201d, and Gava alone.'
    first, curly, bare = text.index("Gava"), text.index("Guby"), text.rindex("Gava")
    assert quoted_alone(text, first, first + 4)
    assert quoted_alone(text, curly, curly + 4)
    assert not quoted_alone(text, bare, bare + 4)


@pytest.mark.parametrize(
    ("british", "american"),
    [("behaviour", "behavior"), ("organisation", "organization"), ("favourite", "favorite"),
     ("analyse", "analyze"), ("centre", "center"), ("travelled", "traveled"),
     ("defence", "defense"), ("catalogue", "catalog"), ("anaemia", "anemia"),
     ("ageing", "aging"), ("judgement", "judgment"), ("programme", "program"),
     ("manoeuvre", "maneuver"), ("mould", "mold"), ("behavioural", "behavioral"),
     ("prioritised", "prioritized")],
)
def test_british_spellings_rewrite_to_american(british: str, american: str) -> None:
    assert american in american_forms(british)
    assert variant_in(british, (american,), "en-US") == american
    assert variant_in(american, (british,), "en-GB") == british
    assert variant_in(american, (british,), "en-US") is None


def test_a_typo_is_not_a_variant_of_the_word_it_misses() -> None:
    # Rules are anchored: 'surprize' is not British, 'untill' is not 'until' respelled.
    assert variant_in("surprize", ("surprise",), "en-US") is None
    assert variant_in("untill", ("until",), "en-US") is None
    assert variant_in("untill", ("until",), "en-GB") is None
    # Only the speller's first suggestion is taken: later ones are guesses.
    assert variant_in("yaer", ("year", "yer"), "en-US") is None


@pytest.mark.parametrize(
    ("typo", "suggestions"),
    [("recieved", ("received",)), ("teh", ("the", "ten")), ("wonderfull", ("wonderful",)),
     ("arkward", ("awkward",)), ("succes", ("success",)), ("italian", ("Italian",)),
     ("NIce", ("Nice",)), ("pacakges", ("packages",))],
)
def test_slips_are_close_to_a_much_more_common_word(
    typo: str, suggestions: tuple[str, ...], frequency: WordFrequency
) -> None:
    assert intended_word(typo, suggestions, frequency) is not None


@pytest.mark.parametrize(
    ("word", "suggestions"),
    [("quicksort", ("quick sort",)), ("multicores", ("multicore",)),
     ("devirtualization", ("virtualization",)), ("destructuring", ("restructuring",)),
     ("Javascript", ("JavaScript",)), ("fuzzers", ("buzzers", "fuzzes")),
     ("quintile", ("quantile",)), ("wyrand-based", ("brand-based",))],
)
def test_other_forms_and_rare_neighbours_are_not_slips(
    word: str, suggestions: tuple[str, ...], frequency: WordFrequency
) -> None:
    assert intended_word(word, suggestions, frequency) is None


def test_a_name_needs_a_far_more_common_neighbour(frequency: WordFrequency) -> None:
    assert intended_word("Teh", ("The",), frequency, name=True) is not None
    assert intended_word("Tuesdya", ("Tuesday",), frequency, name=True) is not None
    assert intended_word("Keyes", ("Keys", "Eyes"), frequency, name=True) is None
    assert intended_word("Solari", ("Solar",), frequency, name=True) is None
    assert intended_word("Solari", ("Solar",), frequency, name=False) is not None


def test_coinages_derivations_and_inflections() -> None:
    assert coinage("unbubbled") == "un + bubbled"
    assert coinage("toolchain") == "tool + chain"
    assert coinage("unmap") == "un + map"
    assert coinage("de-identified") == "de + identified"
    assert coinage("devirtualization", ("virtualization",)) == "de + virtualization"
    assert coinage("fuzzers") == "fuzz + ers"
    assert coinage("smallers") is None  # the comparative of an adjective takes no -s
    for typo in ("occured", "recieve", "pacakges", "disapppointed", "seperate"):
        assert coinage(typo) is None, typo
    assert inflection_of("multicores", "multicore")
    assert not inflection_of("succes", "success")


def test_regular_endings_on_irregular_verbs_are_typos() -> None:
    for typo in ("dealed", "teached", "buyed", "catched"):
        assert regularised_past(typo), typo
    for word in ("putted", "bubbled", "embedded", "speeded", "occured"):
        assert not regularised_past(word), word


def test_verdicts_weigh_the_evidence_in_order(judge: WordJudge) -> None:
    text = ("Install it with `rustup`. Use destructuring here; destructuring is neat. "
            "Thanks to Folkert. The organisation of our behaviour is fine, our behavior too.")
    words = DocumentWords.from_text(text, ["rustup"])

    def reason(word: str, suggestions: tuple[str, ...], **kw: bool) -> Reason:
        return judge.judge(word, suggestions, words, **kw).reason

    assert reason("rustup", ("rust up",)) is Reason.IN_CODE
    assert reason("destructuring", ("restructuring",)) is Reason.TERM
    assert reason("Folkert", ("Folder",)) is Reason.NAME
    assert reason("Teh", ("The",)) is Reason.TYPO
    assert reason("organisation", ("organization",)) is Reason.VARIANT
    mixed = judge.judge("behaviour", ("behavior",), words)
    assert mixed.reason is Reason.MIXED_VARIANTS and mixed.other_use == text.index("behavior")
    assert reason("organisation", ("organization",), lenient_variants=False) in MISSPELLED
    assert reason("recieved", ("received",)) is Reason.TYPO
    # A respelling nobody uses is no variant: 'useing' fits ageing/aging but is a slip.
    assert reason("useing", ("using",)) is Reason.TYPO
    assert reason("authour", ("author", "auth our")) is Reason.TYPO
    # A plural almost nobody writes, of a common word: the speller is right.
    assert reason("medias", ("mediae", "median")) is Reason.TYPO
    assert reason("hardwares", ("hardware",)) is Reason.TYPO
    assert reason("configs", ("con figs",)) is not Reason.TYPO
    assert reason("Gava", ("Java",), quoted=True) is Reason.MENTION
    assert reason("libre", ("Libra", "liber")) is Reason.IN_USE
    assert reason("unbubbled", ("bubbled",)) is Reason.COINAGE
    assert reason("asynchrounous", ("asynchronous",)) in MISSPELLED
    # Unseen on the web, used once, close to nothing common: still a misspelling.
    assert reason("neuobiological", ("neurobiological",)) is Reason.UNKNOWN
    assert reason("imidiatly", ("immediately",)) is Reason.UNKNOWN


def test_a_slip_repeated_once_is_still_a_typo_but_consistent_use_is_a_term(
    judge: WordJudge,
) -> None:
    words = DocumentWords.from_text("We recieved it. They recieved it too.")
    assert words.times_used("recieved") == 2
    assert judge.judge("recieved", ("received",), words).reason is Reason.TYPO
    words = DocumentWords.from_text("The inliner runs first. The inliner is fast. Inline "
                                    "less, and the inliner costs less.")
    assert judge.judge("inliner", ("inline",), words).reason is Reason.TERM
    words = DocumentWords.from_text("Thanks to Toray. Toray makes films.")
    assert judge.judge("Toray", ("Today",), words).reason is Reason.TERM


def test_one_variety_allows_a_few_mixed_words_not_many() -> None:
    assert one_variety([])
    assert one_variety(["behaviour", "Behaviour", "colour"])
    assert not one_variety(["behaviour", "colour", "centre", "favourite"])
