"""How many CPUs this process may use, for the thread pools of both the analysis task and the nutrition encoder.

Kept free of torch so the nutrition Lambda's package, which carries no torch, sizes its encoder threads by the
same rule as the analysis task sizes torch's.
"""

from __future__ import annotations

import math
import os
from pathlib import Path


def available_cpus(cgroup: Path = Path("/sys/fs/cgroup")) -> int:
    """CPUs this process may use: its affinity, capped by a cgroup CPU quota (v2 ``cpu.max`` or v1
    ``cpu.cfs_quota_us``), which a container runtime sets while the affinity still lists every host CPU."""
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        quota, period = (cgroup / "cpu.max").read_text().split()[:2]
    except (OSError, ValueError):
        try:
            quota = (cgroup / "cpu" / "cpu.cfs_quota_us").read_text().strip()
            period = (cgroup / "cpu" / "cpu.cfs_period_us").read_text().strip()
        except OSError:
            return count
    if quota in ("max", "-1"):
        return count
    return max(1, min(count, math.ceil(int(quota) / int(period))))
