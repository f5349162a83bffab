"""Compare for the web: rule sets offered by the server side by side (engine.compare), and optionally one
uploaded programme audited under each."""
from __future__ import annotations

from typing import Any

from engine.tools.compare import compare_rulesets
from ..errors import InputError
from .config import Catalog
from .forms import CompareRequest
from .uploads import staged


def run_compare(catalog: Catalog, req: CompareRequest, lang: str = "en") -> dict[str, Any]:
    """`ects compare` data for rule set ids, the rule files' texts in `lang`; the programme, if any, named by
    its upload name."""
    targets = [catalog.target(i) for i in req.rulesets]
    if req.programme is None:
        return compare_rulesets(targets, req.as_of, lang=lang)
    with staged([req.programme]) as stage:
        try:
            data = compare_rulesets(targets, req.as_of, stage.paths()[0], lang)
        except InputError as e:
            raise stage.rename_error(e) from None
        if data.get("programme"):
            data["programme"]["path"] = req.programme.name
        return data
