"""The outcomes of a batch, kept on disk as they come: a sequence the overview reads again.

An outcome is a couple of kilobytes in memory; an archive of hundreds of thousands of documents
would make the parent hold a gigabyte of them until the overview is written. The ledger writes
each one to a temporary file as it arrives and keeps only its name and where it is, so the
parent's memory grows by about 150 bytes a document. Reading one back is a seek and an unpickle.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator, Sequence
from typing import overload

from review_app.batch.outcome import Outcome


class Ledger(Sequence[Outcome]):
    """Outcomes in a temporary file (removed when the ledger is closed or collected)."""

    def __init__(self) -> None:
        # Open for the ledger's life: closed by close() or the with block.
        self._file = tempfile.TemporaryFile(prefix="bireview-batch-")  # noqa: SIM115
        self._entries: list[tuple[str, int]] = []  # (name, offset)

    def append(self, outcome: Outcome) -> None:
        self._file.seek(0, 2)
        self._entries.append((outcome.name, self._file.tell()))
        pickle.dump(outcome, self._file, protocol=pickle.HIGHEST_PROTOCOL)

    def sort_by_name(self) -> None:
        self._entries.sort()

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self._entries)

    @overload
    def __getitem__(self, index: int) -> Outcome: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Outcome]: ...

    def __getitem__(self, index: int | slice) -> Outcome | Sequence[Outcome]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        self._file.seek(self._entries[index][1])
        outcome: Outcome = pickle.load(self._file)  # our own file, written above
        return outcome

    def __iter__(self) -> Iterator[Outcome]:
        for index in range(len(self)):
            yield self[index]
