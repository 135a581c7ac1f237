"""Load the configured models from a local models folder, once per job, onto one device.

Each role folder must hold the configured Hub id (its ``source.json`` manifest says which); a missing
folder, missing weights or a different model is a MODELS_MISSING error saying how to fetch them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from transformers import AutoTokenizer
from transformers.utils import logging as hf_logging

from gpu_tasks.models.layout import PREPROCESSOR_NAME, Manifest, Weights, fetch_hint, role_dir
from gpu_tasks.models.registry import ROLES, Family, Role, family_for_model_type
from pipeline.config import ModelRef, ModelsSettings
from pipeline.errors import ErrorCode, pipeline_error
from pipeline.runtime_settings import ModelsLocation, read_settings


@dataclass(frozen=True)
class ImageNorm:
    """How a model expects its pixels: square input side (px), per-channel mean and std (0..1 units)."""

    size: int
    mean: tuple[float, float, float]
    std: tuple[float, float, float]


@dataclass
class LoadedModel:
    """A model ready for inference, with what produced it."""

    role: Role
    family: Family
    model: Any
    ref: ModelRef
    weights: Weights
    norm: ImageNorm
    dtype: torch.dtype
    tokenizer: Any = None


@dataclass
class ModelSet:
    """The detector, segmenter and depth model of one job, all on ``device``."""

    detector: LoadedModel
    segmenter: LoadedModel
    depth: LoadedModel
    device: torch.device

    @property
    def weights(self) -> Weights:
        """``random`` when any model has random weights."""
        roles = (self.detector, self.segmenter, self.depth)
        return "random" if any(m.weights == "random" for m in roles) else "pretrained"


def _missing(message: str, value: str, root: Path) -> Exception:
    """MODELS_MISSING with how to fill ``root``, or the models bucket prefix it was copied from."""
    hint = fetch_hint(read_settings(ModelsLocation).models_uri or str(root))
    return pipeline_error(ErrorCode.MODELS_MISSING, f"{message}; {hint}", value=value)


def read_image_norm(folder: Path, family: Family, fallback_size: int) -> ImageNorm:
    """Input size and normalisation from ``preprocessor_config.json`` (the family's defaults if absent)."""
    path = folder / PREPROCESSOR_NAME
    body: dict[str, Any] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    size = body.get("size") or {}
    side = size.get("height") or size.get("longest_edge") or size.get("shortest_edge") or fallback_size
    mean = tuple(body.get("image_mean") or family.image_mean)
    std = tuple(body.get("image_std") or family.image_std)
    return ImageNorm(int(side), mean, std)  # type: ignore[arg-type]


def check_role_folder(root: Path, role: Role, ref: ModelRef) -> tuple[Path, Manifest]:
    """The role's folder and manifest, or MODELS_MISSING naming what is missing."""
    folder = role_dir(root, role)
    manifest = Manifest.read(folder)
    if manifest is None or not (folder / "config.json").is_file():
        raise _missing(f"the {role} model {ref.id} is not in {folder}", ref.id, root)
    if not any(folder.glob("*.safetensors")):
        raise _missing(f"the {role} model {ref.id} in {folder} has no weights (*.safetensors)", ref.id, root)
    if manifest.id != ref.id:
        raise _missing(f"{folder} holds {manifest.id}, but the configured {role} is {ref.id}", ref.id, root)
    return folder, manifest


def load_model(root: Path, role: Role, ref: ModelRef, device: torch.device, dtype: torch.dtype) -> LoadedModel:
    """Load one role's model in ``dtype`` onto ``device``, in eval mode."""
    folder, manifest = check_role_folder(root, role, ref)
    model_type = json.loads((folder / "config.json").read_text(encoding="utf-8")).get("model_type", "")
    try:
        family = family_for_model_type(model_type, role)
    except KeyError as error:
        raise pipeline_error(ErrorCode.MODELS_MISSING, str(error.args[0]), value=model_type) from None
    model = family.model_class.from_pretrained(folder, dtype=dtype).to(device).eval()
    tokenizer = AutoTokenizer.from_pretrained(folder) if role == "detector" else None
    norm = read_image_norm(folder, family, family.input_size(model.config))
    return LoadedModel(role, family, model, ModelRef(id=ref.id, revision=manifest.revision), manifest.weights, norm,
                       dtype, tokenizer)


def load_model_set(root: Path, models: ModelsSettings, device: torch.device, dtype: torch.dtype) -> ModelSet:
    """Every role's model, checked against ``models`` (the configured ids)."""
    for role in ROLES:  # fail on any missing model before spending time loading the others
        check_role_folder(root, role, getattr(models, role))
    hf_logging.disable_progress_bar()  # the task's stderr carries its one ERROR line, and logs no bars
    # depth loads in float32: its backbone alone is cast to ``dtype`` (see gpu_tasks.perception.depth)
    loaded = {role: load_model(root, role, getattr(models, role), device, torch.float32 if role == "depth" else dtype)
              for role in ROLES}
    return ModelSet(detector=loaded["detector"], segmenter=loaded["segmenter"], depth=loaded["depth"], device=device)
