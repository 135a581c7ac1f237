"""Stage timings (s): printed as progress lines and recorded in ``detections.json``."""

from __future__ import annotations

import contextlib
import sys
import time
from typing import Iterator, TextIO


class StageTimer:
    """``with timer.stage("detect"):`` adds the stage's wall time (s) and prints a progress line."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.timings: dict[str, float] = {}
        self.cpu_timings: dict[str, float] = {}  # process CPU seconds (all threads) per stage
        self.stream = stream or sys.stdout

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start, cpu_start = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - start
            self.timings[name] = round(self.timings.get(name, 0.0) + elapsed, 4)
            self.cpu_timings[name] = round(self.cpu_timings.get(name, 0.0) + time.process_time() - cpu_start, 4)
            print(f"stage {name}: {elapsed:.2f} s", file=self.stream, flush=True)

    def total(self) -> float:
        return round(sum(self.timings.values()), 4)
