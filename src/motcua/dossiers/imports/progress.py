"""A one-line progress bar for a terminal (carriage return, no library); silent when output is not a terminal."""

from __future__ import annotations

import time
from typing import TextIO


class Progress:
    def __init__(self, *, total: int, stream: TextIO, width: int = 30) -> None:
        self.total, self.stream, self.width = max(total, 1), stream, width
        self.enabled = hasattr(stream, "isatty") and stream.isatty()
        self.started = time.perf_counter()
        self.shown = 0.0

    def update(self, done: int, dossiers: int) -> None:
        now = time.perf_counter()
        if not self.enabled or (now - self.shown < 0.2 and done < self.total):
            return
        self.shown = now
        share = min(done / self.total, 1.0)
        filled = int(share * self.width)
        rate = dossiers / max(now - self.started, 1e-9)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r[{bar}] {share:6.1%} {done}/{self.total} lines, {rate:,.0f} dossiers/s")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
