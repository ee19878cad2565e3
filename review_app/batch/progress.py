"""The progress of a batch: a bar on a terminal, one line a document otherwise."""

from __future__ import annotations

from typing import Any

from review_app.batch.outcome import Outcome


class Progress:
    """A progress bar (tqdm) on a terminal; plain lines ``[12/300] NAME: 2 critical`` otherwise."""

    def __init__(self, total: int, stream: Any) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.bar: Any = None
        self.use_bar = _is_terminal(stream) and total > 0

    def start(self) -> None:
        """Show the bar (tqdm's monitor thread off: worker processes may be forked later)."""
        if not self.use_bar or self.bar is not None:
            return
        try:
            from tqdm import tqdm
        except ImportError:
            self.use_bar = False
            return

        class Bar(tqdm):
            monitor_interval = 0

        self.bar = Bar(total=self.total, file=self.stream, unit="doc", dynamic_ncols=True)

    def note(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream, flush=True)

    def update(self, outcome: Outcome) -> None:
        self.start()
        self.done += 1
        if self.bar is not None:
            if outcome.error:
                self.bar.write(f"{outcome.name}: error: {outcome.error}", file=self.stream)
            self.bar.set_postfix_str(outcome.name[:40], refresh=False)
            self.bar.update(1)
            return
        what = f"error: {outcome.error}" if outcome.error else outcome.counts_text()
        print(f"[{self.done}/{self.total}] {outcome.name}: {what}", file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
