"""`--fix` never changes what it should not, and never loses a draft (issue 10).

Fix applicability is a property of the rule (`fix: safe | unsafe | none`, default
unsafe): `--fix` applies only safe fixes of shown findings, `--fix --unsafe-fixes` the
rest. No built-in rule is safe today: each one has a context below in which it fires
and its suggestion is wrong, found by running every rule over the dev data and over
sentences written to probe its edges (docs/fixes.md has the table).
"""

from __future__ import annotations

import json
import os
import resource
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from proofer.catalog import RuleCatalog
from proofer.cli import app
from proofer.engines.spacy.engine import SpacyEngine
from proofer.finding import Severity, TextFinding
from proofer.locate import to_source_findings
from proofer.markup.plaintext import parse_plaintext
from proofer.rulebook import Rule, RuleFileError, parse_rule
from proofer.sources import InputError
from tests.reliability.conftest import run_proofer

# Imported inside the tests that need them, so that on code without fix applicability
# each test fails on its own assertion rather than the whole module on an import.

# Rules whose single suggestion is right in every context they match. Adding one needs
# its evidence in docs/fixes.md (every match on go-blog, general-prose, JFLEG and CWEB
# read, and no counterexample below).
SAFE_RULES: frozenset[str] = frozenset()

# (rule, text it fires on, why applying its one suggestion there is wrong). The texts
# are correct English (or a slip the suggestion does not mend) written for this test.
COUNTEREXAMPLES = [
    ("PF-GRAMMAR-DOUBLED-WORD", "We visited Baden Baden in May.", "a name"),
    ("PF-GRAMMAR-DOUBLED-WORD", "If they fire you you will know.", "a missing comma, not a double"),
    ("PF-GRAMMAR-ARTICLE-SOUND", "Read a FAQ entry.", "'a FAQ' (fack) is as right as 'an FAQ'"),
    ("PF-GRAMMAR-ARTICLE-SOUND", "To find a a place you can buy it.", "'an a place'"),
    ("PF-GRAMMAR-ITS-POSSESSIVE", "Given it's summer, we close early.", "'it is summer'"),
    ("PF-GRAMMAR-ITS-CONTRACTION", "He said its not-for-profit arm grew.", "a possessive"),
    ("PF-GRAMMAR-MODAL-OF", "You could of course try again.", "'of course'"),
    ("PF-GRAMMAR-CAN-NOT", "You can not go if you want; it's optional.", "'able not to go'"),
    ("PF-GRAMMAR-THEN-FOR-THAN", "It grew bigger then shrank.", "'then' is right"),
    ("PF-GRAMMAR-YOUR-CONTRACTION", "Is your going to work a problem?", "a gerund's possessive"),
    ("PF-GRAMMAR-YOURE-POSSESSIVE", "You're team lead now.", "'you are team lead'"),
    ("PF-GRAMMAR-SUBJECT-VERB", "Check the amount of memory services need.", "a relative clause"),
    ("PF-GRAMMAR-PRONOUN-WAS", "The person I showed you was my boss.", "'you' is an object"),
    ("PF-GRAMMAR-PAST-PARTICIPLE", "The money I had went to rent.", "'had' ends a clause"),
    ("PF-GRAMMAR-LET-OBJECT-VERB-S", "Make the user inputs valid.", "'inputs' is a noun"),
    ("PF-GRAMMAR-MAKE-OBJECT-TO", "We make them to order.", "'made to order'"),
    ("PF-GRAMMAR-DO-VERB", "Will the team leads attend?", "'leads' is a noun"),
    ("PF-GRAMMAR-HELP-VERB", "It helped matters a lot.", "'matters' is a noun"),
    ("PF-GRAMMAR-SPLIT-INFINITIVE-FORM", "I look forward to finally meets you.",
     "the slip is 'meeting'"),
    ("PF-GRAMMAR-PERFECT-QUESTION", "Have your team drew up a plan.", "the slip is 'draw'"),
    ("PF-GRAMMAR-THERE-IS-PLURAL", "There is many a slip between cup and lip.", "an idiom"),
    ("PF-GRAMMAR-THEIR-FOR-THERE", "Their would-be rivals stayed home.", "a possessive"),
    ("PF-GRAMMAR-THEIR-FOR-THEYRE", "Is their a way?", "the slip is 'there'"),
    ("PF-GRAMMAR-WHOSE-CONTRACTION", "The team whose next release ships is ours.", "'whose'"),
    ("PF-GRAMMAR-EACH-PLURAL", "Every crossroads has a sign.", "'crossroads' is singular"),
    ("PF-GRAMMAR-QUANTITY-SINGULAR", "You get a lot of car for the money.", "an idiom"),
    ("PF-GRAMMAR-OTHERS-BEFORE-NOUN", "I read the others comments.", "the slip is 'others''"),
    ("PF-GRAMMAR-PRINCIPAL-NOUN", "Payments of principal and interest are due.", "finance"),
    ("PF-GRAMMAR-AFFECT-NOUN", "Her affect on examination was bright.", "psychology"),
    ("PF-GRAMMAR-LOSE-FOR-LOOSE", "The result is lose of control.", "the slip is 'loss'"),
    ("PF-GRAMMAR-EXPLAIN-ABOUT", "These factors explain about half of the variance.",
     "'about' means roughly"),
    ("PF-GRAMMAR-AS-MUCH-AS-ADJECTIVE", "I want as much as possible as soon as possible.",
     "'as much as possible'"),
]


def _check(cli: CliRunner, *args: str) -> tuple[int, str, str]:
    result = cli.invoke(app, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("rule_id", "text", "why"), COUNTEREXAMPLES)
def test_a_rule_whose_fix_is_wrong_somewhere_is_not_safe(
    rule_id: str, text: str, why: str, spacy_engine: SpacyEngine, catalog: RuleCatalog
) -> None:
    document = parse_plaintext("x.txt", text)
    fired = [f for f in spacy_engine.check_textmap(document.textmap) if f.rule == rule_id]
    if not fired:
        pytest.skip(f"{rule_id} no longer fires on {text!r}, so this no longer bars it")
    assert len(fired[0].suggestions) == 1, fired
    from proofer.finding import Applicability

    assert catalog.applicability(rule_id) is not Applicability.SAFE, why


def test_safe_rules_are_exactly_the_signed_off_ones(rules: list[Rule]) -> None:
    from proofer.finding import Applicability

    assert {r.id for r in rules if r.fix is Applicability.SAFE} == SAFE_RULES


def test_rules_declare_fix_applicability() -> None:
    from proofer.finding import Applicability

    base = {
        "id": "PF-TEST-RULE", "name": "test.rule", "engine": "spacy", "severity": "error",
        "category": "typos", "message": "m", "doc": {"what": "w", "why": "y"},
        "examples": [{"bad": "[[a]]", "fix": ["b"]}, {"good": "b"}],
    }
    assert parse_rule(base, "r.yaml").fix is Applicability.UNSAFE
    assert parse_rule({**base, "fix": "safe"}, "r.yaml").fix is Applicability.SAFE
    assert parse_rule({**base, "fix": "none"}, "r.yaml").fix is Applicability.NONE
    with pytest.raises(RuleFileError, match="fix"):
        parse_rule({**base, "fix": "sometimes"}, "r.yaml")


def test_languagetool_spelling_and_unknown_rules_are_never_safe(catalog: RuleCatalog) -> None:
    from proofer.finding import Applicability

    document = parse_plaintext("x.txt", "We run the upsert job.")
    spelling = TextFinding("LT.MORFOLOGIK_RULE_EN_US", 11, 17, "Possible spelling mistake.",
                           Severity.ERROR, "typos", "languagetool", ("upset",))
    (located,) = to_source_findings(document, [spelling], catalog.applicability)
    assert located.applicability is Applicability.UNSAFE
    assert catalog.applicability("Microsoft.Passive") is Applicability.UNSAFE


def test_fix_leaves_findings_of_rules_not_marked_safe(in_tmp: Path, cli: CliRunner) -> None:
    draft = in_tmp / "draft.md"
    text = "What it is is a simple tool, and the the cache is fast.\n"
    draft.write_text(text, encoding="utf-8")
    code, _, _ = _check(cli, "--engines", "spacy", "--fix", "draft.md")
    assert draft.read_text(encoding="utf-8") == text
    assert code == 1
    code, _, _ = _check(cli, "--engines", "spacy", "--fix", "--unsafe-fixes", "draft.md")
    assert draft.read_text(encoding="utf-8") != text  # the unsafe fixes were there to take


def test_unsafe_fixes_needs_fix(in_tmp: Path, cli: CliRunner) -> None:
    draft = in_tmp / "draft.md"
    draft.write_text("The the cache is fast.\n", encoding="utf-8")
    code, _, err = _check(cli, "--engines", "spacy", "--unsafe-fixes", "draft.md")
    assert code == 2 and "--fix" in err
    assert draft.read_text(encoding="utf-8") == "The the cache is fast.\n"


def test_fix_applies_only_shown_findings(in_tmp: Path, cli: CliRunner) -> None:
    draft = in_tmp / "draft.md"
    text = "We cached the result in order to save time.\n"  # a suggestion-level finding
    draft.write_text(text, encoding="utf-8")
    args = ["--engines", "style", "--fix", "--unsafe-fixes", "draft.md"]
    _check(cli, "--min-level", "warning", *args)
    assert draft.read_text(encoding="utf-8") == text
    (in_tmp / ".proofer.toml").write_text('ignore = ["style.wordiness"]\n', encoding="utf-8")
    _check(cli, *args)
    assert draft.read_text(encoding="utf-8") == text
    (in_tmp / ".proofer.toml").unlink()
    _check(cli, *args)
    assert draft.read_text(encoding="utf-8") == "We cached the result to save time.\n"


def test_a_span_with_markup_is_never_replaced(in_tmp: Path, cli: CliRunner) -> None:
    draft = in_tmp / "draft.md"
    text = "The **the** cache is fast.\n"
    draft.write_text(text, encoding="utf-8")
    code, out, _ = _check(cli, "--engines", "spacy", "--fix", "--unsafe-fixes",
                          "--format", "json", "draft.md")
    assert draft.read_text(encoding="utf-8") == text
    assert code == 1
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["PF-GRAMMAR-DOUBLED-WORD"]


# -- writing: atomic, in the file's own encoding --------------------------------------

DRAFT = "# Notes\r\n\r\nThe the cache is fast.\r\n"
FIXED = "# Notes\r\n\r\nThe cache is fast.\r\n"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(b"", "utf-8"), (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
     (b"\xfe\xff", "utf-16-be")],
)
def test_fix_keeps_encoding_byte_order_bom_and_line_endings(
    in_tmp: Path, cli: CliRunner, bom: bytes, codec: str
) -> None:
    draft = in_tmp / "draft.md"
    draft.write_bytes(bom + DRAFT.encode(codec))
    code, _, err = _check(cli, "--engines", "spacy", "--fix", "--unsafe-fixes", "draft.md")
    assert code == 0, err
    assert draft.read_bytes() == bom + FIXED.encode(codec)


def test_fix_keeps_mode_and_writes_through_a_symbolic_link(in_tmp: Path, cli: CliRunner) -> None:
    real = in_tmp / "real.md"
    real.write_bytes(DRAFT.encode())
    real.chmod(0o640)
    (in_tmp / "link.md").symlink_to(real)
    _check(cli, "--engines", "spacy", "--fix", "--unsafe-fixes", "link.md")
    assert (in_tmp / "link.md").is_symlink()
    assert real.read_bytes() == FIXED.encode()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in in_tmp.iterdir()) == ["link.md", "real.md"]


def test_read_only_file_is_a_clear_error_and_the_report_still_prints(
    in_tmp: Path, cli: CliRunner
) -> None:
    draft = in_tmp / "draft.md"
    draft.write_bytes(DRAFT.encode())
    draft.chmod(0o444)
    code, out, err = _check(cli, "--engines", "spacy", "--fix", "--unsafe-fixes",
                            "--format", "json", "draft.md")
    assert code == 2, err
    report = json.loads(out)
    assert {"path": "draft.md", "status": "error",
            "error": "not fixed: the file is read-only"} in report["files"]
    assert [f["rule"] for f in report["findings"]] == ["PF-GRAMMAR-DOUBLED-WORD"]
    assert draft.read_bytes() == DRAFT.encode()


def test_a_failed_write_leaves_the_draft_whole(tmp_path: Path) -> None:
    # A file-size limit makes every write past 4 KiB fail (EFBIG), as a full disk would.
    draft = tmp_path / "draft.md"
    body = "The the cache is fast. " + "Plain words here. " * 400 + "\n"
    draft.write_text(body, encoding="utf-8")
    assert draft.stat().st_size > 4096

    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    done = run_proofer(
        ["check", "--engines", "spacy", "--fix", "--unsafe-fixes", "--format", "json",
         "draft.md"],
        cwd=tmp_path, env={"PYTHONDONTWRITEBYTECODE": "1"}, preexec_fn=limit_file_size,
    )
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert "internal error" not in err and "Traceback" not in err
    report = json.loads(done.stdout)
    (failed,) = [f for f in report["files"] if f["status"] == "error"]
    assert failed["path"] == "draft.md" and failed["error"].startswith("not fixed: cannot write")
    assert draft.read_text(encoding="utf-8") == body
    assert [p.name for p in tmp_path.iterdir()] == ["draft.md"]  # no temporary file left


def test_a_file_changed_since_the_check_is_not_overwritten(tmp_path: Path) -> None:
    from proofer.fixes import write_fixed

    draft = tmp_path / "draft.md"
    draft.write_text("Edited in the meantime.\n", encoding="utf-8")
    with pytest.raises(InputError, match="changed after it was checked"):
        write_fixed(draft, "The the cache.\n", "The cache.\n", "draft.md")
    assert draft.read_text(encoding="utf-8") == "Edited in the meantime.\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to any directory")
def test_unwritable_directory_is_a_clear_error(in_tmp: Path, cli: CliRunner) -> None:
    folder = in_tmp / "docs"
    folder.mkdir()
    draft = folder / "draft.md"
    draft.write_bytes(DRAFT.encode())
    folder.chmod(0o555)
    try:
        code, _, err = _check(cli, "--engines", "spacy", "--fix", "--unsafe-fixes", "docs")
    finally:
        folder.chmod(0o755)
    assert code == 2 and "not fixed: cannot write" in err
    assert draft.read_bytes() == DRAFT.encode()
