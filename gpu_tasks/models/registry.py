"""Model families the analysis task can run, by role, and their architectures at real and tiny size.

One registry answers "which ``transformers`` class loads this directory" (from ``config.json``'s
``model_type``) and "what is the architecture of this Hub id" (for random-initialised stand-ins).
The real-size configurations reproduce the published checkpoints' ``config.json`` so a benchmark with
random weights does exactly the same compute as the pretrained model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Literal

from transformers import (
    DepthAnythingConfig,
    DepthAnythingForDepthEstimation,
    Dinov2Config,
    Owlv2Config,
    Owlv2ForObjectDetection,
    OwlViTConfig,
    OwlViTForObjectDetection,
    PreTrainedConfig,
    PreTrainedModel,
    Sam2Config,
    Sam2HieraDetConfig,
    Sam2Model,
    SamConfig,
    SamModel,
)

Role = Literal["detector", "segmenter", "depth"]
Size = Literal["tiny", "full"]
ROLES: tuple[Role, ...] = ("detector", "segmenter", "depth")
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)
CLIP_MEAN = (0.48145466, 0.4578275, 0.40821073)
CLIP_STD = (0.26862954, 0.26130258, 0.27577711)


@dataclass(frozen=True)
class Family:
    """A model family: its role, ``model_type``, class, and how it pre-processes images."""

    name: str
    role: Role
    model_class: type[PreTrainedModel]
    image_mean: tuple[float, float, float]
    image_std: tuple[float, float, float]
    build_config: Callable[[str, Size], PreTrainedConfig]
    input_size: Callable[[PreTrainedConfig], int]


def _owl_config(model_id: str, size: Size, config_class: type[PreTrainedConfig], vocab_size: int) -> PreTrainedConfig:
    if size == "tiny":
        text = dict(hidden_size=32, intermediate_size=64, num_attention_heads=2, num_hidden_layers=2)
        vision = dict(hidden_size=32, intermediate_size=64, num_attention_heads=2, num_hidden_layers=2,
                      patch_size=16, image_size=96)
        projection = 32
    else:
        patch = 32 if "patch32" in model_id else 16
        large = "large" in model_id
        text = dict(hidden_size=768 if large else 512, intermediate_size=3072 if large else 2048,
                    num_attention_heads=12 if large else 8, num_hidden_layers=12)
        vision = dict(hidden_size=1024 if large else 768, intermediate_size=4096 if large else 3072,
                      num_attention_heads=16 if large else 12, num_hidden_layers=24 if large else 12,
                      patch_size=14 if large else patch,
                      image_size=(1008 if large else 960) if config_class is Owlv2Config else 768)
        projection = 768 if large else 512
    text.update(vocab_size=vocab_size, max_position_embeddings=16, bos_token_id=vocab_size - 2,
                eos_token_id=vocab_size - 1, pad_token_id=vocab_size - 1)
    return config_class(text_config=text, vision_config=vision, projection_dim=projection)


def owlv2_config(model_id: str, size: Size) -> PreTrainedConfig:
    return _owl_config(model_id, size, Owlv2Config, 49408 if size == "full" else 1024)


def owlvit_config(model_id: str, size: Size) -> PreTrainedConfig:
    return _owl_config(model_id, size, OwlViTConfig, 49408 if size == "full" else 1024)


def sam2_config(model_id: str, size: Size) -> PreTrainedConfig:
    if size == "full":
        if "tiny" not in model_id:
            raise KeyError(f"{model_id}: only the SAM 2 hiera-tiny architecture has a real-size random builder")
        return Sam2Config()
    backbone = Sam2HieraDetConfig(hidden_size=16, embed_dim_per_stage=[16, 32, 64, 128], num_attention_heads_per_stage=[1, 1, 2, 2],
                    blocks_per_stage=[1, 1, 2, 1], global_attention_blocks=[3], window_size_per_stage=[8, 4, 4, 4],
                    image_size=[256, 256])
    vision = dict(backbone_config=backbone, backbone_channel_list=[128, 64, 32, 16], fpn_hidden_size=32,
                  backbone_feature_sizes=[[64, 64], [32, 32], [16, 16]])
    return Sam2Config(
        vision_config=vision,
        prompt_encoder_config=dict(hidden_size=32, image_size=256, patch_size=16),
        mask_decoder_config=dict(hidden_size=32, mlp_dim=64, num_attention_heads=2, iou_head_hidden_dim=32),
    )


def sam_config(model_id: str, size: Size) -> PreTrainedConfig:
    if size == "full":
        widths = {"base": (768, 12, 12, [2, 5, 8, 11]), "large": (1024, 24, 16, [5, 11, 17, 23]),
                  "huge": (1280, 32, 16, [7, 15, 23, 31])}
        name = next((k for k in widths if k in model_id), "base")
        hidden, layers, heads, global_attn = widths[name]
        return SamConfig(vision_config=dict(hidden_size=hidden, num_hidden_layers=layers, num_attention_heads=heads,
                                            global_attn_indexes=global_attn))
    return SamConfig(
        vision_config=dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, mlp_dim=64, output_channels=32,
                           image_size=256, global_attn_indexes=[1], window_size=4, num_pos_feats=16),
        prompt_encoder_config=dict(hidden_size=32, image_size=256, image_embedding_size=16),
        mask_decoder_config=dict(hidden_size=32, mlp_dim=64, num_attention_heads=2, iou_head_hidden_dim=32),
    )


def depth_anything_config(model_id: str, size: Size) -> PreTrainedConfig:
    max_depth = 80 if "outdoor" in model_id.lower() else 20
    if size == "tiny":
        backbone = Dinov2Config(hidden_size=32, num_attention_heads=2, num_hidden_layers=4, intermediate_size=64,
                                patch_size=14, image_size=56, out_indices=[1, 2, 3, 4], reshape_hidden_states=False)
        return DepthAnythingConfig(backbone_config=backbone, neck_hidden_sizes=[8, 16, 32, 32], fusion_hidden_size=16,
                                   reassemble_hidden_size=32, head_hidden_size=8, depth_estimation_type="metric", max_depth=max_depth)
    variants = {"small": (384, 6, [48, 96, 192, 384], 64), "base": (768, 12, [96, 192, 384, 768], 128)}
    name = next((k for k in variants if k in model_id.lower()), None)
    if name is None:
        raise KeyError(f"{model_id}: real-size random builders exist for the Small and Base Depth Anything V2 models")
    hidden, heads, neck, fusion = variants[name]
    backbone = Dinov2Config(hidden_size=hidden, num_attention_heads=heads, num_hidden_layers=12, patch_size=14,
                            image_size=518, out_indices=[3, 6, 9, 12], reshape_hidden_states=False)
    return DepthAnythingConfig(backbone_config=backbone, neck_hidden_sizes=neck, fusion_hidden_size=fusion,
                               reassemble_hidden_size=hidden, depth_estimation_type="metric", max_depth=max_depth)


def _vision_image_size(config: Any) -> int:
    return int(config.vision_config.image_size)


def _sam2_image_size(config: Any) -> int:
    return int(config.prompt_encoder_config.image_size)


def _depth_image_size(config: Any) -> int:
    return int(config.backbone_config.image_size)


FAMILIES: dict[str, Family] = {
    "owlv2": Family("owlv2", "detector", Owlv2ForObjectDetection, CLIP_MEAN, CLIP_STD, owlv2_config, _vision_image_size),
    "owlvit": Family("owlvit", "detector", OwlViTForObjectDetection, CLIP_MEAN, CLIP_STD, owlvit_config,
                     _vision_image_size),
    "sam2": Family("sam2", "segmenter", Sam2Model, IMAGENET_MEAN, IMAGENET_STD, sam2_config, _sam2_image_size),
    "sam": Family("sam", "segmenter", SamModel, IMAGENET_MEAN, IMAGENET_STD, sam_config, _sam2_image_size),
    "depth_anything": Family("depth_anything", "depth", DepthAnythingForDepthEstimation, IMAGENET_MEAN, IMAGENET_STD,
                             depth_anything_config, _depth_image_size),
}


def family_for_model_type(model_type: str, role: Role) -> Family:
    """The family of a saved model (``config.json``'s ``model_type``); KeyError when unsupported."""
    family = FAMILIES.get(model_type)
    if family is None or family.role != role:
        allowed = sorted(name for name, f in FAMILIES.items() if f.role == role)
        raise KeyError(f"model_type {model_type!r} cannot serve as the {role}; supported: {', '.join(allowed)}")
    return family


def family_for_model_id(model_id: str, role: Role) -> Family:
    """The family of a Hub id such as ``facebook/sam2.1-hiera-tiny`` (by name); KeyError when unknown."""
    name = model_id.lower().rsplit("/", 1)[-1]
    for key, marker in (("owlv2", "owlv2"), ("owlvit", "owlvit"), ("sam2", "sam2"), ("sam", "sam-"),
                        ("depth_anything", "depth-anything")):
        if marker in name and FAMILIES[key].role == role:
            return FAMILIES[key]
    raise KeyError(f"no known {role} architecture for {model_id!r}")
