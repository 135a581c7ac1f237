"""Where and in what precision the models run: the one place that decides device and dtype.

CUDA runs fp16; a CPU with native bfloat16 (AVX-512 BF16 or AMX) runs bf16, about 2-4× faster than
fp32 for the transformer backbones; other CPUs run fp32. Depth heads always stay in fp32 (see
:mod:`gpu_tasks.perception.depth`) so depth keeps millimetre resolution.
"""

from __future__ import annotations

import os

import torch

from pipeline.cpus import available_cpus

PRECISION_ENV = "ANALYSIS_PRECISION"  # optional override: fp32, bf16 or fp16


def pick_device(requested: str | None = None) -> torch.device:
    """``requested`` ("cpu", "cuda", "cuda:1") or CUDA when available, else CPU."""
    if requested:
        return torch.device(requested)
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def cpu_supports_bf16() -> bool:
    """True when oneDNN runs bfloat16 natively on this CPU."""
    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False


def compute_dtype(device: torch.device) -> torch.dtype:
    """The reduced precision the backbones run in on ``device`` (env ANALYSIS_PRECISION overrides)."""
    forced = os.environ.get(PRECISION_ENV, "").lower()
    if forced:
        return {"fp32": torch.float32, "bf16": torch.bfloat16, "fp16": torch.float16}[forced]
    if device.type == "cuda":
        return torch.float16
    return torch.bfloat16 if cpu_supports_bf16() else torch.float32


def use_available_cpus(device: torch.device) -> int:
    """On CPU, one torch thread per CPU the task may use (a Fargate task's vCPUs): more threads than
    CPUs make the matrix kernels wait on each other. Returns the thread count."""
    if device.type == "cpu":
        torch.set_num_threads(available_cpus())
    return torch.get_num_threads()


def describe(device: torch.device) -> str:
    """A short description for ``detections.json``, e.g. ``cuda:NVIDIA H100 80GB HBM3`` or ``cpu:2 threads``."""
    if device.type == "cuda":
        return f"cuda:{torch.cuda.get_device_name(device)}"
    return f"cpu:{torch.get_num_threads()} threads"
