"""Rule files load the same with libyaml's C loader as with PyYAML's Python loader."""

from __future__ import annotations

import pytest
import yaml

from proofer.rulebook import RuleFileError, load_rule_file, rules_dir
from proofer.yamlfile import SafeLoader, load_yaml


def test_the_c_loader_is_used_when_pyyaml_has_it() -> None:
    if not yaml.__with_libyaml__:
        pytest.skip("this PyYAML was built without libyaml")
    assert SafeLoader is yaml.CSafeLoader


def test_every_rule_file_loads_to_the_same_data_as_with_the_python_loader() -> None:
    files = sorted(rules_dir().rglob("*.yaml"))
    assert len(files) > 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert load_yaml(text) == yaml.load(text, Loader=yaml.SafeLoader), path


def test_the_loader_stays_safe() -> None:
    with pytest.raises(yaml.YAMLError):
        load_yaml("!!python/object/apply:os.system ['true']\n")


def test_bad_yaml_is_a_rule_file_error(tmp_path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="cannot read YAML"):
        load_rule_file(path)
