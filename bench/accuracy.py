"""Accuracy benchmark: JFLEG dev, the go-blog corpus and the labelled sentences.

    .venv/bin/python bench/accuracy.py [--engines spacy,languagetool] [--dump DIR]

Every data set goes through proofer's own pipeline in one batch (engines built once,
one `check_documents` call over many documents), and only what the product would report
at error or warning level, after policy and merge, counts as a finding.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from datasets import (
    DEFAULT_SHARED,
    MissingData,
    load_go_blog,
    load_jfleg,
    load_labelled,
)
from metrics import f_beta, rate

from proofer.catalog import RuleCatalog
from proofer.config import Config, load_config
from proofer.document import Document
from proofer.engines.base import Engine
from proofer.engines.factory import EngineSetup, build_engines
from proofer.finding import Finding, Severity
from proofer.markup.markdown import build_parser, parse_markdown
from proofer.markup.plaintext import parse_plaintext
from proofer.pipeline import check_documents
from proofer.rulebook import load_rules
from proofer.textmap import SegmentKind

Checker = Callable[[list[Document]], dict[str, list[Finding]]]


@dataclass
class Runner:
    """Engines built once; `check` runs the pipeline over a batch of documents."""

    engines: list[Engine]
    config: Config
    catalog: RuleCatalog

    def check(self, documents: list[Document]) -> dict[str, list[Finding]]:
        """Error- and warning-level findings per document path."""
        result = check_documents(documents, self.engines, self.config, self.catalog)
        if result.engine_errors:
            raise SystemExit("engine error: " + "; ".join(result.engine_errors))
        return {
            f.path: [x for x in f.findings if x.severity.at_least(Severity.WARNING)]
            for f in result.files
        }


def _sentence_docs(prefix: str, sentences: Sequence[str]) -> list[Document]:
    return [parse_plaintext(f"{prefix}/{n}.txt", s) for n, s in enumerate(sentences)]


def _flagged(found: dict[str, list[Finding]], prefix: str, count: int) -> list[bool]:
    return [bool(found[f"{prefix}/{n}.txt"]) for n in range(count)]


def bench_jfleg(check: Checker, shared: Path, dump: Path | None) -> None:
    """Sentence-level recall, false-alarm rate and F0.5 on JFLEG dev."""
    data = load_jfleg(shared)
    started = time.perf_counter()
    src_idx, ref_idx = data.erroneous, data.corrections
    docs = _sentence_docs("src", [data.sources[i] for i in src_idx])
    docs += _sentence_docs("ref0", [data.ref0[i] for i in ref_idx])
    found = check(docs)
    hits = _flagged(found, "src", len(src_idx))
    alarms = _flagged(found, "ref0", len(ref_idx))
    recall, false_alarm = rate(hits), rate(alarms)
    elapsed = time.perf_counter() - started
    print(f"\nJFLEG dev ({len(src_idx)} erroneous sources, {len(ref_idx)} ref0 corrections)"
          f"  [{elapsed:.1f}s]")
    print(f"  recall          {recall:.3f}  ({sum(hits)}/{len(hits)})")
    print(f"  false-alarm     {false_alarm:.3f}  ({sum(alarms)}/{len(alarms)})")
    print(f"  F0.5            {f_beta(recall, false_alarm, len(hits), len(alarms)):.3f}")
    rules = Counter(x.rule for path, xs in found.items() if path.startswith("ref0/") for x in xs)
    print("  false alarms by rule: " + ", ".join(f"{r} {n}" for r, n in rules.most_common(8)))
    rules = Counter(x.rule for path, xs in found.items() if path.startswith("src/") for x in xs)
    print("  source hits by rule:  " + ", ".join(f"{r} {n}" for r, n in rules.most_common(8)))
    if dump:
        _dump(dump / "jfleg-false-alarms.txt", docs, found, "ref0/", want_findings=True)
        _dump(dump / "jfleg-misses.txt", docs, found, "src/", want_findings=False)
        _dump(dump / "jfleg-hits.txt", docs, found, "src/", want_findings=True)


def bench_go_blog(check: Checker, shared: Path, dump: Path | None) -> None:
    """Error/warning findings per 1,000 words on edited prose, and the rules behind them."""
    posts = load_go_blog(shared)
    started = time.perf_counter()
    parser = build_parser()
    docs = [parse_markdown(p.name, p.read_text(encoding="utf-8"), parser) for p in posts]
    words = sum(_word_count(d) for d in docs)
    found = check(docs)
    total = sum(len(xs) for xs in found.values())
    elapsed = time.perf_counter() - started
    print(f"\ngo-blog ({len(docs)} posts, {words:,} words)  [{elapsed:.1f}s]")
    print(f"  findings        {total}  = {1000 * total / max(words, 1):.2f} per 1,000 words")
    rules = Counter(x.rule for xs in found.values() for x in xs)
    for rule, n in rules.most_common(10):
        print(f"    {n:4d}  {rule}")
    if dump:
        _dump(dump / "go-blog-findings.txt", docs, found, "", want_findings=True)


def bench_labelled(check: Checker, dump: Path | None) -> None:
    """Recall per error class on the labelled bad sentences; false alarms on the good ones."""
    pairs = load_labelled()
    started = time.perf_counter()
    docs = _sentence_docs("bad", [p.bad for p in pairs])
    docs += _sentence_docs("good", [p.good for p in pairs])
    found = check(docs)
    hits = _flagged(found, "bad", len(pairs))
    alarms = _flagged(found, "good", len(pairs))
    elapsed = time.perf_counter() - started
    print(f"\nLabelled sentences ({len(pairs)} pairs)  [{elapsed:.1f}s]")
    print(f"  {'class':<26} {'recall':>8} {'false alarms':>13}")
    for error_class in dict.fromkeys(p.error_class for p in pairs):
        idx = [i for i, p in enumerate(pairs) if p.error_class == error_class]
        got = sum(hits[i] for i in idx)
        bad_alarms = sum(alarms[i] for i in idx)
        print(f"  {error_class:<26} {got / len(idx):8.2f} {bad_alarms:>6}/{len(idx):<6}")
    print(f"  {'all':<26} {rate(hits):8.2f} {sum(alarms):>6}/{len(pairs):<6}")
    if dump:
        _dump(dump / "labelled-misses.txt", docs, found, "bad/", want_findings=False)
        _dump(dump / "labelled-false-alarms.txt", docs, found, "good/", want_findings=True)


def _word_count(document: Document) -> int:
    text = document.textmap.text
    for seg in document.textmap.segments:
        if seg.kind is SegmentKind.PLACEHOLDER:
            text = text[: seg.text_start] + " " * (seg.text_end - seg.text_start) + text[
                seg.text_end :
            ]
    return len(text.split())


def _dump(
    path: Path,
    docs: list[Document],
    found: dict[str, list[Finding]],
    prefix: str,
    want_findings: bool,
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for doc in docs:
        if not doc.path.startswith(prefix) or bool(found[doc.path]) != want_findings:
            continue
        if not want_findings:
            lines.append(doc.source.strip())
            continue
        for x in found[doc.path]:
            start = max(0, x.start - 40)
            context = doc.source[start : x.end + 40].replace("\n", " ")
            lines.append(
                f"{doc.path}\t{x.rule}\t{doc.source[x.start:x.end]!r}\t{x.suggestions[:2]}\t{context}"
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", help="comma-separated engines (default: the config's)")
    parser.add_argument("--config", type=Path, help="use this proofer config file")
    parser.add_argument("--shared", type=Path,
                        default=Path(os.environ.get("PROOFER_SHARED", DEFAULT_SHARED)))
    parser.add_argument("--only", default="jfleg,go-blog,labelled",
                        help="data sets to run (jfleg, go-blog, labelled)")
    parser.add_argument("--languagetool-url", default=os.environ.get("PROOFER_LANGUAGETOOL_URL"))
    parser.add_argument("--dump", type=Path, help="write hits, misses and false alarms here")
    args = parser.parse_args(argv)

    config = load_config(args.config) if args.config else Config()
    if args.engines:
        config = replace(config, engines=tuple(e.strip() for e in args.engines.split(",")))
    catalog = RuleCatalog.from_rules(load_rules())
    started = time.perf_counter()
    setup = EngineSetup(config, catalog, {"languagetool_url": args.languagetool_url})
    engines, errors = build_engines(config.engines, setup)
    if errors:
        print("cannot build engines: " + "; ".join(errors), file=sys.stderr)
        return 3
    runner = Runner(engines, config, catalog)
    print(f"engines: {', '.join(config.engines)}  (built in {time.perf_counter() - started:.1f}s)")
    wanted = {s.strip() for s in args.only.split(",")}
    benches: list[tuple[str, Callable[[], None]]] = [
        ("jfleg", lambda: bench_jfleg(runner.check, args.shared, args.dump)),
        ("go-blog", lambda: bench_go_blog(runner.check, args.shared, args.dump)),
        ("labelled", lambda: bench_labelled(runner.check, args.dump)),
    ]
    try:
        for name, bench in benches:
            if name not in wanted:
                continue
            try:
                bench()
            except MissingData as exc:
                print(f"\n{name}: skipped: {exc}")
    finally:
        for engine in engines:
            engine.close()
    print(f"\ntotal time {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
