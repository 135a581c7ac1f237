"""Processes whose numpy work is small run BLAS on one thread (pipeline.blas_threads): the analysis task, the
nutrition Lambda's engine and `build.py nutrition`, where OpenBLAS's worker pool was seen to spin for minutes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
BLAS_THREADS = ("from threadpoolctl import threadpool_info; "
                "print(max(pool['num_threads'] for pool in threadpool_info() if pool['user_api'] == 'blas'))")


def _blas_threads(code: str) -> int:
    done = subprocess.run([sys.executable, "-c", f"import numpy; {code}; {BLAS_THREADS}"], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "OPENBLAS_NUM_THREADS": "2"})
    assert done.returncode == 0, done.stderr
    return int(done.stdout.split()[-1])


def test_numpy_starts_with_a_pool_and_single_threaded_blas_leaves_one_thread() -> None:
    assert _blas_threads("pass") == 2  # the pool this guards against
    assert _blas_threads("from pipeline.blas_threads import single_threaded_blas; single_threaded_blas()") == 1


def test_the_analysis_task_limits_blas_before_anything_else(monkeypatch: pytest.MonkeyPatch) -> None:
    import gpu_tasks.analyze as analyze

    calls: list[str] = []

    def settings_from(args: object) -> None:
        calls.append("settings")
        raise ValueError("stop here")

    monkeypatch.setattr(analyze, "single_threaded_blas", lambda: calls.append("limited"))
    monkeypatch.setattr(analyze, "settings_from", settings_from)
    assert analyze.main(["--job-id", "0" * 32]) != 0
    assert calls == ["limited", "settings"]
