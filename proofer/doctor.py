"""`proofer doctor`: which engines can run here, their versions, Java's, and the paths used."""

from __future__ import annotations

import importlib.metadata
import platform
import sys
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from proofer import __version__
from proofer.config import Config
from proofer.engines.languagetool import install
from proofer.engines.languagetool.curation import curation_path
from proofer.engines.languagetool.java import AOT_MIN_MAJOR, JavaRuntime, resolve_java


@dataclass(frozen=True)
class Check:
    """One line of the report: what, its state, and details (version, path)."""

    name: str
    ok: bool
    detail: str


def _package_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def _spacy_checks() -> list[Check]:
    from proofer.engines.spacy.model import available_model

    spacy_version = _package_version("spacy")
    checks = [Check("spaCy", spacy_version is not None, spacy_version or "not installed")]
    name = available_model()
    if name is None:
        checks.append(Check("spaCy model", False, "no English model installed (scripts/setup.sh)"))
        return checks
    import importlib.util

    spec = importlib.util.find_spec(name)
    where = spec.submodule_search_locations[0] if spec and spec.submodule_search_locations else "?"
    version = _package_version(name) or _package_version(name.replace("_", "-")) or "?"
    checks.append(Check("spaCy model", True, f"{name} {version} at {where}"))
    return checks


def _languagetool_checks() -> list[Check]:
    from proofer.config import Config, ConfigError, load_config

    try:
        config = load_config()
    except ConfigError:
        config = Config()
    checks = []
    java: JavaRuntime | None = None
    try:
        java = resolve_java(str(config.languagetool.get("java", "")))
        checks.append(Check("Java", True, java.describe()))
    except install.ProvisionError as exc:
        checks.append(Check("Java", False, str(exc)))
    try:
        found = install.find_installation()
    except install.ProvisionError as exc:
        return [*checks, Check("LanguageTool", False, str(exc))]
    pinned = install.pinned_version()
    if found is None:
        detail = f"{pinned} not installed: run `proofer setup-languagetool`"
        checks.append(Check("LanguageTool", False, detail))
    else:
        checks.append(Check("LanguageTool", java is not None,
                            f"{found.version} ({found.origin}) at {found.path}"))
        if java is not None:
            checks.append(Check("LanguageTool AOT cache", True, _aot_detail(found, java)))
    checks.append(Check("LanguageTool pinned", True, f"{pinned} ({install.POM_PATH})"))
    checks.append(Check("LanguageTool server", True, _server_detail(config)))
    client = _package_version("language-tool-python")
    checks.append(Check("language-tool-python", client is not None, client or "not installed"))
    return checks


def _aot_detail(installation: install.Installation, java: JavaRuntime) -> str:
    """Whether server starts use an AOT cache; informational (without one they are
    slower, not wrong). Checks the cache with the JVM itself (well under a second)."""
    from proofer.engines.languagetool import aot
    from proofer.engines.languagetool.server import BASE_JVM_OPTIONS

    cache = aot.cache_for(installation, java, BASE_JVM_OPTIONS)
    if cache is None:
        if not java.supports_aot_cache:
            return f"not used (Java {java.major}; it needs Java {AOT_MIN_MAJOR}+)"
        return f"not used ({installation.origin} is not a Maven installation)"
    if not cache.exists():
        return "none for this Java and class path: run `proofer setup-languagetool`"
    ok, detail = aot.usable(cache, java, installation.classpath, BASE_JVM_OPTIONS)
    if not ok:
        return f"{cache.path} is not usable, starts go without it ({detail.splitlines()[0]})"
    return f"used by every server start: {cache.path}"


def _server_detail(config: Config) -> str:
    """The shared server's state; informational (a stopped server is not a problem)."""
    from proofer.serverctl import doctor_detail

    return doctor_detail(config)


def run_checks() -> list[Check]:
    """Everything the report shows, in order."""
    checks = [
        Check("proofer", True, __version__),
        Check("Python", True, f"{platform.python_version()} ({sys.executable})"),
        *_spacy_checks(),
        *_languagetool_checks(),
        Check("cache directory", True, str(install.cache_root())),
        Check("LanguageTool curation", curation_path().is_file(), str(curation_path())),
    ]
    return checks


def engine_status(checks: list[Check]) -> dict[str, bool]:
    """Which engines can run, judged from the checks."""
    ok = {c.name: c.ok for c in checks}
    spacy_ok = ok.get("spaCy", False) and ok.get("spaCy model", False)
    return {
        "spacy": spacy_ok,
        "languagetool": ok.get("Java", False) and ok.get("LanguageTool", False),
        # Pure Python; its sequence rules and passive voice use the spaCy pipeline.
        "style": spacy_ok,
    }


def print_doctor(console: Console) -> bool:
    """Print the report; True when every default engine can run."""
    checks = run_checks()
    table = Table(show_header=True, header_style="bold", box=None)
    table.add_column("")
    table.add_column("component")
    table.add_column("version / path", overflow="fold")
    for check in checks:
        table.add_row("[green]ok[/]" if check.ok else "[red]missing[/]", check.name, check.detail)
    console.print(table)
    status = engine_status(checks)
    console.print(
        "engines available: "
        + ", ".join(f"{name} ({'yes' if ok else 'no'})" for name, ok in status.items())
    )
    return all(status.values())
