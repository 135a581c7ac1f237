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


def test_builds_started_together_build_once_and_all_get_the_artifact(tmp_path: Path) -> None:
    """Two commands that need the knowledge base at the same moment (`nutrition` twice, or with `data build`)
    must not each spend minutes building it: one builds, the other waits and reuses its artifact."""
    from concurrent.futures import ThreadPoolExecutor

    source = write_fdc_download(tmp_path / "fdc")
    heard: list[list[tuple[str, int, int]]] = [[], []]

    def build(n: int) -> Path:
        return build_knowledge_base(tmp_path / "kb", source_dir=source, progress=lambda *call: heard[n].append(call))

    with ThreadPoolExecutor(2) as pool:
        paths = list(pool.map(build, (0, 1)))
    assert paths[0] == paths[1] and paths[0].is_file()
    assert sorted(bool(calls) for calls in heard) == [False, True]  # exactly one of them built
    assert list((tmp_path / "kb").glob("*.tmp")) == []


def test_build_py_nutrition_prints_only_its_answer_when_the_knowledge_base_exists(tmp_path: Path) -> None:
    """`nutrition` passes the build's progress on (a fresh clone builds for minutes, and says so, as `data build`
    does above); with the knowledge base in place its stderr stays empty."""
    source = write_fdc_download(tmp_path / "fdc")
    meal = tmp_path / "meal.json"
    meal.write_text('{"id": "lunch", "items": [{"name": "white rice", "grams": 150}]}')
    built = subprocess.run([sys.executable, "build.py", "data", "refresh", "--from", str(source), "--out",
                            str(tmp_path / "kb")], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    kb = built.stdout.split("knowledge base: ")[1].splitlines()[0]
    done = subprocess.run([sys.executable, "build.py", "nutrition", str(meal), "--knowledge-base", kb],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and '"id": "lunch"' in done.stdout
