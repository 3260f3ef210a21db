"""Vale's regular expressions, run on a linear-time engine where possible.

Vale writes patterns in Go's RE2 syntax (and runs them on regexp2, a backtracking engine
that also accepts lookaround and backreferences). proofer compiles every pattern with
RE2 itself (google-re2), so matching takes time linear in the text whatever the
pattern; only a pattern RE2 cannot express (lookaround, backreferences) runs on the
backtracking `regex` module, after translation. Two more cases use `regex`: `\b` and
`\\B` are Unicode-aware in Vale and ASCII-only in RE2, so a pattern with a word boundary
runs on `regex` when the text holds non-ASCII letters; and `\\w`, `\\d` and `\\s` are
ASCII classes in both of Vale's engines, so the translation spells them out.

Differences the translation to `regex` handles:

- inline flags such as ``(?i)`` apply to the rest of the enclosing group in Go; Python
  wants them at the start, so they become scoped groups ``(?i:...)`` closed at the end
  of each alternative and reopened after every ``|``;
- ``\\Q...\\E`` quoting, ``\\x{HHHH}`` escapes and ``\\z`` have Python spellings;
- POSIX classes (``[[:alpha:]]``) and Unicode classes (``\\p{L}``) are native to `regex`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol

import re2
import regex

WORD_TEMPLATE = r"(?m)\b(?:%s)\b"
NONWORD_TEMPLATE = r"(?m)(?:%s)"
IGNORE_CASE = "(?i)"
_FLAG_CHARS = frozenset("imsU-")


class ValeRegexError(ValueError):
    """A Vale pattern that cannot be translated or compiled."""


def _class_end(pattern: str, index: int) -> int:
    """Index just after the character class starting at `index` (a '[')."""
    i = index + 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if pattern.startswith("[:", i):
            close = pattern.find(":]", i + 2)
            if close > 0:
                i = close + 2
                continue
        if char == "]":
            return i + 1
        i += 1
    raise ValeRegexError(f"unterminated character class in {pattern!r}")


def _flag_group(pattern: str, index: int) -> tuple[str, int] | None:
    """An inline flag group `(?flags)` at `index`: (flags, index after it)."""
    if not pattern.startswith("(?", index):
        return None
    close = pattern.find(")", index + 2)
    if close < 0:
        return None
    flags = pattern[index + 2 : close]
    if flags and set(flags) <= _FLAG_CHARS:
        return flags, close + 1
    return None


def _clean_flags(flags: str) -> str:
    """Drop Go's ungreedy flag (no Python equivalent) and empty halves."""
    on, _, off = flags.replace("U", "").partition("-")
    return on + (f"-{off}" if off else "")


def translate(pattern: str) -> str:
    """Rewrite a Vale (Go) pattern into an equivalent `regex` pattern."""
    out: list[str] = []
    # One list of pending scoped-flag groups per open group level.
    stack: list[list[str]] = [[]]
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            if pattern.startswith(r"\Q", i):
                end = pattern.find(r"\E", i + 2)
                end = len(pattern) if end < 0 else end
                out.append(regex.escape(pattern[i + 2 : end]))
                i = end + 2
                continue
            if pattern.startswith(r"\x{", i):
                close = pattern.find("}", i)
                if close < 0:
                    raise ValeRegexError(f"bad \\x{{}} escape in {pattern!r}")
                out.append(regex.escape(chr(int(pattern[i + 3 : close], 16))))
                i = close + 1
                continue
            if pattern.startswith(r"\z", i):
                out.append(r"\Z")
                i += 2
                continue
            out.append(_ASCII_CLASSES.get(pattern[i : i + 2], pattern[i : i + 2]))
            i += 2
            continue
        if char == "[":
            end = _class_end(pattern, i)
            out.append(_ascii_class_body(pattern[i:end]))
            i = end
            continue
        flag = _flag_group(pattern, i)
        if flag is not None:
            flags = _clean_flags(flag[0])
            if flags:
                out.append(f"(?{flags}:")
                stack[-1].append(flags)
            i = flag[1]
            continue
        if char == "(":
            stack.append([])
            out.append(char)
        elif char == ")":
            out.append(")" * len(stack[-1]))
            if len(stack) > 1:
                stack.pop()
            out.append(char)
        elif char == "|":
            pending = stack[-1]
            out.append(")" * len(pending) + "|" + "".join(f"(?{f}:" for f in pending))
        else:
            out.append(char)
        i += 1
    out.append(")" * len(stack[0]))
    return "".join(out)


# Vale's engines read these as ASCII classes; Python's `regex` reads them as Unicode.
_ASCII_CLASSES = {
    r"\w": "[0-9A-Za-z_]", r"\W": "[^0-9A-Za-z_]", r"\d": "[0-9]", r"\D": "[^0-9]",
    r"\s": r"[\t\n\f\r ]", r"\S": r"[^\t\n\f\r ]",
}
_IN_CLASS = {r"\w": "0-9A-Za-z_", r"\d": "0-9", r"\s": r"\t\n\f\r "}


def _ascii_class_body(text: str) -> str:
    r"""A character class with \w, \d and \s spelled as their ASCII ranges."""
    out = []
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        if pair in _IN_CLASS:
            out.append(_IN_CLASS[pair])
            i += 2
        elif text[i] == "\\":
            out.append(pair)
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


class Match(Protocol):
    """What RE2's and `regex`'s match objects share (as far as rules use them)."""

    def start(self, group: int = ...) -> int: ...
    def end(self, group: int = ...) -> int: ...
    def span(self, group: int = ...) -> tuple[int, int]: ...
    def group(self, group: int = ...) -> Any: ...
    def groups(self) -> tuple[Any, ...]: ...


_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False
_RE2_OPTIONS.max_mem = 64 << 20
# Characters \b treats as word characters in Vale but not in RE2.
_NON_ASCII_WORD = regex.compile(r"[^\x00-\x7f](?<=[\p{L}\p{Mn}\p{Nd}\p{Pc}\u200c\u200d])")
_BOUNDARY = regex.compile(r"(?<!\\)(?:\\\\)*\\[bB]")


class ValePattern:
    """A compiled Vale pattern: RE2 when it can run it, else `regex` (see module doc)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._re2: Any = None
        self._regex: regex.Pattern[str] | None = None
        try:
            self._re2 = re2.compile(pattern, _RE2_OPTIONS)
        except re2.error:
            self._regex = self._compile_regex()
        compiled = self._re2 if self._re2 is not None else self._regex
        self.groups: int = compiled.groups if compiled is not None else 0
        self._boundary = self._re2 is not None and bool(_BOUNDARY.search(pattern))

    def _compile_regex(self) -> regex.Pattern[str]:
        try:
            return regex.compile(translate(self.pattern))
        except (regex.error, ValueError) as exc:
            raise ValeRegexError(f"invalid pattern {self.pattern!r}: {exc}") from None

    @property
    def backtracking(self) -> bool:
        """True when the pattern needs the backtracking engine on every text."""
        return self._re2 is None

    def _engine(self, text: str) -> Any:
        if self._re2 is None:
            return self._regex
        if self._boundary and not text.isascii() and _NON_ASCII_WORD.search(text):
            if self._regex is None:
                self._regex = self._compile_regex()
            return self._regex
        return self._re2

    def finditer(self, text: str) -> Iterator[Match]:
        return iter(self._engine(text).finditer(text))

    def search(self, text: str) -> Match | None:
        found: Match | None = self._engine(text).search(text)
        return found

    def fullmatch(self, text: str) -> Match | None:
        found: Match | None = self._engine(text).fullmatch(text)
        return found

    def findall(self, text: str) -> list[Any]:
        return list(self._engine(text).findall(text))


def compile_vale(pattern: str) -> ValePattern:
    """Compile a Vale pattern; raises ValeRegexError with the pattern on failure."""
    return ValePattern(pattern)


def word_pattern(
    tokens: Iterable[str], *, ignorecase: bool = False, nonword: bool = False, raw: str = "",
    append: bool = False,
) -> str:
    """Vale's makeRegexp: tokens wrapped as `(?m)\\b(?:a|b)\\b` unless nonword; raw joined."""
    tokens = list(tokens)
    body = ""
    if tokens and not nonword:
        body = WORD_TEMPLATE % "|".join(tokens)
    else:
        body = NONWORD_TEMPLATE % "|".join(tokens) if tokens else ""
    body = body + raw if append else raw + body
    return (IGNORE_CASE if ignorecase else "") + body


def exception_pattern(terms: Iterable[str]) -> ValePattern | None:
    """Vale's exception matcher: longest terms first, word-bounded, searched in a match."""
    ordered = sorted({t for t in terms if t}, key=len, reverse=True)
    if not ordered:
        return None
    # Vale turns case-insensitivity off for each term unless it asks for it.
    wrapped = [t if t.startswith("(?i)") else f"(?-i:{t})" for t in ordered]
    return compile_vale(WORD_TEMPLATE % "|".join(wrapped))


def is_exception(pattern: ValePattern | None, text: str) -> bool:
    """True when an exception term occurs (word-bounded) in the matched text."""
    return pattern is not None and pattern.search(text) is not None
