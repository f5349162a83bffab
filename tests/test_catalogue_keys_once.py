"""Every catalogue gives each key once: a key written twice silently loses its first wording."""
from pathlib import Path

import pytest
import yaml

CATALOGUES = sorted((Path(__file__).resolve().parent.parent / "reports" / "i18n").glob("*.yaml"))


def keys_given_twice(text: str) -> list[str]:
    """Top-level keys of a YAML mapping that appear more than once."""
    node = yaml.compose(text)
    seen, twice = set(), []
    for key, _ in node.value:
        if key.value in seen:
            twice.append(key.value)
        seen.add(key.value)
    return twice


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_no_key_given_twice(path):
    assert keys_given_twice(path.read_text(encoding="utf-8")) == []


def test_a_key_given_twice_is_found():
    assert keys_given_twice("a: 1\nb: 2\na: 3\n") == ["a"]
    assert CATALOGUES, "no catalogue found"
