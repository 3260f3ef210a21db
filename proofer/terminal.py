"""Text from input (drafts, file names, options, config values) made safe to print.

Rich reads `[...]` in plain strings as markup and a terminal obeys escape sequences, so
nothing that came from input is printed as a markup string or raw: it goes through
`printable` (control characters shown as `\\x1b`, never sent) inside a `rich.text.Text`.
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

# C0 controls except tab and newline, DEL, C1 controls, and the bidirectional overrides
# and isolates that can make a terminal show text in another order than it is stored.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """The text with every control character written out as an escape (`\\x1b[31m`)."""
    return _CONTROL.sub(_escaped, text)


def plain(text: str, style: str = "") -> Text:
    """Input text for rich: never parsed as markup, control characters escaped."""
    return Text(printable(text), style=style)


def print_table(console: Console, table: Table) -> None:
    """A table at the width it needs when the output is not a terminal (piped, redirected),
    so no id or path is cut short for the program reading it; a terminal wraps as usual."""
    if console.is_terminal:
        console.print(table)
        return
    needed = Measurement.get(console, console.options.update_width(100_000), table).maximum
    saved = console.width
    console.width = max(saved, needed)
    try:
        console.print(table, crop=False)
    finally:
        console.width = saved
