"""numpy's matrix kernels (OpenBLAS) on one thread, for processes whose numpy work is small.

The geometry (a plane fit over a few thousand points, a 3×3 eigen-decomposition) and the nutrition encoder's
few labels gain nothing from BLAS threads, and OpenBLAS's worker pool was seen to spin for good: two analysis
tasks sat at full CPU inside one 4000×3 @ 3×300 product of the plane fit for over seven minutes on a loaded
2-core machine, and two ``build.py nutrition`` runs did the same in an earlier suite. One thread cannot wait on
another. torch keeps its own threads (``torch.set_num_threads``), which this does not touch.
"""

from __future__ import annotations

from threadpoolctl import threadpool_limits


def single_threaded_blas() -> None:
    """Limit every loaded BLAS library (numpy's OpenBLAS) to one thread for the rest of the process."""
    threadpool_limits(limits=1, user_api="blas")
