"""``build.py backfill`` as a person sees it: a progress bar while it runs, a summary once it ends."""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ops.aws import Target
from ops.backfill import BackfillSummary, Counts, follow_backfill, start_backfill, summarize
from ops.console import Reporter, make_console
from ops.errors import ExitCode
from pipeline.config import Config
from pipeline.layout import S3Uri

SUMMARY_COLUMNS = ("video", "job", "status", "error code", "kcal", "cost USD")


def counts_line(counts: Counts) -> str:
    return f"{counts.succeeded} done · {counts.failed} failed · {counts.running} running"


class BackfillProgress:
    """``progress(counts)`` as a rich bar (done + failed of ``total``) on a terminal, else one plain
    line whenever the counts change, at most every ``every_s`` seconds. A context manager."""

    def __init__(self, console: Console, total: int, *, every_s: float = 5.0) -> None:
        self.console, self.total, self.every_s = console, total, every_s
        self._bar: Progress | None = None
        self._task: int | None = None
        self._last: tuple[Counts, float] | None = None

    def __enter__(self) -> "BackfillProgress":
        if self.console.is_terminal:
            self._bar = Progress(TextColumn("backfill"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[counts]}"), TimeElapsedColumn(), console=self.console)
            self._task = self._bar.add_task("backfill", total=self.total, counts=counts_line(Counts()))
            self._bar.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()

    def __call__(self, counts: Counts) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, completed=counts.succeeded + counts.failed, counts=counts_line(counts))
            return
        now = time.monotonic()
        ended = counts.succeeded + counts.failed >= self.total
        if self._last is None or (counts != self._last[0] and (ended or now - self._last[1] >= self.every_s)):
            self.console.print(f"backfill: {counts.succeeded + counts.failed}/{self.total} ({counts_line(counts)})")
            self._last = (counts, now)


def summary_rows(summary: BackfillSummary) -> list[list[str]]:
    """One row per video, in the order of the listing."""
    rows = []
    for video in summary.videos:
        cost = "" if video.cost_usd is None else f"{video.cost_usd:.5f}" + (" (partial)" if video.cost_partial else "")
        rows.append([video.key, video.job_id, video.status, video.error_code or "",
                     "" if video.kcal is None else f"{video.kcal:.0f}", cost])
    return rows


def totals_lines(summary: BackfillSummary) -> list[str]:
    """Totals: outcomes, error codes, cost (from the jobs that measured one) and where the export is."""
    completed, failed = summary.count("COMPLETED"), summary.count("FAILED")
    other = len(summary.videos) - completed - failed
    lines = [f"backfill {summary.backfill_id}: {summary.execution_status}; {len(summary.videos)} videos, "
             f"{completed} completed, {failed} failed" + (f", {other} not finished" if other else "")]
    codes: dict[str, int] = {}
    for video in summary.videos:
        if video.error_code:
            codes[video.error_code] = codes.get(video.error_code, 0) + 1
    if codes:
        lines.append("errors: " + ", ".join(f"{code} × {n}" for code, n in sorted(codes.items())))
    costed = [video for video in summary.videos if video.cost_usd is not None]
    if costed:
        partial = sum(1 for video in costed if video.cost_partial)
        lines.append(f"cost: ${summary.cost_usd:.4f} over the {len(costed)} jobs that measured theirs"
                     + (f" ({partial} partial: a part could not be measured)" if partial else "")
                     + (f"; {len(summary.videos) - len(costed)} jobs have no figure"
                        if len(costed) < len(summary.videos) else ""))
    else:
        lines.append("cost: no job measured its cost")
    if summary.execution_error:
        lines.append(f"the backfill failed: {summary.execution_error}")
    if summary.export_uri:
        lines.append(f"child workflows exported to {summary.export_uri}: "
                     + ", ".join(f"{n} {status}" for status, n in sorted(summary.exported.items()) if n))
    return lines


def report_summary(reporter: Reporter, summary: BackfillSummary) -> None:
    reporter.table(f"Backfill {summary.backfill_id}", list(SUMMARY_COLUMNS), summary_rows(summary))
    for line in totals_lines(summary):
        reporter.info(line)


def run_backfill(config: Config, target: Target, uri: S3Uri, *, max_concurrency: int | None,
                 tolerated_failure_percentage: int | None, timeout_s: float, reporter: Reporter,
                 console: Console | None = None) -> int:
    """``build.py backfill``: start, follow with a progress bar, summarise. Exit code 0 when the backfill
    succeeded (its failed videos within the tolerated percentage, each with its code), 1 when it failed."""
    console = console or make_console()
    backfill = start_backfill(config, target, uri, max_concurrency=max_concurrency,
                              tolerated_failure_percentage=tolerated_failure_percentage)
    concurrency = max_concurrency or config.backfill_max_concurrency
    reporter.info(f"backfill {backfill.backfill_id}: {len(backfill.videos)} videos under {uri}, "
                  f"at most {concurrency} analysed at once")
    with BackfillProgress(console, len(backfill.videos)) as progress:
        execution = follow_backfill(target, backfill, on_progress=progress, timeout_s=timeout_s)
    summary = summarize(config, target, backfill, execution)
    report_summary(reporter, summary)
    return ExitCode.OK if summary.execution_status == "SUCCEEDED" else ExitCode.FAILED
