"""SAM 2's Hiera image encoder without the work ``transformers`` (5.23) does and throws away.

Two changes, neither alters a value the encoder returns (``tests/gpu_tasks/test_perception.py``
compares the embeddings bit for bit):

- :class:`LeanHieraAttention`: the library's multi-scale attention first multiplies every query by
  the scale, multiplies it with its key and takes a float32 softmax, then discards that result and
  runs the attention kernel on the unscaled tensors. On 2 CPU cores that dead product was about a
  tenth of the encoder's time (a batched matmul of one tiny matrix per token).
- :func:`memoise_position_embedding`: the windowed position embedding is a bicubic resize of a
  learned 7×7 grid to the 256×256 token grid plus a tiled window grid; it depends on nothing but the
  weights and the grid's size, yet the library recomputes it for every encoder call.
"""

from __future__ import annotations

from typing import Any, Callable

import torch
from torch import nn
from transformers.models.sam2 import modeling_sam2


class LeanHieraAttention(modeling_sam2.Sam2MultiScaleAttention):
    """``Sam2MultiScaleAttention`` as the library runs it, less the unused attention weights."""

    def forward(self, hidden_states: torch.Tensor, **kwargs: Any) -> torch.Tensor:
        batch_size, height, width, _ = hidden_states.shape
        qkv = self.qkv(hidden_states).reshape(batch_size, height * width, 3, self.num_attention_heads, -1)
        query, key, value = torch.unbind(qkv, 2)
        if self.query_stride:  # query pooling where a stage halves the grid
            query = modeling_sam2.do_pool(query.reshape(batch_size, height, width, -1), self.query_stride)
            height, width = query.shape[1:3]
            query = query.reshape(batch_size, height * width, self.num_attention_heads, -1)
        attention: Callable = modeling_sam2.ALL_ATTENTION_FUNCTIONS.get_interface(
            self.config._attn_implementation, modeling_sam2.eager_attention_forward)
        output, _ = attention(self, query.transpose(1, 2), key.transpose(1, 2), value.transpose(1, 2),
                              attention_mask=None, is_causal=self.is_causal, scaling=self.scale, **kwargs)
        return self.proj(output.reshape(batch_size, height, width, -1))


def memoise_position_embedding(backbone: nn.Module) -> None:
    """Make ``backbone._get_pos_embed`` compute each grid size's embedding once (without autograd:
    the weights are frozen for inference)."""
    compute = type(backbone)._get_pos_embed.__get__(backbone)
    cache: dict[tuple[int, int], torch.Tensor] = {}

    def position_embedding(hw: tuple[int, int]) -> torch.Tensor:
        key = (int(hw[0]), int(hw[1]))
        if key not in cache:
            with torch.no_grad():
                cache[key] = compute(key)
        return cache[key]

    backbone._get_pos_embed = position_embedding


def lean_hiera_encoder(model: nn.Module) -> None:
    """Apply both changes to a loaded ``Sam2Model`` in place (idempotent)."""
    backbone = model.vision_encoder.backbone
    for module in backbone.modules():
        if type(module) is modeling_sam2.Sam2MultiScaleAttention:
            module.__class__ = LeanHieraAttention
    if "_get_pos_embed" not in vars(backbone):
        memoise_position_embedding(backbone)
