"""Box-prompted segmentation with SAM 2 or SAM: one image embedding per frame, every box of the
frame decoded in one call."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from gpu_tasks.models.loading import LoadedModel
from gpu_tasks.perception.tensors import normalise, resize_8bit, to_batch


class BoxSegmenter:
    """``segment(frame, boxes)`` returns one boolean mask per box at the frame's size."""

    def __init__(self, loaded: LoadedModel, device: torch.device) -> None:
        self.loaded = loaded
        self.model = loaded.model
        self.device = device
        self.side = loaded.norm.size
        self.is_sam2 = loaded.family.name == "sam2"

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
    def infer(self, pixels: torch.Tensor, boxes: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Low-resolution mask logits (N, h, w) and predicted IoU (N,) for ``boxes`` (N, 4) in model pixels."""
        embeddings = self.model.get_image_embeddings(pixels)
        output = self.model(image_embeddings=embeddings, input_boxes=boxes.unsqueeze(0).to(self.loaded.dtype),
                            multimask_output=False)
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

    def segment(self, frame: np.ndarray, boxes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Masks (N, H, W) bool and predicted IoU (N,) for ``boxes`` (N, 4) in frame pixels."""
        boxes = np.asarray(boxes, dtype=np.float32).reshape(-1, 4)
        if len(boxes) == 0:
            return np.zeros((0, *frame.shape[:2]), bool), np.zeros(0, np.float32)
        pixels, (sx, sy), inner = self.preprocess(frame)
        scaled = torch.from_numpy(boxes * np.array([sx, sy, sx, sy], np.float32)).to(self.device)
        logits, iou = self.infer(pixels, scaled)
        return self.postprocess(logits, inner, frame.shape[:2]), iou.cpu().numpy()
