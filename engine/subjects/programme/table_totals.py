"""Subtotal rows of a course table, read as the totals the plan prints (per term, year, programme).

What a subtotal row totals is inferred from the courses since the previous subtotal row: one term's
courses make a term total, one year's a year total, more a programme total. A subtotal right after
another one ("Ukupno II semestar", then "Ukupno godina") totals the courses since the last year or
programme total. Each inference is noted, so that `--explain` and the report list it.
"""
from __future__ import annotations


class TotalsTracker:
    """Collects printed totals from subtotal rows as the reader walks the table."""

    def __init__(self, notes: list[str]):
        self.notes = notes
        self.segment: list[tuple[int | None, int | None]] = []  # (term, year) of courses since the last subtotal
        self.since_year: list[tuple[int | None, int | None]] = []  # since the last year or programme total
        self.everything: list[tuple[int | None, int | None]] = []
        self.terms: dict[int, float] = {}
        self.years: dict[int, float] = {}
        self.programme: float | None = None

    def course(self, term: int | None, year: int | None) -> None:
        for bucket in (self.segment, self.since_year, self.everything):
            bucket.append((term, year))

    def subtotal(self, row: int, where: str, label: str, value: float | None) -> None:
        """A subtotal row with its printed credits (None when its credits cell is empty)."""
        if value is None:
            self.notes.append(f"{where} '{label}': a subtotal row without credits, not read")
            self.segment = []
            return
        scope = self.segment or self.since_year or self.everything
        terms = {t for t, _ in scope}
        years = {y for _, y in scope}
        if self.segment and len(terms) == 1 and None not in terms:
            (term,) = terms
            self._keep(self.terms, term, value, where, label, f"term {term}")
        elif len(years) == 1 and None not in years and scope is not self.everything:
            (year,) = years
            self._keep(self.years, year, value, where, label, f"year {year}")
            self.since_year = []
        else:
            self.programme = value
            self.notes.append(f"{where} '{label}' {value:g}: the printed total of the programme")
            self.since_year = []
        self.segment = []

    def _keep(self, table: dict, key: int, value: float, where: str, label: str, what: str) -> None:
        if key in table:
            self.notes.append(f"{where} '{label}' {value:g}: a second printed total of {what}, not read")
            return
        table[key] = value
        self.notes.append(f"{where} '{label}' {value:g}: the printed total of {what}")

    def finish(self) -> dict:
        """The printed totals as programme-file data (empty when the table prints none)."""
        out: dict = {}
        if self.terms:
            out["terms"] = dict(sorted(self.terms.items()))
        if self.years:
            out["years"] = dict(sorted(self.years.items()))
        if self.programme is not None:
            out["programme"] = self.programme
        return out
