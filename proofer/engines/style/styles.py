"""Loading Vale style directories (StylesPath/NAME/*.yml) and Vale's own built-in style."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from proofer.engines.style.kinds import KINDS, UNSUPPORTED_KINDS
from proofer.engines.style.rule import StyleRule, StyleRuleError, from_vale
from proofer.engines.style.vocab import Vocabulary
from proofer.finding import Severity

VALE_STYLE = "Vale"


def _read_yaml(path: Path) -> Mapping[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise StyleRuleError(f"{path}: cannot read YAML: {exc}") from None
    if not isinstance(data, dict):
        raise StyleRuleError(f"{path}: a Vale rule must be a YAML mapping")
    return data


def find_style(name: str, search: Iterable[Path]) -> Path | None:
    """The first directory called `name` in the styles paths."""
    for base in search:
        candidate = base / name
        if candidate.is_dir():
            return candidate
    return None


def load_style(directory: Path) -> list[StyleRule]:
    """Every rule of one style directory, ids `Style.Rule`, sorted by id. A rule of a kind
    proofer does not run is kept: it is an error only if it is in force."""
    name = directory.name
    rules = []
    for path in sorted([*directory.glob("*.yml"), *directory.glob("*.yaml")]):
        body = _read_yaml(path)
        rule = from_vale(f"{name}.{path.stem}", body, name, str(path))
        if rule.kind not in KINDS and rule.kind not in UNSUPPORTED_KINDS:
            raise StyleRuleError(f"{path}: key 'extends': unknown rule kind {rule.kind!r}")
        rules.append(rule)
    return rules


def vale_builtin_rules(vocab: Vocabulary) -> list[StyleRule]:
    """Vale's built-in style: Vale.Terms (accepted spelling and case), Vale.Avoid
    (rejected terms) and Vale.Repetition."""
    rules = [
        from_vale(
            "Vale.Repetition",
            {"extends": "repetition", "message": "'%s' is repeated!", "level": "error",
             "ignorecase": True, "alpha": True, "tokens": [r"[^\s.!?]+"]},
            VALE_STYLE,
        )
    ]
    terms = {t: t for t in vocab.accept if not t.startswith("(?i)") and _plain(t)}
    if terms:
        rules.append(
            from_vale(
                "Vale.Terms",
                {"extends": "substitution", "message": "Use '%s' instead of '%s'.",
                 "level": "error", "ignorecase": True, "swap": terms, "vocab": False},
                VALE_STYLE,
            )
        )
    if vocab.reject:
        rules.append(vale_avoid(vocab))
    return rules


def vale_avoid(vocab: Vocabulary) -> StyleRule:
    """Vale.Avoid: every rejected term is an error."""
    return from_vale(
        "Vale.Avoid",
        {"extends": "existence", "message": "Avoid using '%s'.", "level": "error",
         "ignorecase": False, "tokens": list(vocab.reject), "vocab": False},
        VALE_STYLE,
    )


def _plain(term: str) -> bool:
    return not any(c in term for c in "\\[](){}*+?^$|")


def with_level(rule: StyleRule, level: str) -> StyleRule:
    """A copy of the rule at another Vale level."""
    from dataclasses import replace

    return replace(rule, level=Severity.parse(level))
