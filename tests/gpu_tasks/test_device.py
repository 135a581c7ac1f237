"""How many threads the analysis task (torch) and the nutrition encoder use: the CPUs the process may run on, a
container's CPU quota included."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.cpus import available_cpus


def test_a_cgroup_v2_quota_caps_the_cpus(tmp_path: Path) -> None:
    (tmp_path / "cpu.max").write_text("150000 100000\n")  # 1.5 CPUs: two threads
    assert available_cpus(tmp_path) == min(2, len(os.sched_getaffinity(0)))


def test_a_cgroup_v1_quota_caps_the_cpus(tmp_path: Path) -> None:
    (tmp_path / "cpu").mkdir()
    (tmp_path / "cpu" / "cpu.cfs_quota_us").write_text("100000\n")
    (tmp_path / "cpu" / "cpu.cfs_period_us").write_text("100000\n")
    assert available_cpus(tmp_path) == 1


def test_no_quota_leaves_the_affinity(tmp_path: Path) -> None:
    (tmp_path / "cpu.max").write_text("max 100000\n")
    assert available_cpus(tmp_path) == len(os.sched_getaffinity(0))
    assert available_cpus(tmp_path / "absent") == len(os.sched_getaffinity(0))
