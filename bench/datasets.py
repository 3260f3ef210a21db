"""Loading the benchmark data sets: JFLEG dev, the go-blog corpus, the labelled sentences."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO_ROOT.parent / "shared"
LABELLED_PATH = REPO_ROOT / "tests" / "data" / "labelled_sentences.yaml"


class MissingData(Exception):
    """A data set is absent; the message says where it was looked for."""


@dataclass(frozen=True)
class Jfleg:
    """JFLEG dev: source sentences, which are erroneous, and the ref0 corrections to test."""

    sources: list[str]
    erroneous: list[int]  # indices of sources at least 3 of 4 references change
    corrections: list[int]  # indices whose ref0 differs from the source
    ref0: list[str]


@dataclass(frozen=True)
class LabelledPair:
    """One labelled sentence with an error of `error_class` and its corrected counterpart."""

    error_class: str
    bad: str
    good: str


def load_jfleg(shared: Path) -> Jfleg:
    """The detokenized JFLEG dev split, as the folder's README describes it."""
    folder = shared / "eval" / "jfleg-dev" / "detokenized"
    if not (folder / "dev.src").is_file():
        raise MissingData(f"JFLEG dev not found at {folder}")
    sources = _lines(folder / "dev.src")
    refs = [_lines(folder / f"dev.ref{n}") for n in range(4)]
    if any(len(ref) != len(sources) for ref in refs):
        raise MissingData(f"JFLEG files in {folder} are not line-aligned")
    erroneous = [
        i for i, src in enumerate(sources) if sum(ref[i] != src for ref in refs) >= 3
    ]
    corrections = [i for i, src in enumerate(sources) if refs[0][i] != src]
    return Jfleg(sources, erroneous, corrections, refs[0])


def load_go_blog(shared: Path) -> list[Path]:
    """The Markdown posts of the go-blog corpus (edited prose)."""
    folder = shared / "corpora" / "go-blog" / "posts"
    posts = sorted(folder.glob("*.md")) if folder.is_dir() else []
    if not posts:
        raise MissingData(f"go-blog posts not found at {folder}")
    return posts


def load_labelled(path: Path = LABELLED_PATH) -> list[LabelledPair]:
    """The project's own labelled sentences: per class, bad sentences and their fixes."""
    if not path.is_file():
        raise MissingData(f"labelled sentences not found at {path}")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    pairs = []
    for error_class, items in data["classes"].items():
        for item in items["pairs"]:
            pairs.append(LabelledPair(error_class, item["bad"], item["good"]))
    return pairs


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n")


GENERAL_PROSE_GLOBS = ("opensource.guide/**/*.md", "18F-guides/**/*.md")


def load_general_prose(shared: Path) -> list[Path]:
    """The general-prose corpus: exactly the two sources' Markdown files (not _licenses/)."""
    folder = shared / "corpora" / "general-prose"
    files = sorted(p for pattern in GENERAL_PROSE_GLOBS for p in folder.glob(pattern))
    if not files:
        raise MissingData(f"general-prose corpus not found at {folder}")
    return files


@dataclass(frozen=True)
class CwebSentence:
    """One CWEB line: its text, class (edited, clean or invisible) and gold character spans."""

    text: str
    kind: str  # "edited", "clean" or "invisible"
    gold: frozenset[tuple[int, int]]


def load_cweb(shared: Path, domain: str) -> list[CwebSentence]:
    """CWEB dev for one domain (G or S), classified as the folder's README defines it."""
    folder = shared / "eval" / "cweb-dev" / "data"
    source = folder / "raw" / f"CWEB-{domain}.dev.source"
    if not source.is_file():
        raise MissingData(f"CWEB dev not found at {folder}")
    lines = _lines(source)
    ann = [_lines(folder / "raw" / f"CWEB-{domain}.dev.ann{n}") for n in (1, 2)]
    blocks = (folder / "m2" / f"CWEB-{domain}.dev.m2").read_text(encoding="utf-8").strip()
    m2 = blocks.split("\n\n")
    if len(m2) != len(lines) or any(len(a) != len(lines) for a in ann):
        raise MissingData(f"CWEB {domain} files in {folder} are not aligned")
    sentences = []
    for i, (text, block) in enumerate(zip(lines, m2, strict=True)):
        head, *edits = block.split("\n")
        spans = _token_spans(text, head.removeprefix("S ").split(" "))
        gold: set[tuple[int, int]] = set()
        for edit in edits:
            fields = edit.removeprefix("A ").split("|||")
            if fields[1] == "noop":
                continue
            start, end = (int(x) for x in fields[0].split())
            gold.add(_gold_span(spans, start, end))
        if gold:
            kind = "edited"
        elif all(a[i] == text for a in ann):
            kind = "clean"
        else:
            kind = "invisible"
        sentences.append(CwebSentence(text, kind, frozenset(gold)))
    return sentences


def _token_spans(text: str, tokens: list[str]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for token in tokens:
        while text[pos].isspace():
            pos += 1
        if text[pos : pos + len(token)] != token:
            raise MissingData(f"CWEB token {token!r} does not match its line at {pos}")
        spans.append((pos, pos + len(token)))
        pos += len(token)
    return spans


def _gold_span(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    if start < end:
        return spans[start][0], spans[end - 1][1]
    before = min(max(start - 1, 0), len(spans) - 1)
    after = min(start, len(spans) - 1)
    return spans[before][0], spans[after][1]
