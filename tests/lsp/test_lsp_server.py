"""`proofer lsp` end to end: the real server over stdio, driven by a real LSP client."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from tests.lsp.session import NEOVIM, Session, apply_edit, start_session, stop_session

pytestmark = pytest.mark.asyncio

SENTENCE = "The company updated it's privacy policy."
ITS = "PF-GRAMMAR-ITS-POSSESSIVE"


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def its_range(line_text: str, line: int = 0) -> tuple[tuple[int, int], tuple[int, int]]:
    start = utf16(line_text[: line_text.index("it's")])
    return (line, start), (line, start + utf16("it's"))


def span(diagnostic: types.Diagnostic) -> tuple[tuple[int, int], tuple[int, int]]:
    r = diagnostic.range
    return (r.start.line, r.start.character), (r.end.line, r.end.character)


def codes(diagnostics: list[types.Diagnostic]) -> list[object]:
    return [d.code for d in diagnostics]


@pytest.mark.parametrize(
    "line",
    [SENTENCE, f"🙂 Update: {SENTENCE}", f"👩‍💻 日本語 e\u0301 {SENTENCE}"],
    ids=["ascii", "emoji", "zwj-cjk-combining"],
)
async def test_one_diagnostic_at_the_utf16_range_of_its(session: Session, line: str) -> None:
    uri = session.open("draft.md", line + "\n")
    diagnostics = await session.diagnostics(uri, version=1)
    assert codes(diagnostics) == [ITS]
    (diagnostic,) = diagnostics
    assert span(diagnostic) == its_range(line)
    assert diagnostic.source == "proofer"
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert diagnostic.code_description is not None
    doc = Path(diagnostic.code_description.href.removeprefix("file://"))
    assert doc.is_file() and ITS in doc.read_text(encoding="utf-8")


async def test_quick_fix_replaces_with_its_and_the_change_clears_it(session: Session) -> None:
    text = f"# Notes\n\n🙂 {SENTENCE}\n"
    uri = session.open("draft.md", text)
    (diagnostic,) = await session.diagnostics(uri, version=1)
    actions = await session.code_actions(uri, diagnostic)
    replace = [a for a in actions if a.title == "Replace with 'its'"]
    assert len(replace) == 1
    assert replace[0].is_preferred is not True  # no rule declares a safe fix yet
    edit = replace[0].edit
    assert edit is not None and edit.document_changes is not None
    (document_edit,) = edit.document_changes
    assert isinstance(document_edit, types.TextDocumentEdit)
    assert document_edit.text_document.version == 1
    (text_edit,) = document_edit.edits
    assert isinstance(text_edit, types.TextEdit)
    assert text_edit.new_text == "its"
    fixed = apply_edit(text, text_edit)
    assert fixed == f"# Notes\n\n🙂 {SENTENCE.replace('it' + chr(39) + 's', 'its')}\n"
    version = session.change(uri, fixed)
    assert await session.diagnostics(uri, version=version) == []


async def test_incremental_edits_after_an_emoji_are_applied_in_utf16(session: Session) -> None:
    text = f"🙂🙂 {SENTENCE}\n"
    uri = session.open("draft.md", text)
    (diagnostic,) = await session.diagnostics(uri, version=1)
    version = session.change(uri, "its", diagnostic.range)
    assert await session.diagnostics(uri, version=version) == []
    version = session.change(uri, "it's", types.Range(
        start=diagnostic.range.start,
        end=types.Position(line=0, character=diagnostic.range.start.character + 3),
    ))
    (again,) = await session.diagnostics(uri, version=version)
    assert span(again) == span(diagnostic)


async def test_utf8_positions_when_the_editor_asks_for_them(root: Path) -> None:
    running = await start_session(root, editor=NEOVIM)
    try:
        line = f"日本 🙂 {SENTENCE}"
        uri = running.open("draft.md", line + "\n")
        (diagnostic,) = await running.diagnostics(uri, version=1)
        start = len(line[: line.index("it's")].encode("utf-8"))
        assert span(diagnostic) == ((0, start), (0, start + 4))
    finally:
        await stop_session(running)


async def test_disable_for_this_line_inside_a_paragraph(session: Session) -> None:
    text = f"The first line of the paragraph goes on\nand then {SENTENCE}\n"
    uri = session.open("draft.md", text)
    (diagnostic,) = await session.diagnostics(uri, version=1)
    actions = await session.code_actions(uri, diagnostic)
    (disable,) = [a for a in actions if a.title == f"Disable {ITS} for this line"]
    assert disable.edit is not None and disable.edit.document_changes is not None
    (document_edit,) = disable.edit.document_changes
    assert isinstance(document_edit, types.TextDocumentEdit)
    (text_edit,) = document_edit.edits
    assert isinstance(text_edit, types.TextEdit)
    silenced = apply_edit(text, text_edit)
    assert silenced.splitlines()[0].endswith(f"<!-- proofer-disable-next-line {ITS} -->")
    version = session.change(uri, silenced)
    # Nothing else appears: the paragraph is still one paragraph, the comment is used.
    assert await session.diagnostics(uri, version=version) == []


async def test_hover_shows_message_why_and_example(session: Session) -> None:
    uri = session.open("draft.md", SENTENCE + "\n")
    (diagnostic,) = await session.diagnostics(uri, version=1)
    hover = await session.client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=diagnostic.range.start
    ))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    text = hover.contents.value
    assert "Use the possessive" in text
    assert "*Why:*" in text and "belongs to" in text
    assert "*Example:*" in text and "[[" not in text
    assert f"proofer rule {ITS}" in text
    elsewhere = await session.client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(0, 1)
    ))
    assert elsewhere is None


async def test_plain_text_is_checked_without_a_comment_action(session: Session) -> None:
    uri = session.open("notes.txt", f"A line.\n🙂 {SENTENCE}\n", language="plaintext")
    (diagnostic,) = await session.diagnostics(uri, version=1)
    assert span(diagnostic) == its_range(f"🙂 {SENTENCE}", line=1)
    titles = [a.title for a in await session.code_actions(uri, diagnostic)]
    assert titles == ["Replace with 'its'"]


async def test_other_languages_are_left_alone(session: Session) -> None:
    python = session.open("script.py", f"# {SENTENCE}\n", language="python")
    marker = session.open("draft.md", SENTENCE + "\n")
    await session.diagnostics(marker, version=1)
    assert python not in session.published


async def test_config_error_is_one_diagnostic_at_the_top_and_a_message(root: Path) -> None:
    (root / ".proofer.toml").write_text('engines = ["spacy"]\nfail-levle = "error"\n')
    running = await start_session(root)
    try:
        uri = running.open("draft.md", f"# Title\n\n{SENTENCE}\n")
        (diagnostic,) = await running.diagnostics(uri, version=1)
        assert diagnostic.code == "config-error"
        assert diagnostic.severity == types.DiagnosticSeverity.Error
        assert span(diagnostic) == ((0, 0), (0, len("# Title")))
        assert "fail-levle" in diagnostic.message and ".proofer.toml" in diagnostic.message
        errors = [m for m in running.client.messages if m.type == types.MessageType.Error]
        assert len(errors) == 1 and "fail-levle" in errors[0].message
        # Fixing the file and saving it brings the findings back, without a restart.
        (root / ".proofer.toml").write_text('engines = ["spacy"]\n')
        running.client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=running.uri(".proofer.toml"))
        ))
        assert codes(await running.diagnostics(uri, lambda d: codes(d) == [ITS])) == [ITS]
    finally:
        await stop_session(running)


async def test_config_warning_is_a_message_and_the_findings_still_come(root: Path) -> None:
    (root / ".proofer.toml").write_text('engines = ["spacy"]\nignore = ["PF-NO-SUCH-RULE"]\n')
    running = await start_session(root)
    try:
        uri = running.open("draft.md", f"# Title\n\n{SENTENCE}\n")
        assert codes(await running.diagnostics(uri, lambda d: codes(d) == [ITS])) == [ITS]
        running.change(uri, f"# Title\n\n{SENTENCE} Again.\n")
        await running.diagnostics(uri, version=2)
        warnings = [m for m in running.client.messages if m.type == types.MessageType.Warning]
        assert len(warnings) == 1  # once, not on every check
        assert "PF-NO-SUCH-RULE" in warnings[0].message and "ignore" in warnings[0].message
    finally:
        await stop_session(running)


async def test_settings_change_levels_and_engines(root: Path) -> None:
    running = await start_session(root)
    try:
        uri = running.open("draft.md", SENTENCE + "\n")
        (diagnostic,) = await running.diagnostics(uri, version=1)
        assert diagnostic.severity == types.DiagnosticSeverity.Error
        running.client.set_configuration(
            {"severity": {"grammar.its-possessive": "suggestion"}}, section="proofer"
        )
        running.client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings=None)
        )
        (demoted,) = await running.diagnostics(
            uri, lambda d: bool(d) and d[0].severity != types.DiagnosticSeverity.Error
        )
        assert demoted.severity == types.DiagnosticSeverity.Information
        running.client.set_configuration({"engines": ["style"]}, section="proofer")
        running.client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings=None)
        )
        assert await running.diagnostics(uri, lambda d: d == []) == []
        running.client.set_configuration({"engines": ["no-such-engine"]}, section="proofer")
        running.client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings=None)
        )
        (bad,) = await running.diagnostics(uri, lambda d: codes(d) == ["config-error"])
        assert "editor settings" in bad.message
    finally:
        await stop_session(running)


async def test_settings_from_initialization_options_without_workspace_configuration(
    root: Path,
) -> None:
    running = await start_session(
        root,
        initialization_options={"proofer": {"min-level": "warning"}},
        pull_configuration=False,
    )
    try:
        uri = running.open("draft.md", SENTENCE + "\n")
        assert codes(await running.diagnostics(uri, version=1)) == [ITS]
        running.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
            settings={"proofer": {"severity": {ITS: "suggestion"}}}
        ))
        # min-level warning (from initializationOptions) now hides the demoted finding.
        assert await running.diagnostics(uri, lambda d: d == []) == []
    finally:
        await stop_session(running)


async def test_closing_clears_the_diagnostics(session: Session) -> None:
    uri = session.open("draft.md", SENTENCE + "\n")
    assert codes(await session.diagnostics(uri, version=1)) == [ITS]
    session.client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)
    ))
    assert await session.diagnostics(uri, lambda d: d == []) == []
