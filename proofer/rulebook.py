"""Rules as data: loading and validating the YAML rule files in rules/."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from proofer.finding import Applicability, Severity
from proofer.yamlfile import load_yaml

_MARK = re.compile(r"\[\[(.+?)\]\]")
_SCHEMA_PATH = Path(__file__).parent / "schemas" / "rule.schema.json"


class RuleFileError(Exception):
    """A rule file is invalid; the message names the file and the field."""


@dataclass(frozen=True)
class RuleDoc:
    what: str
    why: str
    instead: str = ""
    example: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Example:
    """A self-test: `bad` text with the [[marked span]] and its fixes, or a `good` text."""

    text: str
    fixes: tuple[str, ...] | None = None

    @property
    def is_bad(self) -> bool:
        return self.fixes is not None

    @property
    def plain(self) -> str:
        """The example text without the [[ ]] marks."""
        return _MARK.sub(lambda m: m.group(1), self.text)

    @property
    def marked_span(self) -> tuple[int, int]:
        """Code-point span of the marked text within `plain`."""
        match = _MARK.search(self.text)
        if match is None:
            raise ValueError("example has no [[marked]] span")
        return match.start(), match.start() + len(match.group(1))


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    engine: str
    severity: Severity
    category: str
    message: str
    doc: RuleDoc
    examples: tuple[Example, ...]
    priority: int = 0
    spec: Mapping[str, Any] = field(default_factory=dict)
    path: str = ""
    # Whether `--fix` may apply the rule's single suggestion on its own (ruff's model).
    fix: Applicability = Applicability.UNSAFE

    def matches_selector(self, selector: str) -> bool:
        """A selector is an id, a name, a category, or a prefix of an id or name."""
        s = selector.strip()
        return (
            s in (self.id, self.name, self.category)
            or (s.endswith(("-", ".")) and (self.id.startswith(s) or self.name.startswith(s)))
        )


def rules_dir() -> Path:
    """The rule data: packaged as proofer/_rules in a wheel, or rules/ in a checkout."""
    packaged = Path(__file__).parent / "_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(_SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _field_path(error: jsonschema.ValidationError) -> str:
    parts = [str(p) for p in error.absolute_path]
    return ".".join(parts) if parts else "(top level)"


def parse_rule(data: Any, path: str) -> Rule:
    """Validate one rule mapping and build a Rule; raises RuleFileError."""
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        raise RuleFileError(f"{path}: field '{_field_path(first)}': {first.message}")
    examples = []
    for item in data["examples"]:
        if "bad" in item:
            examples.append(Example(item["bad"], tuple(item["fix"])))
        else:
            examples.append(Example(item["good"]))
    if not any(e.is_bad for e in examples) or all(e.is_bad for e in examples):
        raise RuleFileError(
            f"{path}: field 'examples': needs at least one bad and one good example"
        )
    spec = data.get(data["engine"], {})
    return Rule(
        id=data["id"],
        name=data["name"],
        engine=data["engine"],
        severity=Severity(data["severity"]),
        category=data["category"],
        message=data["message"],
        doc=RuleDoc(**data["doc"]),
        examples=tuple(examples),
        priority=int(data.get("priority", 0)),
        spec=spec,
        path=path,
        fix=Applicability(data.get("fix", Applicability.UNSAFE.value)),
    )


def load_rule_file(path: Path, root: Path | None = None) -> list[Rule]:
    """Load a YAML file holding one rule or a list of rules."""
    shown = str(path.relative_to(root)) if root else str(path)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RuleFileError(f"{shown}: cannot read YAML: {exc}") from None
    items = data if isinstance(data, list) else [data]
    return [parse_rule(item, shown) for item in items]


def load_rules(directories: Iterable[Path] | None = None) -> list[Rule]:
    """Every rule under the rule directories (default: grammar/ and style/), sorted by id."""
    root = rules_dir()
    dirs = list(directories) if directories is not None else [root / "grammar", root / "style"]
    rules: dict[str, Rule] = {}
    for directory in dirs:
        for path in sorted(directory.rglob("*.yaml")):
            for rule in load_rule_file(path, root if directory.is_relative_to(root) else None):
                if rule.id in rules:
                    raise RuleFileError(
                        f"{rule.path}: field 'id': {rule.id} is already defined in "
                        f"{rules[rule.id].path}"
                    )
                rules[rule.id] = rule
    _validate_engine_specs(rules.values())
    return sorted(rules.values(), key=lambda r: r.id)


def _validate_engine_specs(rules: Iterable[Rule]) -> None:
    """Check what only the engine understands (spaCy patterns, conditions, templates) at
    load time, so a bad rule fails `proofer rules` too, never a check halfway through."""
    spacy_rules = [rule for rule in rules if rule.engine == "spacy"]
    if not spacy_rules:
        return
    from proofer.cache.validated import already_validated, remember_validated, validation_keys

    # Compiling imports spaCy and the lexicon (over a second): done once per rule.
    keys = validation_keys("spacy", spacy_rules)
    if already_validated(keys):
        return
    from proofer.engines.spacy.compile import compile_rule
    from proofer.lexicon import LexiconError, default_lexicon

    try:
        lexicon = default_lexicon()
    except LexiconError as exc:
        raise RuleFileError(f"lexicon/{exc}") from None
    for rule in spacy_rules:
        compile_rule(rule, lexicon)
    remember_validated(keys)
