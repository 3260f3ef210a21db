"""Where LanguageTool spends its time on a corpus: its analysis against each rule.

Extracts the checkable text of every Markdown file as proofer sends it, switches off the
rules proofer's curation switches off, and times LanguageTool's analysis (tokenizing,
tagging, disambiguation) and every active rule, in a cold first pass and warm later ones
(bench/java/RuleProfile.java, compiled with the JDK's javac).

    .venv/bin/python bench/languagetool_profile.py [CORPUS] [--passes 3] [--top 15]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from proofer.engines.languagetool.curation import load_curation
from proofer.engines.languagetool.install import find_installation
from proofer.engines.languagetool.java import resolve_java
from proofer.markup.markdown import parse_markdown

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "go-blog" / "posts"
SOURCE = Path(__file__).resolve().parent / "java" / "RuleProfile.java"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--heap", default="1g")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    installation = find_installation()
    javac = shutil.which("javac")
    if installation is None or javac is None:
        print("needs LanguageTool (proofer setup-languagetool) and a JDK's javac on PATH",
              file=sys.stderr)
        return 2
    _, disabled = load_curation().request_rules()
    with tempfile.TemporaryDirectory(prefix="proofer-lt-profile-") as work:
        texts = Path(work) / "texts"
        texts.mkdir()
        words = 0
        for number, path in enumerate(sorted(args.corpus.rglob("*.md"))):
            text = parse_markdown(str(path), path.read_text(encoding="utf-8")).textmap.text
            words += len(text.split())
            (texts / f"{number:05d}.txt").write_text(text, encoding="utf-8")
        (Path(work) / "disabled.txt").write_text("\n".join(sorted(disabled)), encoding="utf-8")
        classpath = installation.classpath
        subprocess.run([javac, "-nowarn", "-cp", classpath, "-d", work, str(SOURCE)], check=True,
                       capture_output=True)
        print(f"corpus: {args.corpus} ({words} checkable words), LanguageTool "
              f"{installation.version}, {len(disabled)} rules off by curation", flush=True)
        done = subprocess.run(
            [resolve_java().executable, f"-Xmx{args.heap}", "-XX:+UseSerialGC",
             "-cp", f"{classpath}:{work}", "RuleProfile", str(texts),
             str(Path(work) / "disabled.txt"), str(args.passes), str(args.top)],
            check=False,
        )
        return done.returncode


if __name__ == "__main__":
    raise SystemExit(main())
