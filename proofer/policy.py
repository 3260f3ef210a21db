"""What users decided about findings: rule selection, severities, inline suppressions."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from proofer.config import Config
from proofer.document import Directive, Document
from proofer.finding import Applicability, Finding, Severity
from proofer.lines import LineIndex

DIRECTIVE_RULE = "PF-DIRECTIVE-UNKNOWN-RULE"
UNUSED_DIRECTIVE_RULE = "PF-DIRECTIVE-UNUSED"
UNCHECKED_TEXT_RULE = "PF-MARKUP-TOO-DEEP"


@dataclass(frozen=True)
class RuleIdentity:
    """The names a selector may use for a rule: id, name, category, engine."""

    id: str
    name: str
    category: str
    engine: str


def selector_matches(selector: str, identity: RuleIdentity) -> bool:
    """Selectors are ids, names, categories or engine names; `*` globs are allowed."""
    return any(
        fnmatch.fnmatchcase(value, selector)
        for value in (identity.id, identity.name, identity.category, identity.engine)
    )


@dataclass(frozen=True)
class FilePolicy:
    """The selection and severity settings in force for one path."""

    select: tuple[str, ...]
    ignore: tuple[str, ...]
    severity: Mapping[str, str]

    @classmethod
    def for_path(cls, config: Config, path: str) -> FilePolicy:
        select, ignore = list(config.select), list(config.ignore)
        severity = dict(config.severity)
        for override in config.overrides:
            if any(fnmatch.fnmatch(path, glob) for glob in override.paths):
                select.extend(override.select)
                ignore.extend(override.ignore)
                severity.update(override.severity)
        return cls(tuple(select), tuple(ignore), severity)

    def apply(self, finding: Finding, identity: RuleIdentity) -> Finding | None:
        """The finding with its configured severity, or None when the rule is off."""
        if self.select and not any(selector_matches(s, identity) for s in self.select):
            return None
        if any(selector_matches(s, identity) for s in self.ignore):
            return None
        for selector, level in self.severity.items():
            if selector_matches(selector, identity):
                if level == "off":
                    return None
                finding = replace(finding, severity=Severity(level))
        return finding


def _directive_matches(directive: Directive, identity: RuleIdentity) -> bool:
    return not directive.rules or any(selector_matches(r, identity) for r in directive.rules)


def apply_suppressions(
    document: Document,
    findings: Sequence[Finding],
    identify: Callable[[Finding], RuleIdentity],
    is_known: Callable[[str], bool],
) -> list[Finding]:
    """Drop findings switched off by inline comments; warn about unknown or unused ones.

    proofer's own notes on the document (text the parser could not check) join the
    findings first, so they are reported like any finding and comments can silence them.
    """
    findings = [*findings, *unchecked_text_notes(document)]
    directives = sorted(document.directives, key=lambda d: d.start)
    if not directives:
        return findings
    lines = LineIndex(document.source)
    used: set[Directive] = set()
    kept: list[Finding] = []
    for finding in findings:
        identity = identify(finding)
        suppressor = _suppressor(directives, finding, identity, lines)
        if suppressor is None:
            kept.append(finding)
        else:
            used.add(suppressor)
    kept.extend(_directive_warnings(directives, used, is_known))
    return kept


def unchecked_text_notes(document: Document) -> list[Finding]:
    """A warning on each span of the source the markup parser skipped."""
    return [
        Finding(
            rule=UNCHECKED_TEXT_RULE,
            start=start,
            end=end,
            message="Markdown nested this deep is past the parser's limit: "
            "this text is not checked. Nest less to have it checked.",
            severity=Severity.WARNING,
            category="markup",
            engine="proofer",
            applicability=Applicability.NONE,
        )
        for start, end in document.unchecked
    ]


def _suppressor(
    directives: Iterable[Directive], finding: Finding, identity: RuleIdentity, lines: LineIndex
) -> Directive | None:
    line = lines.position(finding.start)[0]
    active: Directive | None = None
    for directive in directives:
        if directive.action == "disable-next-line":
            if directive.line + 1 == line and _directive_matches(directive, identity):
                return directive
            continue
        if directive.start >= finding.start:
            break
        if not _directive_matches(directive, identity):
            continue
        active = directive if directive.action == "disable" else None
    return active


def _directive_warnings(
    directives: Iterable[Directive], used: set[Directive], is_known: Callable[[str], bool]
) -> list[Finding]:
    warnings = []
    for directive in directives:
        unknown = [r for r in directive.rules if not is_known(r)]
        if unknown:
            warnings.append(
                Finding(
                    rule=DIRECTIVE_RULE,
                    start=directive.start,
                    end=directive.end,
                    message=f"The {directive.origin} comment names unknown rule(s): "
                    + ", ".join(unknown),
                    severity=Severity.WARNING,
                    category="directives",
                    engine="proofer",
                )
            )
        elif (
            directive.action != "enable"
            and directive.origin == "proofer"
            and directive not in used
        ):
            warnings.append(
                Finding(
                    rule=UNUSED_DIRECTIVE_RULE,
                    start=directive.start,
                    end=directive.end,
                    message="This proofer-" + directive.action + " comment suppresses nothing.",
                    severity=Severity.SUGGESTION,
                    category="directives",
                    engine="proofer",
                )
            )
    return warnings
