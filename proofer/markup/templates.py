"""Template and attribute syntax that docs sites mix into Markdown: markup, not prose.

- Liquid / Jinja / Nunjucks tags `{% ... %}` and output `{{ ... }}`, Hugo shortcodes
  `{{< ... >}}` / `{{% ... %}}` and Go present's `{{code ...}}` / `{{raw `...`}}` stand in
  the text as one placeholder each (so "see {{< ref x >}} for" stays a sentence).
- `{% comment %}...{% endcomment %}`, `{% raw %}...{% endraw %}` and Jinja comments
  `{# ... #}` are never rendered as prose: their contents are left out.
- kramdown and markdown-it-attrs attribute lists (`{#id}`, `{.class}`, `{:.class}`,
  `{: #id .class key="v"}`) are left out.

A tag never runs past a blank line, so a stray `{{` does not swallow the paragraphs
after it. `{% capture %}` tags are ordinary tags: the captured text is prose.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

PLACEHOLDER = "template"
HIDDEN = "hidden"

_NO_BLANK_LINE = r"(?:(?!\n[ \t]*\r?\n)[\s\S])"
_ATTRIBUTE = r"""(?:[#.][\w:-]+|[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s}"']+))"""
_PATTERN = regex.compile(
    rf"""(?P<block>\{{%-?\s*(?P<name>comment|raw)\s*-?%\}}[\s\S]*?\{{%-?\s*end(?P=name)\s*-?%\}})
    |(?P<attributes>\{{:?[ \t]*{_ATTRIBUTE}(?:[ \t]+{_ATTRIBUTE})*[ \t]*\}})
    |(?P<jinja_comment>\{{\#{_NO_BLANK_LINE}*?\#\}})
    |(?P<present_raw>\{{\{{raw\s+`[^`]*`\s*\}}\}})
    |(?P<tag>\{{%{_NO_BLANK_LINE}*?%\}}|\{{\{{{_NO_BLANK_LINE}*?\}}\}})
    """,
    regex.VERBOSE,
)


@dataclass(frozen=True)
class Region:
    """A stretch of source that is markup: `template` (a placeholder) or `hidden`;
    `name` says which syntax (block, jinja_comment, present_raw, tag, attributes)."""

    start: int
    end: int
    kind: str
    name: str = ""


def markup_regions(source: str) -> list[Region]:
    """Template tags, template comments and attribute lists in `source`, in order."""
    regions = []
    for match in _PATTERN.finditer(source):
        name = str(match.lastgroup)
        kind = HIDDEN if name in ("block", "jinja_comment", "attributes") else PLACEHOLDER
        regions.append(Region(match.start(), match.end(), kind, name))
    return regions
