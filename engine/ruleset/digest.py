"""A stable content hash of a composed rule set, so that a recorded audit says exactly which rules it applied:
SHA-256 over the parent set's hash, then this set's id and each rule file's name and text, in file-name order.
The same rule files give the same hash on every machine, whatever folder they sit in."""
from __future__ import annotations

import hashlib
from pathlib import Path


def ruleset_digest(ruleset_id: str, texts: dict[str, str], parent_digest: str = "") -> str:
    """The hex SHA-256 of a rule set's files (path -> text) composed on its parent's digest ('' for a root)."""
    h = hashlib.sha256()
    for part in (parent_digest, ruleset_id):
        h.update(part.encode("utf-8") + b"\0")
    for path, text in sorted(texts.items(), key=lambda item: Path(item[0]).name):
        for part in (Path(path).name, text):
            h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()
