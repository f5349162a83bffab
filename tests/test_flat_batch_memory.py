"""A batch's memory does not grow with its number of files: its listing, the inputs it guards, the names of its
pages and what its index and matrix need of each file are held compactly or on disk; the outputs stay the same."""
from __future__ import annotations

import datetime
import json
import os
import tracemalloc

from hypothesis import given, settings, strategies as st

import engine.spooled as spooled
import engine.subjects.name_list as name_list
from engine.cli.work import Job, work
from engine.limits import files_read
from engine.output import OutputGuard, _identity
from engine.render.batch import _index_json
from engine.render.summary import BatchSummary
from engine.subjects.kinds import once_each, subject_file_names
from engine.subjects.name_list import NameList, NameSet
from engine.spooled import SpooledList, sorted_spooled

_NAMES = st.text(st.characters(blacklist_characters="\0", blacklist_categories=("Cs",)), max_size=6)


def _traced(make):
    """What `make()` returns, and the memory it still holds."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        made = make()
        return made, tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


def test_a_folder_of_thousands_is_listed_in_about_the_bytes_of_its_names(tmp_path):
    for i in range(3000):
        (tmp_path / f"p{i:05d}.json").write_bytes(b"{}")
    listing, held = _traced(lambda: subject_file_names([str(tmp_path)]))
    assert listing == sorted(str(p) for p in tmp_path.iterdir())
    assert held < 3000 * 24  # a list of texts: some 120 bytes a file


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.lists(_NAMES, max_size=40)), max_size=8))
def test_a_name_list_is_the_list_of_its_names(parts):
    expected: list[str] = []
    names = NameList()
    for in_folder, more in parts:
        if in_folder:
            names.extend_folder("d/", more)
            expected += ["d/" + n for n in more]
        else:
            for n in more:
                names.append(n)
            expected += more
    assert names == expected and list(names) == expected and len(names) == len(expected)
    for i in range(-len(expected), len(expected)):
        assert names[i] == expected[i]
    assert names[3:17] == expected[3:17] and names[::2] == expected[::2]


@settings(max_examples=40, deadline=None)
@given(st.lists(_NAMES, max_size=300), st.lists(_NAMES, max_size=30))
def test_a_name_set_holds_what_a_set_holds(added, asked):
    block = name_list.BLOCK
    name_list.BLOCK = 7  # blocks made and merged with a few names
    try:
        names = NameSet(added)
    finally:
        name_list.BLOCK = block
    assert len(names) == len(set(added))
    assert all(n in names for n in added) and all((n in names) == (n in set(added)) for n in asked)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers()), max_size=200))
def test_sorted_on_disk_is_sorted(items):
    run = spooled.RUN
    spooled.RUN = 9  # many runs, merged
    try:
        assert list(sorted_spooled(items, key=lambda x: x[0])) == sorted(items, key=lambda x: x[0])
    finally:
        spooled.RUN = run


def test_a_spooled_list_gives_back_what_it_was_given_in_order():
    records = SpooledList()
    for i in range(500):
        records.append({"n": i, "name": f"s{i}"})
    assert len(records) == 500 and list(records) == [{"n": i, "name": f"s{i}"} for i in range(500)]
    assert list(records) == list(records)  # read again
    records.close()


_ROW = st.fixed_dictionaries({"id": _NAMES, "title": st.none() | _NAMES, "verdict": _NAMES, "failures": st.integers(),
                              "nested": st.lists(st.dictionaries(_NAMES, _NAMES, max_size=2), max_size=2)})


@settings(max_examples=60, deadline=None)
@given(st.lists(_ROW, max_size=4))
def test_index_json_written_piece_by_piece_is_what_json_writes_at_once(rows):
    summary = BatchSummary()
    summary.add_unreadable("x.json", "a reason\nover two lines")
    assert "".join(_index_json(rows, summary)) == json.dumps(
        {"reports": rows, "batch_summary": summary.to_dict()}, ensure_ascii=False, indent=2) + "\n"


def test_the_files_guarded_take_a_few_bytes_each_and_a_file_is_still_told_by_any_name(tmp_path):
    inputs = []
    for i in range(4000):
        f = tmp_path / f"p{i:05d}.json"
        f.write_bytes(b"{}")
        inputs.append(str(f))
    os.link(inputs[1234], tmp_path / "hard.json")
    guard, held = _traced(lambda: OutputGuard(inputs))
    assert held < 4000 * 40  # sets of texts and tuples: some 300 bytes a file
    assert guard._inputs.holds(_identity(tmp_path / "hard.json"))
    assert guard._inputs.holds(_identity(tmp_path / "sub" / ".." / "p00007.json"))
    assert not guard._inputs.holds(_identity(tmp_path / "new.json"))


def test_a_batch_does_not_keep_the_names_of_the_files_it_audits(tmp_path):
    job = Job("ects_guide_2015", "programme", datetime.date(2024, 1, 1), fmt="jsonl")
    work(str(tmp_path / "none.json"), job)  # (the rule set compiled, its files read)
    before = len(files_read())
    for i in range(5):
        f = tmp_path / f"p{i}.json"
        f.write_text(json.dumps({"id": f"p{i}", "title": "P", "courses": []}), encoding="utf-8")
        work(str(f), job)
    assert len(files_read()) == before


def test_files_named_twice_are_named_in_the_order_they_were_met_again(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_bytes(b"{}")
    b.write_bytes(b"{}")
    files, again = once_each([str(a), str(b), str(b), str(tmp_path / "x" / ".." / "a.json")])
    assert files == [str(a), str(b)] and again == [str(b), str(a)]
    listing = NameList([str(a), str(b)])
    assert once_each(listing)[0] is listing  # nothing named twice: the listing as it was
