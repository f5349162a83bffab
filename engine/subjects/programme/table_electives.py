"""Elective blocks in a course table: the rows below a heading such as "Izborni predmeti (izbor 2 od 4)",
"Elective courses (choose 2)", "Μαθήματα επιλογής", "Wahlpflichtmodule", "Przedmioty do wyboru" or
"Optativas", or the courses sharing a value in an elective-group column, become the programme's
`elective_groups` (engine.subjects.programme.model.ElectiveGroup).

A block's count is read only where its heading (or its group cell) states it: "choose 2", "izbor 2 od 4",
"2 of 5", "wybierz 2", "επιλογή 2". Otherwise the group is read as "any number of its courses"
(choose: {min: 0, max: N}), so every total that depends on the choice is indeterminate rather than
counted as if each elective were taken, and a note asks for the count (`--field elective_groups=...`).
A block ends at the next term, year, subtotal or compulsory heading, and at a course the table types as
anything but elective (an "O" row below the electives). A heading that also states how many courses the
block offers ("bira se 1 od 3", "choose 2 of 5", "επιλογή 2 από 4") is checked against the rows found, and a
disagreement is noted, not mended.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from engine.subjects.programme.table_headers import normalise

# Words (after normalise) that make a title-only row an elective heading, or a compulsory one (ending a block).
ELECTIVE_WORDS = ("izborni", "izborna", "izborne", "izbor", "изборни", "изборна", "изборне", "избор", "elective",
                  "electives", "optional", "options", "επιλογης", "επιλογη", "επιλεγομενα", "wahlpflicht",
                  "wahlpflichtmodule", "wahlpflichtfacher", "wahlfacher", "wahlmodule", "do wyboru", "obieralne",
                  "fakultatywne", "optativas", "optativa", "optatives", "optionnels", "a option", "au choix")
COMPULSORY_WORDS = ("obavezni", "obavezne", "obavezna", "обавезни", "обавезне", "compulsory", "mandatory",
                    "required", "core", "υποχρεωτικα", "υποχρεωτικο", "pflichtmodule", "pflichtfacher",
                    "pflichtbereich", "obowiazkowe", "obligatorias", "obligatorios", "obligatoires")
_COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "jedan": 1, "jedna": 1, "dva": 2,
                "dve": 2, "tri": 3, "cetiri": 4, "ενα": 1, "δυο": 2, "τρια": 3, "jeden": 1, "dwa": 2,
                "trzy": 3, "uno": 1, "dos": 2, "tres": 3, "ein": 1, "zwei": 2, "drei": 3, "un": 1, "deux": 2,
                "trois": 3}
_NUM = r"(\d{1,2}|" + "|".join(sorted(_COUNT_WORDS, key=len, reverse=True)) + r")"
_CHOOSE = re.compile(r"\b(?:choose|select|pick|take|izbor|izabrati|bira se|biraju se|бира се|избор|επιλογη|"
                     r"επιλεγονται|επιλεγεται|wahle|wahlen|wybierz|wybor|elegir|elige|choisir|choix de)\s+"
                     + _NUM + r"\b")
_OF_WORDS = r"(?:of|od|од|из|απο|z|de|aus|sur|out of)"
_OF = re.compile(r"\b" + _NUM + r" " + _OF_WORDS + r"\b")
_OF_N = re.compile(r"\b" + _NUM + r" " + _OF_WORDS + r" " + _NUM + r"\b")


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _COUNT_WORDS[word]


def stated_count(text: object) -> int | None:
    """The number of courses to choose a heading states ("choose 2", "izbor 2 od 4", "2 of 5"), or None."""
    n = normalise(text)
    m = _CHOOSE.search(n) or _OF.search(n)
    return _number(m.group(1)) if m else None


def stated_offer(text: object) -> int | None:
    """The number of courses a heading says the block offers (the 3 of "bira se 1 od 3", "2 of 5"), or None."""
    m = _OF_N.search(normalise(text))
    return _number(m.group(2)) if m else None


_ELECTIVE = tuple(normalise(w) for w in ELECTIVE_WORDS)
_COMPULSORY = tuple(normalise(w) for w in COMPULSORY_WORDS)


def block_heading(text: object) -> str | None:
    """'elective' or 'compulsory' for a heading row that opens such a block; None for any other text."""
    n = normalise(text)
    words = f" {n} "
    if any(f" {w} " in words or n.startswith(w) for w in _ELECTIVE):
        return "elective"
    if any(f" {w} " in words or n.startswith(w) for w in _COMPULSORY):
        return "compulsory"
    return None


@dataclass
class Block:
    """One elective block: its heading (or group cell), where it starts, its count and its courses."""

    label: str
    where: str
    choose: int | None
    courses: list[int] = field(default_factory=list)  # indices into the table's courses
    offered: int | None = None  # how many courses the heading says the block offers ("1 od 3": 3)
    ended_by: str | None = None  # the course row that ended it ("row 12 'IT201' typed compulsory")


@dataclass
class ElectiveBlocks:
    """The elective blocks of one table, collected while its rows are read."""

    blocks: list[Block] = field(default_factory=list)
    open: Block | None = None
    by_group: dict[str, Block] = field(default_factory=dict)

    def heading(self, text: str, where: str) -> bool:
        """A title-only row: opens an elective block (True) or closes the open one; False if not a block heading."""
        kind = block_heading(text)
        self.open = None
        if kind == "elective":
            self.open = Block(text.strip(), where, stated_count(text), offered=stated_offer(text))
            self.blocks.append(self.open)
        return kind is not None

    def close(self) -> None:
        """A term, year or subtotal row ends the open block."""
        self.open = None

    def course(self, index: int, group_cell: object, typed: str | None = None, where: str = "") -> bool:
        """Put a course in its group (the group column's value) or in the open block; True if it is in one.
        A course `typed` as anything but elective (compulsory, thesis...) is in no block and ends the open one."""
        if group_cell is not None and str(group_cell).strip():
            label = str(group_cell).strip()
            block = self.by_group.get(label)
            if block is None:
                block = self.by_group[label] = Block(label, "in the group column", stated_count(label),
                                                     offered=stated_offer(label))
                self.blocks.append(block)
            block.courses.append(index)
            return True
        if self.open is not None and typed not in (None, "elective"):
            self.open.ended_by = f"{where}, typed {typed}"
            self.open = None
        if self.open is not None:
            self.open.courses.append(index)
            return True
        return False

    def groups(self, courses: list[dict], notes: list[str]) -> list[dict]:
        """The elective_groups data of the blocks, with a note for each (and for each left out)."""
        out: list[dict] = []
        for number, block in enumerate(b for b in self.blocks if b.courses):
            codes = [courses[i].get("code") for i in block.courses]
            named = f"elective block {block.where} '{block.label}'"
            if None in codes or len(set(codes)) != len(codes):
                notes.append(f"{named}: its courses need distinct codes to form an elective group; each is counted "
                             "as taken (give codes, or --field elective_groups=...)")
                continue
            for i in block.courses:
                courses[i].setdefault("type", "elective")
            group: dict = {"id": f"electives_{number + 1}", "courses": codes}
            specialisations = {courses[i].get("specialisation") for i in block.courses}
            if len(specialisations) == 1 and None not in specialisations:
                group["specialisation"] = specialisations.pop()
            listed = ", ".join(map(str, codes))
            if block.choose is not None and block.choose <= len(codes):
                group["choose"] = block.choose
                notes.append(f"{named}: elective group {group['id']}, choose {block.choose} of {len(codes)} "
                             f"({listed})" + _ended(block))
            elif block.choose is not None:
                group["choose"] = {"min": 0, "max": len(codes)}
                notes.append(f"{named}: the heading says choose {block.choose}, but the block holds only "
                             f"{len(codes)} courses ({listed}){_ended(block)}; elective group "
                             f"{group['id']} is left open, so totals that depend on it are indeterminate (check the "
                             f"rows, or state the group with {_field_hint(group['id'], '...')})")
            else:
                group["choose"] = {"min": 0, "max": len(codes)}
                notes.append(f"{named}: elective group {group['id']} of {len(codes)} courses; the table does not say "
                             "how many a student chooses, so totals that depend on it are indeterminate (state it "
                             f"with {_field_hint(group['id'], listed)})" + _ended(block))
            if block.offered is not None and block.offered != len(codes):
                notes.append(f"{named}: the heading says the block offers {block.offered} courses, but "
                             f"{len(codes)} rows were read into it ({listed}){_ended(block)}; "
                             "check the rows and give the group with --field elective_groups=... if they are not "
                             "what the plan means")
            out.append(group)
        return out


def _field_hint(group_id: str, courses: str) -> str:
    """The option that states a group's count: --field "elective_groups=[{id: electives_1, choose: N, courses: [...]}]"."""
    return f'--field "elective_groups=[{{id: {group_id}, choose: N, courses: [{courses}]}}]"'


def _ended(block: Block) -> str:
    """'; the block ends before row 12 'IT201', typed compulsory' when a typed course row ended it."""
    return f"; the block ends before {block.ended_by}" if block.ended_by else ""
