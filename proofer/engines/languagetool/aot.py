"""Java's AOT cache for the LanguageTool server: made once at setup, used by every start.

Java 25 (JEP 483, 514, 515) can keep the classes a program loaded and linked, and the
method profiles of a training run, in a cache file; a JVM started with it is ready and
checks its first texts sooner, for less CPU. `proofer setup-languagetool` makes the
cache with a training run (the packaged rule examples and README, checked as proofer
checks them); every server start then passes `-XX:AOTCache`.

A cache is valid for one Java runtime and one class path only: its file name is a
digest of the runtime (path, version, modules image), of every jar (path, size,
modification time) and of the JVM options it was made with, so any change names another
file and the stale one is simply not found. The JVM itself checks what it can: with
`-XX:AOTMode=auto` (the default when a cache is given) a cache it cannot use (another
JVM build, truncated, not a cache at all, another heap layout) is ignored with a warning
and the server starts without it; `-XX:+VerifySharedSpaces` makes it check the file's
checksums too, so a damaged file is never mapped. Java before 25 gets no AOT options.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, metadata
from pathlib import Path

from proofer.engines.languagetool.install import (
    Installation,
    ProvisionError,
    has_class_path_attribute,
    server_jar,
)
from proofer.engines.languagetool.java import JavaRuntime

CACHE_DIRECTORY = "aot"
SUFFIX = ".aot"
# Part of every cache's name: the cache is made for the options a server starts with.
KEY_FORMAT = "1"
# How much text the training run checks: enough to load and profile the rules a check
# uses (about half a minute on 2 cores), not a benchmark.
TRAINING_CHARACTERS = 40_000


@dataclass(frozen=True)
class AotCache:
    """Where the cache for one runtime and class path lives (it may not exist yet)."""

    path: Path

    @property
    def info_path(self) -> Path:
        """What the cache was made for and how long training took (JSON, for people)."""
        return self.path.with_suffix(".json")

    def exists(self) -> bool:
        return self.path.is_file() and self.path.stat().st_size > 0

    def options(self) -> list[str]:
        """The JVM options that use this cache."""
        return [f"-XX:AOTCache={self.path}", "-XX:AOTMode=auto", "-XX:+VerifySharedSpaces"]


def _stat_line(path: Path) -> str:
    try:
        stat = path.stat()
    except OSError:
        return f"{path} missing"
    return f"{path} {stat.st_size} {stat.st_mtime_ns}"


def cache_key(installation: Installation, java: JavaRuntime, base_options: Sequence[str]) -> str:
    """The digest that names the cache for this runtime, class path and JVM options."""
    lines = [
        f"format {KEY_FORMAT}",
        f"java {os.path.realpath(java.executable)} {java.build}",
        _stat_line(java.home / "lib" / "modules"),
        *(f"option {option}" for option in base_options),
        *(_stat_line(Path(entry)) for entry in installation.classpath.split(os.pathsep)),
    ]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:32]


def cache_for(
    installation: Installation, java: JavaRuntime, base_options: Sequence[str]
) -> AotCache | None:
    """The cache this server start would use; None when Java cannot use one (before 25)
    or the installation is not a Maven one (a single jar of another distribution)."""
    if not java.supports_aot_cache or not installation.path.joinpath("lib").is_dir():
        return None
    key = cache_key(installation, java, base_options)
    return AotCache(installation.path / CACHE_DIRECTORY / f"languagetool-{key}{SUFFIX}")


def options_for(
    installation: Installation, java: JavaRuntime, base_options: Sequence[str]
) -> list[str]:
    """The AOT options of a server start: empty when there is no cache for it."""
    cache = cache_for(installation, java, base_options)
    return cache.options() if cache is not None and cache.exists() else []


def usable(cache: AotCache, java: JavaRuntime, classpath: str,
           base_options: Sequence[str]) -> tuple[bool, str]:
    """Whether this Java maps the cache (`-XX:AOTMode=on` fails otherwise), with the
    JVM's words; starts a JVM for `-version` only (well under a second)."""
    command = [
        java.executable, *base_options, f"-XX:AOTCache={cache.path}", "-XX:AOTMode=on",
        "-XX:+VerifySharedSpaces", "-cp", classpath, "-version",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, str(exc)
    output = (done.stdout + done.stderr).strip()
    if done.returncode == 0 and "sharing" in output:
        return True, "maps"
    return False, "\n".join(output.splitlines()[-4:])


# -- training -------------------------------------------------------------------------


def training_texts(limit: int = TRAINING_CHARACTERS) -> list[str]:
    """What the training run checks, at most `limit` characters: every rule example of
    proofer's rule files (bad and good sentences), then the rules' explanations, then
    proofer's README from the installed package's metadata. Always the same texts in the
    same order, so every training run sends the same requests."""
    from proofer.rulebook import load_rules

    rules = sorted(load_rules(), key=lambda r: r.id)
    examples = [" ".join(example.plain for example in rule.examples) for rule in rules]
    prose = [
        part for rule in rules
        for part in (rule.doc.what, rule.doc.why, rule.doc.instead, rule.doc.notes) if part
    ]
    texts = [*examples, *prose]
    with contextlib.suppress(PackageNotFoundError):
        readme = metadata("proofer").get_payload()  # type: ignore[attr-defined]
        if isinstance(readme, str) and readme.strip():
            texts.append(readme)
    kept: list[str] = []
    left = limit
    for text in texts:
        if left <= 0:
            break
        kept.append(text[:left])
        left -= len(kept[-1])
    return kept


@dataclass(frozen=True)
class TrainingResult:
    cache: AotCache
    seconds: float
    requests: int
    made: bool  # False: a valid cache was there already


def _requests(texts: Sequence[str], limit: int) -> list[str]:
    """The texts packed into requests of at most `limit` characters."""
    batches: list[str] = []
    current = ""
    for text in texts:
        for part in (text[i : i + limit] for i in range(0, len(text), limit)):
            if current and len(current) + 2 + len(part) > limit:
                batches.append(current)
                current = ""
            current = f"{current}\n\n{part}" if current else part
    if current:
        batches.append(current)
    return batches


def make_cache(
    installation: Installation,
    java: JavaRuntime,
    *,
    force: bool = False,
    request_limit: int = 8000,
) -> TrainingResult | None:
    """Make the AOT cache for this runtime and class path with a training run (the
    server checks `training_texts` as proofer's engine does, then exits and Java writes
    the cache). None when this Java cannot use one. Raises ProvisionError on failure;
    a failed or interrupted training never leaves a file a server would pick up."""
    from proofer.engines.languagetool.server import (
        BASE_JVM_OPTIONS,
        LocalServer,
        ServerError,
        ServerSettings,
    )

    cache = cache_for(installation, java, BASE_JVM_OPTIONS)
    if cache is None:
        return None
    if has_class_path_attribute(server_jar(installation)):
        raise ProvisionError(
            f"{server_jar(installation)} still has a Class-Path manifest entry: run "
            "`proofer setup-languagetool` (it removes it)"
        )
    if cache.exists() and not force:
        ok, _ = usable(cache, java, installation.classpath, BASE_JVM_OPTIONS)
        if ok:
            return TrainingResult(cache, 0.0, 0, made=False)
    cache.path.parent.mkdir(parents=True, exist_ok=True)
    partial = cache.path.with_name(f".{cache.path.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    started = time.monotonic()
    server = LocalServer(
        installation, ServerSettings(), java=java, aot_output=partial
    )
    batches = _requests(training_texts(), request_limit)
    try:
        server.start()
        _check_all(server.url, batches, server.settings.request_timeout)
        # Java writes the cache as the JVM exits (a second JVM assembles it): give it time.
        server.stop(grace=180.0)
    except (ServerError, OSError, ValueError) as exc:
        log = server.log_tail()
        server.stop()
        partial.unlink(missing_ok=True)
        detail = f"; its last output:\n{log}" if log else ""
        raise ProvisionError(f"the AOT training run failed: {exc}{detail}") from None
    except BaseException:
        server.stop()
        partial.unlink(missing_ok=True)
        raise
    try:
        _accept(partial, cache, java, installation.classpath, BASE_JVM_OPTIONS)
    finally:
        partial.unlink(missing_ok=True)
        for leftover in cache.path.parent.glob(f".{cache.path.name}.*.partial.config"):
            leftover.unlink(missing_ok=True)
    seconds = time.monotonic() - started
    info = {
        "executable": java.executable,
        "java": java.describe(),
        "classpath_jars": len(installation.classpath.split(os.pathsep)),
        "training_requests": len(batches),
        "training_seconds": round(seconds, 1),
    }
    cache.info_path.write_text(json.dumps(info, indent=1, sort_keys=True) + "\n", "utf-8")
    remove_stale(installation, java, cache)
    return TrainingResult(cache, seconds, len(batches), made=True)


def _check_all(url: str, batches: Sequence[str], timeout: float) -> None:
    """Send every batch as the engine does (same rules on and off, en-US)."""
    import requests

    from proofer.engines.languagetool.curation import load_curation

    curation = load_curation()
    enabled, disabled = curation.request_rules((), ())
    form = {"language": "en-US"}
    if enabled:
        form["enabledRules"] = ",".join(sorted(enabled))
    if disabled:
        form["disabledRules"] = ",".join(sorted(disabled))
    if curation.disabled_categories:
        form["disabledCategories"] = ",".join(sorted(curation.disabled_categories))
    with requests.Session() as session:
        for text in batches:
            response = session.post(f"{url}v2/check", data={**form, "text": text},
                                    timeout=timeout)
            response.raise_for_status()


def _accept(partial: Path, cache: AotCache, java: JavaRuntime, classpath: str,
            base_options: Sequence[str]) -> None:
    """Move a freshly written cache into place once this Java has mapped it."""
    if not partial.is_file() or partial.stat().st_size == 0:
        raise ProvisionError(f"the AOT training run wrote no cache ({partial})")
    ok, detail = usable(AotCache(partial), java, classpath, base_options)
    if not ok:
        raise ProvisionError(f"the AOT cache the training run wrote is not usable: {detail}")
    os.replace(partial, cache.path)


def remove_stale(installation: Installation, java: JavaRuntime, keep: AotCache) -> list[Path]:
    """Delete this installation's caches that no start can use any more: those made for
    a Java that is gone, and this Java's older ones (another class path or version)."""
    removed = []
    directory = installation.path / CACHE_DIRECTORY
    for info in sorted(directory.glob("*.json")):
        cache = info.with_suffix(SUFFIX)
        if cache == keep.path:
            continue
        try:
            data = json.loads(info.read_text(encoding="utf-8"))
            executable = str(data.get("executable", ""))
        except (OSError, ValueError, AttributeError):
            continue
        if executable == java.executable or (executable and not Path(executable).exists()):
            for path in (cache, info):
                path.unlink(missing_ok=True)
            removed.append(cache)
    return removed
