"""The credit totals a published plan prints, beside the totals its courses give (rule printed_totals_agree)."""
from __future__ import annotations

from engine.ruleset.types import STRING, ObjectType, number
from engine.semantics.reasons import because
from engine.semantics.values import Unknown


class TotalOf(str):
    """What a printed total is of, in English ('term 1', 'the programme'), with the subject it names (`names`:
    kind and key) for the words of a report in another language."""

    def __new__(cls, kind: str, key: int | None = None) -> "TotalOf":
        text = super().__new__(cls, f"{kind} {key}" if key is not None else f"the {kind}")
        text.names = (kind, key)
        return text

    def __getnewargs__(self) -> tuple[str, int | None]:  # copied and pickled (--jobs) as made
        return self.names


class PrintedTotalView:
    """A credit total the published plan prints, beside the total its courses give."""

    __slots__ = ("what", "id", "printed", "computed", "_part")

    def __init__(self, what: str, printed: float, part):
        self.what = what
        self.id = what.removeprefix("the ")  # what a report names it by: 'term 1', 'year 2', 'programme'

        self.printed = _num(printed)
        self.computed = part.credits
        self._part = part

    def explain(self, field: str) -> str | None:
        return self._part.explain("credits") if field == "computed" else None

    def describe(self) -> str:
        return f"printed total of {self.what}"


def printed_totals(printed, view: object) -> list[PrintedTotalView]:
    """One entry per printed total; a term or year the file does not hold compares as unknown."""
    if printed is None:
        return []
    out = []
    terms = {t.number: t for t in view.terms}
    years = {y.number: y for y in view.years}
    absent = _Absent(view)
    for n, value in sorted(printed.terms.items()):
        out.append(PrintedTotalView(TotalOf("term", n), value, terms.get(n, absent)))
    for n, value in sorted(printed.years.items()):
        out.append(PrintedTotalView(TotalOf("year", n), value, years.get(n, absent)))
    if printed.programme is not None:
        out.append(PrintedTotalView(TotalOf("programme"), printed.programme, view))
    return out


class _Absent:
    """Stands for a term or year outside the terms the file covers."""

    def __init__(self, view: object):
        cov = view.model.covers
        self.credits = Unknown(because("programme.covers", "the file covers terms {first}-{last} only", first=cov.from_term,
                                       last=cov.to_term) if cov else because("printed.absent", "not in the file"))

    def explain(self, field: str) -> None:
        return None


def _num(x: float):
    return int(x) if float(x).is_integer() else x


PRINTED_TOTAL_TYPE = (
    ObjectType("PrintedTotal", "a credit total as the published plan prints it", describe=lambda t: t.describe())
         .add("what", STRING, "what the total is of: 'term 3', 'year 2', 'the programme'")
         .add("printed", number("credits"), "the total as printed")
         .add("computed", number("credits"), "the total the courses give (a range where electives differ)"))
