"""The files of a folder are listed as text in the order and spelling of sorted Paths (pathlib's), whatever the
names: a batch holds thousands of them as text, and its reports come in this order."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import given, settings, strategies as st

from engine.subjects.kinds import DATA_SUFFIXES, name_suffix, subject_file_names, subject_files

_PIECES = st.sampled_from(["a", "A", "b", "-", ".", "_", "0", "é", "ω", "json", "yaml", "x y"])
_NAMES = st.lists(_PIECES, min_size=1, max_size=4).map("".join).filter(lambda n: n not in (".", ".."))
_SUFFIXES = st.sampled_from(["", ".json", ".JSON", ".yaml", ".yml", ".txt", ".", ".json.bak"])
_FILES = st.lists(st.tuples(st.lists(_NAMES, max_size=2), _NAMES, _SUFFIXES), max_size=12)


def _by_pathlib(folder: str) -> list[str]:
    """The files a sorted Path walk finds (the listing before it was kept as text)."""
    return [str(p) for p in sorted(Path(folder).rglob("*")) if p.is_file() and p.suffix.lower() in DATA_SUFFIXES]


@settings(max_examples=150, deadline=None)
@given(_FILES, st.sampled_from(["", "./", "/"]))
def test_a_folder_is_listed_in_sorted_path_order(files, spelling):
    with tempfile.TemporaryDirectory() as root:
        made = set()
        for folders, stem, suffix in files:
            where = Path(root, *folders)
            name = stem + suffix
            if any(str(where / name) == m or m.startswith(str(where / name) + os.sep) for m in made):
                continue  # a name already taken by a folder or a file
            try:
                where.mkdir(parents=True, exist_ok=True)
                (where / name).write_text("{}", encoding="utf-8")
            except (FileExistsError, NotADirectoryError, IsADirectoryError):
                continue
            made.add(str(where / name))
        given_as = root + spelling if spelling != "./" else root + "/."
        listed = subject_file_names([given_as])
        assert listed == _by_pathlib(root)
        assert [str(p) for p in subject_files([given_as])] == listed


def test_the_current_folder_is_not_named_in_front_of_its_files(tmp_path, monkeypatch):
    (tmp_path / "b.json").write_text("{}", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.yaml").write_text("{}", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert subject_file_names(["."]) == ["b.json", os.path.join("sub", "a.yaml")]
    assert subject_file_names(["./sub/"]) == [os.path.join("sub", "a.yaml")]


@given(st.text(st.sampled_from("ab.-_JSONjson"), max_size=8))
def test_a_name_has_the_suffix_pathlib_gives_it(name):
    if name in ("", ".", ".."):
        return  # not a file's name
    assert name_suffix(name) == Path(name).suffix.lower()
