"""Property tests: random Markdown and random bytes through `proofer check` in-process.

Whatever the input, the CLI ends with 0, 1 or 2 (spaCy and style engines only: nothing
here may fail an engine), never a traceback, and its output parses in the format asked
for. The examples are few so the suite stays fast; the strategies mix Markdown syntax,
proofer's own comments, escape sequences and text that trips the rules.
"""

from __future__ import annotations

import json
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from proofer.cli import app


def _lines(pattern: str) -> Callable[[str], None]:
    regex = re.compile(pattern)

    def parse(output: str) -> None:
        for line in output.splitlines():
            assert regex.match(line), line

    return parse


def _human(output: str) -> None:
    assert "files checked" in output or "file checked" in output, output
    assert "\x1b" not in output


PARSERS: dict[str, Callable[[str], object]] = {
    "json": json.loads,
    "sarif": json.loads,
    "rdjson": json.loads,
    "gitlab": json.loads,
    "junit": ET.fromstring,
    "checkstyle": ET.fromstring,
    "github": _lines(r"^::(error|warning|notice) [^\r\n]*::[^\r\n]*$"),
    "human": _human,
}

FRAGMENTS = [
    "# ", "## ", "> ", "- ", "1. ", "* ", "    ", "\t", "\n", "\n\n", "\r\n", "```\n", "~~~",
    "`", "``", "*", "**", "_", "~~", "[", "]", "(", ")", "](http://x.y/z)", "![i](p.png)",
    "<", ">", "<div>", "</div>", "<!--", "-->", "<!-- proofer-disable -->",
    "<!-- proofer-enable -->", "<!-- proofer-disable-next-line PF-NOPE -->",
    "<!-- vale off -->", "<!-- vale Style.Rule = NO -->", "---\n", "+++\n", "|a|b|\n|-|-|\n",
    "{{", "}}", "{%", "%}", "&amp;", "&#x1F600;", "\\", "https://example.com/a_b",
    "the the", "it's own", "a hour", "Their is", "in order to", "could of", "\x1b[31m",
    "\u202e", "\x00", "\ufeff", "😀", "日本語", "é", " ", ".", ",", "Word", "word", "A", "I",
]
markdown = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=40).map("".join)
formats = st.sampled_from(sorted(PARSERS))


def _run(data: bytes, name: str, output_format: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, name).write_bytes(data)
        result = CliRunner().invoke(
            app,
            ["check", "--engines", "spacy,style", "--format", output_format,
             str(Path(folder, name))],
            env={"NO_COLOR": "1"},
        )
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{type(result.exception).__name__}: {result.exception}"
    )
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr, result.stderr
    PARSERS[output_format](result.stdout)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=markdown, output_format=formats)
@example(text="\r# ", output_format="json")  # a lone CR ends a line for the Markdown parser
@example(text="# Title\rThe app lost it's users.\r\r* item\r", output_format="github")
def test_random_markdown(text: str, output_format: str) -> None:
    _run(text.encode("utf-8", "surrogatepass"), "draft.md", output_format)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=200), output_format=formats, name=st.sampled_from(
    ["draft.md", "notes.txt"]
))
def test_random_bytes(data: bytes, output_format: str, name: str) -> None:
    _run(data, name, output_format)
