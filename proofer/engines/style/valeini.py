"""Reading `.vale.ini`: StylesPath, MinAlertLevel, Vocab and glob sections."""

from __future__ import annotations

import configparser
import fnmatch
from dataclasses import dataclass, field
from pathlib import Path

import regex

from proofer.finding import Severity

INI_NAMES = (".vale.ini", "_vale.ini", ".vale")
_BRACES = regex.compile(r"\{([^{}]*)\}")
_LEVELS = ("suggestion", "warning", "error")


class ValeConfigError(ValueError):
    """The .vale.ini cannot be read; the message names the file."""


@dataclass(frozen=True)
class ValeSection:
    glob: str
    based_on: tuple[str, ...] = ()
    rules: tuple[tuple[str, str], ...] = ()
    token_ignores: tuple[str, ...] = ()
    block_ignores: tuple[str, ...] = ()


@dataclass(frozen=True)
class FileSettings:
    """What a .vale.ini says for one file."""

    styles: tuple[str, ...] = ()
    rule_levels: dict[str, str] = field(default_factory=dict)
    min_level: Severity = Severity.SUGGESTION
    key: tuple[str, ...] = ()
    token_ignores: tuple[str, ...] = ()
    block_ignores: tuple[str, ...] = ()


@dataclass(frozen=True)
class ValeConfig:
    path: Path
    styles_path: Path | None
    min_level: Severity
    vocab: tuple[str, ...]
    sections: tuple[ValeSection, ...]

    def for_file(self, file: Path) -> FileSettings:
        """Styles and rule levels of every section whose glob matches `file`, in order."""
        styles: list[str] = []
        levels: dict[str, str] = {}
        ignores: list[str] = []
        block_ignores: list[str] = []
        matched = []
        for section in self.sections:
            if not glob_matches(section.glob, file):
                continue
            matched.append(section.glob)
            styles.extend(s for s in section.based_on if s not in styles)
            ignores.extend(section.token_ignores)
            block_ignores.extend(section.block_ignores)
            for rule, value in section.rules:
                levels[rule] = value
        return FileSettings(
            tuple(styles), levels, self.min_level, tuple(matched), tuple(ignores),
            tuple(block_ignores),
        )


def expand_braces(glob: str) -> list[str]:
    """`*.{md,txt}` -> [`*.md`, `*.txt`] (nested braces expand too)."""
    match = _BRACES.search(glob)
    if not match:
        return [glob]
    head, tail = glob[: match.start()], glob[match.end() :]
    return [g for option in match.group(1).split(",") for g in expand_braces(head + option + tail)]


def glob_matches(glob: str, file: Path) -> bool:
    """Vale-style glob: `*` crosses directories; tried on the full path and the name."""
    candidates = (file.as_posix(), file.name)
    return any(
        fnmatch.fnmatchcase(c, g) or fnmatch.fnmatchcase(c, "*/" + g)
        for g in expand_braces(glob.strip())
        for c in candidates
    )


def find_vale_ini(start: Path) -> Path | None:
    """The nearest .vale.ini (or _vale.ini, .vale) upward from `start`."""
    directory = start if start.is_dir() else start.parent
    for folder in [directory, *directory.parents]:
        for name in INI_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def split_patterns(value: str) -> tuple[str, ...]:
    """TokenIgnores, BlockIgnores: comma-separated patterns; commas inside () [] {} belong
    to a pattern."""
    parts, depth, current, escaped = [], 0, [], False
    for char in value:
        if escaped:
            current.append(char)
            escaped = False
            continue
        if char == "\\":
            escaped = True
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(char)
    parts.append("".join(current).strip())
    return tuple(p for p in parts if p)


def read_vale_ini(path: Path) -> ValeConfig:
    """Parse a .vale.ini; keys before the first section are the core settings."""
    parser = configparser.ConfigParser(
        interpolation=None, strict=False, delimiters=("=",), comment_prefixes=("#", ";"),
        inline_comment_prefixes=None, default_section="\0none",
    )
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    try:
        parser.read_string("[\0core]\n" + path.read_text(encoding="utf-8"), str(path))
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        raise ValeConfigError(f"{path}: cannot read: {exc}") from None
    core = parser["\0core"]
    styles_path = core.get("StylesPath")
    level = core.get("MinAlertLevel", "suggestion").strip().lower()
    if level not in _LEVELS:
        raise ValeConfigError(f"{path}: MinAlertLevel must be one of {', '.join(_LEVELS)}")
    sections = []
    for name in parser.sections():
        if name == "\0core":
            continue
        items = parser[name]
        rules = tuple(
            (key, value.strip())
            for key, value in items.items()
            if "." in key and key[0].isalpha() and not key.startswith("BlockIgnores")
        )
        sections.append(
            ValeSection(
                name,
                _split(items.get("BasedOnStyles", "")),
                rules,
                split_patterns(items.get("TokenIgnores", "")),
                split_patterns(items.get("BlockIgnores", "")),
            )
        )
    return ValeConfig(
        path=path,
        styles_path=(path.parent / styles_path.strip()) if styles_path else None,
        min_level=Severity(level),
        vocab=_split(core.get("Vocab", "")),
        sections=tuple(sections),
    )
