"""Issue 10's LanguageTool reproductions, against the real server (never a mock): its
suggestions are never applied by `--fix`, "between you and I" is one finding for one
slip, `proofer rule` refuses an LT id LanguageTool does not have, and the lists of
languages and categories config validation knows match the pinned LanguageTool."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from proofer.cli import app

pytestmark = pytest.mark.languagetool

# The go-blog reproductions: edited prose that LanguageTool flags with a single
# suggestion ("upsert" -> "upset", "runbook" -> "run book", a name, "Go 1.22").
EDITED = (
    "We run the upsert job from the runbook every night.\n\n"
    "Felix Geisendörfer wrote the profiler. You need to have Go 1.22 installed.\n"
)


def _check(args: list[str], url: str) -> tuple[int, dict, str]:
    result = CliRunner().invoke(app, ["check", "--format", "json", *args],
                                env={"PROOFER_LANGUAGETOOL_URL": url})
    return result.exit_code, json.loads(result.stdout), result.stderr


def test_fix_never_applies_languagetool_suggestions(in_tmp: Path, lt_url: str) -> None:
    draft = in_tmp / "post.md"
    draft.write_text(EDITED, encoding="utf-8")
    _, report, _ = _check(["--fix", "post.md"], lt_url)
    assert draft.read_text(encoding="utf-8") == EDITED
    single = [f for f in report["findings"]
              if f["engine"] == "languagetool" and len(f["suggestions"]) == 1]
    assert single, report  # there were one-suggestion fixes to take, and none was taken


def test_between_you_and_i_is_one_finding(in_tmp: Path, lt_url: str) -> None:
    text = ("It stays between you and I.\n\n"
            "The secret is between you and I, and nobody else.\n")
    (in_tmp / "a.md").write_text(text, encoding="utf-8")
    _, report, _ = _check(["--engines", "spacy,languagetool", "a.md"], lt_url)
    lines = [f["line"] for f in report["findings"]]
    assert lines == [1, 3], report["findings"]


def test_rule_command_refuses_an_id_languagetool_does_not_have(lt_url: str) -> None:
    runner = CliRunner()
    env = {"PROOFER_LANGUAGETOOL_URL": lt_url}
    missing = runner.invoke(app, ["rule", "LT.NO_SUCH_RULE"], env=env)
    assert missing.exit_code == 2
    assert "unknown LanguageTool rule 'LT.NO_SUCH_RULE'" in missing.stderr
    known = runner.invoke(app, ["rule", "LT.BETWEEN_YOU_AND_I"], env=env)
    assert known.exit_code == 0, known.stderr
    assert "community.languagetool.org/rule/show/BETWEEN_YOU_AND_I" in known.stdout
    assert runner.invoke(app, ["rule", "LT.EN_A_VS_AN[2]"], env=env).exit_code == 0


def test_config_lists_match_the_pinned_languagetool(lt_url: str) -> None:
    import urllib.request

    from proofer.catalog import LANGUAGETOOL_CATEGORIES
    from proofer.config_check import ENGLISH_VARIANTS
    from proofer.languagetool_rules import rule_ids_from

    with urllib.request.urlopen(lt_url.rstrip("/") + "/v2/languages", timeout=60) as answer:
        languages = {entry["longCode"] for entry in json.loads(answer.read())}
    assert set(ENGLISH_VARIANTS) == {code for code in languages if code.split("-")[0] == "en"}
    with urllib.request.urlopen(
        lt_url.rstrip("/") + "/v2/configinfo?language=en-US", timeout=60
    ) as answer:
        categories = {r["categoryId"].lower() for r in json.loads(answer.read())["rules"]}
    assert categories <= LANGUAGETOOL_CATEGORIES
    assert "MORFOLOGIK_RULE_EN_US" in rule_ids_from(lt_url, "en-US")
