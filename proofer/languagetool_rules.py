"""Which LanguageTool rule ids exist, so `proofer rule LT.X` can refuse an unknown one.

The ids come from LanguageTool itself (`/v2/configinfo` lists every rule of a language),
asked of the server at `--languagetool-url` or of the local installation started for the
question; the local answer is cached per LanguageTool version and language, since it is
a pure function of the two. Never the public LanguageTool service.
"""

from __future__ import annotations

import contextlib
import json
import urllib.error
import urllib.parse
import urllib.request

from proofer.atomic import write_atomically
from proofer.engines.languagetool.curation import Curation
from proofer.engines.languagetool.server import ServerSettings


class RuleListUnavailable(Exception):
    """No LanguageTool could be asked; the message says why."""


def bare_id(rule_id: str) -> str:
    """`LT.EN_A_VS_AN[2]` -> `EN_A_VS_AN` (LanguageTool lists rules without sub-rule index)."""
    return rule_id.removeprefix("LT.").split("[", 1)[0]


def curated_ids(curation: Curation) -> frozenset[str]:
    """The rule ids rules/languagetool.yaml names (exact ids, not globs)."""
    named = [*curation.rules, *curation.disabled_rules, *curation.block_start]
    return frozenset(bare_id(r) for r in named if "*" not in r)


def rule_ids_from(url: str, language: str, timeout: float = 60.0) -> frozenset[str]:
    """Every rule id the LanguageTool server at `url` has for `language`."""
    query = urllib.parse.urlencode({"language": language})
    address = url.rstrip("/") + "/v2/configinfo?" + query
    try:
        with urllib.request.urlopen(address, timeout=timeout) as response:
            info = json.loads(response.read().decode("utf-8"))
    except (OSError, urllib.error.URLError, ValueError) as exc:
        raise RuleListUnavailable(f"LanguageTool at {url} did not list its rules: {exc}") from None
    rules = info.get("rules") if isinstance(info, dict) else None
    if not isinstance(rules, list):
        raise RuleListUnavailable(f"LanguageTool at {url} answered without a rule list")
    return frozenset(str(r.get("ruleId", "")) for r in rules if isinstance(r, dict))


def local_rule_ids(language: str, settings: ServerSettings | None = None) -> frozenset[str]:
    """Rule ids of the locally installed LanguageTool (cached per version and language),
    asked of a server started with `settings` (the config's Java and heap)."""
    from proofer.engines.languagetool.install import ProvisionError, cache_root, find_installation
    from proofer.engines.languagetool.server import LocalServer, ServerError

    installation = find_installation()
    if installation is None:
        raise RuleListUnavailable(
            "LanguageTool is not installed here (run `proofer setup-languagetool`)"
        )
    cache = cache_root() / f"languagetool-{installation.version}-rules-{language}.txt"
    with contextlib.suppress(OSError, UnicodeDecodeError):
        cached = frozenset(cache.read_text(encoding="utf-8").split())
        if cached:
            return cached
    try:
        with LocalServer(installation, settings or ServerSettings()) as server:
            ids = rule_ids_from(server.url, language)
    except (ServerError, ProvisionError, OSError) as exc:
        raise RuleListUnavailable(f"the local LanguageTool did not start: {exc}") from None
    with contextlib.suppress(OSError):
        cache.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(cache, ("\n".join(sorted(ids)) + "\n").encode("utf-8"))
    return ids


def is_languagetool_rule(
    rule_id: str,
    curation: Curation,
    language: str,
    url: str | None = None,
    settings: ServerSettings | None = None,
) -> bool:
    """True when the curation or LanguageTool knows the id; RuleListUnavailable when the
    curation does not and no LanguageTool can be asked."""
    bare = bare_id(rule_id)
    if bare in curated_ids(curation):
        return True
    ids = rule_ids_from(url, language) if url else local_rule_ids(language, settings)
    return bare in ids
