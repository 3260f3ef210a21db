"""A throwaway project with one Vale style, for the Vale reliability tests."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from proofer.cli import app


def vale_project(root: Path, rules: dict[str, str], ini_extra: str = "") -> Path:
    """Write `.vale.ini` and style `T` with `rules` (file stem -> YAML); returns root."""
    style = root / "styles" / "T"
    style.mkdir(parents=True)
    for stem, body in rules.items():
        (style / f"{stem}.yml").write_text(body, encoding="utf-8")
    (root / ".vale.ini").write_text(
        f"StylesPath = styles\n\n[*.md]\nBasedOnStyles = T\n{ini_extra}", encoding="utf-8"
    )
    return root


def check(root: Path, draft: str) -> tuple[int, dict, str]:
    """`proofer check --engines style --format json` on one draft: exit, report, stderr."""
    path = root / "draft.md"
    path.write_text(draft, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["check", "--engines", "style", "--format", "json", str(path)]
    )
    return result.exit_code, json.loads(result.stdout), result.stderr
