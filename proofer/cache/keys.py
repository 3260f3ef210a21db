"""Cache keys: stable digests of everything a result depends on.

A key is a digest of canonical JSON (sorted keys, dataclasses as their fields), so it is
the same in every process and under every PYTHONHASHSEED. proofer's own code and rule
data are part of every key through `code_fingerprint`: a result computed by other code
or other rules is never reused, released version or not.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from proofer import __version__


def _plain(value: Any) -> Any:
    """JSON-ready data for a value (dataclasses, enums, paths, sets, mappings)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v) for v in value), key=repr)
    if isinstance(value, Path):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


def digest(*parts: Any) -> str:
    """A short stable hex digest of `parts`."""
    text = json.dumps(_plain(parts), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=20).hexdigest()


def _tree_digest(root: Path, patterns: tuple[str, ...]) -> str:
    hasher = hashlib.blake2b(digest_size=20)
    for pattern in patterns:
        for path in sorted(root.rglob(pattern)):
            if "__pycache__" in path.parts:
                continue
            hasher.update(path.relative_to(root).as_posix().encode("utf-8"))
            hasher.update(b"\0")
            hasher.update(path.read_bytes())
            hasher.update(b"\0")
    return hasher.hexdigest()


@cache
def code_fingerprint() -> str:
    """proofer's version, the digest of its source files and of its rule data."""
    from proofer.rulebook import rules_dir

    package = Path(__file__).resolve().parent.parent
    return digest(
        __version__,
        _tree_digest(package, ("*.py", "*.json", "*.xml")),
        _tree_digest(rules_dir(), ("*.yaml", "*.yml", "*.txt")),
    )
