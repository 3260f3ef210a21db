"""The `proofer` command line. It only wires: each job lives in its own module."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.text import Text

from proofer import __version__
from proofer.baseline import BaselineError, load_baseline, save_baseline
from proofer.cache.store import default_path as default_cache_path
from proofer.catalog import RuleCatalog
from proofer.changed_lines import ChangedLines, GitDiffError, changed_lines
from proofer.config import Config, ConfigError, load_config
from proofer.config_check import ConfigWarning, check_config, new_warnings
from proofer.engines.factory import available_engines
from proofer.exit_codes import ENGINE_FAILED, FINDINGS, OK, USAGE_OR_INPUT, exit_code
from proofer.finding import Severity
from proofer.parallel import default_jobs
from proofer.pipeline import RunResult, read_documents
from proofer.progress import progress_for
from proofer.report import DEFAULT_FORMAT, REPORTERS, Streams, format_help, format_names
from proofer.report.context import ReportContext
from proofer.report.human import print_problems, print_summary
from proofer.rulebook import RuleFileError, load_rules
from proofer.ruledoc import print_languagetool_rule, print_rule, print_rules_table
from proofer.run import CheckRequest, run_check
from proofer.sources import discover
from proofer.terminal import plain

if TYPE_CHECKING:
    from proofer.engines.languagetool.install import Installation

app = typer.Typer(
    name="proofer",
    help="Proofread Markdown and plain-text drafts: grammar, spelling and house style.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_FAIL_LEVELS = ("error", "warning", "suggestion", "none")
_LEVELS = ("error", "warning", "suggestion")


def _console(stderr: bool = False) -> Console:
    no_color = bool(os.environ.get("NO_COLOR"))
    return Console(stderr=stderr, no_color=no_color, highlight=False, soft_wrap=True)


def _fail(message: str, code: int = USAGE_OR_INPUT) -> typer.Exit:
    """Print an error (it may quote options, paths or config values: never markup)."""
    _console(stderr=True).print(Text("proofer: ", style="bold red") + plain(message))
    return typer.Exit(code)


# Errors writing the report itself: a full disk, a quota, a size limit, a closed pipe.
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EPIPE})


def _is_output_error(exc: OSError) -> bool:
    return exc.errno in _OUTPUT_ERRNOS and exc.filename is None


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


@contextlib.contextmanager
def _writing_output() -> Iterator[None]:
    """Turn a failed write of the report to stdout into a message and exit code 2."""
    try:
        yield
        sys.stdout.flush()
    except OSError as exc:
        if not _is_output_error(exc):
            raise
        _silence_stdout()
        if exc.errno == errno.EPIPE:  # the reader went away (`| head`): nothing to say
            raise typer.Exit(USAGE_OR_INPUT) from None
        raise _fail(f"cannot write the output: {exc.strerror or exc}") from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"proofer {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = None,
) -> None:
    """Proofread Markdown and plain-text drafts."""


def _choice(value: str | None, choices: tuple[str, ...], option: str) -> str | None:
    if value is not None and value not in choices:
        raise _fail(f"{option} must be one of {', '.join(choices)} (got {value!r})")
    return value


def _load_catalog() -> RuleCatalog:
    try:
        return RuleCatalog.from_rules(load_rules())
    except RuleFileError as exc:
        raise _fail(f"invalid rule file: {exc}") from None


def _engine_names(option: str | None, config: Config) -> tuple[list[str], list[str]]:
    if option is None:
        return list(config.engines), []
    names = [n.strip() for n in option.split(",") if n.strip()]
    known = set(available_engines()) | {"spacy", "languagetool", "style"}
    unknown = [n for n in names if n not in known]
    if unknown or not names:
        raise _fail(f"--engines: unknown engine(s) {', '.join(unknown) or '(none given)'}; "
                    f"choose from {', '.join(sorted(known))}")
    skipped = [n for n in config.engines if n not in names]
    return names, skipped


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files or directories; - reads stdin.")],
    output_format: Annotated[
        str, typer.Option("--format", "-f", help=format_help())
    ] = DEFAULT_FORMAT,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to FILE; a summary still prints."),
    ] = None,
    fail_level: Annotated[
        str | None,
        typer.Option(help="Exit 1 on findings at or above: error, warning, suggestion, none."),
    ] = None,
    min_level: Annotated[
        str | None, typer.Option(help="Show findings at or above: error, warning, suggestion.")
    ] = None,
    engines: Annotated[
        str | None,
        typer.Option(help="Comma-separated engines to run (spacy, languagetool, style)."),
    ] = None,
    config_file: Annotated[
        Path | None, typer.Option("--config", help="Use this config file only.")
    ] = None,
    languagetool_url: Annotated[
        str | None,
        typer.Option(
            envvar="PROOFER_LANGUAGETOOL_URL", help="Use a running LanguageTool server at URL."
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print the summary only.")] = False,
    baseline: Annotated[
        Path | None,
        typer.Option(help="Report and fail only on findings not recorded in this baseline file."),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(help="Record today's shown findings in this baseline file; exit 0."),
    ] = None,
    diff: Annotated[
        str | None,
        typer.Option(
            metavar="REF",
            help="Only findings on lines changed since git REF (REF... = since the merge base).",
        ),
    ] = None,
    fix: Annotated[
        bool, typer.Option("--fix", help="Apply safe fixes in place, then report what is left.")
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option(
            help="With --fix, also apply unsafe fixes: suggestions of rules not marked safe, "
            "spelling and LanguageTool's, and the first of several suggestions."
        ),
    ] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Config warnings (unknown rules or language, a missing vocabulary) are errors.",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1,
            help="Work on N cores at once (default: all this process may use).",
        ),
    ] = None,
    no_daemon: Annotated[
        bool,
        typer.Option(
            "--no-daemon", envvar="PROOFER_NO_DAEMON",
            help="Start a private LanguageTool server for this run instead of the shared one.",
        ),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache", envvar="PROOFER_NO_CACHE",
            help="Check every block afresh: neither read nor write the result cache.",
        ),
    ] = False,
) -> None:
    """Check drafts and report problems; the exit code tells CI what happened."""
    if output_format not in format_names():
        raise _fail(f"--format must be one of {', '.join(format_names())} (got {output_format!r})")
    _choice(fail_level, _FAIL_LEVELS, "--fail-level")
    _choice(min_level, _LEVELS, "--min-level")
    if unsafe_fixes and not fix:
        raise _fail("--unsafe-fixes only works with --fix (use both to apply unsafe fixes)")
    try:
        config = load_config(config_file)
    except ConfigError as exc:
        raise _fail(f"config error: {exc}") from None
    fail = fail_level or config.fail_level
    shown = Severity(min_level or config.min_level)
    engine_names, skipped = _engine_names(engines, config)
    catalog = _load_catalog()
    if baseline is not None and write_baseline is not None:
        raise _fail("use --baseline or --write-baseline, not both")
    warnings = check_config(config, catalog)
    _warn(warnings, strict)
    request = CheckRequest(
        paths=paths,
        config=config,
        catalog=catalog,
        engines=engine_names,
        skipped_engines=skipped,
        min_level=shown,
        engine_options={
            "languagetool_url": languagetool_url,
            "languagetool_daemon": not no_daemon,
        },
        changed=_changed_lines(diff) if diff is not None else None,
        diff_ref=diff,
        baseline=_read_baseline(baseline) if baseline is not None else None,
        fix=fix,
        unsafe_fixes=unsafe_fixes,
        jobs=jobs or default_jobs(),
        progress=progress_for(_console(stderr=True), quiet),
        cache_path=None if no_cache else default_cache_path(),
    )
    result = run_check(request)
    code = exit_code(result, fail)
    if write_baseline is not None:
        code = _write_baseline(write_baseline, result, shown, code)
    late = new_warnings(warnings, check_config(config, catalog, complete="style" in result.engines))
    if late:  # Vale names, judged once the style engine has read the styles
        _warn(late, strict, stop=False)
        code = USAGE_OR_INPUT if strict and code in (OK, FINDINGS) else code
    with _writing_output():
        _report(result, catalog, shown, fail, code, output_format, output, quiet)
    raise typer.Exit(code)


def _warn(warnings: list[ConfigWarning], strict: bool, stop: bool = True) -> None:
    """Print config warnings on stderr; with --strict they are errors, and unless the run
    is over (`stop=False`) nothing is checked (exit 2)."""
    console = _console(stderr=True)
    label = "error" if strict else "warning"
    for warning in warnings:
        console.print(Text(f"{label}: ", style="bold yellow") + plain(str(warning)))
    if strict and warnings and stop:
        raise _fail(f"{len(warnings)} config problem(s) with --strict; nothing was checked")


def _read_baseline(path: Path) -> frozenset[str]:
    try:
        return load_baseline(path)
    except BaselineError as exc:
        raise _fail(str(exc)) from None


def _changed_lines(ref: str) -> ChangedLines:
    try:
        return changed_lines(ref)
    except GitDiffError as exc:
        raise _fail(str(exc)) from None


def _write_baseline(path: Path, result: RunResult, shown: Severity, code: int) -> int:
    """Write the baseline unless the run was incomplete; 0 once written."""
    if result.engine_errors or result.input_errors:
        result.notes.append(f"baseline {path} not written: not every file could be checked")
        return code
    try:
        count = save_baseline(path, result, shown)
    except BaselineError as exc:
        raise _fail(str(exc)) from None
    result.notes.append(f"wrote {count} finding(s) to baseline {path}")
    return OK


def _report(
    result: RunResult,
    catalog: RuleCatalog,
    shown: Severity,
    fail: str,
    code: int,
    output_format: str,
    output: Path | None,
    quiet: bool,
) -> None:
    """Problems on stderr; the report on stdout or in FILE (then the summary on stderr)."""
    context = ReportContext(result, catalog, shown, fail, code, __version__)
    reporter = REPORTERS[output_format]
    streams = Streams(out=_console(), err=_console(stderr=True))
    print_problems(streams.err, context)
    if output is None:
        reporter.show(streams, context, quiet)
        return
    try:
        output.write_text(reporter.render(context), encoding="utf-8")
    except OSError as exc:
        raise _fail(f"cannot write {output}: {exc.strerror or exc}") from None
    print_summary(streams.err, context)


@app.command("rules")
def rules_command(
    output_format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """List every rule: id, severity, category and what it flags."""
    _choice(output_format, ("table", "json"), "--format")
    catalog = _load_catalog()
    with _writing_output():
        print_rules_table(_console(), list(catalog.rules.values()), output_format)


@app.command("rule")
def rule_command(
    rule_id: Annotated[str, typer.Argument(help="Rule id or name.")],
    languagetool_url: Annotated[
        str | None,
        typer.Option(
            envvar="PROOFER_LANGUAGETOOL_URL",
            help="Ask the LanguageTool server at URL whether an LT. rule exists.",
        ),
    ] = None,
) -> None:
    """Show a rule's documentation and examples."""
    catalog = _load_catalog()
    for rule in catalog.rules.values():
        if rule_id in (rule.id, rule.name):
            with _writing_output():
                print_rule(_console(), rule)
            return
    if rule_id.startswith("LT."):
        _require_languagetool_rule(rule_id, languagetool_url)
        with _writing_output():
            print_languagetool_rule(_console(), rule_id)
        return
    raise _fail(f"unknown rule {rule_id!r}; `proofer rules` lists them")


def _require_languagetool_rule(rule_id: str, url: str | None) -> None:
    """Exit 2 unless the curation or LanguageTool (local, or at `url`) knows the rule."""
    from proofer.engines.languagetool.curation import load_curation
    from proofer.engines.languagetool.server import ServerSettings
    from proofer.languagetool_rules import RuleListUnavailable, is_languagetool_rule
    from proofer.rulebook import RuleFileError

    try:
        config = load_config()
    except ConfigError as exc:
        raise _fail(f"config error: {exc}") from None
    try:
        settings = ServerSettings.from_config(config.languagetool)  # its Java and heap
        known = is_languagetool_rule(rule_id, load_curation(), config.language, url, settings)
    except (RuleListUnavailable, RuleFileError) as exc:
        raise _fail(f"cannot tell whether {rule_id!r} exists: {exc}") from None
    if not known:
        raise _fail(
            f"unknown LanguageTool rule {rule_id!r}: LanguageTool {config.language} has no "
            "rule with this id (ids are case-sensitive, such as LT.EN_A_VS_AN)"
        )


@app.command("setup-languagetool")
def setup_languagetool_command(
    force: Annotated[bool, typer.Option("--force", help="Fetch the jars again.")] = False,
    aot_cache: Annotated[
        bool,
        typer.Option(
            "--aot-cache/--no-aot-cache",
            help="Make Java's AOT cache for the server (Java 25+; a training run of seconds).",
        ),
    ] = True,
) -> None:
    """Fetch the pinned LanguageTool from Maven Central into proofer's cache (once), and
    make the AOT cache that starts its server faster on the Java that runs it."""
    from proofer.engines.languagetool.install import ProvisionError, setup_maven

    try:
        installation, changed = setup_maven(force=force)
    except ProvisionError as exc:
        raise _fail(f"setup-languagetool: {exc}", ENGINE_FAILED) from None
    state = "installed" if changed else "already installed"
    typer.echo(f"LanguageTool {installation.version} {state} at {installation.path}")
    if aot_cache:
        _setup_aot_cache(installation, force=force)


def _setup_aot_cache(installation: Installation, *, force: bool) -> None:
    """Make the AOT cache for the Java a run here would use; a failure is a warning
    (runs work without the cache, only their start is slower)."""
    from proofer.engines.languagetool import aot
    from proofer.engines.languagetool.install import ProvisionError
    from proofer.engines.languagetool.java import AOT_MIN_MAJOR, resolve_java

    try:
        setting = str(load_config().languagetool.get("java", ""))
    except ConfigError:
        setting = ""
    try:
        java = resolve_java(setting)
        result = aot.make_cache(installation, java, force=force)
    except ProvisionError as exc:
        typer.echo(f"warning: no AOT cache for the LanguageTool server: {exc}", err=True)
        return
    if result is None:
        typer.echo(f"{java.describe()}: no AOT cache (it needs Java {AOT_MIN_MAJOR}+)")
    elif result.made:
        typer.echo(
            f"AOT cache made in {result.seconds:.0f} s ({result.requests} training requests) "
            f"at {result.cache.path}"
        )
    else:
        typer.echo(f"AOT cache already made at {result.cache.path}")


@app.command("lsp")
def lsp_command(
    tcp: Annotated[
        str | None,
        typer.Option(
            metavar="[HOST:]PORT",
            help="Listen on TCP instead of stdio (HOST defaults to 127.0.0.1, loopback only).",
        ),
    ] = None,
    stdio: Annotated[
        bool, typer.Option("--stdio", help="Talk over stdin/stdout (the default).")
    ] = False,
) -> None:
    """Run the language server: diagnostics, quick fixes and hovers in your editor."""
    from proofer.lsp.main import AddressError, parse_address, serve

    if tcp is not None and stdio:
        raise _fail("use --tcp or --stdio, not both")
    if tcp is not None:
        try:
            parse_address(tcp)
        except AddressError as exc:
            raise _fail(str(exc)) from None
    serve(tcp)


server_app = typer.Typer(
    help="The shared LanguageTool server that `proofer check` starts and reuses.",
    no_args_is_help=True,
)
app.add_typer(server_app, name="server")


@server_app.command("status")
def server_status_command(
    config_file: Annotated[
        Path | None, typer.Option("--config", help="Judge reuse with this config file.")
    ] = None,
) -> None:
    """Show whether the shared server runs, where, and when it stops (exit 1: not running)."""
    from proofer.serverctl import status, status_lines

    report = status(_server_config(config_file))
    for line in status_lines(report):
        typer.echo(line)
    raise typer.Exit(OK if report.running else 1)


@server_app.command("start")
def server_start_command(
    config_file: Annotated[
        Path | None, typer.Option("--config", help="Use this config file only.")
    ] = None,
) -> None:
    """Start the shared server now (or find it running), so the next check starts warm."""
    from proofer.serverctl import ServerControlError, start_server, status, status_lines

    config = _server_config(config_file)
    try:
        server = start_server(config)
    except ServerControlError as exc:
        raise _fail(f"server start: {exc}", ENGINE_FAILED) from None
    if server.replaced:
        typer.echo(f"replaced the previous server: {server.replaced}")
    for line in status_lines(status(config)):
        typer.echo(line)


@server_app.command("stop")
def server_stop_command() -> None:
    """Stop the shared server (a run that is using it fails and may start a new one)."""
    from proofer.serverctl import ServerControlError, stop

    try:
        stopped = stop()
    except ServerControlError as exc:
        raise _fail(f"server stop: {exc}", ENGINE_FAILED) from None
    if stopped is None:
        typer.echo("LanguageTool server: not running")
    else:
        typer.echo(f"LanguageTool server: stopped (JVM pid {stopped.jvm_pid}, port {stopped.port})")


cache_app = typer.Typer(
    help="The result cache: findings of unchanged blocks, kept between runs.",
    invoke_without_command=True,
)
app.add_typer(cache_app, name="cache")


@cache_app.callback()
def cache_status_command(ctx: typer.Context) -> None:
    """Show where the result cache is and what it holds (`proofer cache clear` empties it)."""
    if ctx.invoked_subcommand is not None:
        return
    from proofer.cache.store import ResultCache

    status = ResultCache(default_cache_path()).status()
    typer.echo(f"result cache: {status.path}")
    if not status.exists:
        typer.echo("empty (no file yet)")
    elif status.problem is not None:
        typer.echo(f"unreadable ({status.problem}); the next check clears it")
    else:
        typer.echo(
            f"{status.entries} entries, {_megabytes(status.size)} of results "
            f"({_megabytes(status.file_size)} on disk), cap {_megabytes(status.max_bytes)}"
        )


@cache_app.command("clear")
def cache_clear_command() -> None:
    """Empty the result cache (the next check re-checks every block)."""
    from proofer.cache.store import clear_cache

    path = default_cache_path()
    freed = clear_cache(path)
    typer.echo(f"result cache cleared: {path} ({_megabytes(freed)} freed)")


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _server_config(config_file: Path | None) -> Config:
    try:
        return load_config(config_file)
    except ConfigError as exc:
        raise _fail(f"config error: {exc}") from None


@app.command("doctor")
def doctor_command() -> None:
    """Show which engines can run here, their versions, Java's, and the paths used."""
    from proofer.doctor import print_doctor

    with _writing_output():
        ready = print_doctor(_console())
    raise typer.Exit(0 if ready else ENGINE_FAILED)


@app.command("stats")
def stats_command(
    paths: Annotated[list[str], typer.Argument(help="Files or directories; - reads stdin.")],
    output_format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    config_file: Annotated[
        Path | None, typer.Option("--config", help="Use this config file only.")
    ] = None,
) -> None:
    """Words, sentences, reading time and readability scores of each document."""
    from proofer.stats import document_stats, print_stats, stats_json

    _choice(output_format, ("table", "json"), "--format")
    try:
        config = load_config(config_file)
    except ConfigError as exc:
        raise _fail(f"config error: {exc}") from None
    discovery = discover(paths, config.include, config.exclude)
    documents, read_errors = read_documents(discovery.files, config)
    for error in [*discovery.errors, *read_errors]:
        _console(stderr=True).print(Text("proofer: ") + plain(str(error)))
    for note in discovery.notes:
        _console(stderr=True).print(Text("note: ", style="yellow") + plain(note))
    items = [document_stats(d) for d in documents]
    with _writing_output():
        if output_format == "json":
            sys.stdout.write(stats_json(items))
        else:
            print_stats(_console(), items)
    if not documents or discovery.errors or read_errors:
        raise typer.Exit(USAGE_OR_INPUT)


def main() -> None:
    """Entry point: never show a traceback unless PROOFER_DEBUG is set."""
    try:
        try:
            app()
        finally:
            sys.stdout.flush()  # a full disk shows here: the report is still buffered
    except KeyboardInterrupt:
        _console(stderr=True).print("proofer: interrupted")
        sys.exit(130)
    except OSError as exc:
        if not _is_output_error(exc):
            _internal_error(exc)
        _silence_stdout()
        if exc.errno != errno.EPIPE:
            _console(stderr=True).print(
                Text("proofer: ", style="bold red")
                + plain(f"cannot write the output: {exc.strerror or exc}")
            )
        sys.exit(USAGE_OR_INPUT)
    except Exception as exc:
        _internal_error(exc)


def _internal_error(exc: BaseException) -> None:
    if os.environ.get("PROOFER_DEBUG"):
        raise exc
    _console(stderr=True).print(plain(
        f"proofer: internal error: {type(exc).__name__}: {exc}\n"
        "Run again with PROOFER_DEBUG=1 for details, and please report it."
    ))
    sys.exit(ENGINE_FAILED)
