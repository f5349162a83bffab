"""Report labels in several languages: message catalogues in reports/i18n/<lang>.yaml, English fallback.

Rule titles and messages arrive already translated from the rule files; quotes of law are never
translated. This module only translates the labels a report template prints around them.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml

from ..dsl.cache import cached_data
from ..errors import UsageError
from engine.ruleset.compose import bundled_reports_dir
from engine.semantics.units import plural_category
from .serbian import to_cyrillic

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML has it
_READER = f"report catalogue, PyYAML {yaml.__version__} {_LOADER.__name__}"  # what a cached catalogue was read with

FALLBACK = "en"
# a language written in a second script: its words are the base language's, transliterated
SCRIPTS = {"sr-Cyrl": ("sr", to_cyrillic)}


def read_catalogue(path) -> dict:
    """A catalogue file (YAML) as a dict, read by libyaml where PyYAML has it ({} when empty); from the cache
    of an earlier run when the file has not changed (engine.dsl.cache: building the dict of a catalogue's
    texts is a part of every report's start-up time)."""
    return cached_data(_READER, path.read_text(encoding="utf-8"), lambda text: yaml.load(text, Loader=_LOADER) or {})


def available_languages() -> list[str]:
    """The languages that have a catalogue, e.g. ['el', 'en', 'sr', 'sr-Cyrl']."""
    folder = bundled_reports_dir() / "i18n"
    own = {p.stem for p in folder.glob("*.yaml") if "." not in p.stem}
    return sorted(own | {lang for lang, (base, _) in SCRIPTS.items() if base in own})


def base_language(lang: str) -> str:
    """The language whose texts a report language reads: 'sr' for 'sr-Cyrl'."""
    return SCRIPTS[lang][0] if lang in SCRIPTS else lang


def in_script(lang: str, text: str) -> str:
    """`text` (written in the base language's script) in the script of `lang`."""
    return SCRIPTS[lang][1](text) if lang in SCRIPTS else text


def clause_separator(lang: str) -> str:
    """What separates the items of a list of clauses: '; ' (in Greek, where ';' is the question mark, the
    upper stop '· ' the catalogues use)."""
    return "· " if base_language(lang) == "el" else "; "


@lru_cache(maxsize=None)
def _catalogue(lang: str) -> dict[str, str]:
    if lang in SCRIPTS:
        return {k: in_script(lang, v) for k, v in _catalogue(base_language(lang)).items()}
    path = bundled_reports_dir() / "i18n" / f"{lang}.yaml"
    if not path.is_file():
        return {}
    data = read_catalogue(path)
    return {str(k): str(v) for k, v in data.items()}


class Labels:
    """Look up a label by key in one language, falling back to English, then to the key itself."""

    def __init__(self, lang: str = FALLBACK):
        if lang not in available_languages():
            raise UsageError(f"no report labels for language '{lang}'; available: {', '.join(available_languages())}")
        self.lang = lang
        self._own = _catalogue(lang)
        self._en = _catalogue(FALLBACK)

    def __call__(self, key: str, **values: Any) -> str:
        """The label for `key`, with {placeholders} filled from `values`."""
        text = self._own.get(key) or self._en.get(key) or key
        return text.format(**values) if values else text

    def count(self, key: str, n: int, **values: Any) -> str:
        """The label for a count `n` ({n} in it), in the plural form `n` takes in this language (CLDR, through
        Babel: English and Greek one/other, Serbian one/few/other): `key.one`, `key.few`... where the catalogue
        has that form, else `key` itself, the other form ("{n} files given", "{n} file given" for 1)."""
        form = f"{key}.{plural_category(n, self.lang)}"
        text = self._own.get(form) or self._own.get(key) or self._en.get(f"{key}.{plural_category(n, FALLBACK)}")
        return (text or self._en.get(key) or key).format(n=n, **values)

    def plural(self, key: str, n: int, default: str) -> str:
        """The text of `key` for a count `n`, unfilled: its plural form for `n` in this language (`key.one`,
        `key.few`... where this catalogue has that form), else `key` itself, else `default`."""
        if f"{key}.one" in self._own:  # a catalogue with forms has its form 'one'
            form = self._own.get(f"{key}.{plural_category(n, self.lang)}")
            if form:
                return form
        return self.get(key, default)

    def get(self, key: str, default: str) -> str:
        """The label for `key`, or `default` when no catalogue has it."""
        return self._own.get(key) or self._en.get(key) or default

    def missing(self) -> list[str]:
        """Keys the English catalogue has and this language lacks (for tests)."""
        return sorted(k for k in self._en if k not in self._own)
