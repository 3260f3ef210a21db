"""Compare proofer's style engine with the real Vale on the same styles and drafts.

Usage: .venv/bin/python bench/vale_compare.py [--vale PATH] [--ini .vale.ini] FILE...

Runs `vale --output=JSON` and proofer's style engine (Vale styles only, no built-in
rules, no merging of overlaps, inline comments applied) and compares the alerts as
(file, line, column, rule id). Prints the agreement and every difference. Needs a Vale
binary; not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

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


def vale_alerts(vale: str, ini: Path, files: list[Path]) -> set[Key]:
    """Vale's alerts: its Span is [first, last] 1-based columns."""
    run = subprocess.run(
        [vale, "--config", str(ini), "--output=JSON", *map(str, files)],
        capture_output=True, text=True, check=False,
    )
    data = json.loads(run.stdout or "{}")
    return {
        (str(Path(path).resolve()), a["Line"], a["Span"][0], a["Check"])
        for path, alerts in data.items()
        for a in alerts
    }


def proofer_alerts(ini: Path, files: list[Path]) -> set[Key]:
    """proofer's style-engine findings with Vale's rule ids, before merging."""
    nlp = load_pipeline()
    catalog = RuleCatalog()
    engine = StyleEngine(Config(raw={"vale-config": str(ini.resolve())}), catalog, [], lambda: nlp)
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
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vale", default="vale")
    parser.add_argument("--ini", type=Path, default=Path("tests/fixtures/vale/.vale.ini"))
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    vale = vale_alerts(args.vale, args.ini, args.files)
    ours = proofer_alerts(args.ini, args.files)
    both = vale & ours
    union = vale | ours
    print(f"Vale alerts: {len(vale)}  proofer: {len(ours)}  same (line, column, rule): "
          f"{len(both)}  agreement: {len(both) / len(union) if union else 1:.1%}")
    for label, items in (("only Vale", vale - ours), ("only proofer", ours - vale)):
        for path, line, column, rule in sorted(items):
            print(f"  {label:12} {Path(path).name}:{line}:{column} {rule}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
