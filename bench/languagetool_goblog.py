"""Benchmark: false alarms and speed of `proofer check` on the go-blog corpus.

The corpus is edited, published prose, so error- and warning-level findings on it are
(nearly all) false alarms. Runs the whole CLI (spaCy + LanguageTool) once, as a user
would, and prints findings per 1,000 words, the top rules left, and words per second.

    .venv/bin/python bench/languagetool_goblog.py [--engines spacy,languagetool] [CORPUS]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from proofer.markup.markdown import parse_markdown

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "go-blog" / "posts"


def count_words(corpus: Path) -> tuple[int, int]:
    """(words in the checkable text, words in the Markdown source)."""
    checkable = source = 0
    for path in sorted(corpus.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        source += len(text.split())
        checkable += len(parse_markdown(str(path), text).textmap.text.split())
    return checkable, source


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--engines", default="spacy,languagetool")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--show", type=int, default=0, help="print N error/warning findings")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    words, source_words = count_words(args.corpus)
    command = [
        str(ROOT / ".venv" / "bin" / "proofer"), "check", "--engines", args.engines,
        "--format", "json", "--fail-level", "none", str(args.corpus),
    ]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return done.returncode
    report = json.loads(done.stdout)
    serious = [f for f in report["findings"] if f["severity"] in ("error", "warning")]
    by_severity = Counter(f["severity"] for f in report["findings"])
    print(f"corpus: {args.corpus} ({report['summary']['files_checked']} files)")
    print(f"words: {words} checkable ({source_words} in the source)")
    print(f"engines: {', '.join(report['summary']['engines'])}")
    print(f"findings: {dict(by_severity)}")
    print(f"error+warning: {len(serious)} = {1000 * len(serious) / words:.2f} per 1,000 words")
    print(f"whole run: {elapsed:.1f} s = {words / elapsed:.0f} words/s")
    print("top error/warning rules:")
    for rule, count in Counter(f["rule"] for f in serious).most_common(args.top):
        print(f"  {count:4d}  {rule}")
    for finding in serious[: args.show]:
        print(f"{finding['path']}:{finding['line']}:{finding['column']} {finding['rule']}: "
              f"{finding['message']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
