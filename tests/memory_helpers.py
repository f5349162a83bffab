"""The memory a streamed batch keeps per file: traced peaks of batches of 20 and 200 files of one kind,
after a first batch of 200 has compiled the templates and filled the caches (tests of flat memory)."""
from __future__ import annotations

import tracemalloc
from pathlib import Path
from typing import Callable

import pytest

from engine.cli.batchrun import BatchSettings, stream_batch
from engine.cli.work import Job, audit_context


def assert_flat_memory(job: Job, make_files: Callable[[Path, int], list[str]], tmp_path: Path) -> None:
    """Batches of `make_files(folder, n)` files (every seventh with a failing error-severity rule, so each
    batch exits 1) written to a file: every report is there, less than 4 KB a file stays (its path, so that
    no output is written over an input, and its line in the batch summary), and no temporary file is left."""
    audit_context(job)
    peaks, sizes = {}, {}
    for run, n in enumerate((200, 20, 200)):  # the first run of 200 fills what is kept for good
        files = make_files(tmp_path / f"in{run}", n)
        out = tmp_path / f"out{run}.{job.fmt}"
        tracemalloc.start()
        with pytest.raises(SystemExit) as ended:
            stream_batch(files, job, str(out), BatchSettings(jobs=1, quiet=True), strict=False)
        peaks[n] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert ended.value.code == 1
        sizes[n] = out.stat().st_size
    assert sizes[200] > 9 * sizes[20]  # every report is there
    assert (peaks[200] - peaks[20]) / 180 < 4096, peaks
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no temporary file left
