"""The benchmarks run in CI time and print their figures (they are not timed or thresholded here)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _run(*args: str, timeout: float) -> str:
    result = subprocess.run([sys.executable, *args], cwd=REPO, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


# benchmarks/nutrition.py: tests/nutrition/test_benchmark.py runs it once and checks what it prints and writes.


def test_geometry_benchmark_prints_volume_errors():
    out = _run("benchmarks/geometry.py", "--per-shape", "2", timeout=300)
    last = out.strip().splitlines()[-1]
    assert re.fullmatch(r"volume_error_median=\d+\.\d+ volume_error_worst=\d+\.\d+ scenes=\d+", last), last
