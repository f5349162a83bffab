"""The sources of a compact JSON report (engine.render.json_compact), each thing said once: every source
document's title once in `documents`, each citation once in `sources` (its article, quote and confidence,
without the document's title), a quote that an earlier source already gives named by that source's id
(`same_quote_as`) instead of given again. docs/reports.md ("The compact report") describes the shape."""
from __future__ import annotations

from typing import Any

from .quotes import quote_label
from .wording import Wording

# the fields of a source the compact form leaves out: its title and article text in every language
_BY_LANGUAGE = ("source_titles", "refs")


def compact_sources(table: dict, w: Wording) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The report's `documents` and `sources` from its source table (`{citation: id}`), in the report's
    language. `documents`: each source document once, `{"source_id", "source"}` (its title), in order of
    first citation. `sources`: each citation once, as in the full form without `source` (its document's
    title, in `documents`; kept where it differs from the one there) nor `source_titles` and `refs` (the
    title and article in every language), and, where an earlier source has the same quote (the same
    `quote` and `quotes`), with `same_quote_as` (that source's id) instead of `quote` and `quotes`;
    `quote_label` as in the full form."""
    documents: dict[str, str] = {}
    first_quoted: dict[tuple, str] = {}  # (quote, original texts) -> the id of the first source giving them
    out = []
    for c, sid in table.items():
        cited = w.citation(c).to_dict()
        title = cited.pop("source")
        d: dict[str, Any] = {"id": sid}
        if documents.setdefault(cited["source_id"], title) != title:
            d["source"] = title
        d.update(cited)
        for key in _BY_LANGUAGE:
            d.pop(key, None)
        if d["quote"] is not None:
            texts = (d["quote"], tuple(sorted(d.get("quotes", {}).items())))
            earlier = first_quoted.setdefault(texts, sid)
            if earlier != sid:
                d = {("same_quote_as" if k == "quote" else k): (earlier if k == "quote" else v)
                     for k, v in d.items() if k != "quotes"}
        out.append(labelled(d, c, w))
    return [{"source_id": k, "source": v} for k, v in documents.items()], out


def labelled(d: dict[str, Any], c: Any, w: Wording) -> dict[str, Any]:
    """A source's data with `quote_label`, the words saying in the report's language that its quote is an
    English rendering of a text in another language (engine.render.quotes), where it is one."""
    label = quote_label(c, w.t)
    if label:
        d["quote_label"] = label
    return d


__all__ = ["compact_sources", "labelled"]
