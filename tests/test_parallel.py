"""--jobs: the engines driven in turn, overlapped on a thread, or in worker processes give
the same bytes; a failing engine fails the same way; progress hears of every file."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from proofer.cli import app
from proofer.config import Config
from proofer.document import Document
from proofer.engines.base import EngineError
from proofer.finding import Severity, TextFinding
from proofer.markup.markdown import parse_markdown
from proofer.parallel import WorkerSpec, run_engines
from tests.conftest import shared_path

FIXTURES = Path(__file__).parent / "fixtures"

DRAFTS = {
    "a.md": "# A draft\n\nThe company updated it's privacy policy. It took an book.\n",
    "b.md": "We saw the the results. The new policy helps expands access to care.\n",
    "c.txt": "A plain text file. Its a good day, and there is alot to do.\n",
    "d.md": "- a list item\n- another item with a apple\n\n> A quote that is fine.\n",
}


def _json(args: Sequence[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", "--format", "json", *args])
    return result.exit_code, result.stdout


@pytest.fixture()
def pool_always(monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes even for small inputs (normally only for big runs)."""
    monkeypatch.setattr("proofer.parallel.POOL_MIN_CHARS", 0)


def test_every_way_of_driving_the_engines_gives_the_same_bytes(
    in_tmp: Path, pool_always: None
) -> None:
    for name, text in DRAFTS.items():
        (in_tmp / name).write_text(text, encoding="utf-8")
    args = ["--engines", "spacy,style", *DRAFTS]
    outputs = {jobs: _json(["--jobs", str(jobs), *args]) for jobs in (1, 2, 3)}
    assert outputs[1][0] == 1
    assert outputs[1] == outputs[2] == outputs[3]
    assert '"PF-GRAMMAR-ITS-POSSESSIVE"' in outputs[1][1]


def test_vale_styles_loaded_in_workers_are_known_to_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pool_always: None
) -> None:
    shutil.copytree(FIXTURES / "vale", tmp_path / "vale")
    monkeypatch.chdir(tmp_path / "vale" / "docs")
    args = ["--engines", "spacy,style", "draft.md", "structure.md"]
    in_turn = _json(["--jobs", "1", *args])
    in_workers = _json(["--jobs", "3", *args])
    assert in_turn == in_workers
    assert '"Acme.We"' in in_turn[1]
    # `<!-- vale Acme.We = NO -->` names a rule only the workers' style engine loaded.
    assert "PF-DIRECTIVE-UNKNOWN-RULE" not in in_workers[1]


def test_go_blog_posts_give_the_same_bytes_in_worker_processes(
    in_tmp: Path, pool_always: None
) -> None:
    posts = sorted(shared_path("corpora", "go-blog", "posts").glob("*.md"))[:8]
    args = ["--engines", "spacy,style", *(str(p) for p in posts)]
    assert _json(["--jobs", "1", *args]) == _json(["--jobs", "3", *args])


class _Recorder:
    """A stand-in engine (not LanguageTool): flags each document's first word, and fails
    on the document named `fail_on`."""

    def __init__(self, name: str, fail_on: str | None = None) -> None:
        self.name = name
        self.fail_on = fail_on
        self.seen: list[str] = []

    def check(self, documents: list[Document]) -> dict[str, list[TextFinding]]:
        results = {}
        for document in documents:
            self.seen.append(document.path)
            if document.path == self.fail_on:
                raise EngineError(f"broke on {document.path}")
            end = len(document.textmap.text.split()[0])
            results[document.path] = [TextFinding(
                rule=f"{self.name}.first", start=0, end=end, message="first word",
                severity=Severity.WARNING, category="test", engine=self.name,
            )]
        return results

    def close(self) -> None:
        return None


def _documents() -> list[Document]:
    return [parse_markdown(name, text) for name, text in DRAFTS.items()]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_engine_fails_alone_and_progress_hears_every_file(jobs: int) -> None:
    documents = _documents()
    # Named like LanguageTool, so with jobs 2 it runs on its own thread.
    broken = _Recorder("languagetool", fail_on="b.md")
    fine = _Recorder("local")
    done: list[str] = []
    outcomes = run_engines(documents, [broken, fine], jobs=jobs,
                           on_done=lambda d: done.append(d.path))
    assert [o.name for o in outcomes] == ["languagetool", "local"]
    assert outcomes[0].error == "languagetool: broke on b.md"
    assert outcomes[0].findings == {}
    assert broken.seen == ["a.md", "b.md"], "after an error the engine is not asked again"
    assert outcomes[1].error is None and sorted(outcomes[1].findings) == sorted(DRAFTS)
    assert sorted(done) == sorted(DRAFTS) and len(done) == len(DRAFTS)


def test_worker_processes_report_an_engine_that_cannot_be_built(pool_always: None) -> None:
    documents = _documents()
    spec = WorkerSpec(Config(), rules=(), options={})

    class Named:
        name = "no-such-engine"

        def check(self, documents: list[Document]) -> dict[str, list[TextFinding]]:
            raise AssertionError("the parent's engine must not run when workers do")

        def close(self) -> None:
            return None

    outcomes = run_engines(documents, [Named()], jobs=3, workers=spec)
    assert outcomes[0].error is not None and "not available" in outcomes[0].error
    assert outcomes[0].findings == {}
