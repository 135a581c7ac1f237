"""Our OWLv2, SAM 2.1 and Depth Anything V2 pre- and post-processing against ``transformers``' own
processors, built offline from the pinned checkpoints' published ``preprocessor_config.json``, on random
images of several sizes and aspect ratios and the tiny random-weight models.

Without torchvision (not a project dependency; no CPU build of it for our torch is on the package
index) ``transformers`` builds the PIL backends ``Owlv2ImageProcessorPil`` and ``DPTImageProcessorPil``;
``Sam2ImageProcessor`` exists only with torchvision, so its test runs where torchvision is importable and
SAM 2's resize is checked against PIL, which torchvision's uint8 CPU kernel reproduces.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from PIL import Image
from transformers import DPTImageProcessorPil, Owlv2ImageProcessorPil, Sam2Processor
from transformers.modeling_outputs import DepthEstimatorOutput

from gpu_tasks.models.loading import ImageNorm, load_model_set
from gpu_tasks.models.registry import CLIP_MEAN, CLIP_STD, IMAGENET_MEAN, IMAGENET_STD
from gpu_tasks.perception.depth import DepthEstimator, input_shape
from gpu_tasks.perception.detector import OpenVocabularyDetector, boxes_to_pixels
from gpu_tasks.perception.segmenter import BoxSegmenter
from gpu_tasks.perception.settings import PerceptionSettings
from gpu_tasks.perception.tensors import normalise, pad_square_and_resize, resize_8bit, to_batch
from gpu_tasks.vocabulary import detector_labels, prompt_for
from pipeline.config import Config

CPU = torch.device("cpu")
#: preprocessor_config.json of the pinned revisions (pipeline.config.ModelsSettings), as published.
OWLV2_CONFIG = {"do_normalize": True, "do_pad": True, "do_rescale": True, "do_resize": True,
                "image_mean": list(CLIP_MEAN), "image_std": list(CLIP_STD), "resample": 2,
                "rescale_factor": 1 / 255, "size": {"height": 960, "width": 960}}
SAM2_CONFIG = {"do_convert_rgb": True, "do_normalize": True, "do_rescale": True, "do_resize": True,
               "image_mean": list(IMAGENET_MEAN), "image_std": list(IMAGENET_STD), "mask_size": {"height": 256, "width": 256},
               "resample": 2, "rescale_factor": 1 / 255, "size": {"height": 1024, "width": 1024}}
DEPTH_CONFIG = {"do_normalize": True, "do_pad": False, "do_rescale": True, "do_resize": True, "ensure_multiple_of": 14,
                "image_mean": list(IMAGENET_MEAN), "image_std": list(IMAGENET_STD), "keep_aspect_ratio": True,
                "resample": 3, "rescale_factor": 1 / 255, "size": {"height": 518, "width": 518}}
#: (height, width): landscape, portrait, odd, square, tiny, and a phone frame.
SIZES = [(48, 64), (64, 48), (37, 53), (96, 96), (101, 77), (720, 1280)]
ONE_LEVEL = 1 / 255 / min(IMAGENET_STD)  # one 8-bit level after normalisation


def _image(height: int, width: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (height, width, 3), dtype=np.uint8)


@pytest.fixture(scope="module")
def models(tiny_models: Path):
    return load_model_set(tiny_models, Config().models, CPU, torch.float32)


def _processor(cls, config: dict, **overrides):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return cls(**{**config, **overrides})


# ---------------------------------------------------------------------------------------------- OWLv2

@pytest.mark.parametrize("height,width", SIZES + [(1080, 1920)])
def test_owlv2_pixels_match_the_processor_at_the_published_size(height: int, width: int) -> None:
    """Pad bottom-right with black to a square, skimage-style anti-aliased resize, CLIP normalisation."""
    image = _image(height, width)
    reference = _processor(Owlv2ImageProcessorPil, OWLV2_CONFIG)(images=image, return_tensors="pt")["pixel_values"]
    ours = normalise(pad_square_and_resize(to_batch([image], CPU), 960), ImageNorm(960, CLIP_MEAN, CLIP_STD),
                     torch.float32)
    assert ours.shape == reference.shape == (1, 3, 960, 960)
    assert float((ours - reference).abs().max()) < 1e-4


def test_owlv2_detections_match_post_process_object_detection(models) -> None:
    """Same pixels, logits, boxes and scaling back to the frame; we also clip boxes to the frame."""
    detector = OpenVocabularyDetector(models.detector, detector_labels(), CPU,
                                      PerceptionSettings(nms_iou=1.0, max_detections=10_000))
    side = detector.input_px
    processor = _processor(Owlv2ImageProcessorPil, OWLV2_CONFIG, size={"height": side, "width": side})
    tokens = models.detector.tokenizer([prompt_for(label) for label in detector_labels()], padding="max_length",
                                       truncation=True, max_length=16, return_tensors="pt")
    compared = 0
    for height, width in SIZES:
        image = _image(height, width, seed=height)
        reference_pixels = processor(images=image, return_tensors="pt")["pixel_values"]
        pixels, scales = detector.preprocess([image])
        assert pixels.shape == reference_pixels.shape and float((pixels - reference_pixels).abs().max()) < 1e-4
        with torch.inference_mode():
            outputs = detector.model(input_ids=tokens["input_ids"], attention_mask=tokens["attention_mask"],
                                     pixel_values=reference_pixels)
        logits, boxes, embeds = detector.infer(pixels)
        assert float((logits - outputs.logits).abs().max()) < 1e-4
        assert float((boxes - outputs.pred_boxes).abs().max()) < 1e-4
        ranked = torch.sigmoid(outputs.logits[0]).max(-1).values.sort(descending=True).values
        threshold = float(ranked[15] + ranked[16]) / 2  # the 16 best, away from any tie
        reference = processor.post_process_object_detection(outputs, threshold=threshold,
                                                            target_sizes=[(height, width)])[0]
        keep = torch.sigmoid(logits[0]).max(-1).values > threshold
        decoded = boxes_to_pixels(boxes, scales)[0, keep]
        tolerance = 1e-4 * max(height, width)  # px: relative boxes agree within 1e-4 of the square's side
        assert decoded.shape == reference["boxes"].shape
        assert float((decoded - reference["boxes"]).abs().max()) < tolerance
        found = detector.postprocess(logits, boxes, embeds, scales, [0], [(height, width)], threshold)[0]
        clipped = reference["boxes"].numpy().copy()
        clipped[:, [0, 2]] = clipped[:, [0, 2]].clip(0, width)
        clipped[:, [1, 3]] = clipped[:, [1, 3]].clip(0, height)
        big_enough = (clipped[:, 2] - clipped[:, 0] >= 2) & (clipped[:, 3] - clipped[:, 1] >= 2)
        expected = [(detector.labels[int(label)], float(score), box) for label, score, box in
                    zip(reference["labels"][big_enough], reference["scores"][big_enough], clipped[big_enough])]
        assert len(found) == len(expected)
        compared += len(found)
        for label, score, box in expected:  # many scores of a random model are 1.0: match on everything
            assert any(d.label == label and abs(d.score - score) < 1e-5 and np.allclose(d.box, box, atol=tolerance)
                       for d in found)
    assert compared >= 10


# ---------------------------------------------------------------------------------------------- SAM 2.1

def test_sam2_box_prompts_match_the_processor(models) -> None:
    """Frame-pixel boxes scale to the stretched square input as ``Sam2Processor`` normalises them."""
    segmenter = BoxSegmenter(models.segmenter, CPU)
    boxes = np.array([[3, 5, 40, 30], [10.5, 0, 52.25, 47]], np.float32)
    for height, width in SIZES:
        _, (sx, sy), inner = segmenter.preprocess(_image(height, width))
        reference = Sam2Processor._normalize_coordinates(None, segmenter.side, torch.from_numpy(boxes),
                                                         (height, width), is_bounding_box=True)
        assert inner == (segmenter.side, segmenter.side)
        assert np.allclose(boxes * np.array([sx, sy, sx, sy], np.float32), reference.numpy(), atol=1e-4)


def test_sam2_pixels_are_the_8_bit_resize_pil_makes() -> None:
    """The processor resizes the uint8 frame (bilinear, anti-aliased; torchvision's uint8 CPU kernel is
    PIL's): under 3 % of the values differ, by one level per pass at most, from rounding ties (enlarging
    makes exact halves, which PIL's fixed-point arithmetic and ours round differently)."""
    for height, width in SIZES:
        image = _image(height, width)
        pil = np.asarray(Image.fromarray(image).resize((1024, 1024), resample=Image.BILINEAR), np.float32) / 255
        ours = resize_8bit(to_batch([image], CPU), 1024, 1024)[0].permute(1, 2, 0).numpy()
        levels = np.abs(ours - pil) * 255
        assert levels.max() <= 2.01 and (levels > 0.5).mean() < 0.03


def test_sam2_matches_sam2_image_processor_where_torchvision_exists(models) -> None:
    pytest.importorskip("torchvision", reason="Sam2ImageProcessor needs torchvision, which this venv lacks")
    from transformers import Sam2ImageProcessor

    processor = Sam2ImageProcessor(**SAM2_CONFIG)
    segmenter = BoxSegmenter(models.segmenter, CPU)
    segmenter.side = 1024
    for height, width in SIZES:
        image = _image(height, width)
        reference = processor(images=image, return_tensors="pt")["pixel_values"]
        pixels, _, _ = segmenter.preprocess(image)
        assert pixels.shape == reference.shape and float((pixels - reference).abs().max()) <= 1.01 * ONE_LEVEL
        logits = torch.randn(1, 3, 256, 256)
        expected = processor.post_process_masks([logits], [(height, width)])[0][0]
        assert np.array_equal(segmenter.postprocess(logits[0], (1024, 1024), (height, width)), expected.numpy())


def test_sam2_masks_match_the_full_model_and_its_upsampling(models) -> None:
    """Embedding once then decoding the boxes equals the model's own forward; masks are upsampled from
    the low-resolution logits straight to the frame (no padding to crop: SAM 2 stretches)."""
    segmenter = BoxSegmenter(models.segmenter, CPU)
    for height, width in SIZES[:4]:
        image = _image(height, width)
        boxes = np.array([[2, 3, width * 0.6, height * 0.7], [width * 0.3, height * 0.2, width - 1, height - 2]],
                         np.float32)
        pixels, (sx, sy), inner = segmenter.preprocess(image)
        scaled = torch.from_numpy(boxes * np.array([sx, sy, sx, sy], np.float32))
        with torch.inference_mode():
            full = segmenter.model(pixel_values=pixels, input_boxes=scaled[None], multimask_output=False)
        logits, iou = segmenter.infer(segmenter.embed(pixels), scaled)
        assert float((logits - full.pred_masks[0, :, 0]).abs().max()) < 1e-4
        assert float((iou - full.iou_scores[0, :, 0]).abs().max()) < 1e-4
        masks, _ = segmenter.segment(image, boxes)
        reference = F.interpolate(full.pred_masks[0], (height, width), mode="bilinear", align_corners=False)[:, 0] > 0
        assert masks.shape == (2, height, width) and np.array_equal(masks, reference.numpy())


# ---------------------------------------------------------------------------------------------- Depth

@pytest.mark.parametrize("height,width", SIZES + [(300, 400), (1080, 1920)])
def test_depth_pixels_match_dpt_processor(models, height: int, width: int) -> None:
    """Keep-aspect resize to multiples of 14 (a small frame grows until its longer side fits), PIL
    bicubic on 8-bit pixels: identical shape, and within two 8-bit levels where PIL's fixed-point
    rounding differs (under 0.5 % of the values)."""
    image = _image(height, width)
    reference = _processor(DPTImageProcessorPil, DEPTH_CONFIG)(images=image, return_tensors="pt")["pixel_values"]
    estimator = DepthEstimator(models.depth, CPU, torch.float32, side=518)
    pixels = estimator.preprocess([image])
    assert pixels.shape == reference.shape
    assert pixels.shape[-2:] == input_shape(height, width, 518)
    difference = (pixels - reference).abs()
    assert float(difference.max()) <= 2.01 * ONE_LEVEL
    assert float((difference > 0.5 * ONE_LEVEL).float().mean()) < 0.005


def test_depth_maps_match_post_process_depth_estimation(models) -> None:
    estimator = DepthEstimator(models.depth, CPU, torch.float32, side=56)
    processor = _processor(DPTImageProcessorPil, DEPTH_CONFIG, size={"height": 56, "width": 56})
    for height, width in SIZES:
        image = _image(height, width)
        pixels = estimator.preprocess([image])
        depth = estimator.infer(pixels)
        with torch.inference_mode():
            full = estimator.model(pixel_values=pixels).predicted_depth
        assert float((depth - full).abs().max()) < 1e-4
        reference = processor.post_process_depth_estimation(DepthEstimatorOutput(predicted_depth=full),
                                                            target_sizes=[(height, width)])[0]["predicted_depth"]
        ours = estimator.postprocess(depth, (height, width))[0]
        assert ours.shape == (height, width) and float(np.abs(ours - reference.numpy()).max()) < 1e-4


def test_depth_input_shape_is_dpt_keep_aspect_rule() -> None:
    assert input_shape(720, 1280, 392) == (392, 700)
    assert input_shape(1280, 720, 518) == (924, 518)
    assert input_shape(300, 400, 518) == (392, 518)  # smaller than the target: the longer side reaches it
