"""Finding input files and reading them as text, with clear errors for bad input."""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

CHECKED_SUFFIXES = (".md", ".markdown", ".txt")
MARKDOWN_SUFFIXES = (".md", ".markdown")
STDIN_NAME = "-"
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


class InputError(Exception):
    """A path or file that cannot be checked; str() names the path first."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True)
class SourceFile:
    """A file to check: the path to report and where to read it from."""

    display_path: str
    path: Path | None  # None for stdin

    @property
    def is_markdown(self) -> bool:
        name = self.display_path.lower()
        return self.path is None or name.endswith(MARKDOWN_SUFFIXES)


@dataclass(frozen=True)
class Discovery:
    files: list[SourceFile]
    errors: list[InputError]


def _matches(path: str, patterns: Iterable[str]) -> bool:
    posix = path.replace(os.sep, "/")
    return any(
        fnmatch.fnmatch(posix, pattern) or fnmatch.fnmatch(posix, f"*/{pattern}")
        for pattern in patterns
    )


def discover(
    paths: Iterable[str],
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    cwd: Path | None = None,
) -> Discovery:
    """Expand the user's paths into files; directories are walked for checked suffixes.

    A path named explicitly is always checked (whatever its suffix); `include` and
    `exclude` globs filter only what a directory walk finds.
    """
    cwd = cwd or Path.cwd()
    include, exclude = list(include), list(exclude)
    files: list[SourceFile] = []
    errors: list[InputError] = []
    seen: set[str] = set()
    for raw in paths:
        if raw == STDIN_NAME:
            files.append(SourceFile(STDIN_NAME, None))
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(_walk(path, cwd, include, exclude))
            if not found:
                errors.append(InputError(raw, "no Markdown or text files found in this directory"))
            for display, real in found:
                if display not in seen:
                    seen.add(display)
                    files.append(SourceFile(display, real))
        elif path.exists():
            if raw not in seen:
                seen.add(raw)
                files.append(SourceFile(raw, path))
        else:
            errors.append(InputError(raw, "no such file or directory"))
    return Discovery(files, errors)


def _walk(root: Path, cwd: Path, include: list[str], exclude: list[str]) -> list[tuple[str, Path]]:
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if not name.lower().endswith(CHECKED_SUFFIXES):
                continue
            real = Path(dirpath) / name
            display = _display_path(real, cwd)
            if include and not _matches(display, include):
                continue
            if exclude and _matches(display, exclude):
                continue
            found.append((display, real))
    return found


def _display_path(path: Path, cwd: Path) -> str:
    try:
        return path.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is an error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(name, f"invalid UTF-16 at byte {exc.start}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        raise InputError(name, "looks like a binary file (it contains NUL bytes); not checked")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            name, f"not valid UTF-8 (byte {exc.start}); save it as UTF-8, or UTF-16 with a BOM"
        ) from None


def read_source(file: SourceFile, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read and decode one file; raises InputError with a message naming it."""
    name = file.display_path
    try:
        if file.path is None:
            data = sys.stdin.buffer.read()
        else:
            size = file.path.stat().st_size
            if max_bytes and size > max_bytes:
                raise InputError(
                    name,
                    f"{size / 1_048_576:.1f} MB is larger than the limit of "
                    f"{max_bytes / 1_048_576:.1f} MB (set max-file-size in the config to raise it)",
                )
            data = file.path.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read ({exc.strerror or exc})") from None
    if max_bytes and len(data) > max_bytes:
        raise InputError(name, f"larger than the limit of {max_bytes} bytes")
    return decode(data, name)
