"""Front-matter string values (`title`, `summary`, `description`...) as source spans.

Vale lints every top-level string value of a YAML or TOML front matter with its `text`
rules (scope `text.frontmatter.KEY`). Values are located on their key's line; a value
that is not written verbatim on one line (a folded block, an escaped quote) is left out
rather than guessed.
"""

from __future__ import annotations

import sys
from typing import Any

import yaml

from proofer.document import MetaText

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class _StringLoader(yaml.SafeLoader):
    """YAML as Vale reads it (Go's yaml.v2): timestamps stay strings."""


_StringLoader.yaml_implicit_resolvers = {
    key: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _values(content: str, toml: bool) -> dict[str, Any]:
    try:
        data = tomllib.loads(content) if toml else yaml.load(content, Loader=_StringLoader)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def front_matter_texts(source: str, start: int, end: int, toml: bool = False) -> list[MetaText]:
    """Spans of the top-level string values of the front matter at source[start:end]
    (its content, without the `---` or `+++` fences), in source order."""
    found: list[MetaText] = []
    for key, value in _values(source[start:end], toml).items():
        if not isinstance(value, str) or not value.strip() or "\n" in value.strip():
            continue
        span = _locate(source, start, end, str(key), value.strip())
        if span is not None:
            found.append(MetaText(f"frontmatter.{key}", *span))
    return sorted(found, key=lambda m: m.start)


def _locate(source: str, start: int, end: int, key: str, value: str) -> tuple[int, int] | None:
    """The value on its key's line (`key: value`, `key = "value"`)."""
    cursor = start
    while cursor < end:
        line_end = source.find("\n", cursor, end)
        line_end = end if line_end < 0 else line_end
        line = source[cursor:line_end]
        stripped = line.lstrip("\"'")
        if stripped.startswith(key) and line[: len(line) - len(stripped)] in ("", '"', "'"):
            at = line.find(value, len(line) - len(stripped) + len(key))
            if at >= 0:
                return cursor + at, cursor + at + len(value)
        cursor = line_end + 1
    return None
