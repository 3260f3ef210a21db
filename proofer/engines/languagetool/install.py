"""Finding and provisioning a LanguageTool installation (jars), never starting it.

Sources, in order: proofer's own Maven-resolved cache (the version pinned in the
packaged pom.xml), then language-tool-python's download directory, and, only on request
and with internet, language-tool-python's own download.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import platformdirs

POM_PATH = Path(__file__).parent / "pom.xml"
CACHE_ENV = "PROOFER_CACHE_DIR"
LTP_PATH_ENV = "LTP_PATH"
MARKER = ".complete"
SERVER_CLASS = "org.languagetool.server.HTTPServer"
_POM_NS = {"m": "http://maven.apache.org/POM/4.0.0"}
_JAVA_VERSION = re.compile(r'version "([^"]+)"')


class ProvisionError(Exception):
    """LanguageTool could not be found or installed; the message says what to do."""


@dataclass(frozen=True)
class Installation:
    """A LanguageTool on disk: the Java class path to start its server with."""

    version: str
    path: Path
    classpath: str
    origin: str


@cache
def pinned_version() -> str:
    """The LanguageTool release pinned in the packaged pom.xml."""
    root = ET.parse(POM_PATH).getroot()
    node = root.find("m:properties/m:languagetool.version", _POM_NS)
    if node is None or not (node.text or "").strip():
        raise ProvisionError(f"{POM_PATH}: no <languagetool.version> property")
    return (node.text or "").strip()


def cache_root() -> Path:
    """proofer's per-user cache directory ($PROOFER_CACHE_DIR overrides it)."""
    override = os.environ.get(CACHE_ENV)
    return Path(override) if override else Path(platformdirs.user_cache_dir("proofer"))


def maven_dir(version: str | None = None) -> Path:
    """Where `proofer setup-languagetool` puts the jars of `version`."""
    return cache_root() / f"languagetool-{version or pinned_version()}"


def _maven_installation(version: str) -> Installation | None:
    directory = maven_dir(version)
    lib = directory / "lib"
    server_jar = lib / f"languagetool-server-{version}.jar"
    if not (directory / MARKER).is_file() or not server_jar.is_file():
        return None
    return Installation(version, directory, str(lib / "*"), "proofer cache (Maven Central)")


def _ltp_download_dir() -> Path:
    return Path(os.environ.get(LTP_PATH_ENV) or Path.home() / ".cache" / "language_tool_python")


def _ltp_installation() -> Installation | None:
    """The newest LanguageTool that language-tool-python downloaded, if any."""
    directory = _ltp_download_dir()
    if not directory.is_dir():
        return None
    found: list[tuple[tuple[int, ...], Installation]] = []
    for path in directory.glob("LanguageTool-*"):
        jar = path / "languagetool-server.jar"
        match = re.fullmatch(r"LanguageTool-(\d+(?:\.\d+)*)", path.name)
        if match and jar.is_file():
            version = match.group(1)
            key = tuple(int(p) for p in version.split("."))
            origin = "language-tool-python download"
            found.append((key, Installation(version, path, str(jar), origin)))
    return max(found, key=lambda item: item[0])[1] if found else None


def find_installation() -> Installation | None:
    """The installation a run would use, without downloading anything."""
    return _maven_installation(pinned_version()) or _ltp_installation()


def java_executable() -> str:
    """The `java` on PATH (or in $JAVA_HOME); raises ProvisionError naming the fix."""
    home = os.environ.get("JAVA_HOME")
    candidates = [str(Path(home) / "bin" / "java")] if home else []
    for candidate in [*candidates, shutil.which("java")]:
        if candidate and Path(candidate).is_file():
            return candidate
    raise ProvisionError(
        "Java was not found: LanguageTool needs Java 17 or newer on PATH "
        "(e.g. `apt-get install openjdk-17-jre-headless`), or use --engines spacy"
    )


def java_version() -> str | None:
    """Java's version string, or None when Java is missing."""
    try:
        done = subprocess.run(
            [java_executable(), "-version"], capture_output=True, text=True, timeout=30
        )
    except (ProvisionError, OSError, subprocess.TimeoutExpired):
        return None
    match = _JAVA_VERSION.search(done.stderr + done.stdout)
    return match.group(1) if match else None


def setup_maven(force: bool = False) -> tuple[Installation, bool]:
    """Resolve the pinned pom with Maven into the cache; returns (installation, changed).

    Idempotent: a marker file written after a complete copy makes later calls no-ops,
    so it works offline once the jars are there.
    """
    version = pinned_version()
    existing = _maven_installation(version)
    if existing is not None and not force:
        return existing, False
    java_executable()
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ProvisionError(
            "Maven (`mvn`) was not found; it fetches LanguageTool from Maven Central once "
            "(e.g. `apt-get install maven`), or point proofer at a running server with "
            "--languagetool-url"
        )
    directory = maven_dir(version)
    lib = directory / "lib"
    (directory / MARKER).unlink(missing_ok=True)
    if lib.exists():
        shutil.rmtree(lib)
    directory.mkdir(parents=True, exist_ok=True)
    command = [
        mvn, "-q", "-B", "-f", str(POM_PATH), "dependency:copy-dependencies",
        f"-DoutputDirectory={lib}",
    ]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise ProvisionError(f"Maven could not resolve LanguageTool {version}:\n{tail}")
    (directory / MARKER).write_text(f"{version}\n", encoding="utf-8")
    installed = _maven_installation(version)
    if installed is None:
        raise ProvisionError(f"Maven finished but {lib} has no languagetool-server-{version}.jar")
    return installed, True


def _online(host: str = "languagetool.org", timeout: float = 3.0) -> bool:
    try:
        with socket.create_connection((host, 443), timeout=timeout):
            return True
    except OSError:
        return False


def download_with_ltp() -> Installation:
    """language-tool-python's own download of the pinned version (needs internet)."""
    if not _online():
        raise ProvisionError("no internet connection to download it")
    from language_tool_python.download_lt import LocalLanguageTool

    try:
        LocalLanguageTool.from_version_name(pinned_version()).download()
    except Exception as exc:
        raise ProvisionError(f"language-tool-python's download failed: {exc}") from None
    installed = _ltp_installation()
    if installed is None:
        raise ProvisionError("language-tool-python's download left no languagetool-server.jar")
    return installed


def resolve_installation(allow_download: bool = True) -> Installation:
    """A local installation, downloading through language-tool-python as a last resort."""
    found = find_installation()
    if found is not None:
        return found
    hint = "run `proofer setup-languagetool` (needs Java and Maven)"
    if not allow_download:
        raise ProvisionError(f"LanguageTool is not installed: {hint}")
    try:
        return download_with_ltp()
    except ProvisionError as exc:
        raise ProvisionError(f"LanguageTool is not installed ({exc}): {hint}") from None
