"""How commands talk to a person: rich output on a terminal, plain lines elsewhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from rich.console import Console
from rich.table import Table


class Reporter(Protocol):
    """Progress sink for long operations (deploys, jobs)."""

    def info(self, message: str) -> None: ...
    def warn(self, message: str) -> None: ...
    def table(self, title: str, columns: list[str], rows: list[list[str]]) -> None: ...


def make_console() -> Console:
    """stderr console; when it is not a terminal (CI, a pipe) tables get room instead of 80 columns."""
    console = Console(stderr=True, highlight=False, soft_wrap=True, log_path=False)
    if not console.is_terminal:
        console = Console(stderr=True, highlight=False, soft_wrap=True, log_path=False, width=160)
    return console


@dataclass
class ConsoleReporter:
    """Writes to the terminal with rich (colour only when attached to one)."""

    console: Console = field(default_factory=lambda: make_console())

    def info(self, message: str) -> None:
        self.console.print(message)

    def warn(self, message: str) -> None:
        self.console.print(f"[yellow]warning:[/] {message}")

    def table(self, title: str, columns: list[str], rows: list[list[str]]) -> None:
        table = Table(title=title, title_justify="left")
        for column in columns:
            table.add_column(column)
        for row in rows:
            table.add_row(*row)
        self.console.print(table)


@dataclass
class RecordingReporter:
    """Keeps every message; for tests and for callers that print later."""

    lines: list[str] = field(default_factory=list)

    def info(self, message: str) -> None:
        self.lines.append(message)

    def warn(self, message: str) -> None:
        self.lines.append(f"warning: {message}")

    def table(self, title: str, columns: list[str], rows: list[list[str]]) -> None:
        self.lines.append(title)
        self.lines.extend(" | ".join(row) for row in rows)
