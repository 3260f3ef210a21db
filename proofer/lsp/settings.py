"""A workspace's configuration: its config files, with the editor's settings on top.

The editor's settings (initializationOptions, workspace/didChangeConfiguration or
workspace/configuration, section "proofer") take the keys of `[tool.proofer]` and are
validated by the same schema; tables (`severity`, `languagetool`, ...) merge key by key.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from proofer.config import (
    Config,
    ConfigError,
    find_config_files,
    from_mapping,
    load_config,
    validate,
)
from proofer.engines.style.valeini import find_vale_ini

SECTION = "proofer"
SETTINGS_ORIGIN = "editor settings (section 'proofer')"

Stamp = tuple[tuple[str, int, int], ...]


def editor_settings(raw: Any) -> dict[str, Any]:
    """The proofer settings in what a client sent: `{"proofer": {...}}` or the section itself."""
    if not isinstance(raw, Mapping):
        return {}
    inner = raw.get(SECTION, raw)
    return dict(inner) if isinstance(inner, Mapping) else {}


def workspace_config(root: Path, settings: Mapping[str, Any]) -> Config:
    """The configuration `proofer check` would use in `root`, with the editor's settings
    layered on top. Raises ConfigError naming the file (or the settings) and the key."""
    base = load_config(start=root)
    if not settings:
        return base
    validate(settings, SETTINGS_ORIGIN)
    merged: dict[str, Any] = dict(base.raw)
    for key, value in settings.items():
        current = merged.get(key)
        if isinstance(value, Mapping) and isinstance(current, Mapping):
            merged[key] = {**current, **value}
        else:
            merged[key] = value
    validate(merged, SETTINGS_ORIGIN)
    return from_mapping(merged, base.source)


def config_stamp(root: Path, config: Config | None) -> Stamp:
    """Sizes and times of every file the configuration comes from: a change means reload."""
    try:
        files = find_config_files(root)
    except ConfigError:
        files = []
    # The root's own files are watched even while absent: creating one is a change.
    watched = list(dict.fromkeys([root / ".proofer.toml", root / "pyproject.toml", *files]))
    ini = find_vale_ini(root)
    if ini is not None:
        watched.append(ini)
    if config is not None and config.vocabulary is not None:
        vocabulary = config.vocabulary
        watched.extend([vocabulary / "accept.txt", vocabulary / "reject.txt"]
                       if vocabulary.is_dir() else [vocabulary])
    stamp = []
    for path in watched:
        try:
            status = path.stat()
        except OSError:
            stamp.append((str(path), -1, -1))
            continue
        stamp.append((str(path), status.st_mtime_ns, status.st_size))
    return tuple(stamp)
