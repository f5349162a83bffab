"""Records kept on disk rather than in memory while a batch runs: what its end needs of every file (the index of a
folder of reports, the --matrix) is written to a temporary file as each file is done and read back, in order or
sorted, when the batch ends; so the batch's memory does not grow with the number of its files."""
from __future__ import annotations

import heapq
import pickle
import tempfile
from typing import IO, Any, Callable, Generic, Iterable, Iterator, TypeVar

T = TypeVar("T")

RUN = 2048  # records sorted in memory at a time, before the sorted runs are merged from disk


class SpooledList(Generic[T]):
    """A list that is only appended to and then read in order: each record pickled to a temporary file."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._count = 0

    def append(self, item: T) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile()
        pickle.dump(item, self._file, pickle.HIGHEST_PROTOCOL)
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[T]:
        return _records(self._file, 0, self._count) if self._file is not None else iter(())

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def _records(file: IO[bytes], offset: int, count: int) -> Iterator[Any]:
    """`count` pickled records from `offset` in `file` (its position kept for whoever else reads it)."""
    for _ in range(count):
        file.flush()
        file.seek(offset)
        item = pickle.load(file)
        offset = file.tell()
        yield item
    file.seek(0, 2)


def sorted_spooled(items: Iterable[T], key: Callable[[T], Any]) -> Iterator[T]:
    """The items sorted by `key` (stable, as sorted() is), with no more than RUN of them in memory: sorted runs
    are written to a temporary file and merged as they are read back."""
    file = tempfile.TemporaryFile()
    runs: list[tuple[int, int]] = []  # (offset, count)
    run: list[T] = []
    try:
        for item in items:
            run.append(item)
            if len(run) >= RUN:
                runs.append(_write_run(file, sorted(run, key=key)))
                run = []
        if not runs:
            yield from sorted(run, key=key)
            return
        runs.append(_write_run(file, sorted(run, key=key)))
        # (each run's records keep their order among equal keys, and heapq.merge takes the earlier run first)
        yield from heapq.merge(*(_records(file, offset, count) for offset, count in runs), key=key)
    finally:
        file.close()


def _write_run(file: IO[bytes], items: list) -> tuple[int, int]:
    file.seek(0, 2)
    offset = file.tell()
    for item in items:
        pickle.dump(item, file, pickle.HIGHEST_PROTOCOL)
    return offset, len(items)


__all__ = ["SpooledList", "sorted_spooled", "RUN"]
