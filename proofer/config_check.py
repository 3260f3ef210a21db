"""Checking a loaded configuration against what proofer knows: rule selectors, the
language, the vocabulary file. Problems are warnings naming the file and the key (errors
with `proofer check --strict`).

Selectors in proofer's own namespaces (PF- ids, grammar./style. names) are judged before
a run; others (categories, Vale style and rule names) only once the style engine has run,
because Vale names are known only after it has read the styles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from proofer.catalog import RuleCatalog, names_something
from proofer.config import Config

# The English variants of LanguageTool 6.8 (its /v2/languages); proofer's spaCy and style
# rules are English only.
ENGLISH_VARIANTS = ("en", "en-US", "en-GB", "en-AU", "en-CA", "en-NZ", "en-ZA")
_OWN_NAMESPACE = re.compile(r"^(PF-|grammar\.|style\.)")


@dataclass(frozen=True)
class ConfigWarning:
    """One problem in a config file: where (file and key) and what."""

    origin: str
    key: str
    problem: str

    def __str__(self) -> str:
        return f"{self.origin}: key '{self.key}': {self.problem}"


def _selector_keys(config: Config) -> Iterator[tuple[str, str, str]]:
    """(top-level key, shown key, selector) for every rule selector in the config."""
    raw = config.raw
    for key in ("select", "ignore"):
        for selector in raw.get(key, ()):
            yield key, key, selector
    for selector in raw.get("severity", {}):
        yield "severity", f"severity.{selector}", selector
    for number, override in enumerate(raw.get("overrides", ())):
        where = f"overrides[{number}]"
        for key in ("select", "ignore"):
            for selector in override.get(key, ()):
                yield "overrides", f"{where}.{key}", selector
        for selector in override.get("severity", {}):
            yield "overrides", f"{where}.severity.{selector}", selector


def unknown_selector(selector: str, names: frozenset[str], complete: bool) -> str | None:
    """Why a selector names nothing, or None when it is known or cannot be judged yet."""
    if names_something(selector, names):
        return None  # LanguageTool ids: `proofer rule LT.ID` checks one against the server
    if not complete and not _OWN_NAMESPACE.match(selector):
        return None
    return (f"'{selector}' matches no rule id, name, category or engine "
            "(`proofer rules` lists them)")


def check_config(
    config: Config, catalog: RuleCatalog, complete: bool = False
) -> list[ConfigWarning]:
    """Every problem found; `complete` once the style engine has loaded the Vale styles."""
    origins: Mapping[str, str] = config.origins
    warnings: list[ConfigWarning] = []
    names = catalog.names()
    for top, shown, selector in _selector_keys(config):
        problem = unknown_selector(selector, names, complete)
        if problem is not None:
            warnings.append(ConfigWarning(origins.get(top, "config"), shown, problem))
    if "language" in config.raw and config.language not in ENGLISH_VARIANTS:
        warnings.append(ConfigWarning(
            origins.get("language", "config"), "language",
            f"'{config.language}' is not a language proofer checks "
            f"(English variants: {', '.join(ENGLISH_VARIANTS)})",
        ))
    if config.vocabulary is not None and not config.vocabulary.exists():
        warnings.append(ConfigWarning(
            origins.get("vocabulary", "config"), "vocabulary",
            f"{config.vocabulary} not found (a file of terms, or a directory with "
            "accept.txt and reject.txt)",
        ))
    return warnings


def new_warnings(
    before: Sequence[ConfigWarning], after: Sequence[ConfigWarning]
) -> list[ConfigWarning]:
    """Warnings of `after` that `before` did not have."""
    seen = set(before)
    return [w for w in after if w not in seen]
