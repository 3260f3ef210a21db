"""A document's source as safe, readable HTML with its findings highlighted.

Markdown is rendered by the same markdown-it parser the checker uses, so the structure
shown is the structure that was checked. Nothing from the draft becomes live markup:
raw HTML is shown as code, images as labelled placeholders (a report must not fetch
anything), and links keep only http(s), mailto and relative targets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from proofer.markup.markdown import _TOML_FRONT_MATTER, build_parser
from proofer.report.html.marks import Highlight, Sentinels, Woven, escape, weave

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_ALIGN = re.compile(r"text-align:(left|right|center)")


def render_document(
    source: str, highlights: Sequence[Highlight], markdown: bool
) -> Woven:
    """The document as HTML with a `<mark>` segment wherever a highlight's text is shown."""
    sentinels = Sentinels(source, highlights)
    marked = sentinels.insert(source)
    if not markdown:
        return weave(f'<div class="plain-text">{escape(marked)}</div>\n', sentinels)
    return weave(_render_markdown(marked, sentinels), sentinels)


def _render_markdown(marked: str, sentinels: Sentinels) -> str:
    parts = []
    toml = _TOML_FRONT_MATTER.match(marked)
    if toml:
        parts.append(_front_matter(toml.group(0).rstrip("\r\n"), sentinels))
        marked = marked[toml.end() :]
    parts.append(_parser(sentinels).render(marked, {"sentinels": sentinels}))
    return "".join(parts)


def _front_matter(text: str, sentinels: Sentinels) -> str:
    """Front matter folded away unless something in it was flagged."""
    opened = " open" if sentinels.pattern.search(text) else ""
    return (
        f'<details class="front-matter"{opened}><summary>Front matter</summary>'
        f"<pre><code>{escape(text)}</code></pre></details>\n"
    )


def _parser(sentinels: Sentinels) -> MarkdownIt:
    """The checker's parser, with link handling that sees through sentinels and safe rules."""
    md = build_parser()
    normalize_link, validate_link = md.normalizeLink, md.validateLink

    def normalize(url: str) -> str:
        # Keep the sentinels as they are (the weaver reads them from the tag) and encode
        # the rest exactly as markdown-it would.
        pieces = re.split(f"({sentinels.pattern.pattern})", url)
        return "".join(
            piece if sentinels.pattern.fullmatch(piece) else normalize_link(piece)
            for piece in pieces
        )

    md.normalizeLink = normalize  # type: ignore[method-assign]
    md.validateLink = lambda url: validate_link(sentinels.strip(url))  # type: ignore[method-assign]
    md.add_render_rule("text_special", _text_special)
    md.add_render_rule("html_block", _html_block)
    md.add_render_rule("html_inline", _html_inline)
    md.add_render_rule("image", _image)
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("th_open", _cell_open)
    md.add_render_rule("td_open", _cell_open)
    md.add_render_rule("front_matter", _front_matter_token)
    return md


def _front_matter_token(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    token = tokens[idx]
    return _front_matter(f"{token.markup}\n{token.content}\n{token.markup}", env["sentinels"])


def _text_special(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    # An escape or entity (the checker's parser keeps them apart from text): its meaning.
    return escape(tokens[idx].content)


def _html_block(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    content = tokens[idx].content.rstrip("\n")
    return f'<pre class="raw-html" title="HTML in the draft"><code>{escape(content)}</code></pre>\n'


def _html_inline(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return f'<code class="raw-html">{escape(tokens[idx].content)}</code>'


def _image(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    alt = self.renderInline(token.children or [], options, env)
    # Sentinels stay in attributes: the weaver applies and removes them.
    where = str(token.attrGet("src") or "")
    return f'<span class="md-image" title="Image: {escape(where)}">{alt}</span>'


def _link_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    scheme = _SCHEME.match(env["sentinels"].strip(href))
    if scheme and scheme.group(1).lower() not in _SAFE_SCHEMES:
        return '<a class="unsafe-link">'
    title = token.attrGet("title")
    title_attr = f' title="{escape(str(title))}"' if title else ""
    return f'<a href="{escape(href)}"{title_attr} rel="nofollow noopener noreferrer">'


def _cell_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    # Alignment as a class: the page's Content-Security-Policy allows no style attributes.
    align = _ALIGN.search(str(token.attrGet("style") or ""))
    css = f' class="align-{align.group(1)}"' if align else ""
    return f"<{token.tag}{css}>"
