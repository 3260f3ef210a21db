"""The "Add 'word' to the project vocabulary" action: one line in the vocabulary file.

The file is the one the `vocabulary` key names (its accept.txt when it is a directory).
Without the key, `proofer-vocabulary.txt` is created next to the configuration file (the
workspace's `.proofer.toml`, created too when there is none) and the key is added to it.
Every file is replaced atomically: a crash leaves the old file or the new one, never half.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import tomlkit
from tomlkit.items import Table

from proofer import atomic
from proofer.config import Config

DEFAULT_VOCABULARY = "proofer-vocabulary.txt"
DEFAULT_CONFIG = ".proofer.toml"
# Vocabulary lines are Vale (RE2) regexes: these characters are escaped in a plain word.
_REGEX_SPECIAL = frozenset("\\.+*?()|[]{}^$")


class VocabularyError(Exception):
    """The vocabulary or the configuration file could not be written."""


@dataclass(frozen=True)
class VocabularyEdit:
    word: str
    vocabulary: Path
    added: bool  # False when the word was already there
    config_file: Path | None = None  # set when the `vocabulary` key was added to it


def vocabulary_entry(word: str) -> str:
    """The line that accepts exactly `word`."""
    return "".join(f"\\{c}" if c in _REGEX_SPECIAL else c for c in word)


def add_word(word: str, config: Config, root: Path) -> VocabularyEdit:
    """Accept `word` in the project's vocabulary (see module docstring)."""
    word = word.strip()
    if not word or "\n" in word:
        raise VocabularyError(f"not a word: {word!r}")
    config_file: Path | None = None
    target = config.vocabulary
    if target is None:
        config_file = config.source or root / DEFAULT_CONFIG
        target = config_file.parent / DEFAULT_VOCABULARY
    if target.is_dir():
        target = target / "accept.txt"
    added = _append_line(target, vocabulary_entry(word))
    if config_file is not None:
        _add_vocabulary_key(config_file, DEFAULT_VOCABULARY)
    return VocabularyEdit(word, target, added, config_file)


def _append_line(path: Path, line: str) -> bool:
    try:
        # Bytes, not read_text: universal newlines would hide the file's own line ends.
        old = path.read_bytes().decode("utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise VocabularyError(f"cannot read {path}: {exc}") from None
    if line in (existing.strip() for existing in old.splitlines()):
        return False
    newline = "\r\n" if "\r\n" in old else "\n"
    if old and not old.endswith(("\n", "\r")):
        old += newline
    write_atomically(path, old + line + newline)
    return True


def _add_vocabulary_key(config_file: Path, value: str) -> None:
    """Set `vocabulary` in .proofer.toml (top level, or its [tool.proofer] table) or
    pyproject.toml ([tool.proofer]), keeping the rest of the file as it was."""
    try:
        text = config_file.read_text(encoding="utf-8") if config_file.exists() else ""
        document = tomlkit.parse(text)
    except (OSError, UnicodeDecodeError, tomlkit.exceptions.ParseError) as exc:
        raise VocabularyError(f"cannot update {config_file}: {exc}") from None
    # .proofer.toml may hold its keys in a [tool.proofer] table, as pyproject.toml does.
    if config_file.name == "pyproject.toml" or isinstance(document.get("tool"), Table):
        tool = document.get("tool")
        if not isinstance(tool, Table):
            tool = tomlkit.table(is_super_table=True)
            document["tool"] = tool
        section = tool.get("proofer")
        if not isinstance(section, Table):
            section = tomlkit.table()
            tool["proofer"] = section
        section["vocabulary"] = value
    else:
        document["vocabulary"] = value
    write_atomically(config_file, tomlkit.dumps(document))


def write_atomically(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` atomically; raises VocabularyError naming it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_atomically(path, text.encode("utf-8"))
    except OSError as exc:
        raise VocabularyError(f"cannot write {path}: {exc.strerror or exc}") from None
