"""What `ects compare` data says in words: a set's role for a parameter or a rule ('overrides X'), an in-force
period, in the reader's language (catalogue keys `compare.*`, `period.*`). The data keeps its English role
texts, which scripts read; the renderers (engine.tools.compare, the HTML template) word them here."""
from __future__ import annotations

import re

from .wording import Wording

# what a set does with a parameter or a rule: the data's (English) role text, and its words in a report come
# from the catalogues' `compare.role.<key>` with the same placeholders
ROLES = {"own": "own", "added": "added", "overrides": "overrides {of}", "inherited": "inherited from {origin}",
         "inherited_exception": "inherited exception to {of} from {origin}", "exception": "exception to {of}",
         "dropped": "dropped ({reason})"}
_ROLE_PATTERNS = [(key, re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.*)", re.escape(text)), re.S))
                  for key, text in ROLES.items()]


def role(key: str, **names: str) -> str:
    """A role text of the data: ROLES[key] with its names filled in."""
    return ROLES[key].format(**names)


def role_parts(text: str) -> tuple[str, dict[str, str]]:
    """A role text of the data ('overrides ects_guide_2015') as its key and names ('overrides', {'of': ...})."""
    for key, pattern in _ROLE_PATTERNS:
        m = pattern.fullmatch(text)
        if m:
            return key, m.groupdict()
    return text, {}


_PERIOD = re.compile(r"(?:from (?P<start>\S+))?(?: ?until (?P<end>\S+))?")


def period_words(text: str | None, w: Wording) -> str:
    """An in-force text of the data ('from 2015-05-14 until 2020-01-01', 'always') in the reader's words."""
    m = _PERIOD.fullmatch(text or "")
    if text is None or text == "always" or not m or not (m["start"] or m["end"]):
        return w.t("period.always") if text == "always" else (text or "")
    if m["start"] and m["end"]:
        return w.t("period.between", start=w.date(m["start"]), end=w.date(m["end"]))
    return w.t("period.from", start=w.date(m["start"])) if m["start"] else w.t("period.until", end=w.date(m["end"]))


def role_words(text: str, w: Wording, short: bool = False) -> str:
    """A role of the data in the reader's words; `short` drops the names ('inherited', 'dropped')."""
    key, names = role_parts(text)
    if key not in ROLES:
        return text
    if short and key in ("inherited", "inherited_exception", "dropped"):
        return w.t(f"compare.short.{key}")
    return w.t(f"compare.role.{key}", **names)


def confidence_words(confidence: str | None, w: Wording) -> str | None:
    """A citation's confidence as a short word ('primary', 'πρωτογενής'); the code where none is known."""
    return w.t.get(f"compare.confidence.{confidence}", confidence) if confidence else None
