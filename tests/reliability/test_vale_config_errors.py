"""A broken or unsupported Vale style is a configuration error: exit 2, naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability._vale_project import check, vale_project

GOOD = "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: error\ntokens:\n  - very\n"
BROKEN = {
    "script": "extends: script\nmessage: x\nscript: |\n  matches := []\n",
    "unknown kind": "extends: grammar\nmessage: x\n",
    "bad regex": "extends: existence\nmessage: x\ntokens:\n  - '(unclosed'\n",
    "bad YAML": "extends: existence\nmessage: [unclosed\n",
    "bad formula": "extends: metric\nmessage: x\nformula: words.real\ncondition: '> 1'\n",
    "unknown function": "extends: metric\nmessage: x\nformula: math.nope(words)\n"
                        "condition: '> 1'\n",
    "bad condition": "extends: metric\nmessage: x\nformula: words\ncondition: 'big'\n",
    "readability metric": "extends: readability\nmessage: x\nmetrics: [Nope]\ngrade: 8\n",
}


@pytest.mark.parametrize("body", BROKEN.values(), ids=BROKEN.keys())
def test_broken_style_file_exits_2_naming_it(in_tmp: Path, body: str) -> None:
    vale_project(in_tmp, {"Good": GOOD, "Broken": body})
    code, report, stderr = check(in_tmp, "A very short draft.\n")
    assert code == 2, stderr
    assert not report["summary"]["engine_errors"]
    failed = [f for f in report["files"] if f["status"] == "error"]
    assert [Path(f["path"]).name for f in failed] == ["Broken.yml"]
    assert "Broken.yml" in stderr


def test_an_unsupported_rule_that_is_off_does_not_stop_the_run(in_tmp: Path) -> None:
    vale_project(in_tmp, {"Good": GOOD, "Broken": BROKEN["script"]}, "T.Broken = NO\n")
    code, report, _ = check(in_tmp, "A very short draft.\n")
    assert code == 1
    assert [f["rule"] for f in report["findings"]] == ["T.Good"]
