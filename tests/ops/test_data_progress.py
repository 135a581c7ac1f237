"""``data build``/``data refresh`` report progress stage by stage: the knowledge base build calls its
callback through every stage in order, and ``build.py data`` prints them on stderr (a tiny FDC download
keeps this fast)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from rich.console import Console

from ops.progress import StageProgress
from pipeline.nutrition.knowledge_base import BUILD_STAGES, build_knowledge_base
from tests.nutrition.fdc_fixture import write_fdc_download

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_the_build_reports_each_stage_in_order_then_nothing_when_up_to_date(tmp_path: Path) -> None:
    calls: list[tuple[str, int, int]] = []
    source = write_fdc_download(tmp_path / "fdc")
    path = build_knowledge_base(tmp_path / "kb", source_dir=source, progress=lambda *call: calls.append(call))

    assert [stage for stage, done, _ in calls if done == 0] == list(BUILD_STAGES)  # each starts once, in order
    for stage in BUILD_STAGES:
        mine = [(done, total) for name, done, total in calls if name == stage]
        assert mine[-1][0] == mine[-1][1] > 0, stage  # and ends
        assert [done for done, _ in mine] == sorted(done for done, _ in mine), stage
    again: list[tuple[str, int, int]] = []
    assert build_knowledge_base(tmp_path / "kb", source_dir=source, progress=lambda *c: again.append(c)) == path
    assert again == []


def test_plain_lines_without_a_terminal() -> None:
    sink = io.StringIO()
    with StageProgress(Console(file=sink, force_terminal=False), every_s=0) as progress:
        progress("embed descriptions", 0, 512)
        progress("embed descriptions", 256, 512)
        progress("embed descriptions", 512, 512)
        progress("embed descriptions", 512, 512)  # its last batch, then the stage's own end
    lines = sink.getvalue().splitlines()
    assert lines[:2] == ["embed descriptions ...", "embed descriptions: 256/512"]
    assert len(lines) == 3 and lines[2].startswith("embed descriptions: done in ")


def test_build_py_data_prints_its_stages_on_stderr(tmp_path: Path) -> None:
    source = write_fdc_download(tmp_path / "fdc")
    done = subprocess.run([sys.executable, "build.py", "data", "refresh", "--from", str(source), "--out",
                           str(tmp_path / "kb")], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for stage in BUILD_STAGES:
        assert f"{stage} ..." in done.stderr and f"{stage}: done in " in done.stderr
    assert "knowledge base: " in done.stdout and "Traceback" not in done.stderr
