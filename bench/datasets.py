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
