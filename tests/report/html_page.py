"""Reading an HTML report back without a browser: highlights, cards, elements, attributes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class ParsedReport:
    """What the tests look at in a report page."""

    highlight_text: dict[str, str] = field(default_factory=dict)  # finding key -> marked text
    first_keys: list[str] = field(default_factory=list)  # keys in document order
    cards: list[dict[str, str]] = field(default_factory=list)
    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.report = ParsedReport()
        self._texts: defaultdict[str, list[str]] = defaultdict(list)
        self._mark_keys: list[str] | None = None
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.report.tags.append((tag, values))
        if tag == "mark" and "hl" in values.get("class", "").split():
            self._mark_keys = values["data-f"].split()
            for key in self._mark_keys:
                self._texts.setdefault(key, [])
            self.report.first_keys += values.get("data-first", "").split()
        elif tag == "li" and "finding" in values.get("class", "").split():
            self.report.cards.append(values)
        elif tag == "script":
            self._in_script = True
            self.report.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._mark_keys = None
        elif tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._mark_keys is not None:
            for key in self._mark_keys:
                self._texts[key].append(data)
        if self._in_script:
            self.report.scripts[-1] += data

    def close(self) -> None:
        super().close()
        self.report.highlight_text = {k: "".join(v) for k, v in self._texts.items()}


def parse_report(page: str) -> ParsedReport:
    reader = _Reader()
    reader.feed(page)
    reader.close()
    return reader.report
