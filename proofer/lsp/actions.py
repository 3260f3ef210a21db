"""Code actions on findings: apply a suggestion, accept a word, silence a rule on a line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lsprotocol import types

from proofer.catalog import RuleCatalog
from proofer.engines.languagetool.curation import is_spelling
from proofer.finding import Applicability, Finding
from proofer.fixes import fix_applicability
from proofer.lsp.diagnostics import to_diagnostic
from proofer.lsp.positions import PositionMap

ADD_TO_VOCABULARY = "proofer.addToVocabulary"
DISABLE_COMMENT = "<!-- proofer-disable-next-line {rule} -->"
# What stays in front of a Markdown line's text when a comment line is put above it:
# indentation and block-quote markers (not list markers: the comment goes before the item).
_CONTAINER_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*")
# Lines a comment must never be appended to: fences, headings, thematic breaks, setext
# underlines and front-matter fences end or open a block by themselves.
_STRUCTURAL = re.compile(
    r"[ \t>]*(?:`{3,}|~{3,}|#{1,6}(?:[ \t]|$)|(?:[-=*_+][ \t]*){3,}$)"
)
_TABLE_ROW = re.compile(r"^[ \t>]*\|")


@dataclass(frozen=True)
class ActionContext:
    """The document an action edits: the checked version and how the client takes edits."""

    uri: str
    version: int | None
    positions: PositionMap
    catalog: RuleCatalog
    markdown: bool
    versioned_edits: bool  # the client accepts documentChanges (edits tied to a version)


def is_spelling_finding(finding: Finding) -> bool:
    """A LanguageTool spelling match: the word may belong in the project's vocabulary."""
    extra = dict(finding.extra)
    return finding.engine == "languagetool" and is_spelling(
        extra.get("lt_category", ""), extra.get("issue_type", "")
    )


def is_preferred_fix(finding: Finding) -> bool:
    """Whether an editor may apply this finding's suggestion as *the* fix (isPreferred):
    exactly when `--fix` would apply it on its own (the rule declares `fix: safe`).
    This is the one place that decides it.
    """
    return fix_applicability(finding) is Applicability.SAFE


def code_actions(
    findings: Sequence[Finding], requested: tuple[int, int], context: ActionContext
) -> list[types.CodeAction]:
    """Quick fixes for the findings that touch the requested span (code-point offsets)."""
    low, high = requested
    actions: list[types.CodeAction] = []
    for finding in findings:
        if finding.start > high or finding.end < low:
            continue
        diagnostic = to_diagnostic(finding, context.positions, context.catalog)
        actions.extend(_replacements(finding, diagnostic, context))
        if is_spelling_finding(finding):
            word = context.positions.source[finding.start : finding.end]
            title = f"Add '{word}' to the project vocabulary"
            actions.append(types.CodeAction(
                title=title,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                command=types.Command(
                    title=title, command=ADD_TO_VOCABULARY, arguments=[context.uri, word]
                ),
            ))
        disable = disable_line_edit(finding, context.positions) if context.markdown else None
        if disable is not None:
            actions.append(types.CodeAction(
                title=f"Disable {finding.rule} for this line",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=_edit(context, [disable]),
            ))
    return actions


def _replacements(
    finding: Finding, diagnostic: types.Diagnostic, context: ActionContext
) -> list[types.CodeAction]:
    # A span with markup inside (applicability none) is never rewritten, as with --fix.
    if not finding.offers_fix:
        return []
    flagged = context.positions.source[finding.start : finding.end]
    span = context.positions.range(finding.start, finding.end)
    actions = []
    for suggestion in finding.suggestions:
        title = f"Replace with '{suggestion}'" if suggestion else f"Delete '{flagged}'"
        actions.append(types.CodeAction(
            title=title,
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=_edit(context, [types.TextEdit(range=span, new_text=suggestion)]),
            is_preferred=True if is_preferred_fix(finding) else None,
        ))
    return actions


def _edit(context: ActionContext, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    if context.versioned_edits:
        document = types.OptionalVersionedTextDocumentIdentifier(
            uri=context.uri, version=context.version
        )
        return types.WorkspaceEdit(
            document_changes=[types.TextDocumentEdit(text_document=document, edits=list(edits))]
        )
    return types.WorkspaceEdit(changes={context.uri: list(edits)})


def disable_line_edit(finding: Finding, positions: PositionMap) -> types.TextEdit | None:
    """The edit that puts `<!-- proofer-disable-next-line RULE -->` before the finding's
    line in Markdown, without changing how the document parses:

    - when the line starts a block (first line, after a blank line, a heading, a fence or
      a thematic break), the comment goes on a line of its own above it, behind the same
      block-quote markers;
    - inside a paragraph, list item or quote, it is appended to the previous line, so
      the paragraph is not split in two (a comment line would end it);
    - in a table no comment can go between rows, so no edit is offered (None).
    """
    line = positions.line_of(finding.start)
    text = positions.line_text(line)
    comment = DISABLE_COMMENT.format(rule=finding.rule)
    previous = positions.line_text(line - 1) if line > 0 else ""
    if _TABLE_ROW.match(text) or _TABLE_ROW.match(previous):
        return None
    container = _container(text)
    previous_body = previous[len(_container(previous)) :]
    if line == 0 or not previous_body.strip() or _STRUCTURAL.match(previous):
        start = positions.position(positions.line_start(line))
        newline = "\r\n" if "\r\n" in positions.source else "\n"
        return types.TextEdit(
            range=types.Range(start=start, end=start), new_text=f"{container}{comment}{newline}"
        )
    end = positions.position(positions.line_end(line - 1))
    return types.TextEdit(range=types.Range(start=end, end=end), new_text=f" {comment}")


def _container(line: str) -> str:
    match = _CONTAINER_PREFIX.match(line)
    return match.group(0) if match else ""
