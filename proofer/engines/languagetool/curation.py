"""proofer's curation of LanguageTool: severities by rule, category and issue type, and
the rules switched off (rules/languagetool.yaml, each decision with its reason)."""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import jsonschema
import yaml

from proofer.finding import Severity
from proofer.rulebook import RuleFileError, rules_dir
from proofer.textmap import TextMap
from proofer.yamlfile import load_yaml

_SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schemas" / "languagetool.schema.json"
SPELLING_ISSUE_TYPE = "misspelling"
SPELLING_CATEGORY = "TYPOS"


def curation_path() -> Path:
    """rules/languagetool.yaml (packaged as proofer/_rules/languagetool.yaml)."""
    return rules_dir() / "languagetool.yaml"


@dataclass(frozen=True)
class Curation:
    """How LanguageTool's matches become proofer findings."""

    default: Severity = Severity.WARNING
    issue_types: Mapping[str, Severity] = field(default_factory=dict)
    categories: Mapping[str, Severity] = field(default_factory=dict)
    rules: Mapping[str, Severity] = field(default_factory=dict)
    disabled_rules: Mapping[str, str] = field(default_factory=dict)
    disabled_categories: Mapping[str, str] = field(default_factory=dict)
    # Rules whose match at the very start of a block counts only in these block kinds,
    # and never right after a code block.
    block_start: Mapping[str, frozenset[str]] = field(default_factory=dict)
    priority: int = 30
    spelling_priority: int = 20
    max_suggestions: int = 5

    def severity(self, rule_id: str, category: str, issue_type: str) -> Severity:
        """Rule (exact, then glob such as EN_COMPOUNDS_*), category, issue type, default."""
        if rule_id in self.rules:
            return self.rules[rule_id]
        for pattern, level in self.rules.items():
            if "*" in pattern and fnmatch.fnmatchcase(rule_id, pattern):
                return level
        for table, key in ((self.categories, category), (self.issue_types, issue_type)):
            if key in table:
                return table[key]
        return self.default

    def allowed_at(self, rule_id: str, textmap: TextMap, start: int) -> bool:
        """False for a `block-start` rule matching where a block may continue a sentence."""
        kinds = self.block_start.get(rule_id)
        if kinds is None:
            return True
        block = textmap.block_at(start)
        if block is None or textmap.text[block.text_start : start].strip():
            return True
        return block.kind in kinds and not block.after_code

    def priority_of(self, category: str, issue_type: str) -> int:
        spelling = is_spelling(category, issue_type)
        return self.spelling_priority if spelling else self.priority

    def request_rules(
        self, enable: Iterable[str] = (), disable: Iterable[str] = ()
    ) -> tuple[set[str], set[str]]:
        """(enabled, disabled) LanguageTool rule ids for requests; config wins over curation."""
        enabled = {_bare(r) for r in enable}
        disabled = (set(self.disabled_rules) | {_bare(r) for r in disable}) - enabled
        return enabled, disabled


def rule_page_url(rule_id: str) -> str:
    """LanguageTool's public page for a rule id (with or without the LT. prefix)."""
    name = _bare(rule_id).split("[", 1)[0]
    return f"https://community.languagetool.org/rule/show/{quote(name)}?lang=en"


def is_spelling(category: str, issue_type: str) -> bool:
    """A spelling match (MORFOLOGIK_RULE_EN_US and friends)."""
    return category == SPELLING_CATEGORY and issue_type == SPELLING_ISSUE_TYPE


def _bare(rule_id: str) -> str:
    return rule_id.removeprefix("LT.")


def _levels(data: Mapping[str, str] | None) -> dict[str, Severity]:
    return {key: Severity(value) for key, value in (data or {}).items()}


def load_curation(path: Path | None = None) -> Curation:
    """Load and validate the curation file; raises RuleFileError naming the field."""
    path = path or curation_path()
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RuleFileError(f"{path}: cannot read YAML: {exc}") from None
    schema = json.loads(_SCHEMA_PATH.read_text(encoding="utf-8"))
    errors = sorted(
        jsonschema.Draft202012Validator(schema).iter_errors(data),
        key=lambda e: list(e.absolute_path),
    )
    if errors:
        where = ".".join(str(p) for p in errors[0].absolute_path) or "(top level)"
        raise RuleFileError(f"{path}: field '{where}': {errors[0].message}")
    severity = data["severity"]
    return Curation(
        default=Severity(severity["default"]),
        issue_types=_levels(severity.get("issue-types")),
        categories=_levels(severity.get("categories")),
        rules=_levels(severity.get("rules")),
        disabled_rules={d["id"]: d["reason"] for d in data.get("disabled-rules", [])},
        disabled_categories={d["id"]: d["reason"] for d in data.get("disabled-categories", [])},
        block_start={d["id"]: frozenset(d["blocks"]) for d in data.get("block-start", [])},
        priority=int(data.get("priority", 30)),
        spelling_priority=int(data.get("spelling-priority", 20)),
        max_suggestions=int(data.get("max-suggestions", 5)),
    )
