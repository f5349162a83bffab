"""The memory a streamed batch keeps per file: the traced peaks of batches of two sizes of files of one kind,
each size run twice, alternately (tests of flat memory)."""
from __future__ import annotations

import tracemalloc
from pathlib import Path
from typing import Callable

import pytest

from engine.cli.batchrun import BatchSettings, stream_batch
from engine.cli.work import Job, audit_context

SMALL, LARGE = 90, 200
PER_FILE = 3072  # bytes: a batch that kept each small programme's Report would need 4 to 7 KB a file


def assert_flat_memory(job: Job, make_files: Callable[[Path, int], list[str]], tmp_path: Path) -> None:
    """Batches of `make_files(folder, n)` files (every seventh with a failing error-severity rule, so each
    batch exits 1) written to a file: every report is there, the peak of the larger batch exceeds the smaller's
    by less than 3 KB a file (what stays is each file's path, so that no output is written over an input,
    and its line in the batch summary), and no temporary file is left.

    Each size is run twice, alternately, and its lower peak is kept. What the process does once, in whichever
    batch it falls, is not a cost per file: the first batch compiles the templates and fills the caches;
    a table of the interpreter's or of the files read doubles its size (the new table beside the old one) when
    a certain number of entries is reached, which depends on everything the process did before (alone or in
    the whole suite). The smaller batch is long enough that its document (md, junit, html) is longer than the
    64 Ki characters that writing a document copies at a time: a fixed cost, which a batch of 20 files did
    not reach and a batch of 200 did, counted as a cost per file before."""
    audit_context(job)
    peaks: dict[int, list[int]] = {SMALL: [], LARGE: []}
    sizes: dict[int, int] = {}
    for run, n in enumerate((SMALL, LARGE, SMALL, LARGE)):
        files = make_files(tmp_path / f"in{run}", n)
        out = tmp_path / f"out{run}.{job.fmt}"
        tracemalloc.start()
        with pytest.raises(SystemExit) as ended:
            stream_batch(files, job, str(out), BatchSettings(jobs=1, quiet=True), strict=False)
        peaks[n].append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert ended.value.code == 1
        sizes[n] = out.stat().st_size
    assert sizes[LARGE] > 2 * sizes[SMALL]  # every report is there
    low = {n: min(p) for n, p in peaks.items()}
    assert (low[LARGE] - low[SMALL]) / (LARGE - SMALL) < PER_FILE, peaks
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no temporary file left
