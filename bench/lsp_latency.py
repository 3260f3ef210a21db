"""How long the editor waits for `proofer lsp`: prints figures, asserts nothing.

Drives a real `python -m proofer lsp` over stdio with pygls' LSP client, in a temporary
workspace, and measures from the notification that starts a check to the
publishDiagnostics that answers it:

1. first diagnostics after didOpen, with a cold LanguageTool (the shared server, started
   at `initialized` in a private directory of this run, with an empty result cache of
   its own): the first publish (the other engines, while LanguageTool warms up) and the
   first that carries LanguageTool's findings;
2. the same with a warm LanguageTool (a second document in the same session);
3. a one-word edit in a 5,000-word document (incremental didChange), median of several;
   the server waits DEBOUNCE_SECONDS after a change before it checks, included here. The
   result cache answers the blocks the edit did not touch.

The 5,000-word document is cut from this repository's own README.md and docs/*.md.

    .venv/bin/python bench/lsp_latency.py                 # all engines, local LanguageTool
    .venv/bin/python bench/lsp_latency.py --engines spacy,style
    .venv/bin/python bench/lsp_latency.py --languagetool-url http://127.0.0.1:8081/
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from proofer.lsp.server import DEBOUNCE_SECONDS

REPO = Path(__file__).resolve().parent.parent
SMALL = "We shipped the flurbication feature, and the company updated it's privacy policy.\n"
SPELLING = "LT.MORFOLOGIK_RULE_EN_US"


def five_thousand_words() -> str:
    paragraphs: list[str] = []
    words = 0
    for path in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            if words >= 5000:
                break
            paragraphs.append(paragraph)
            words += len(paragraph.split())
    return "\n\n".join(paragraphs) + "\n"


class Probe:
    """A client that timestamps every publishDiagnostics."""

    def __init__(self) -> None:
        self.client = LanguageClient("proofer-bench", "1")
        self.published: list[tuple[float, str, int | None, list[types.Diagnostic]]] = []
        self.arrived = asyncio.Event()

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_publish(params: types.PublishDiagnosticsParams) -> None:
            self.published.append(
                (time.perf_counter(), params.uri, params.version, list(params.diagnostics))
            )
            self.arrived.set()

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def on_message(params: types.ShowMessageParams) -> None:
            print(f"  (server says: {params.message})", file=sys.stderr)

    async def wait(self, uri: str, version: int, since: float, want_lt: bool) -> float:
        """Seconds from `since` to the first matching publish."""
        while True:
            for stamp, got_uri, got_version, diagnostics in self.published:
                if got_uri != uri or got_version != version or stamp < since:
                    continue
                if want_lt and not any(d.code == SPELLING for d in diagnostics):
                    continue
                return stamp - since
            self.arrived.clear()
            await asyncio.wait_for(self.arrived.wait(), 600)


def open_document(client: LanguageClient, uri: str, text: str) -> None:
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
    ))


async def run(engines: list[str], url: str | None, edits: int) -> None:
    root = Path(tempfile.mkdtemp(prefix="proofer-lsp-bench-"))
    config = f"engines = {engines!r}\n".replace("'", '"')
    if url:
        config += f'\n[languagetool]\nurl = "{url}"\n'
    (root / ".proofer.toml").write_text(config, encoding="utf-8")
    with_lt = "languagetool" in engines
    env = {**os.environ, "PROOFER_SERVER_DIR": str(root / ".server"),
           "PROOFER_RESULT_CACHE": str(root / ".cache" / "results.sqlite3")}
    env.pop("PROOFER_NO_CACHE", None)
    env.pop("PROOFER_NO_DAEMON", None)
    probe = Probe()
    client = probe.client
    started = time.perf_counter()
    await client.start_io(sys.executable, "-m", "proofer", "lsp", cwd=str(root), env=env)
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=root.as_uri(),
    ))
    client.initialized(types.InitializedParams())
    where = (url or "local server (cold)") if with_lt else "not used"
    print(f"engines: {', '.join(engines)}; LanguageTool: {where}")
    print(f"server initialized in {time.perf_counter() - started:.2f} s")

    uri = (root / "first.md").as_uri()
    since = time.perf_counter()
    open_document(client, uri, SMALL)
    first = await probe.wait(uri, 1, since, want_lt=False)
    label = "cold LanguageTool" if with_lt and not url else "first document"
    print(f"didOpen -> first diagnostics ({label}): {first:.2f} s")
    if with_lt:
        full = await probe.wait(uri, 1, since, want_lt=True)
        print(f"didOpen -> diagnostics with LanguageTool's findings ({label}): {full:.2f} s")

    uri = (root / "second.md").as_uri()
    since = time.perf_counter()
    open_document(client, uri, SMALL)
    warm = await probe.wait(uri, 1, since, want_lt=with_lt)
    print(f"didOpen -> diagnostics, warm engines (second document): {warm:.2f} s")

    long_text = five_thousand_words()
    uri = (root / "long.md").as_uri()
    since = time.perf_counter()
    open_document(client, uri, long_text)
    opened = await probe.wait(uri, 1, since, want_lt=False)
    print(f"didOpen -> diagnostics, {len(long_text.split())}-word document: {opened:.2f} s")

    line = next(i for i, text in enumerate(long_text.splitlines()) if len(text.split()) > 8)
    column = long_text.splitlines()[line].index(" ") + 1
    timings = []
    for version in range(2, 2 + edits):
        word = ("swiftly", "quietly")[version % 2]
        position = types.Position(line=line, character=column)
        since = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=position, end=position), text=word + " "
            )],
        ))
        timings.append(await probe.wait(uri, version, since, want_lt=False))
    median = statistics.median(timings)
    print(f"one-word edit -> diagnostics, 5,000 words: median {median:.2f} s of {edits} "
          f"(min {min(timings):.2f}, max {max(timings):.2f}; includes the "
          f"{DEBOUNCE_SECONDS:g} s debounce)")

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    subprocess.run([sys.executable, "-m", "proofer", "server", "stop"], env=env,
                   capture_output=True, check=False)
    shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="spacy,languagetool,style")
    parser.add_argument("--languagetool-url", default=None)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    asyncio.run(run(engines, args.languagetool_url, args.edits))


if __name__ == "__main__":
    main()
