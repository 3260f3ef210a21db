"""Finding input files and reading them as text, with clear errors for bad input."""

from __future__ import annotations

import fnmatch
import os
import stat
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
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
    """The files to check, the paths that could not be read (exit code 2), and notes on
    what a directory walk left out on purpose (special files, symbolic links to
    directories)."""

    files: list[SourceFile]
    errors: list[InputError]
    notes: list[str] = field(default_factory=list)


_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def special_kind(mode: int) -> str | None:
    """What a non-regular, non-directory file is ("a named pipe (FIFO)"), else None."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return next((name for test, name in _SPECIAL_KINDS if test(mode)), "not a regular file")


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
    walk = _Walk(cwd, list(include), list(exclude))
    files: list[SourceFile] = []
    seen: set[str] = set()
    for raw in paths:
        if raw == STDIN_NAME:
            files.append(SourceFile(STDIN_NAME, None))
            continue
        path = Path(raw)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            walk.errors.append(InputError(raw, "no such file or directory"))
            continue
        except OSError as exc:
            walk.errors.append(InputError(raw, f"cannot read ({exc.strerror or exc})"))
            continue
        if stat.S_ISDIR(mode):
            found = sorted(walk.directory(path))
            if not found and not walk.errors_under(path):
                walk.errors.append(
                    InputError(raw, "no Markdown or text files found in this directory")
                )
            for display, real in found:
                if display not in seen:
                    seen.add(display)
                    files.append(SourceFile(display, real))
        elif (kind := special_kind(mode)) is not None:
            # Opening a FIFO would block until a writer comes; a device never ends.
            walk.errors.append(InputError(
                raw, f"not a regular file ({kind}); to check a stream, pipe it to `proofer check -`"
            ))
        elif raw not in seen:
            seen.add(raw)
            files.append(SourceFile(raw, path))
    return Discovery(files, walk.errors, walk.notes)


@dataclass
class _Walk:
    """Walking directories: what was found, what could not be read, what was left out."""

    cwd: Path
    include: list[str]
    exclude: list[str]
    errors: list[InputError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def errors_under(self, root: Path) -> bool:
        prefix = _display_path(root, self.cwd).rstrip("/") + "/"
        return any((e.path + "/").startswith(prefix) for e in self.errors)

    def _unreadable(self, error: OSError) -> None:
        where = _display_path(Path(error.filename), self.cwd) if error.filename else "?"
        reason = error.strerror or str(error)
        problem = f"cannot read this directory ({reason}); its files are not checked"
        self.errors.append(InputError(where, problem))

    def directory(self, root: Path) -> list[tuple[str, Path]]:
        """Checked files under `root` (hidden directories are skipped on purpose)."""
        found = []
        for dirpath, dirnames, filenames in os.walk(root, onerror=self._unreadable):
            for name in sorted(dirnames):
                if not name.startswith(".") and (Path(dirpath) / name).is_symlink():
                    parent = _display_path(Path(dirpath), self.cwd)
                    shown = name if parent == "." else f"{parent}/{name}"
                    self.notes.append(f"{shown}: skipped: a symbolic link to a directory "
                                      "(not followed; name its target to check it)")
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if not name.lower().endswith(CHECKED_SUFFIXES):
                    continue
                real = Path(dirpath) / name
                display = _display_path(real, self.cwd)
                if self.include and not _matches(display, self.include):
                    continue
                if self.exclude and _matches(display, self.exclude):
                    continue
                try:
                    kind = special_kind(real.stat().st_mode)
                except OSError:
                    kind = None  # a dangling link: reading it reports the problem by name
                if kind is not None:
                    self.notes.append(f"{display}: skipped: {kind}, not a regular file")
                    continue
                found.append((display, real))
        return found


def _display_path(path: Path, cwd: Path) -> str:
    try:
        return path.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass(frozen=True)
class TextEncoding:
    """How a file's text is stored: the codec and the byte-order mark it starts with."""

    codec: str  # "utf-8", "utf-16-le" or "utf-16-be"
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        """The text as this file stores it (BOM first, same byte order)."""
        return self.bom + text.encode(self.codec)


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def detect_encoding(data: bytes) -> TextEncoding:
    """UTF-8 or UTF-16 by the byte-order mark; plain UTF-8 without one."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return TextEncoding(codec, bom)
    return TextEncoding("utf-8")


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is an error."""
    encoding = detect_encoding(data)
    body = data[len(encoding.bom) :]
    if encoding.codec != "utf-8":
        try:
            return body.decode(encoding.codec)
        except UnicodeDecodeError as exc:
            where = exc.start + len(encoding.bom)
            raise InputError(name, f"invalid UTF-16 at byte {where}") from None
    data = body
    if b"\x00" in data:
        raise InputError(name, "looks like a binary file (it contains NUL bytes); not checked")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            name, f"not valid UTF-8 (byte {exc.start}); save it as UTF-8, or UTF-16 with a BOM"
        ) from None


def read_bytes(path: Path, name: str, max_bytes: int = 0) -> bytes:
    """A regular file's bytes. Opened without blocking and checked again once open, so a
    file replaced by a FIFO after discovery is refused instead of hanging the run."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(name, f"cannot read ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as handle:
        try:
            status = os.fstat(fd)
            kind = special_kind(status.st_mode)
            if kind is not None:
                raise InputError(name, f"not a regular file ({kind})")
            if max_bytes and status.st_size > max_bytes:
                raise InputError(
                    name,
                    f"{status.st_size / 1_048_576:.1f} MB is larger than the limit of "
                    f"{max_bytes / 1_048_576:.1f} MB (set max-file-size in the config to raise it)",
                )
            return handle.read()
        except OSError as exc:
            raise InputError(name, f"cannot read ({exc.strerror or exc})") from None


def read_source(file: SourceFile, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read and decode one file; raises InputError with a message naming it."""
    name = file.display_path
    if file.path is None:
        try:
            data = sys.stdin.buffer.read()
        except OSError as exc:
            raise InputError(name, f"cannot read ({exc.strerror or exc})") from None
    else:
        data = read_bytes(file.path, name, max_bytes)
    if max_bytes and len(data) > max_bytes:
        raise InputError(name, f"larger than the limit of {max_bytes} bytes")
    return decode(data, name)
