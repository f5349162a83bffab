"""A file named more than once (twice, as './a' and 'a', through a symbolic link, or named and found again in
its folder: the same resolved path) is audited once, and said so in one line on standard error in the reader's
language; with --jobs and on a Dask cluster the output is the same."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cli_helpers import run
from dask_cluster import dask_cluster  # noqa: F401 - fixture

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--rules", "ects_guide_2015", "--as-of", "2024-01-01", "--format", "jsonl"]
NOTE = {"en": "note: {f}: named more than once, audited once",
        "el": "σημείωση: {f}: το αρχείο δόθηκε περισσότερες από μία φορές· ελέγχθηκε μία φορά",
        "sr": "napomena: {f}: datoteka je navedena više puta, proverena je jednom",
        "sr-Cyrl": "напомена: {f}: датотека је наведена више пута, проверена је једном"}


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    progs = tmp_path / "progs"
    progs.mkdir()
    for name in ("compliant_bsc.yaml", "faulty_bsc.yaml"):
        shutil.copy(ROOT / "examples" / "programmes" / name, progs / name)
    return Path("progs")


def _subjects(out: str) -> list[str]:
    return [d["input"]["path"] for d in map(json.loads, out.splitlines()) if "input" in d]


@pytest.mark.parametrize("lang", ["en", "el", "sr", "sr-Cyrl"])
def test_a_file_named_twice_and_reached_through_its_folder_is_audited_once(folder, lang):
    a = folder / "compliant_bsc.yaml"
    code, out, err = run("check", a, a, f"./{a}", folder, *ARGS, "--lang", lang)
    _, once, _ = run("check", folder, *ARGS, "--lang", lang)
    assert code == 1 and err.splitlines() == [NOTE[lang].format(f=a)]
    assert _subjects(out) == [str(a), str(folder / "faulty_bsc.yaml")]
    assert len(out.splitlines()) == len(once.splitlines())


def test_a_file_named_once_each_way_gives_no_note(folder):
    code, out, err = run("check", folder / "compliant_bsc.yaml", folder / "faulty_bsc.yaml", *ARGS)
    assert code == 1 and err == "" and len(_subjects(out)) == 2


def test_a_symbolic_link_to_a_file_named_is_the_same_file(folder, tmp_path):
    link = tmp_path / "link.yaml"
    link.symlink_to((folder / "faulty_bsc.yaml").resolve())
    code, out, err = run("check", folder / "faulty_bsc.yaml", link, *ARGS)
    assert err.splitlines() == [NOTE["en"].format(f=folder / "faulty_bsc.yaml")] and len(_subjects(out)) == 1


def test_jobs_and_dask_give_the_same_output_and_the_same_note(folder, dask_cluster):
    a = folder / "faulty_bsc.yaml"
    local = run("check", a, folder, a, *ARGS, "--jobs", "1")
    assert run("check", a, folder, a, *ARGS, "--jobs", "2") == local
    assert run("check", a, folder, a, *ARGS, "--dask", dask_cluster.scheduler_address) == local
    assert local[2].splitlines() == [NOTE["en"].format(f=a)]


def test_transfers_and_cohorts_named_twice_are_audited_once(tmp_path):
    transfer = ROOT / "examples" / "transfers" / "clean_mobility.yaml"
    code, out, err = run("transfer", transfer, transfer, *ARGS)
    assert err.splitlines() == [NOTE["en"].format(f=transfer)] and len(_subjects(out)) == 1
    cohort = ROOT / "examples" / "grades" / "serbian-informatics.yaml"
    code, out, err = run("grades", "check", cohort, cohort, *ARGS, "--lang", "el")
    assert err.splitlines() == [NOTE["el"].format(f=cohort)] and len(_subjects(out)) == 1


def test_proof_of_recognition_takes_a_transfer_file_named_twice_as_one(tmp_path):
    transfer = ROOT / "examples" / "transfers" / "clean_mobility.yaml"
    code, out, err = run("transfer", transfer, transfer, "--rules", "ects_guide_2015", "--format", "proof")
    assert code in (0, 1) and err.splitlines() == [NOTE["en"].format(f=transfer)] and out
