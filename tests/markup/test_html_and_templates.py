"""What is prose in HTML and in template syntax: the text content of HTML is checked, with
exact source positions; template tags, attribute lists and code are markup."""

from __future__ import annotations

import pytest

from proofer.document import Document
from proofer.markup.markdown import parse_markdown
from proofer.textmap import SegmentKind


def _text(source: str) -> str:
    document = parse_markdown("doc.md", source)
    _assert_literals_map_back(document)
    return document.textmap.text


def _assert_literals_map_back(document: Document) -> None:
    textmap = document.textmap
    for seg in textmap.segments:
        if seg.kind is SegmentKind.LITERAL:
            assert (
                document.source[seg.source_start : seg.source_end]
                == textmap.text[seg.text_start : seg.text_end]
            )


def test_text_inside_an_html_block_is_prose() -> None:
    text = _text("<div class=\"note\">\n  The cache is <b>shared</b> by every worker.\n</div>\n")
    assert text == "The cache is shared by every worker."


@pytest.mark.parametrize(
    "html",
    [
        "<script>var teh = 1;</script>",
        "<style>.teh { color: red }</style>",
        "<pre>teh raw output</pre>",
        "<!-- teh comment -->",
        '<img alt="a photo" src="teh.png">',
    ],
)
def test_code_scripts_comments_and_attributes_are_not_prose(html: str) -> None:
    text = _text(f"<div>\nBefore.\n{html}\nAfter.\n</div>\n")
    assert "teh" not in text and "photo" not in text
    assert "Before." in text and "After." in text


def test_inline_code_in_html_is_a_placeholder_not_its_words() -> None:
    document = parse_markdown("doc.md", "<p>Run <code>teh --fix</code> first.</p>\n")
    assert "teh" not in document.textmap.text
    assert any(s.kind is SegmentKind.PLACEHOLDER for s in document.textmap.segments)


def test_markdown_inside_a_kramdown_element_keeps_the_space_beside_inline_tags() -> None:
    source = (
        '<aside markdown="1" class="pquote">\n'
        '  <img src="x.png" class="pquote-avatar" alt="avatar">\n'
        "  You will learn <em>a lot</em> from **one** project.\n"
        "</aside>\n"
    )
    assert _text(source) == "You will learn a lot from one project."


def test_entities_in_html_are_read_as_their_characters() -> None:
    assert _text("<p>Fish &amp; chips &ndash; tonight.</p>\n") == "Fish & chips – tonight."


def test_a_paragraph_of_template_tags_alone_is_left_out() -> None:
    source = "First paragraph.\n\n{% include 'card.html' title: \"Teh\" %}\n\nLast one.\n"
    text = _text(source)
    assert "Teh" not in text and "include" not in text
    assert "First paragraph." in text and "Last one." in text


def test_a_tag_inside_a_sentence_is_one_placeholder() -> None:
    document = parse_markdown("doc.md", "Read the {{ site.title }} guide before you start.\n")
    text = document.textmap.text
    assert "site.title" not in text
    assert text.startswith("Read the ") and text.endswith(" guide before you start.")
    assert any(s.kind is SegmentKind.PLACEHOLDER for s in document.textmap.segments)


@pytest.mark.parametrize(
    "source",
    [
        'Read [the install guide]({{ "/install/" | url }}) first.\n',
        "Read [the install guide]({{ site.baseurl }}/install/) first.\n",
        "Read [the install guide]({% link install.md %}) first.\n",
    ],
)
def test_a_link_whose_destination_is_a_template_tag_is_a_link(source: str) -> None:
    # The site renders the tag before the Markdown, so this is a link: only its text is
    # prose (it used to be read as "[the install guide](Dummy0)").
    assert _text(source) == "Read the install guide first."


def test_what_a_template_tag_holds_is_not_read_as_markdown() -> None:
    # `*` and `<b>` inside a tag are the template's, not emphasis or HTML.
    text = _text("Use {{ a * b }} then {{ '<b>' }} and *this* stays emphasis.\n")
    assert "*" not in text and "<b>" not in text
    assert text.endswith(" and this stays emphasis.")


def test_comment_blocks_are_not_prose_and_capture_blocks_are() -> None:
    source = (
        "{% comment %}\nNeed to fix teh links.\n{% endcomment %}\n\n"
        "{% capture note %}\nThe form is due on Friday.\n{% endcapture %}\n"
    )
    text = _text(source)
    assert "teh" not in text
    assert "The form is due on Friday." in text


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("### Onboarding {#onboarding}\n", "Onboarding"),
        ("See [18F](https://18f.gsa.gov/){.usa-link .usa-link--external} today.\n",
         "See 18F today."),
        ("A list item.\n{:.list-item--margin-bottom-extra}\n", "A list item."),
    ],
)
def test_attribute_lists_are_not_text(source: str, expected: str) -> None:
    assert _text(source).strip() == expected


def test_a_doubled_word_inside_html_is_found_at_its_source_position(spacy_engine) -> None:
    source = "<details>\n<summary>Notes</summary>\n\nWe checked the the logs twice.\n</details>\n"
    document = parse_markdown("doc.md", source)
    findings = spacy_engine.check([document])["doc.md"]
    doubled = [f for f in findings if f.rule == "PF-GRAMMAR-DOUBLED-WORD"]
    assert len(doubled) == 1
    start, end = document.textmap.to_source(doubled[0].start, doubled[0].end)
    assert source[start:end] == "the the"
