"""Configuration: [tool.proofer] in pyproject.toml or .proofer.toml, found upward.

Layering, most important last: built-in defaults, .proofer.toml, pyproject.toml's
[tool.proofer] (both from the nearest directory that has either), then CLI options.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_ENGINES: tuple[str, ...] = ("spacy", "languagetool", "style")
_SCHEMA_PATH = Path(__file__).parent / "schemas" / "config.schema.json"


class ConfigError(Exception):
    """A configuration file is invalid; the message names the file and the key."""


@dataclass(frozen=True)
class Override:
    """Settings for files matching `paths` globs."""

    paths: tuple[str, ...]
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    language: str = "en-US"
    fail_level: str = "error"
    min_level: str = "suggestion"
    engines: tuple[str, ...] = DEFAULT_ENGINES
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_file_size: int = 5 * 1024 * 1024
    vocabulary: Path | None = None
    languagetool: Mapping[str, Any] = field(default_factory=dict)
    overrides: tuple[Override, ...] = ()
    source: Path | None = None
    raw: Mapping[str, Any] = field(default_factory=dict)
    # Which file (label) set each top-level key, for messages that name file and key.
    origins: Mapping[str, str] = field(default_factory=dict)


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(_SCHEMA_PATH.read_text(encoding="utf-8")))


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def validate(data: Mapping[str, Any], origin: str) -> None:
    """Raise ConfigError naming the first invalid or unknown key."""
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if not errors:
        return
    error = errors[0]
    key = ".".join(str(p) for p in error.absolute_path)
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        unknown = ".".join(p for p in (key, extra[0] if extra else "") if p)
        raise ConfigError(f"{origin}: unknown key '{unknown}'")
    raise ConfigError(f"{origin}: key '{key or '(top level)'}': {error.message}")


def _tool_table(data: dict[str, Any]) -> dict[str, Any] | None:
    tool = data.get("tool", {})
    section = tool.get("proofer") if isinstance(tool, dict) else None
    return section if isinstance(section, dict) else None


def _section(path: Path) -> dict[str, Any] | None:
    """The proofer table of a file: [tool.proofer] in pyproject.toml; in .proofer.toml the
    top level, or a [tool.proofer] table (as in pyproject.toml) when that is all it has."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        return _tool_table(data)
    section = _tool_table(data)
    if section is None:
        return data
    if set(data) != {"tool"} or set(data["tool"]) != {"proofer"}:
        raise ConfigError(
            f"{path}: use either top-level keys or one [tool.proofer] table, not both"
        )
    return section


def find_config_files(start: Path) -> list[Path]:
    """Config files of the nearest directory (upward from `start`) that has any."""
    for directory in [start, *start.parents]:
        found = []
        dotfile = directory / ".proofer.toml"
        if dotfile.is_file():
            found.append(dotfile)
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _section(pyproject) is not None:
            found.append(pyproject)
        if found:
            return found
    return []


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    """Load, validate and layer the configuration."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: config file not found")
        files = [explicit]
    else:
        files = find_config_files((start or Path.cwd()).resolve())
    merged: dict[str, Any] = {}
    origins: dict[str, str] = {}
    origin: Path | None = None
    for path in files:
        section = _section(path)
        if section is None:
            if explicit is not None:
                raise ConfigError(f"{path}: has no [tool.proofer] table")
            continue
        label = f"{path} [tool.proofer]" if path.name == "pyproject.toml" else str(path)
        validate(section, label)
        merged.update(section)
        origins.update(dict.fromkeys(section, label))
        origin = path
    return from_mapping(merged, origin, origins)


def from_mapping(
    data: Mapping[str, Any], origin: Path | None = None, origins: Mapping[str, str] | None = None
) -> Config:
    """Build a Config from validated data; relative paths resolve against its file."""
    base = origin.parent if origin else Path.cwd()
    vocabulary = data.get("vocabulary")
    return Config(
        language=data.get("language", "en-US"),
        fail_level=data.get("fail-level", "error"),
        min_level=data.get("min-level", "suggestion"),
        engines=tuple(data.get("engines", DEFAULT_ENGINES)),
        select=tuple(data.get("select", ())),
        ignore=tuple(data.get("ignore", ())),
        severity=dict(data.get("severity", {})),
        include=tuple(data.get("include", ())),
        exclude=tuple(data.get("exclude", ())),
        max_file_size=int(data.get("max-file-size", 5 * 1024 * 1024)),
        vocabulary=(base / vocabulary) if vocabulary else None,
        languagetool=dict(data.get("languagetool", {})),
        overrides=tuple(
            Override(
                paths=tuple(o["paths"]),
                select=tuple(o.get("select", ())),
                ignore=tuple(o.get("ignore", ())),
                severity=dict(o.get("severity", {})),
            )
            for o in data.get("overrides", ())
        ),
        source=origin,
        raw=dict(data),
        origins=dict(origins or dict.fromkeys(data, str(origin) if origin else "config")),
    )
