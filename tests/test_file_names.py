"""Report file names made from subject ids (`-o FOLDER/`): letters and digits of any script are kept, the
rest cannot leave the folder, clash, or upset a file system (length in bytes, Windows device names)."""
from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from engine.render.batch import ReportFolder
from engine.render.file_names import name_base, name_key, safe_name

from cli_helpers import run

ROOT = Path(__file__).resolve().parent.parent
IDS = st.text(st.characters(blacklist_categories=("Cs",)), max_size=120)


def test_letters_of_any_script_are_kept():
    taken: set[str] = set()
    assert safe_name("ΠΜΣ-Πληροφορική", taken) == "ΠΜΣ-Πληροφορική.html"
    assert safe_name("ΠΜΣ-Φυσική", taken) == "ΠΜΣ-Φυσική.html"
    assert safe_name("Студијски програм 2024", taken) == "Студијски_програм_2024.html"
    assert safe_name("δοκιμή/../../x<script>", taken) == "δοκιμή_x_script.html"


def test_ids_that_differ_in_case_or_in_how_accents_are_encoded_get_distinct_names():
    taken: set[str] = set()
    names = [safe_name(i, taken) for i in ("ΠΜΣ", "πμσ", "caf\u00e9", "cafe\u0301")]
    assert names == ["ΠΜΣ.html", "πμσ-2.html", "café.html", "café-2.html"]
    assert all(unicodedata.is_normalized("NFC", n) for n in names)


def test_windows_device_names_and_long_ids_are_made_harmless():
    taken: set[str] = set()
    assert safe_name("CON", taken) == "CON_.html"
    assert safe_name("nul.txt", taken) == "nul_.txt.html"
    assert safe_name("COM¹", taken) == "COM¹_.html"
    assert len(safe_name("Ω" * 300, taken).encode()) <= 255
    assert safe_name("INDEX", set()) == "INDEX-2.html"  # index.html is the folder's own, whatever its case


@settings(max_examples=200, deadline=None)
@given(st.lists(IDS, min_size=1, max_size=8))
def test_any_ids_give_distinct_safe_names_inside_the_folder(ids):
    with tempfile.TemporaryDirectory() as tmp:
        folder = ReportFolder(Path(tmp) / "out")
        inside = folder.out.resolve()
        paths = [folder.page(i, suffix) for i, suffix in zip(ids, [".html", ".json", ".xml", ".txt", ".md"] * 2)]
        names = [p.name for p in paths]
        assert len({name_key(n) for n in names} | {"index.html", "index.json"}) == len(names) + 2
        for path in paths:
            name = path.name
            assert path.resolve().parent == inside
            assert not name.startswith((".", "-")) and ".." not in name and "/" not in name and "\\" not in name
            assert len(name.encode("utf-8")) <= 255 and unicodedata.is_normalized("NFC", name)
            assert name.split(".")[0].upper() not in ("CON", "PRN", "AUX", "NUL", "COM1", "LPT1")
            path.write_text("x", encoding="utf-8")  # the file system takes it
        assert sorted(p.name for p in inside.iterdir()) == sorted(names)
        again = ReportFolder(Path(tmp) / "again")
        assert [again.page(i, suffix).name for i, suffix in zip(ids, [".html", ".json", ".xml", ".txt", ".md"] * 2)] \
            == names  # the same ids in the same order: the same names


@settings(max_examples=200, deadline=None)
@given(IDS)
@example("INDEX")
def test_every_letter_and_digit_of_an_id_is_kept_in_order(subject_id):
    nfc = unicodedata.normalize("NFC", subject_id)
    kept = "".join(ch for ch in nfc if ch.isalnum())
    base = name_base(subject_id)  # before a '-2' that keeps it apart from index.html and the names taken
    if kept and len(nfc) <= 80 and len(nfc.encode("utf-8")) <= 200:
        assert "".join(ch for ch in base if ch.isalnum()) == kept


def test_a_folder_of_greek_programmes_gets_greek_file_names(tmp_path):
    source = (ROOT / "examples/programmes/compliant_bsc.yaml").read_text(encoding="utf-8")
    for n, subject_id in enumerate(("ΠΜΣ-Πληροφορική", "ΠΜΣ-Φυσική", "δοκιμή/../../x<script>")):
        (tmp_path / f"g{n}.yaml").write_text(source.replace("id: uni-cs-bsc", f"id: '{subject_id}'"), encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run("check", tmp_path, "--rules", "greek_law_4009", "--format", "html", "-o", f"{out}/")
    assert code in (0, 1), err
    assert {p.name for p in out.iterdir()} == {"index.html", "index.json", "δοκιμή_x_script.html",
                                               "ΠΜΣ-Πληροφορική.html", "ΠΜΣ-Φυσική.html"}
