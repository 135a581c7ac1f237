"""The transformers backend's parts on tiny random models: shapes, batching, encoding once."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from gpu_tasks.models.loading import load_model_set
from gpu_tasks.perception.depth import DepthEstimator
from gpu_tasks.perception.detector import OpenVocabularyDetector
from gpu_tasks.perception.segmenter import BoxSegmenter
from gpu_tasks.perception.settings import PerceptionSettings
from gpu_tasks.vocabulary import detector_labels
from pipeline.config import Config
from tests.gpu_tasks.videos import meal_frame


@pytest.fixture(scope="module")
def models(tiny_models: Path):
    return load_model_set(tiny_models, Config().models, torch.device("cpu"), torch.float32)


def test_detector_encodes_the_vocabulary_once_and_boxes_lie_in_the_frame(models) -> None:
    detector = OpenVocabularyDetector(models.detector, detector_labels(), torch.device("cpu"),
                                      PerceptionSettings(max_detections=5, batch_size=2))
    assert detector.query_embeds.shape[0] == len(detector_labels())
    frames = [meal_frame(160, 96, t) for t in (0.0, 0.5, 1.0)]
    found = detector.detect(frames, [0, 4, 8], threshold=0.01)
    assert len(found) == 3 and all(len(f) <= 5 for f in found)
    for index, detections in zip([0, 4, 8], found):
        for d in detections:
            assert d.frame_index == index and d.label in detector_labels()
            assert 0 <= d.box[0] < d.box[2] <= 160 and 0 <= d.box[1] < d.box[3] <= 96
            assert abs(np.linalg.norm(d.embedding) - 1) < 1e-3


def test_segmenter_embeds_each_frame_once_for_all_boxes(models, monkeypatch) -> None:
    segmenter = BoxSegmenter(models.segmenter, torch.device("cpu"))
    calls = []
    original = segmenter.model.get_image_embeddings
    monkeypatch.setattr(segmenter.model, "get_image_embeddings", lambda *a, **k: calls.append(1) or original(*a, **k))
    masks, iou = segmenter.segment(meal_frame(160, 96, 0.0), np.array([[10, 10, 60, 50], [70, 20, 150, 90.0]]))
    assert masks.shape == (2, 96, 160) and masks.dtype == bool and iou.shape == (2,)
    assert calls == [1]
    empty, _ = segmenter.segment(meal_frame(160, 96, 0.0), np.zeros((0, 4)))
    assert empty.shape == (0, 96, 160)


def test_depth_is_metric_float32_at_frame_size(models) -> None:
    depth = DepthEstimator(models.depth, torch.device("cpu"), torch.bfloat16, side=56)
    maps = depth.estimate([meal_frame(160, 96, 0.0), meal_frame(160, 96, 0.5)], batch_size=2)
    assert len(maps) == 2 and maps[0].shape == (96, 160) and maps[0].dtype == np.float32
    assert np.all(maps[0] > 0) and np.all(maps[0] <= 20)  # the indoor metric head tops out at 20 m
    assert next(depth.model.head.parameters()).dtype == torch.float32
    assert next(depth.model.backbone.parameters()).dtype == torch.bfloat16



def test_segmenting_frames_in_batches_gives_each_frame_the_masks_it_gets_alone(models, monkeypatch) -> None:
    segmenter = BoxSegmenter(models.segmenter, torch.device("cpu"))
    frames = [meal_frame(160, 96, t) for t in (0.0, 0.5, 1.0)]
    boxes = [np.array([[10, 10, 60, 50.0]]), np.zeros((0, 4)), np.array([[70, 20, 150, 90], [5, 5, 40, 40.0]])]
    alone = [segmenter.segment(frame, b) for frame, b in zip(frames, boxes)]
    calls = []
    original = segmenter.model.get_image_embeddings
    monkeypatch.setattr(segmenter.model, "get_image_embeddings",
                        lambda pixels, **k: calls.append(len(pixels)) or original(pixels, **k))
    batched = segmenter.segment_frames(frames, boxes, batch_size=2)
    assert calls == [2]  # the frame without boxes is not encoded; the other two share one encoder call
    for (masks, iou), (masks_alone, iou_alone) in zip(batched, alone):
        assert masks.shape == masks_alone.shape and (masks == masks_alone).all()
        assert np.allclose(iou, iou_alone, atol=1e-4)


def test_sam2_position_encoding_is_built_once_per_shape(models) -> None:
    segmenter = BoxSegmenter(models.segmenter, torch.device("cpu"))
    encoding = segmenter.model.vision_encoder.neck.position_encoding
    shape = torch.Size([1, 32, 8, 8])
    first = encoding(shape, torch.device("cpu"), torch.float32)
    assert encoding(shape, torch.device("cpu"), torch.float32) is first
    assert torch.equal(first, encoding.inner(shape, torch.device("cpu"), torch.float32))


def test_sam2_encoder_without_its_unused_work_gives_the_library_embeddings_bit_for_bit(tiny_models) -> None:
    loaded = load_model_set(tiny_models, Config().models, torch.device("cpu"), torch.float32).segmenter
    pixels = torch.randn(2, 3, loaded.norm.size, loaded.norm.size, generator=torch.Generator().manual_seed(3))
    with torch.inference_mode():
        expected = loaded.model.get_image_embeddings(pixels)  # as the library built the model
    segmenter = BoxSegmenter(loaded, torch.device("cpu"))
    backbone = segmenter.model.vision_encoder.backbone
    attentions = {type(m).__name__ for m in backbone.modules() if "Attention" in type(m).__name__}
    assert attentions == {"LeanHieraAttention"}
    for _ in range(2):  # the second call reads the memoised position embedding
        embeddings = segmenter.embed(pixels)
        assert len(embeddings) == len(expected) and all(torch.equal(a, b) for a, b in zip(embeddings, expected))


def test_depth_neck_and_head_run_channels_last_on_cpu_with_the_same_depth(models) -> None:
    frames = [meal_frame(160, 96, 0.0)]
    depth = DepthEstimator(models.depth, torch.device("cpu"), torch.float32, side=56)
    assert depth.model.head.conv1.weight.is_contiguous(memory_format=torch.channels_last)
    nhwc = depth.estimate(frames)[0]
    depth.model.neck.to(memory_format=torch.contiguous_format)
    depth.model.head.to(memory_format=torch.contiguous_format)
    assert np.allclose(nhwc, depth.estimate(frames)[0], atol=1e-4)
