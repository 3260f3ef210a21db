"""Property-based tests of the TextMap round-trip invariant on messy Markdown and text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proofer.markup.markdown import parse_markdown
from proofer.markup.plaintext import parse_plaintext
from proofer.sources import decode
from proofer.textmap import SegmentKind, TextMap

WORDS = st.sampled_from(
    [
        "it's", "word", "naïve", "e\u0301te", "😀", "👩‍💻", "漢字", "かな", "\t", "tab\there",
        "**bold**", "_em_", "`code`", "``a ` b``", "[link](http://x.y/z \"t\")", "[ref][r]",
        "<https://go.dev>", "https://example.com/a_b", "&amp;", "&#x1F600;", "\\*", "\\",
        "~~gone~~", "<b>", "<!-- c -->", "![img](p.png)", "|", "#", ">", "-", "1.", "\u00a0",
        "𝔘𝔫𝔦", "x", "a", "an", ".", ",", "{{", "}}", "{{< ref x >}}", "{%", "%}",
    ]
)
LINE = st.lists(WORDS, min_size=0, max_size=8).map(" ".join)
PREFIX = st.sampled_from(["", "", "", "# ", "## ", "> ", "- ", "1. ", "    ", "| ", "```", "---"])
DOCUMENT = st.tuples(
    st.lists(st.tuples(PREFIX, LINE), min_size=1, max_size=12),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)


def _source(parts: tuple[list[tuple[str, str]], str, bool]) -> str:
    lines, newline, bom = parts
    text = newline.join(prefix + line for prefix, line in lines)
    raw = text.encode("utf-8")
    return decode((b"\xef\xbb\xbf" if bom else b"") + raw, "doc.md")


def _assert_invariants(source: str, textmap: TextMap, data: st.DataObject) -> None:
    text = textmap.text
    position = 0
    last_source = 0
    for seg in textmap.segments:
        assert seg.text_start == position, "segments must tile the text"
        position = seg.text_end
        assert seg.source_start >= last_source, "segments follow document order"
        last_source = seg.source_start
        if seg.kind is SegmentKind.LITERAL:
            assert source[seg.source_start : seg.source_end] == text[seg.text_start : seg.text_end]
            a = data.draw(st.integers(seg.text_start, seg.text_end))
            b = data.draw(st.integers(a, seg.text_end))
            start, end = textmap.to_source(a, b)
            assert source[start:end] == text[a:b]
        else:
            assert 0 <= seg.source_start <= seg.source_end <= len(source)
    assert position == len(text)
    for block in textmap.blocks:
        assert 0 <= block.text_start < block.text_end <= len(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=DOCUMENT, data=st.data())
def test_markdown_round_trip(parts: tuple[list[tuple[str, str]], str, bool], data: st.DataObject) -> None:
    source = _source(parts)
    document = parse_markdown("doc.md", source)
    _assert_invariants(source, document.textmap, data)


@settings(max_examples=200, deadline=None)
@given(parts=DOCUMENT, data=st.data())
def test_plaintext_round_trip(parts: tuple[list[tuple[str, str]], str, bool], data: st.DataObject) -> None:
    source = _source(parts)
    document = parse_plaintext("doc.txt", source)
    _assert_invariants(source, document.textmap, data)
    assert "".join(source.split()) == "".join(document.textmap.text.split())


def test_bom_is_not_part_of_the_source() -> None:
    assert decode(b"\xef\xbb\xbfHi", "x") == "Hi"
    assert decode("Hi".encode("utf-16"), "x") == "Hi"
