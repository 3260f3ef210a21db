"""Accuracy benchmark: JFLEG dev, CWEB dev, go-blog, general-prose and the labelled set.

    .venv/bin/python bench/accuracy.py [--engines spacy,languagetool] [--dump DIR]

Every data set goes through proofer's own pipeline in one batch (engines built once,
one `check_documents` call over many documents), and only what the product would report
at error or warning level, after policy and merge, counts as a finding.
"""

from __future__ import annotations

import argparse
import bisect
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
    CwebSentence,
    MissingData,
    load_cweb,
    load_general_prose,
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


def bench_corpus(
    name: str, posts: Sequence[Path], root: Path, check: Checker, dump: Path | None
) -> None:
    """Error/warning findings per 1,000 words on edited prose, and the rules behind them."""
    started = time.perf_counter()
    parser = build_parser()
    docs = [
        parse_markdown(p.relative_to(root).as_posix(), p.read_text(encoding="utf-8"), parser)
        for p in posts
    ]
    words = sum(_word_count(d) for d in docs)
    found = check(docs)
    total = sum(len(xs) for xs in found.values())
    spelling = sum(_is_spelling(x) for xs in found.values() for x in xs)
    elapsed = time.perf_counter() - started
    print(f"\n{name} ({len(docs)} files, {words:,} words)  [{elapsed:.1f}s]")
    print(f"  findings        {total}  = {1000 * total / max(words, 1):.2f} per 1,000 words")
    print(f"  spelling share  {spelling / max(total, 1):.2f}  ({spelling}/{total})")
    rules = Counter(x.rule for xs in found.values() for x in xs)
    for rule, n in rules.most_common(10):
        print(f"    {n:4d}  {rule}")
    if dump:
        _dump(dump / f"{name}-findings.txt", docs, found, "", want_findings=True)


def bench_go_blog(check: Checker, shared: Path, dump: Path | None) -> None:
    """False alarms on the go-blog corpus (edited technical prose)."""
    posts = load_go_blog(shared)
    bench_corpus("go-blog", posts, posts[0].parent, check, dump)


def bench_general_prose(check: Checker, shared: Path, dump: Path | None) -> None:
    """False alarms on the general-prose corpus (edited prose for general readers)."""
    root = shared / "corpora" / "general-prose"
    bench_corpus("general-prose", load_general_prose(shared), root, check, dump)


def _is_spelling(finding: Finding) -> bool:
    return finding.category == "typos"


@dataclass
class _CwebCounts:
    """Span- and sentence-level tallies, as ../shared/eval/cweb-dev/README.md defines them."""

    findings: int = 0
    true_findings: int = 0
    gold: int = 0
    gold_hit: int = 0
    edited: int = 0
    edited_flagged: int = 0
    clean: int = 0
    clean_flagged: int = 0
    clean_spelling: int = 0

    def add(self, sentence: CwebSentence, spans: list[tuple[int, int]], spelling: bool) -> None:
        def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
            return a[0] < b[1] and b[0] < a[1]

        if sentence.kind == "invisible":
            return
        self.findings += len(spans)
        self.true_findings += sum(any(overlaps(s, g) for g in sentence.gold) for s in spans)
        self.gold += len(sentence.gold)
        self.gold_hit += sum(any(overlaps(s, g) for s in spans) for g in sentence.gold)
        if sentence.kind == "edited":
            self.edited += 1
            self.edited_flagged += bool(spans)
        else:
            self.clean += 1
            self.clean_flagged += bool(spans)
            self.clean_spelling += spelling

    def __add__(self, other: _CwebCounts) -> _CwebCounts:
        fields = self.__dataclass_fields__
        return _CwebCounts(**{k: getattr(self, k) + getattr(other, k) for k in fields})

    def row(self, label: str) -> str:
        precision = self.true_findings / self.findings if self.findings else 0.0
        recall = self.gold_hit / self.gold if self.gold else 0.0
        f05 = 1.25 * precision * recall / (0.25 * precision + recall) if precision else 0.0
        return (
            f"  {label:<4} span P {precision:.3f} R {recall:.3f} F0.5 {f05:.3f}   "
            f"sentence recall {rate_of(self.edited_flagged, self.edited):.3f} "
            f"({self.edited_flagged}/{self.edited})   false-alarm "
            f"{rate_of(self.clean_flagged, self.clean):.3f} ({self.clean_flagged}/{self.clean}"
            f", spelling {self.clean_spelling})"
        )


def rate_of(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def bench_cweb(check: Checker, shared: Path, dump: Path | None) -> None:
    """Span-level and sentence-level detection on CWEB dev (both domains, pooled)."""
    started = time.perf_counter()
    domains = {d: load_cweb(shared, d) for d in ("G", "S")}
    docs = {
        d: parse_markdown(f"cweb_{d}.md", "\n\n".join(s.text for s in ss) + "\n")
        for d, ss in domains.items()
    }
    found = check(list(docs.values()))
    counts: dict[str, _CwebCounts] = {}
    alarm_rules: Counter[str] = Counter()
    alarm_lines: list[str] = []
    for domain, sentences in domains.items():
        starts, offset = [], 0
        for sentence in sentences:
            starts.append(offset)
            offset += len(sentence.text) + 2
        per_sentence: dict[int, list[Finding]] = {}
        for finding in found[f"cweb_{domain}.md"]:
            j = bisect.bisect_right(starts, finding.start) - 1
            per_sentence.setdefault(j, []).append(finding)
        tally = _CwebCounts()
        for j, sentence in enumerate(sentences):
            xs = per_sentence.get(j, [])
            length = len(sentence.text)
            spans = []
            for x in xs:
                lo = x.start - starts[j]
                hi = min(x.end - starts[j], length)
                spans.append((lo, max(hi, lo + 1)))
            tally.add(sentence, spans, any(_is_spelling(x) for x in xs))
            if sentence.kind == "clean" and xs:
                alarm_rules.update(x.rule for x in xs)
                for x, (lo, hi) in zip(xs, spans, strict=True):
                    alarm_lines.append(
                        f"{domain}:{j}\t{x.rule}\t{sentence.text[lo:hi]!r}\t"
                        f"{x.suggestions[:2]}\t{sentence.text}"
                    )
        counts[domain] = tally
    elapsed = time.perf_counter() - started
    total = counts["G"] + counts["S"]
    print(f"\nCWEB dev ({total.edited} edited, {total.clean} clean sentences)  [{elapsed:.1f}s]")
    print(total.row("all"))
    for domain, tally in counts.items():
        print(tally.row(domain))
    print("  false alarms by rule: "
          + ", ".join(f"{r} {n}" for r, n in alarm_rules.most_common(8)))
    if dump:
        dump.mkdir(parents=True, exist_ok=True)
        (dump / "cweb-false-alarms.txt").write_text("\n".join(alarm_lines) + "\n")


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
    parser.add_argument("--only", default="jfleg,cweb,go-blog,general-prose,labelled",
                        help="data sets to run (jfleg, cweb, go-blog, general-prose, labelled)")
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
        ("cweb", lambda: bench_cweb(runner.check, args.shared, args.dump)),
        ("go-blog", lambda: bench_go_blog(runner.check, args.shared, args.dump)),
        ("general-prose", lambda: bench_general_prose(runner.check, args.shared, args.dump)),
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
