"""Box-prompted segmentation with SAM 2 or SAM: one image embedding per frame (several frames per
encoder call), every box of the frame decoded in one call."""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from gpu_tasks.models.loading import LoadedModel
from gpu_tasks.perception.sam2_encoder import lean_hiera_encoder
from gpu_tasks.perception.tensors import normalise, resize_8bit, to_batch


class MemoisedPositionEncoding(nn.Module):
    """SAM 2's sine position encoding of the feature pyramid, computed once per (shape, device, dtype).

    It depends on nothing but the feature map's shape, yet the vision neck rebuilds it for every level
    of every image (the library caches only the last shape), and the image embeddings used here do not
    even read it; the 256×256 level alone is 16 M sines and cosines a frame."""

    def __init__(self, inner: nn.Module) -> None:
        super().__init__()
        self.inner = inner
        self.cache: dict[tuple, torch.Tensor] = {}

    def forward(self, shape: torch.Size, device: Any, dtype: torch.dtype, mask: torch.Tensor | None = None
                ) -> torch.Tensor:
        if mask is not None:
            return self.inner(shape, device, dtype, mask)
        key = (tuple(shape), str(device), dtype)
        if key not in self.cache:
            self.cache[key] = self.inner(shape, device, dtype)
        return self.cache[key]


class BoxSegmenter:
    """``segment(frame, boxes)`` returns one boolean mask per box at the frame's size."""

    def __init__(self, loaded: LoadedModel, device: torch.device) -> None:
        self.loaded = loaded
        self.model = loaded.model
        self.device = device
        self.side = loaded.norm.size
        self.is_sam2 = loaded.family.name == "sam2"
        if self.is_sam2:
            neck = self.model.vision_encoder.neck
            if not isinstance(neck.position_encoding, MemoisedPositionEncoding):
                neck.position_encoding = MemoisedPositionEncoding(neck.position_encoding)
            lean_hiera_encoder(self.model)

    def preprocess(self, frame: np.ndarray) -> tuple[torch.Tensor, tuple[float, float], tuple[int, int]]:
        """Model input, the (x, y) scale from frame pixels to model pixels, and the resized (h, w).

        SAM 2 stretches the frame to a square; SAM keeps the aspect ratio and pads bottom-right. Both
        processors resize the 8-bit frame (bilinear, anti-aliased), so the resized pixels are 8-bit levels.
        """
        batch = to_batch([frame], self.device)
        height, width = frame.shape[:2]
        if self.is_sam2:
            resized = resize_8bit(batch, self.side, self.side)
            scale, inner = (self.side / width, self.side / height), (self.side, self.side)
        else:
            factor = self.side / max(height, width)
            inner = (int(height * factor + 0.5), int(width * factor + 0.5))
            resized = resize_8bit(batch, *inner)
            scale = (factor, factor)
        pixels = normalise(resized, self.loaded.norm, self.loaded.dtype)
        if not self.is_sam2:
            pixels = F.pad(pixels, (0, self.side - inner[1], 0, self.side - inner[0]))
        return pixels, scale, inner

    @torch.inference_mode()
    def embed(self, pixels: torch.Tensor) -> list[torch.Tensor]:
        """The image encoder's outputs for a (B, 3, side, side) batch: one list entry per feature level,
        each with the batch first (slice it per frame with :func:`frame_embedding`)."""
        embeddings = self.model.get_image_embeddings(pixels)
        return list(embeddings) if isinstance(embeddings, (list, tuple)) else [embeddings]

    @torch.inference_mode()
    def infer(self, embeddings: list[torch.Tensor], boxes: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Low-resolution mask logits (N, h, w) and predicted IoU (N,) for ``boxes`` (N, 4) in model pixels,
        given one frame's image embeddings."""
        image_embeddings = embeddings if self.is_sam2 else embeddings[0]
        output = self.model(image_embeddings=image_embeddings,
                            input_boxes=boxes.unsqueeze(0).to(self.loaded.dtype), multimask_output=False)
        return output.pred_masks[0, :, 0].float(), output.iou_scores[0, :, 0].float()

    def postprocess(self, logits: torch.Tensor, inner: tuple[int, int], size: tuple[int, int]) -> np.ndarray:
        """Boolean masks (N, H, W) at the frame size."""
        if self.is_sam2:
            upsampled = F.interpolate(logits[:, None], size=size, mode="bilinear", align_corners=False)
        else:
            padded = F.interpolate(logits[:, None], size=(self.side, self.side), mode="bilinear", align_corners=False)
            cropped = padded[..., : inner[0], : inner[1]]
            upsampled = F.interpolate(cropped, size=size, mode="bilinear", align_corners=False)
        return (upsampled[:, 0] > 0).cpu().numpy()

    def segment_frames(self, frames: Sequence[np.ndarray], boxes: Sequence[np.ndarray],
                       batch_size: int = 2) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per frame, masks (N, H, W) bool and predicted IoU (N,) for its ``boxes`` (N, 4) in frame pixels.

        Frames with boxes are encoded ``batch_size`` at a time (the encoder dominates; a batch shares
        its weight reads), then each frame's boxes are decoded against its own embedding."""
        boxes = [np.asarray(b, dtype=np.float32).reshape(-1, 4) for b in boxes]
        results = [(np.zeros((0, *f.shape[:2]), bool), np.zeros(0, np.float32)) for f in frames]
        todo = [k for k, b in enumerate(boxes) if len(b)]
        for start in range(0, len(todo), batch_size):
            chunk = todo[start:start + batch_size]
            prepared = [self.preprocess(frames[k]) for k in chunk]
            embeddings = self.embed(torch.cat([pixels for pixels, _, _ in prepared]))
            for row, (k, (_, (sx, sy), inner)) in enumerate(zip(chunk, prepared)):
                scaled = torch.from_numpy(boxes[k] * np.array([sx, sy, sx, sy], np.float32)).to(self.device)
                logits, iou = self.infer([level[row:row + 1] for level in embeddings], scaled)
                results[k] = (self.postprocess(logits, inner, frames[k].shape[:2]), iou.cpu().numpy())
        return results

    def segment(self, frame: np.ndarray, boxes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Masks (N, H, W) bool and predicted IoU (N,) for ``boxes`` (N, 4) in frame pixels."""
        return self.segment_frames([frame], [boxes])[0]
