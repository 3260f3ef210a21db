"""Replacing a file so that no reader (and no crash) ever sees it half written."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

NEW_FILE_MODE = 0o644  # what a text editor creates


def write_atomically(
    path: Path, payload: bytes, *, mode: int | None = None, owner: os.stat_result | None = None
) -> None:
    """Write `payload` to a temporary file in `path`'s directory, fsync it, give it `mode`
    (default: the mode `path` has, or NEW_FILE_MODE for a new file) and, if possible,
    `owner`'s user and group, rename it over `path` and fsync the directory.

    Raises OSError; the temporary file is removed whatever fails.
    """
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = NEW_FILE_MODE
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        if owner is not None:
            with contextlib.suppress(OSError):  # keeping the owner needs privileges
                os.chown(temporary, owner.st_uid, owner.st_gid)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_directory(path.parent)


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable (POSIX); platforms without directory fsync skip it."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
