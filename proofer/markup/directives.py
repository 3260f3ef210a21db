"""Inline suppression comments: proofer's own and Vale's."""

from __future__ import annotations

import re
from collections.abc import Callable

from proofer.document import Directive

_PROOFER = re.compile(
    r"<!--\s*proofer-(disable-next-line|disable|enable)\b([^>]*?)-->", re.DOTALL
)
_VALE = re.compile(r"<!--\s*vale\s+(off|on|[\w.-]+\s*=\s*(?:NO|YES))\s*-->", re.IGNORECASE)


def parse_directives(comment: str, offset: int, line_of: Callable[[int], int]) -> list[Directive]:
    """Directives in an HTML comment found at source `offset`.

    `line_of(offset)` gives the 1-based line of a source offset.
    """
    found: list[Directive] = []
    for match in _PROOFER.finditer(comment):
        rules = tuple(r.strip() for r in match.group(2).replace(",", " ").split() if r.strip())
        start, end = offset + match.start(), offset + match.end()
        found.append(Directive(match.group(1), rules, line_of(end - 1), start, end))
    for match in _VALE.finditer(comment):
        word = match.group(1)
        start, end = offset + match.start(), offset + match.end()
        line = line_of(end - 1)
        if word.lower() == "off":
            found.append(Directive("disable", (), line, start, end, origin="vale"))
        elif word.lower() == "on":
            found.append(Directive("enable", (), line, start, end, origin="vale"))
        else:
            rule, _, value = (part.strip() for part in word.partition("="))
            action = "disable" if value.upper() == "NO" else "enable"
            found.append(Directive(action, (rule,), line, start, end, origin="vale"))
    return sorted(found, key=lambda d: d.start)
