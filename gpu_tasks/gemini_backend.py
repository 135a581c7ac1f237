"""Alternative backend: Gemini (``google-genai``) names the foods, boxes them and estimates grams.

One request carries every keyframe (JPEG) and asks for structured output matching
:class:`GeminiMeal`; the SDK retries transient HTTP errors and each attempt has a timeout. The key
comes from Secrets Manager (secret ``GEMINI_SECRET_NAME``), read once per job. No depth geometry:
items carry ``mass_g`` with ``mass_source = "gemini_estimate"`` and no volume.
"""

from __future__ import annotations

from typing import Any, Sequence

from pydantic import BaseModel, Field, ValidationError

from gpu_tasks.analysis import Analysis, AnalysisContext
from gpu_tasks.overlays import encode_jpeg
from gpu_tasks.timing import StageTimer
from pipeline.config import GeminiSettings
from pipeline.contracts.detections import Box, DetectedItem, ModelInfo
from pipeline.errors import ErrorCode, pipeline_error
from pipeline.gemini_secret import HOW_TO_STORE, api_key_from_secret
from pipeline.validation import first_problem
from pipeline.video.frames import DecodedFrame

RETRY_ATTEMPTS = 3
MAX_IMAGE_SIDE = 1024
PROMPT = (
    "The images are {count} frames (numbered 0 to {last}) of one video of a meal. List every distinct food item "
    "once, even when several frames show it. For each give: label, a short lower-case food name (e.g. 'fried rice'); "
    "frame, the number of the frame where it is seen best; frames, every frame number showing it; box_2d, its box in "
    "that best frame as [ymin, xmin, ymax, xmax] scaled to 0-1000; grams, your estimate of its mass in grams; "
    "confidence, 0 to 1. Plates, bowls, cutlery and drinks containers are not food. Return no items when there is "
    "no food."
)


class GeminiItem(BaseModel):
    """One food item as Gemini reports it."""

    label: str = Field(min_length=1)
    frame: int = Field(ge=0)
    frames: list[int] = Field(default_factory=list)
    box_2d: list[int] = Field(min_length=4, max_length=4, description="[ymin, xmin, ymax, xmax], 0-1000")
    grams: float = Field(ge=0)
    confidence: float = Field(ge=0, le=1)


class GeminiMeal(BaseModel):
    """The structured output requested from Gemini."""

    items: list[GeminiItem]


def read_api_key(secret_name: str, client: Any = None) -> str:
    """The Gemini API key from Secrets Manager (a plain string, or JSON with ``api_key``)."""
    if client is None:
        import boto3

        client = boto3.client("secretsmanager")
    try:
        secret = client.get_secret_value(SecretId=secret_name)["SecretString"]
    except Exception as error:  # botocore ClientError and friends
        raise pipeline_error(
            ErrorCode.MODELS_MISSING,
            f"the Gemini API key secret {secret_name!r} cannot be read ({error}); {HOW_TO_STORE} or use "
            "ANALYSIS_BACKEND=transformers",
            value=secret_name,
        ) from None
    return api_key_from_secret(secret)


def make_client(api_key: str, timeout_s: float, *, retry_delay_s: float = 1.0, httpx_client: Any = None) -> Any:
    """A ``google.genai`` client with a per-attempt timeout (s) and retries on 408/429/5xx, the first
    after ``retry_delay_s``; ``httpx_client`` replaces the transport (tests)."""
    from google import genai
    from google.genai import types

    options = types.HttpOptions(
        timeout=int(timeout_s * 1000),
        retry_options=types.HttpRetryOptions(attempts=RETRY_ATTEMPTS, initial_delay=retry_delay_s, max_delay=8.0),
        httpx_client=httpx_client,
    )
    return genai.Client(api_key=api_key, http_options=options)


def _image_part(frame: DecodedFrame) -> Any:
    from google.genai import types
    from PIL import Image

    image = Image.fromarray(frame.rgb)
    image.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
    return types.Part.from_bytes(data=encode_jpeg(image), mime_type="image/jpeg")


def to_detected_item(number: int, item: GeminiItem, frames: Sequence[DecodedFrame]) -> DetectedItem | None:
    """Gemini's item in the contract's terms (frame numbers become video frame indices); None if its
    frame number does not exist."""
    if item.frame >= len(frames):
        return None
    frame = frames[item.frame]
    height, width = frame.rgb.shape[:2]
    ymin, xmin, ymax, xmax = (min(max(v, 0), 1000) / 1000.0 for v in item.box_2d)
    seen = sorted({frames[i].index for i in item.frames if 0 <= i < len(frames)} | {frame.index})
    return DetectedItem(
        id=f"item-{number}", label=" ".join(item.label.lower().split()), confidence=item.confidence,
        best_frame=frame.index, frames=seen,
        box=Box(x0=xmin * width, y0=ymin * height, x1=xmax * width, y1=ymax * height),
        mass_g=item.grams, mass_source="gemini_estimate", volume_method=None,
    )


class GeminiBackend:
    """``analyse`` sends the keyframes in one structured-output request."""

    name = "gemini"

    def __init__(self, client: Any, settings: GeminiSettings) -> None:
        self.client = client
        self.settings = settings

    @classmethod
    def from_settings(cls, settings: GeminiSettings) -> "GeminiBackend":
        return cls(make_client(read_api_key(settings.secret_name), settings.timeout_s), settings)

    def request(self, frames: Sequence[DecodedFrame]) -> GeminiMeal:
        from google.genai import errors, types

        contents = [*(_image_part(f) for f in frames), PROMPT.format(count=len(frames), last=len(frames) - 1)]
        config = types.GenerateContentConfig(response_mime_type="application/json", response_schema=GeminiMeal,
                                             temperature=0.0)
        try:
            response = self.client.models.generate_content(model=self.settings.model, contents=contents, config=config)
        except errors.APIError as error:
            raise pipeline_error(ErrorCode.ANALYSIS_FAILED, f"Gemini request failed after {RETRY_ATTEMPTS} attempts: "
                                 f"{error.code} {error.message}") from None
        try:
            return GeminiMeal.model_validate_json(response.text or "")
        except ValidationError as error:
            raise pipeline_error(ErrorCode.ANALYSIS_FAILED, f"Gemini's answer does not match the schema: "
                                 f"{first_problem(error).describe(whole='(answer)')}") from None

    def analyse(self, frames: Sequence[DecodedFrame], context: AnalysisContext, timer: StageTimer) -> Analysis:
        with timer.stage("gemini"):
            meal = self.request(frames)
        items, warnings = [], []
        for number, reported in enumerate(meal.items, start=1):
            item = to_detected_item(number, reported, frames)
            if item is None:
                warnings.append(f"Gemini named frame {reported.frame} for {reported.label!r}, which was not sent")
            else:
                items.append(item)
        return Analysis(items=items, calibration=None,
                        models=[ModelInfo(role="vlm", id=self.settings.model, revision="api", weights="pretrained")],
                        weights="pretrained", device="api", warnings=warnings)
