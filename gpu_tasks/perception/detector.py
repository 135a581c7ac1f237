"""Open-vocabulary detection with OWLv2 / OWL-ViT: the food vocabulary is encoded once per job,
each frame's image once; boxes are scored against every text query."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import torch

from gpu_tasks.models.loading import LoadedModel
from gpu_tasks.perception.settings import PerceptionSettings
from gpu_tasks.perception.tensors import normalise, pad_square_and_resize, resize, to_batch
from gpu_tasks.perception.types import Detection, non_max_suppression
from gpu_tasks.vocabulary import prompt_for


def boxes_to_pixels(boxes: torch.Tensor, scales: Sequence[tuple[float, float]]) -> torch.Tensor:
    """(B, P, 4) boxes (cx, cy, w, h, relative to the model input) as (x0, y0, x1, y1) frame pixels.

    OWLv2 sees the frame padded to a square, so its boxes are relative to the square's side (the
    scale is (side, side)); OWL-ViT stretches the frame, so the scale is (width, height).
    """
    cx, cy, w, h = boxes.unbind(-1)
    scale = torch.tensor(scales, dtype=boxes.dtype, device=boxes.device)
    sx, sy = scale[:, 0, None], scale[:, 1, None]
    return torch.stack([(cx - w / 2) * sx, (cy - h / 2) * sy, (cx + w / 2) * sx, (cy + h / 2) * sy], -1)


class OpenVocabularyDetector:
    """Detect ``labels`` in frames; ``detect`` returns per-frame detections above a score threshold."""

    def __init__(self, loaded: LoadedModel, labels: Sequence[str], device: torch.device,
                 settings: PerceptionSettings) -> None:
        self.loaded = loaded
        self.model = loaded.model
        self.labels = list(labels)
        self.device = device
        self.settings = settings
        self.input_px = min(settings.detector_input_px or loaded.norm.size, loaded.norm.size)
        self.native_px = int(self.model.config.vision_config.image_size)
        self.query_embeds = self._encode_queries()

    @torch.inference_mode()
    def _encode_queries(self) -> torch.Tensor:
        """(Q, D) text embeddings of the prompts, computed once."""
        tokens = self.loaded.tokenizer([prompt_for(label) for label in self.labels], padding="max_length",
                                       truncation=True, max_length=16, return_tensors="pt")
        text_model = getattr(self.model, "owlv2", None) or self.model.owlvit
        output = text_model.get_text_features(input_ids=tokens["input_ids"].to(self.device),
                                              attention_mask=tokens["attention_mask"].to(self.device))
        return output.pooler_output

    def preprocess(self, frames: Sequence[np.ndarray]) -> tuple[torch.Tensor, list[tuple[float, float]]]:
        """Batch tensor at the detector input size, and per frame the (x, y) scale back to pixels.

        OWLv2 (as its processor): pad bottom-right with black to a square, then resize like skimage.
        """
        batch = to_batch(frames, self.device)
        height, width = batch.shape[-2:]
        if self.loaded.family.name == "owlv2":
            batch = pad_square_and_resize(batch, self.input_px)
            scale = (float(max(height, width)),) * 2
        else:
            batch = resize(batch, self.input_px, self.input_px)
            scale = (float(width), float(height))
        return normalise(batch, self.loaded.norm, self.loaded.dtype), [scale] * len(frames)

    @torch.inference_mode()
    def infer(self, pixels: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """(logits (B, P, Q), boxes cx,cy,w,h in 0..1 (B, P, 4), unit class embeddings (B, P, D))."""
        interpolate = self.input_px != self.native_px
        feature_map, _ = self.model.image_embedder(pixel_values=pixels, interpolate_pos_encoding=interpolate)
        batch, rows, cols, hidden = feature_map.shape
        image_feats = feature_map.reshape(batch, rows * cols, hidden)
        queries = self.query_embeds.to(image_feats.dtype).unsqueeze(0).expand(batch, -1, -1)
        logits, class_embeds = self.model.class_predictor(image_feats, queries, None)
        boxes = self.model.box_predictor(image_feats, feature_map, interpolate_pos_encoding=interpolate)
        class_embeds = class_embeds / (class_embeds.norm(dim=-1, keepdim=True) + 1e-6)
        return logits.float(), boxes.float(), class_embeds.float()

    def postprocess(self, logits: torch.Tensor, boxes: torch.Tensor, embeds: torch.Tensor,
                    scales: list[tuple[float, float]], frame_indices: Sequence[int], sizes: Sequence[tuple[int, int]],
                    threshold: float) -> list[list[Detection]]:
        """Detections scoring above ``threshold``, in frame pixels, non-max-suppressed, per frame.

        Boxes are decoded as the processor's ``post_process_object_detection`` does, then (unlike it)
        clipped to the frame, since the model may place a box partly in the padding.
        """
        best_logits, label_ids = logits.max(dim=-1)  # the label by logit: sigmoids of confident queries tie at 1.0
        scores = torch.sigmoid(best_logits)
        pixels = boxes_to_pixels(boxes, scales)
        results = []
        for b, frame_index in enumerate(frame_indices):
            keep = torch.nonzero(scores[b] > threshold).flatten()
            height, width = sizes[b]
            xyxy = pixels[b, keep].clamp(min=0).cpu().numpy()
            xyxy[:, [0, 2]] = np.minimum(xyxy[:, [0, 2]], width)
            xyxy[:, [1, 3]] = np.minimum(xyxy[:, [1, 3]], height)
            frame_scores = scores[b, keep].cpu().numpy()
            frame_labels = [self.labels[int(i)] for i in label_ids[b, keep].cpu().numpy()]
            valid = (xyxy[:, 2] - xyxy[:, 0] >= 2) & (xyxy[:, 3] - xyxy[:, 1] >= 2)
            candidates = np.nonzero(valid)[0]
            kept = non_max_suppression(xyxy[candidates], frame_scores[candidates], self.settings.nms_iou,
                                       self.settings.max_detections,
                                       labels=[frame_labels[i] for i in candidates])
            frame_embeds = embeds[b, keep].cpu().numpy()
            results.append([
                Detection(frame_index, frame_labels[i], float(frame_scores[i]), xyxy[i], frame_embeds[i])
                for i in candidates[kept]
            ])
        return results

    def detect(self, frames: Sequence[np.ndarray], frame_indices: Sequence[int],
               threshold: float) -> list[list[Detection]]:
        """Detections of every frame, in batches of ``settings.batch_size`` frames."""
        results: list[list[Detection]] = []
        step = self.settings.batch_size
        for start in range(0, len(frames), step):
            chunk = frames[start:start + step]
            pixels, scales = self.preprocess(chunk)
            logits, boxes, embeds = self.infer(pixels)
            sizes = [f.shape[:2] for f in chunk]
            results.extend(self.postprocess(logits, boxes, embeds, scales, frame_indices[start:start + step], sizes,
                                            threshold))
        return results
