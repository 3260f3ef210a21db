"""The result cache on disk: one SQLite file in proofer's cache directory.

Entries are (key, value) pairs; values are zlib-compressed JSON. SQLite in WAL mode lets
concurrent `proofer` runs (pre-commit hooks, an editor's language server, CI jobs on one
machine) read and write the same file safely; a writer that waits longer than the busy
timeout gives up on caching that batch, never on the check. Each read marks its entries
used; when the file outgrows its size cap, the least recently used entries go first.

Nothing here may fail a check: a file that is not a readable cache (damaged, or not
SQLite at all) is deleted and started afresh, with a note in `problems` (the run prints
it); a cache that cannot be opened or written at all is reported once there, and the
run goes on uncached.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CACHE_ENV = "PROOFER_RESULT_CACHE"
FILE_NAME = "results.sqlite3"
# Bump when the layout of keys or values changes: an older file is emptied, not misread.
FORMAT = 1
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
BUSY_TIMEOUT = 10.0
# SQLite allows at most 999 bound parameters in one statement on older builds.
_BATCH = 500


def default_path() -> Path:
    """The cache file: $PROOFER_RESULT_CACHE (a file, or a directory to hold it), else
    results.sqlite3 in proofer's user cache directory, next to the server state."""
    override = os.environ.get(CACHE_ENV)
    if override:
        path = Path(override)
        return path / FILE_NAME if path.is_dir() or not path.suffix else path
    from proofer.engines.languagetool.install import cache_root

    return cache_root() / FILE_NAME


@dataclass(frozen=True)
class CacheStatus:
    path: Path
    exists: bool
    entries: int = 0
    size: int = 0  # bytes of stored values
    file_size: int = 0  # bytes on disk, the write-ahead log included
    max_bytes: int = DEFAULT_MAX_BYTES
    problem: str | None = None


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), _BATCH):
        yield items[start : start + _BATCH]


def _delete(connection: sqlite3.Connection, keys: Sequence[str]) -> None:
    """Delete these keys' entries (inside the caller's transaction)."""
    for part in _chunks(list(keys)):
        marks = ",".join("?" * len(part))
        connection.execute(f"DELETE FROM results WHERE key IN ({marks})", part)


def encode(value: Any) -> bytes:
    """A JSON-ready value as stored bytes."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"), 1)


def decode(blob: bytes) -> Any:
    """Stored bytes back to the value (raises ValueError or zlib.error when damaged)."""
    return json.loads(zlib.decompress(blob).decode("utf-8"))


class ResultCache:
    """Get and put many entries at once (see module docstring). Thread-safe."""

    def __init__(self, path: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.path = path or default_path()
        self.max_bytes = max_bytes
        self.problems: list[str] = []
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._broken = False
        self._written = 0

    # -- connection ---------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection | None:
        if self._connection is not None or self._broken:
            return self._connection
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                connection = self._open()
            except sqlite3.DatabaseError as exc:
                if isinstance(exc, sqlite3.OperationalError):
                    raise  # locked, read-only, no such directory: not damage
                # Not a cache file any more (damaged, truncated, overwritten): start afresh.
                _remove(self.path)
                self.problems.append(
                    f"result cache {self.path} was damaged ({exc}); it was cleared"
                )
                connection = self._open()
        except (sqlite3.Error, OSError) as exc:
            self._fail(f"cannot open {self.path}", exc)
            return None
        self._connection = connection
        return connection

    def _open(self) -> sqlite3.Connection:
        connection = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
        )
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            self._prepare(connection)
            connection.execute("SELECT COUNT(*) FROM results WHERE key = ''").fetchone()
        except BaseException:
            connection.close()
            raise
        return connection

    def _prepare(self, connection: sqlite3.Connection) -> None:
        (version,) = connection.execute("PRAGMA user_version").fetchone()
        if version == FORMAT:
            return
        with _transaction(connection):
            # Another run may have created it while this one waited for the lock.
            (version,) = connection.execute("PRAGMA user_version").fetchone()
            if version == FORMAT:
                return
            connection.execute("DROP TABLE IF EXISTS results")
            connection.execute(
                "CREATE TABLE results (key TEXT PRIMARY KEY, value BLOB NOT NULL, "
                "size INTEGER NOT NULL, used REAL NOT NULL) WITHOUT ROWID"
            )
            connection.execute("CREATE INDEX results_used ON results (used)")
            connection.execute(f"PRAGMA user_version = {FORMAT}")

    def _fail(self, what: str, exc: BaseException) -> None:
        """Stop using the cache for this run and say why, once."""
        self._broken = True
        message = f"result cache not used: {what}: {exc}"
        if message not in self.problems:
            self.problems.append(message)
        if self._connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self._connection.close()
            self._connection = None

    def close(self) -> None:
        """Evict over the size cap, then close the file."""
        with self._lock:
            connection = self._connection
            if connection is None:
                return
            try:
                if self._written:
                    self._evict(connection)
            except sqlite3.Error as exc:
                self._fail("cannot evict old entries", exc)
            finally:
                if self._connection is not None:
                    self._connection.close()
                    self._connection = None

    # -- entries ------------------------------------------------------------------------

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        """The stored values of those keys that have one; a damaged value is dropped."""
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return {}
        with self._lock:
            connection = self._connect()
            if connection is None:
                return {}
            found: dict[str, Any] = {}
            damaged: list[str] = []
            try:
                for part in _chunks(wanted):
                    marks = ",".join("?" * len(part))
                    rows = connection.execute(
                        f"SELECT key, value FROM results WHERE key IN ({marks})", part
                    ).fetchall()
                    for key, blob in rows:
                        try:
                            found[key] = decode(blob)
                        except (ValueError, zlib.error):
                            damaged.append(key)
                self._touch(connection, list(found), damaged)
            except sqlite3.Error as exc:
                self._fail("cannot read it", exc)
                return {}
            return found

    def _touch(self, connection: sqlite3.Connection, used: list[str], damaged: list[str]) -> None:
        """Mark entries used (for eviction); forget damaged ones. Skipped when another
        writer holds the file: recency is a hint, not a result."""
        if not used and not damaged:
            return
        now = time.time()
        try:
            with _transaction(connection):
                for part in _chunks(used):
                    marks = ",".join("?" * len(part))
                    connection.execute(
                        f"UPDATE results SET used = ? WHERE key IN ({marks})", [now, *part]
                    )
                _delete(connection, damaged)
        except sqlite3.OperationalError:
            pass

    def put_many(self, items: Mapping[str, Any]) -> None:
        """Store values (JSON-ready data) under their keys."""
        if not items:
            return
        rows = []
        for key, value in items.items():
            blob = encode(value)
            rows.append((key, blob, len(blob), time.time()))
        with self._lock:
            connection = self._connect()
            if connection is None:
                return
            try:
                with _transaction(connection):
                    connection.executemany(
                        "INSERT OR REPLACE INTO results (key, value, size, used) "
                        "VALUES (?, ?, ?, ?)", rows,
                    )
                self._written += len(rows)
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    self._fail("cannot write it", exc)
            except sqlite3.Error as exc:
                self._fail("cannot write it", exc)

    def discard(self, keys: Sequence[str]) -> None:
        """Forget these entries (a value that turned out not to fit)."""
        with self._lock:
            connection = self._connect()
            if connection is None:
                return
            try:
                with _transaction(connection):
                    _delete(connection, keys)
            except sqlite3.Error as exc:
                self._fail("cannot write it", exc)

    def _evict(self, connection: sqlite3.Connection) -> None:
        """Delete the least recently used entries until the values fit in 90 % of the cap."""
        (total,) = connection.execute("SELECT COALESCE(SUM(size), 0) FROM results").fetchone()
        if total <= self.max_bytes:
            return
        excess = total - int(self.max_bytes * 0.9)
        with _transaction(connection):
            rows = connection.execute("SELECT key, size FROM results ORDER BY used").fetchall()
            doomed, freed = [], 0
            for key, size in rows:
                if freed >= excess:
                    break
                doomed.append(key)
                freed += size
            _delete(connection, doomed)

    # -- maintenance --------------------------------------------------------------------

    def status(self) -> CacheStatus:
        """What the cache holds (read-only: a missing file is not created)."""
        if not self.path.exists():
            return CacheStatus(self.path, False, max_bytes=self.max_bytes)
        file_size = sum(
            p.stat().st_size for p in _files(self.path) if p.exists()
        )
        try:
            connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                         timeout=BUSY_TIMEOUT)
            try:
                entries, size = connection.execute(
                    "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM results"
                ).fetchone()
            finally:
                connection.close()
        except sqlite3.Error as exc:
            return CacheStatus(self.path, True, file_size=file_size, max_bytes=self.max_bytes,
                               problem=str(exc))
        return CacheStatus(self.path, True, entries, size, file_size, self.max_bytes)


def _files(path: Path) -> list[Path]:
    """The database file and SQLite's companions (write-ahead log, shared memory)."""
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def _remove(path: Path) -> None:
    for item in _files(path):
        with contextlib.suppress(FileNotFoundError):
            item.unlink()


def clear_cache(path: Path | None = None) -> int:
    """Empty the cache; returns the bytes it held. A healthy file is emptied in place, so
    runs using it at that moment are not disturbed; a damaged one is deleted."""
    path = path or default_path()
    before = sum(p.stat().st_size for p in _files(path) if p.exists())
    if not path.exists():
        return 0
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
        try:
            connection.execute("DELETE FROM results")
            connection.execute("VACUUM")
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
    except sqlite3.Error:
        _remove(path)
        return before
    after = sum(p.stat().st_size for p in _files(path) if p.exists())
    return max(0, before - after)


@contextlib.contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
