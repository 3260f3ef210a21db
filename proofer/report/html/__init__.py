"""`--format html`: one self-contained page with every document and its findings marked.

`page` assembles the page, `prose` renders each document with markdown-it, `marks` places
the highlights; the CSS and script are package data in `assets/`.
"""

from __future__ import annotations

from proofer.report.context import ReportContext
from proofer.report.html.page import render_page


def render(context: ReportContext) -> str:
    """The report as one HTML document (the same bytes for the same run)."""
    return render_page(context)
