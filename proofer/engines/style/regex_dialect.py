"""Vale's regular expressions (Go RE2 / regexp2 syntax) under Python's `regex` module.

Differences handled here:

- inline flags such as ``(?i)`` apply to the rest of the enclosing group in Go; Python
  wants them at the start, so they become scoped groups ``(?i:...)`` closed at the end
  of each alternative and reopened after every ``|``;
- ``\\Q...\\E`` quoting, ``\\x{HHHH}`` escapes and ``\\z`` have Python spellings;
- POSIX classes (``[[:alpha:]]``) and Unicode classes (``\\p{L}``) are native to `regex`.
"""

from __future__ import annotations

from collections.abc import Iterable

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
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if char == "[":
            end = _class_end(pattern, i)
            out.append(pattern[i:end])
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


def compile_vale(pattern: str) -> regex.Pattern[str]:
    """Compile a Vale pattern; raises ValeRegexError with the pattern on failure."""
    try:
        return regex.compile(translate(pattern))
    except (regex.error, ValueError) as exc:
        raise ValeRegexError(f"invalid pattern {pattern!r}: {exc}") from None


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


def exception_pattern(terms: Iterable[str]) -> regex.Pattern[str] | None:
    """Vale's exception matcher: longest terms first, word-bounded, searched in a match."""
    ordered = sorted({t for t in terms if t}, key=len, reverse=True)
    if not ordered:
        return None
    # Vale turns case-insensitivity off for each term unless it asks for it.
    wrapped = [t if t.startswith("(?i)") else f"(?-i:{t})" for t in ordered]
    return compile_vale(WORD_TEMPLATE % "|".join(wrapped))


def is_exception(pattern: regex.Pattern[str] | None, text: str) -> bool:
    """True when an exception term occurs (word-bounded) in the matched text."""
    return pattern is not None and pattern.search(text) is not None
