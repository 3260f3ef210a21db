"""Compare proofer's style engine with the real Vale on the same styles and drafts.

    .venv/bin/python bench/vale_compare.py              # go-blog and general-prose, 7 styles
    .venv/bin/python bench/vale_compare.py --corpus go-blog --styles Google,write-good
    .venv/bin/python bench/vale_compare.py --files a.md b.md --show 20
    .venv/bin/python bench/vale_compare.py --ini path/.vale.ini --files draft.md

Writes a `.vale.ini` naming the styles (from `../shared/vale-styles` unless `--styles-path`
says otherwise), runs `vale --output=JSON` and proofer's style engine (Vale styles only, no
built-in rules, no merging of overlaps, inline comments applied) over the same files and
compares the alerts as (file, line, column, rule id). Prints, per corpus: the agreement
over the union of both tools' alerts, the rules with differences, examples of each
difference, and how long each tool took (a ratio measured in this one run).

Needs a Vale binary (`--vale`, `$VALE`, `vale` on PATH or `~/go/bin/vale`); without one it
says so and exits 0. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from datasets import DEFAULT_SHARED, MissingData, load_general_prose, load_go_blog

from proofer.catalog import RuleCatalog
from proofer.config import Config
from proofer.engines.spacy.model import load_pipeline
from proofer.engines.style.engine import StyleEngine
from proofer.lines import LineIndex
from proofer.locate import to_source_findings
from proofer.markup.markdown import parse_markdown
from proofer.markup.plaintext import parse_plaintext
from proofer.policy import apply_suppressions

Key = tuple[str, int, int, str]
ALL_STYLES = ("Google", "Microsoft", "write-good", "proselint", "alex", "Joblint", "Readability")
CORPORA = {"go-blog": load_go_blog, "general-prose": load_general_prose}
# What a team running Vale on each site would configure so that template syntax is not
# read as prose (Vale's docs recommend TokenIgnores/BlockIgnores for Hugo, Jekyll and
# Eleventy sites); proofer treats the same syntax as markup without being told.
_ATTRIBUTE_LISTS = r"(\{:?[ \t]*[#.][\w:.-]+(?:[ \t]+[#.][\w:.-]+)*[ \t]*\})"
SITE_IGNORES = {
    "go-blog": {  # Go's present tool: {{raw `code`}} and {{code "file"}}; {#id} headings
        "BlockIgnores": [r"(?s) *(\{\{raw `.*?`\}\})"],
        "TokenIgnores": [r"(\{\{[^}\n]*\}\})", _ATTRIBUTE_LISTS],
    },
    "general-prose": {  # Eleventy with Liquid/Nunjucks tags, markdown-it-attrs, kramdown
        "BlockIgnores": [r"(?s)(\{%-? *comment *-?%\}.*?\{%-? *endcomment *-?%\})"],
        "TokenIgnores": [r"(\{\{[^}]*\}\})", r"(\{%[^%]*%\})", _ATTRIBUTE_LISTS],
    },
}


@dataclass(frozen=True)
class Run:
    alerts: set[Key]
    seconds: float


def find_vale(given: str | None) -> str | None:
    """The Vale binary to run, or None when there is none."""
    for candidate in (given, os.environ.get("VALE"), shutil.which("vale"),
                      str(Path.home() / "go" / "bin" / "vale")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def write_ini(
    folder: Path, styles_path: Path, styles: Sequence[str],
    ignores: dict[str, list[str]] | None = None,
) -> Path:
    """A .vale.ini that runs `styles` on Markdown and text files."""
    folder.mkdir(parents=True, exist_ok=True)
    ini = folder / ".vale.ini"
    extra = "".join(f"{key} = {', '.join(values)}\n" for key, values in (ignores or {}).items())
    ini.write_text(
        f"StylesPath = {styles_path.resolve()}\nMinAlertLevel = suggestion\n\n"
        f"[*.{{md,markdown,txt}}]\nBasedOnStyles = {', '.join(styles)}\n{extra}",
        encoding="utf-8",
    )
    return ini


def vale_alerts(vale: str, ini: Path, files: Sequence[Path]) -> Run:
    """Vale's alerts: its Span is [first, last] 1-based columns."""
    started = time.perf_counter()
    run = subprocess.run(
        [vale, "--config", str(ini), "--output=JSON", "--no-exit", *map(str, files)],
        capture_output=True, text=True, check=False, cwd=ini.parent,
    )
    seconds = time.perf_counter() - started
    try:
        data = json.loads(run.stdout or "{}")
    except json.JSONDecodeError:
        raise SystemExit(f"Vale failed (exit {run.returncode}): {run.stderr[:2000]}") from None
    if not isinstance(data, dict) or run.returncode not in (0, 1):
        raise SystemExit(f"Vale failed (exit {run.returncode}): {run.stdout[:2000]}")
    alerts = {
        (str(Path(path).resolve()), a["Line"], a["Span"][0], a["Check"])
        for path, found in data.items()
        for a in found
    }
    return Run(alerts, seconds)


def proofer_alerts(ini: Path, files: Sequence[Path]) -> Run:
    """proofer's style-engine findings with Vale's rule ids, before merging."""
    started = time.perf_counter()
    catalog = RuleCatalog()
    engine = StyleEngine(
        Config(raw={"vale-config": str(ini.resolve())}), catalog, [], load_pipeline
    )
    found: set[Key] = set()
    for file in files:
        source = file.read_text(encoding="utf-8")
        parse = parse_markdown if file.suffix in (".md", ".markdown") else parse_plaintext
        document = parse(str(file), source)
        located = to_source_findings(document, engine.check_document(document))
        kept = apply_suppressions(document, located, catalog.identify, catalog.is_known)
        lines = LineIndex(source)
        for finding in kept:
            line, column = lines.position(finding.start)
            found.add((str(file.resolve()), line, column, finding.rule))
    return Run(found, time.perf_counter() - started)


def agreement(vale: set[Key], ours: set[Key]) -> float:
    """Same (file, line, column, rule) over the union of both tools' alerts."""
    union = vale | ours
    return len(vale & ours) / len(union) if union else 1.0


def _excerpt(path: str, line: int, column: int) -> str:
    text = Path(path).read_text(encoding="utf-8").split("\n")
    row = text[line - 1] if 0 < line <= len(text) else ""
    return row[max(0, column - 31) : column + 40].replace("\t", " ")


def report(name: str, vale: Run, ours: Run, show: int, only: str | None = None) -> float:
    """Print one corpus's comparison; returns the agreement."""
    both = vale.alerts & ours.alerts
    score = agreement(vale.alerts, ours.alerts)
    print(f"\n== {name}: Vale {len(vale.alerts)}  proofer {len(ours.alerts)}  same {len(both)}  "
          f"agreement {score:.2%}")
    print(f"   time: Vale {vale.seconds:.1f}s  proofer {ours.seconds:.1f}s  "
          f"proofer/Vale {ours.seconds / vale.seconds if vale.seconds else 0:.2f}")
    only_vale = vale.alerts - ours.alerts
    only_ours = ours.alerts - vale.alerts
    per_rule_v = Counter(k[3] for k in only_vale)
    per_rule_o = Counter(k[3] for k in only_ours)
    per_rule_b = Counter(k[3] for k in both)
    rules = sorted(set(per_rule_v) | set(per_rule_o),
                   key=lambda r: (-(per_rule_v[r] + per_rule_o[r]), r))
    if rules:
        print(f"   {'rule':32} {'same':>6} {'only Vale':>10} {'only proofer':>13} {'agree':>7}")
    for rule in rules:
        total = per_rule_b[rule] + per_rule_v[rule] + per_rule_o[rule]
        print(f"   {rule:32} {per_rule_b[rule]:6} {per_rule_v[rule]:10} {per_rule_o[rule]:13} "
              f"{per_rule_b[rule] / total:7.1%}")
    if show:
        for label, items in (("only Vale", only_vale), ("only proofer", only_ours)):
            chosen = sorted(k for k in items if only is None or k[3] == only)
            for path, line, column, rule in chosen[:show]:
                print(f"   {label:12} {Path(path).name}:{line}:{column} {rule}  "
                      f"| {_excerpt(path, line, column)}")
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vale", help="Vale binary (default: $VALE, PATH, ~/go/bin/vale)")
    parser.add_argument("--shared", type=Path,
                        default=Path(os.environ.get("PROOFER_SHARED", DEFAULT_SHARED)))
    parser.add_argument("--styles-path", type=Path, help="default: SHARED/vale-styles")
    parser.add_argument("--styles", default=",".join(ALL_STYLES))
    parser.add_argument("--corpus", action="append", choices=sorted(CORPORA),
                        help="repeatable; default: every corpus")
    parser.add_argument("--files", nargs="+", type=Path, help="these files instead of corpora")
    parser.add_argument("--ini", type=Path, help="use this .vale.ini instead of writing one")
    parser.add_argument("--show", type=int, default=0, help="print N examples per side")
    parser.add_argument("--rule", help="with --show: examples of this rule only")
    parser.add_argument("--ignores", choices=("site", "none", "both"), default="both",
                        help="site: the corpus's template-syntax ignores in the .vale.ini")
    args = parser.parse_args(argv)
    vale = find_vale(args.vale)
    if vale is None:
        print("vale_compare: no Vale binary found (--vale, $VALE, PATH, ~/go/bin/vale); "
              "build one with `go install github.com/errata-ai/vale/v3/cmd/vale@v3.19.0`.")
        return 0
    sets: list[tuple[str, list[Path]]] = []
    if args.files:
        sets.append(("files", list(args.files)))
    else:
        for name in args.corpus or sorted(CORPORA):
            try:
                sets.append((name, CORPORA[name](args.shared)))
            except MissingData as exc:
                print(f"vale_compare: {name} skipped: {exc}")
    styles = [s.strip() for s in args.styles.split(",") if s.strip()]
    styles_path = args.styles_path or args.shared / "vale-styles"
    modes = {"both": ("site", "none"), "site": ("site",), "none": ("none",)}[args.ignores]
    print(f"Vale: {vale}  styles: {', '.join(styles) if not args.ini else args.ini}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, files in sets:
            for mode in modes if not args.ini else ("given",):
                ignores = SITE_IGNORES.get(name) if mode == "site" else None
                if mode == "site" and not ignores:
                    continue
                ini = args.ini or write_ini(Path(tmp) / name / mode, styles_path, styles,
                                            ignores)
                label = name if mode in ("none", "given") else f"{name} (site ignores)"
                report(label, vale_alerts(vale, ini, files), proofer_alerts(ini, files),
                       args.show, args.rule)
    return 0


if __name__ == "__main__":
    sys.exit(main())
