"""Vocabularies: accepted terms (never a misspelling, exempt from style rules) and
rejected terms (flagged, with a preferred form when one is known).

Two layouts are read: Vale's (`StylesPath/config/vocabularies/NAME/accept.txt` and
`reject.txt`, or the older `StylesPath/Vocab/NAME/`) and proofer's `vocabulary` key, a
directory with the same two files or a single file of accepted terms. Each line is a
term or a Vale regex; `#` starts a comment line. proofer extension: a reject line
`term => preferred` names the preferred form.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import regex

from proofer.config import Config
from proofer.engines.base import EngineConfigError
from proofer.engines.style.regex_dialect import ValePattern, ValeRegexError, compile_vale
from proofer.engines.style.valeini import ValeConfigError, find_vale_ini, read_vale_ini

_ARROW = " => "


@dataclass(frozen=True)
class Vocabulary:
    accept: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()
    preferred: tuple[tuple[str, str], ...] = ()

    def __or__(self, other: Vocabulary) -> Vocabulary:
        def union(a: Iterable[str], b: Iterable[str]) -> tuple[str, ...]:
            return tuple(dict.fromkeys([*a, *b]))

        return Vocabulary(
            union(self.accept, other.accept),
            union(self.reject, other.reject),
            tuple(dict.fromkeys([*self.preferred, *other.preferred])),
        )

    @cached_property
    def _accept_patterns(self) -> list[ValePattern]:
        patterns = []
        for term in self.accept:
            try:
                patterns.append(compile_vale(term))
            except ValeRegexError:
                patterns.append(compile_vale(regex.escape(term)))
        return patterns

    def is_accepted(self, word: str) -> bool:
        """True when the whole word matches an accepted term (an accepted spelling)."""
        return any(p.fullmatch(word) for p in self._accept_patterns)

    def preferred_for(self, observed: str) -> str | None:
        """The preferred form of a rejected term: named with `=>`, or an accepted term
        equal to it apart from case."""
        for rejected, preferred in self.preferred:
            try:
                if compile_vale(rejected).fullmatch(observed):
                    return preferred
            except ValeRegexError:
                continue
        for accepted in self.accept:
            if accepted.lower() == observed.lower() and accepted != observed:
                return accepted
        return None


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EngineConfigError(str(path), f"cannot read the vocabulary: {exc}") from None
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def read_vocabulary_dir(directory: Path) -> Vocabulary:
    """accept.txt and reject.txt in one directory."""
    reject, preferred = [], []
    for line in _lines(directory / "reject.txt"):
        term, arrow, better = line.partition(_ARROW)
        reject.append(term.strip())
        if arrow and better.strip():
            preferred.append((term.strip(), better.strip()))
    return Vocabulary(tuple(_lines(directory / "accept.txt")), tuple(reject), tuple(preferred))


def vale_vocabulary(styles_path: Path | None, names: Iterable[str]) -> Vocabulary:
    """The named Vale vocabularies under StylesPath (new and old layouts)."""
    vocab = Vocabulary()
    if styles_path is None:
        return vocab
    for name in names:
        new, old = styles_path / "config" / "vocabularies" / name, styles_path / "Vocab" / name
        for directory in (new, old):
            if directory.is_dir():
                vocab = vocab | read_vocabulary_dir(directory)
    return vocab


def config_vocabulary(config: Config) -> Vocabulary:
    """proofer's `vocabulary` key: a directory (accept.txt/reject.txt) or a file of terms."""
    path = config.vocabulary
    if path is None:
        return Vocabulary()
    if path.is_dir():
        return read_vocabulary_dir(path)
    return Vocabulary(accept=tuple(_lines(path)))


def vale_ini_for(path: str | Path, config: Config) -> Path | None:
    """The .vale.ini that applies to a document: `vale-config` in proofer's config (a path,
    or false to ignore Vale's), else the nearest one upward from the document."""
    setting = config.raw.get("vale-config")
    if setting is False:
        return None
    if isinstance(setting, str):
        base = config.source.parent if config.source else Path.cwd()
        return base / setting
    document = Path(path)
    start = document.resolve().parent if document.name not in ("-", "<stdin>") else Path.cwd()
    return find_vale_ini(start)


def vocabulary_for(path: str | Path, config: Config) -> Vocabulary:
    """Every vocabulary in force for a document: proofer's plus its .vale.ini's Vocab."""
    vocab = config_vocabulary(config)
    ini = vale_ini_for(path, config)
    if ini is not None and ini.is_file():
        try:
            vale = read_vale_ini(ini)
        except ValeConfigError:
            return vocab
        vocab = vocab | vale_vocabulary(vale.styles_path, vale.vocab)
    return vocab


def accepted_terms(path: str | Path, config: Config) -> tuple[str, ...]:
    """Accepted terms (plain words or Vale regexes) for a document: for spell checkers."""
    return vocabulary_for(path, config).accept
