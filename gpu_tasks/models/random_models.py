"""Random-initialised models of the configured architectures, for tests and throughput benchmarks.

``write_random_models(out_dir, size="tiny")`` takes seconds and a few MB; ``size="full"`` writes the
real architectures (hundreds of MB) so a benchmark does the real compute. Every folder's manifest
says ``"weights": "random"``, and every result computed with them is marked so.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import torch

from gpu_tasks.models.layout import PREPROCESSOR_NAME, Manifest, role_dir
from gpu_tasks.models.registry import ROLES, Family, Size, family_for_model_id
from gpu_tasks.models.tokenizer import build_clip_tokenizer
from gpu_tasks.vocabulary import detector_labels, prompt_for
from pipeline.config import Config

_PROCESSOR_TYPES = {
    "owlv2": ("Owlv2ImageProcessor", "Owlv2Processor"),
    "owlvit": ("OwlViTImageProcessor", "OwlViTProcessor"),
    "sam2": ("Sam2ImageProcessorFast", "Sam2Processor"),
    "sam": ("SamImageProcessor", "SamProcessor"),
    "depth_anything": ("DPTImageProcessor", None),
}


def preprocessor_config(family: Family, image_size: int) -> dict[str, Any]:
    """The ``preprocessor_config.json`` the published checkpoints of ``family`` ship, at ``image_size`` px."""
    image_type, processor_type = _PROCESSOR_TYPES[family.name]
    body: dict[str, Any] = {
        "image_processor_type": image_type,
        "do_rescale": True,
        "rescale_factor": 1 / 255,
        "do_normalize": True,
        "image_mean": list(family.image_mean),
        "image_std": list(family.image_std),
        "do_resize": True,
        "size": {"height": image_size, "width": image_size},
    }
    if family.name == "sam":
        body.update(size={"longest_edge": image_size}, pad_size={"height": image_size, "width": image_size},
                    do_pad=True)
    if family.name == "owlv2":
        body.update(do_pad=True)
    if family.name == "depth_anything":
        body.update(keep_aspect_ratio=True, ensure_multiple_of=14, resample=3, do_pad=False)
    if processor_type:
        body["processor_class"] = processor_type
    return body


def write_random_model(folder: Path, role: str, model_id: str, revision: str, *, size: Size, seed: int = 0) -> None:
    """Write one random-initialised model of ``model_id``'s architecture into ``folder``."""
    family = family_for_model_id(model_id, role)  # type: ignore[arg-type]
    config = family.build_config(model_id, size)
    torch.manual_seed(seed)
    model = family.model_class(config).eval()
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder)
    image_size = family.input_size(config)
    (folder / PREPROCESSOR_NAME).write_text(json.dumps(preprocessor_config(family, image_size), indent=2) + "\n",
                                            encoding="utf-8")
    if role == "detector":
        prompts = [prompt_for(label) for label in detector_labels()]
        build_clip_tokenizer(prompts, config.text_config.vocab_size).save_pretrained(folder)
    Manifest(role=role, id=model_id, revision=revision, weights="random", size=size).write(folder)


def write_random_models(out_dir: Path, *, size: Size, config: Config, seed: int = 0) -> None:
    """Write random models of every configured role (``config.models``) under ``out_dir/<role>/``."""
    out_dir = Path(out_dir)
    for offset, role in enumerate(ROLES):
        ref = getattr(config.models, role)
        write_random_model(role_dir(out_dir, role), role, ref.id, ref.revision, size=size, seed=seed + offset)
