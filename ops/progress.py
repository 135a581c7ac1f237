"""Progress of a long build, stage by stage, on stderr: a rich bar per stage on a terminal, plain lines
elsewhere (a stage's start, its count every few seconds, its end with the time it took).

It is the :data:`pipeline.nutrition.knowledge_base.BuildProgress` callback ``build.py data`` and
``build.py nutrition`` pass down; ``pipeline`` itself prints nothing.
"""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ops.console import make_console


class StageProgress:
    """``progress(stage, done, total)`` shown as it comes; use as a context manager."""

    def __init__(self, console: Console | None = None, *, every_s: float = 5.0) -> None:
        self.console = console or make_console()
        self.every_s = every_s
        self._bar: Progress | None = None
        self._tasks: dict[str, int] = {}
        self._started: dict[str, float] = {}
        self._last_line: dict[str, float] = {}
        self._finished: set[str] = set()

    def __enter__(self) -> "StageProgress":
        return self  # the bar starts with the first stage: a build with nothing to do shows nothing

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage in self._finished:  # a stage may report its end twice (its last batch, then itself)
            return
        now = time.monotonic()
        if stage not in self._started:
            self._started[stage] = self._last_line[stage] = now
            if self._bar is None and self.console.is_terminal:
                self._bar = Progress(TextColumn("{task.description:<20}"), BarColumn(), MofNCompleteColumn(),
                                     TimeElapsedColumn(), console=self.console)
                self._bar.start()
            if self._bar is not None:
                self._tasks[stage] = self._bar.add_task(stage, total=total)
            else:
                self.console.print(f"{stage} ...")
        if self._bar is not None:
            self._bar.update(self._tasks[stage], completed=done, total=total)
        elif done >= total:
            self.console.print(f"{stage}: done in {now - self._started[stage]:.1f} s")
        if done >= total:
            self._finished.add(stage)
        elif done and now - self._last_line[stage] >= self.every_s:
            self._last_line[stage] = now
            self.console.print(f"{stage}: {done}/{total}")
