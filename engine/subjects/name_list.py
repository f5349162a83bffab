"""A list of file names held compactly: the names of one folder share its path, written once, and are kept as
one text per block of names, not as one object each. A batch of tens of thousands of files holds its listing
so, in about the bytes of the names themselves (a list of texts would take some 80 bytes more per file)."""
from __future__ import annotations

import bisect
import heapq
import io
import itertools
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

BLOCK = 1024  # names per block: what one step of a walk through the list unpacks at a time
_SEP = "\0"  # no file name holds it


class NameList(Sequence[str]):
    """File names in order; each block is (the folder's path with its separator, its names joined by NUL,
    how many). Equal to a list of the same names."""

    def __init__(self, names: Iterable[str] = ()):
        self._blocks: list[tuple[str, str, int]] = []
        self._ends: list[int] = []  # the count of names up to the end of each block
        self._loose: list[str] = []  # names appended one by one, not yet made into a block
        for name in names:
            self.append(name)

    def append(self, name: str) -> None:
        """One more name, as it is (a file named on the command line, a folder that could not be listed)."""
        self._loose.append(name)
        if len(self._loose) >= BLOCK:
            self._settle()

    def extend_folder(self, prefix: str, names: Sequence[str]) -> None:
        """More names, each `prefix` + name (`prefix`: a folder's path with its separator, or '')."""
        self._settle()
        for start in range(0, len(names), BLOCK):
            self._add_block(prefix, names[start:start + BLOCK])

    def _settle(self) -> None:
        if self._loose:
            loose, self._loose = self._loose, []
            self._add_block("", loose)

    def _add_block(self, prefix: str, names: Sequence[str]) -> None:
        self._blocks.append((prefix, _SEP.join(names), len(names)))
        self._ends.append((self._ends[-1] if self._ends else 0) + len(names))

    def _block_names(self, i: int) -> list[str]:
        prefix, joined, _ = self._blocks[i]
        names = joined.split(_SEP)
        return [prefix + n for n in names] if prefix else names

    def __len__(self) -> int:
        return (self._ends[-1] if self._ends else 0) + len(self._loose)

    def __iter__(self) -> Iterator[str]:
        return self._from(0)

    def _from(self, index: int) -> Iterator[str]:
        """The names from the `index`th on, a block unpacked at a time."""
        first = bisect.bisect_right(self._ends, index)
        skip = index - (self._ends[first - 1] if first else 0)
        for i in range(first, len(self._blocks)):
            names = self._block_names(i)
            yield from names[skip:] if skip else names
            skip = 0
        yield from self._loose[skip:]

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return list(self)[index]
            return list(itertools.islice(self._from(start), max(0, stop - start)))
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("NameList index out of range")
        settled = self._ends[-1] if self._ends else 0
        if index >= settled:
            return self._loose[index - settled]
        block = bisect.bisect_right(self._ends, index)
        prefix, joined, _ = self._blocks[block]
        return prefix + joined.split(_SEP)[index - (self._ends[block - 1] if block else 0)]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (NameList, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment] - a changing list, as a list is

    def __repr__(self) -> str:
        return f"NameList({list(self)!r})"


class NameSet:
    """A set of names (texts without NUL) held compactly: the latest added in a set, the others in sorted blocks
    of text (one text of the names joined, and where each begins), a block merged into the one before it when
    it grows as large, so that a look-up searches a few blocks."""

    def __init__(self, names: Iterable[str] = ()):
        self._recent: set[str] = set()
        self._blocks: list[_SortedBlock] = []
        for name in names:
            self.add(name)

    def add(self, name: str) -> None:
        if name in self:
            return
        self._recent.add(name)
        if len(self._recent) >= BLOCK:
            block = _SortedBlock(sorted(self._recent))
            self._recent = set()
            while self._blocks and len(self._blocks[-1]) <= len(block):
                block = _SortedBlock(heapq.merge(self._blocks.pop(), block))
            self._blocks.append(block)

    def __contains__(self, name: object) -> bool:
        return name in self._recent or any(name in block for block in self._blocks)

    def __len__(self) -> int:
        return len(self._recent) + sum(len(block) for block in self._blocks)


class _SortedBlock(Sequence[str]):
    """Sorted names as one text, NUL after each, with the offset where each begins."""

    def __init__(self, names: Iterable[str]):
        text = io.StringIO()
        self._starts = array("Q")
        at = 0
        for name in names:
            self._starts.append(at)
            text.write(name)
            text.write(_SEP)
            at += len(name) + 1
        self._text = text.getvalue()

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, i):  # (an int: bisect's look-ups)
        start = self._starts[i]
        return self._text[start:self._text.index(_SEP, start)]

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(len(self)))

    def __contains__(self, name: object) -> bool:
        i = bisect.bisect_left(self, name)
        return i < len(self) and self[i] == name


__all__ = ["NameList", "NameSet", "BLOCK"]
