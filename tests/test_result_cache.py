"""The result cache: the same report bytes with and without it, only changed blocks are
checked again, every input of a result is in its key, a damaged file is recovered from,
and concurrent processes share one file safely. Engine calls are counted, never timed."""

from __future__ import annotations

import json
import multiprocessing
import random
import shutil
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from proofer.cache.run import UnitCounts, check_document
from proofer.cache.store import ResultCache, clear_cache, encode
from proofer.cli import app
from proofer.engines.spacy.engine import SpacyEngine
from proofer.engines.style.engine import StyleEngine
from proofer.markup.markdown import parse_markdown
from proofer.rulebook import Rule

FIXTURES = Path(__file__).parent / "fixtures"

PARAGRAPHS = [
    "# A draft about the policy",
    "The company updated it's privacy policy last week.",
    "The report was written by the committee in a hurry.",
    "We saw the results, and they was good for everyone.",
    "It took an book to explain the whole thing to them.",
]


def _draft(paragraphs: Sequence[str]) -> str:
    return "\n\n".join(paragraphs) + "\n"


def _json(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", "--format", "json", "--jobs", "1", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout


@pytest.fixture()
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, list[int]]]:
    """The units each engine was asked to check, per call (spaCy and style)."""
    seen: dict[str, list[int]] = {"spacy": [], "style": []}
    for cls in (SpacyEngine, StyleEngine):
        original = cls.check_units

        def spy(self: Any, analysis: Any, indices: Sequence[int], _o: Any = original) -> Any:
            seen[self.name].append(len(list(indices)))
            return _o(self, analysis, indices)

        monkeypatch.setattr(cls, "check_units", spy)
    yield seen


def test_same_bytes_with_and_without_the_cache_and_a_warm_run_checks_nothing(
    in_tmp: Path, calls: dict[str, list[int]]
) -> None:
    (in_tmp / "a.md").write_text(_draft(PARAGRAPHS), encoding="utf-8")
    (in_tmp / "b.txt").write_text("A plain text file. Its a good day, and there is alot.\n",
                                  encoding="utf-8")
    args = ("--engines", "spacy,style", "a.md", "b.txt")
    uncached = _json("--no-cache", *args)
    cold = _json(*args)
    assert sum(calls["spacy"]) > 0 and sum(calls["style"]) > 0
    calls["spacy"].clear()
    calls["style"].clear()
    warm = _json(*args)
    assert uncached[0] == 1
    assert uncached == cold == warm
    assert '"PF-GRAMMAR-ITS-POSSESSIVE"' in warm[1]
    assert calls == {"spacy": [], "style": []}


def test_after_an_edit_only_the_changed_block_is_checked_again(
    in_tmp: Path, calls: dict[str, list[int]]
) -> None:
    draft = in_tmp / "a.md"
    draft.write_text(_draft(PARAGRAPHS), encoding="utf-8")
    args = ("--engines", "spacy,style", "a.md")
    _json(*args)
    assert calls["spacy"] == [len(PARAGRAPHS)]
    calls["spacy"].clear()
    calls["style"].clear()
    edited = [*PARAGRAPHS]
    # A new paragraph above the edited one moves every block after it: moved blocks are
    # still found in the cache.
    edited[2] = "The report was written by the board, which the the staff had been waiting."
    edited.insert(1, "A brand new opening paragraph that was not there before.")
    draft.write_text(_draft(edited), encoding="utf-8")
    warm = _json(*args)
    assert calls == {"spacy": [2], "style": [2]}
    assert warm == _json("--no-cache", *args)


def test_a_run_the_cache_answers_never_loads_the_spacy_pipeline(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (in_tmp / "a.md").write_text(_draft(PARAGRAPHS), encoding="utf-8")
    args = ("--engines", "spacy,style", "a.md")
    first = _json(*args)

    def refuse(name: str | None = None) -> Any:
        raise AssertionError("the spaCy pipeline was loaded")

    monkeypatch.setattr("proofer.engines.spacy.model.load_pipeline", refuse)
    assert _json(*args) == first
    # The passive-voice rule (a style sequence rule) reads a parse: it is in the cache too.
    assert "passive" in first[1].lower()


def _rule_with_new_message(rules: Sequence[Rule], rule_id: str) -> list[Rule]:
    return [replace(r, message="A changed message.") if r.id == rule_id else r for r in rules]


def test_a_changed_rule_is_never_answered_from_the_cache(
    tmp_path: Path, nlp: Any, rules: list[Rule]
) -> None:
    cache = ResultCache(tmp_path / "results.sqlite3")
    document = parse_markdown("a.md", _draft(PARAGRAPHS))
    counts = UnitCounts.empty()
    before = check_document(SpacyEngine(nlp, rules), document, cache, counts)
    assert counts.checked["spacy"] == len(PARAGRAPHS)
    hit = next(f for f in before if f.rule == "PF-GRAMMAR-ITS-POSSESSIVE")
    again = UnitCounts.empty()
    assert check_document(SpacyEngine(nlp, rules), document, cache, again) == before
    assert again.checked["spacy"] == 0 and again.cached["spacy"] == len(PARAGRAPHS)
    changed = SpacyEngine(nlp, _rule_with_new_message(rules, hit.rule))
    after_counts = UnitCounts.empty()
    after = check_document(changed, document, cache, after_counts)
    assert after_counts.checked["spacy"] == len(PARAGRAPHS)
    assert next(f for f in after if f.rule == hit.rule).message == "A changed message."
    cache.close()


def test_vale_styles_same_bytes_cached_and_a_changed_style_or_vocabulary_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(FIXTURES / "vale", tmp_path / "vale")
    docs = tmp_path / "vale" / "docs"
    monkeypatch.chdir(docs)
    args = ("--engines", "spacy,style", "draft.md", "structure.md")
    uncached = _json("--no-cache", *args)
    assert _json(*args) == uncached == _json(*args)
    styles = tmp_path / "vale" / "styles"
    adverbs = styles / "Acme" / "Adverbs.yml"
    rule = adverbs.read_text(encoding="utf-8")
    assert "Acme.Adverbs" in uncached[1]
    adverbs.write_text(_with_message(rule, "Changed adverb message."), encoding="utf-8")
    edited = _json(*args)
    assert edited == _json("--no-cache", *args)
    assert "Changed adverb message." in edited[1]
    # Accepted vocabulary is an exception to existence rules: Acme.We stops flagging "our".
    accept = styles / "config" / "vocabularies" / "Acme" / "accept.txt"
    before = _count(edited[1], "Acme.We")
    accept.write_text(accept.read_text(encoding="utf-8") + "our\n", encoding="utf-8")
    accepted = _json(*args)
    assert accepted == _json("--no-cache", *args)
    assert 0 < _count(accepted[1], "Acme.We") < before


def _count(report: str, rule: str) -> int:
    return sum(1 for f in json.loads(report)["findings"] if f["rule"] == rule)


def _with_message(rule: str, message: str) -> str:
    lines = [f"message: '{message}'" if line.startswith("message:") else line
             for line in rule.splitlines()]
    return "\n".join(lines) + "\n"


def test_a_damaged_cache_file_is_cleared_with_a_note(
    in_tmp: Path, _private_result_cache: Path
) -> None:
    (in_tmp / "a.md").write_text(_draft(PARAGRAPHS), encoding="utf-8")
    args = ("--engines", "spacy", "a.md")
    expected = _json("--no-cache", *args)
    _private_result_cache.write_bytes(b"this is not a database, just some bytes" * 100)
    result = CliRunner().invoke(app, ["check", "--format", "json", "--jobs", "1", *args])
    assert result.exit_code == expected[0]
    assert result.stdout == expected[1]
    assert "damaged" in result.stderr and "cleared" in result.stderr
    assert "Traceback" not in result.output
    # The file is a working cache again: the next run is answered from it.
    assert ResultCache(_private_result_cache).status().entries == len(PARAGRAPHS)
    assert _json(*args) == expected


def test_a_stored_result_of_the_wrong_shape_is_checked_afresh_with_a_note(
    in_tmp: Path, _private_result_cache: Path
) -> None:
    (in_tmp / "a.md").write_text(_draft(PARAGRAPHS), encoding="utf-8")
    args = ("--engines", "spacy,style", "a.md")
    expected = _json("--no-cache", *args)
    assert _json(*args) == expected
    with sqlite3.connect(_private_result_cache) as connection:
        connection.execute("UPDATE results SET value = ?", (encode([[1, 2, 3]]),))
    result = CliRunner().invoke(app, ["check", "--format", "json", "--jobs", "1", *args])
    assert (result.exit_code, result.stdout) == expected
    assert "did not fit" in result.stderr and "Traceback" not in result.output
    assert _json(*args) == expected  # the entries were replaced by good ones


def test_a_cache_in_a_place_that_cannot_hold_one_is_a_note_not_a_failure(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (in_tmp / "a.md").write_text(_draft(PARAGRAPHS), encoding="utf-8")
    (in_tmp / "blocker").write_text("a file where a directory should be", encoding="utf-8")
    monkeypatch.setenv("PROOFER_RESULT_CACHE", str(in_tmp / "blocker" / "results.sqlite3"))
    args = ["check", "--format", "json", "--engines", "spacy", "a.md"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert "result cache not used" in result.stderr
    assert result.stdout == _json("--no-cache", "--engines", "spacy", "a.md")[1]


def _writer(path: str, worker: int, rounds: int) -> int:
    cache = ResultCache(Path(path))
    for number in range(rounds):
        items = {f"key-{(worker * 7 + number) % 50}-{i}": [worker, number, i] for i in range(20)}
        cache.put_many(items)
        found = cache.get_many(items)
        assert all(isinstance(value, list) and len(value) == 3 for value in found.values())
    cache.close()
    return len(cache.problems)


def test_concurrent_processes_share_one_cache_file(tmp_path: Path) -> None:
    path = tmp_path / "results.sqlite3"
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        problems = pool.starmap(_writer, [(str(path), w, 30) for w in range(4)])
    assert problems == [0, 0, 0, 0]
    with sqlite3.connect(path) as connection:
        (count,) = connection.execute("SELECT COUNT(*) FROM results").fetchone()
        (ok,) = connection.execute("PRAGMA integrity_check").fetchone()
    assert ok == "ok"
    assert count == 50 * 20


def _noise(seed: int) -> str:
    """1,000 bytes that do not compress, as text."""
    return random.Random(seed).randbytes(1000).hex()


def test_the_least_recently_used_entries_go_when_the_file_outgrows_its_cap(
    tmp_path: Path
) -> None:
    path = tmp_path / "results.sqlite3"
    first = ResultCache(path)
    first.put_many({f"old-{i}": [_noise(i), i] for i in range(50)})
    first.close()
    second = ResultCache(path, max_bytes=20_000)
    second.get_many([f"old-{i}" for i in range(40, 50)])  # used again: kept
    second.put_many({f"new-{i}": [_noise(100 + i), i] for i in range(5)})
    second.close()
    status = ResultCache(path).status()
    assert status.size <= 20_000
    kept = ResultCache(path).get_many([*(f"old-{i}" for i in range(50)),
                                       *(f"new-{i}" for i in range(5))])
    assert {f"new-{i}" for i in range(5)} | {f"old-{i}" for i in range(40, 50)} <= set(kept)
    assert "old-0" not in kept


def test_cache_status_and_clear_commands(
    in_tmp: Path, _private_result_cache: Path
) -> None:
    runner = CliRunner()
    assert "no file yet" in runner.invoke(app, ["cache"]).stdout
    (in_tmp / "a.md").write_text(_draft(PARAGRAPHS), encoding="utf-8")
    _json("--engines", "spacy", "a.md")
    status = runner.invoke(app, ["cache"])
    assert status.exit_code == 0
    assert f"{len(PARAGRAPHS)} entries" in status.stdout
    cleared = runner.invoke(app, ["cache", "clear"])
    assert cleared.exit_code == 0 and "cleared" in cleared.stdout
    assert "0 entries" in runner.invoke(app, ["cache"]).stdout
    assert clear_cache(in_tmp / "missing.sqlite3") == 0
