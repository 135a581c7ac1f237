"""Request and response bodies of the API (pydantic); the OpenAPI document is generated from them."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from pipeline.contracts.job import JobStatus
from pipeline.contracts.results import Results

#: Version of the API contract (OpenAPI ``info.version`` and ``GET /health``).
API_VERSION = "1.0.0"


class CreateJobRequest(BaseModel):
    """What the client is about to upload."""

    model_config = ConfigDict(extra="forbid")

    filename: str = Field(min_length=1, max_length=1024, description="the file's name, e.g. 'dinner.mp4'",
                          examples=["dinner.mp4"])
    content_type: str = Field(min_length=1, max_length=255,
                              description="a video/* media type; case and parameters are accepted "
                                          "('video/webm;codecs=vp8,opus'), the upload is bound to the bare type",
                              examples=["video/mp4"])
    size_bytes: int = Field(ge=1, description="the file's exact size in bytes: the upload form accepts only this size",
                            examples=[1_048_576])


class UploadForm(BaseModel):
    """An S3 presigned POST: send ``fields`` and then the file as multipart/form-data to ``url``."""

    url: str
    fields: dict[str, str]


class CreateJobResponse(BaseModel):
    job_id: str = Field(description="32 lower-case hex digits")
    upload: UploadForm
    expires_at: str = Field(description="when the upload form stops working, ISO-8601 UTC")


class ErrorBody(BaseModel):
    """Every error answer: a stable code, a readable message, and the offending value when there is one."""

    code: str = Field(examples=["NOT_FOUND"])
    message: str
    value: Any | None = None


class JobErrorView(BaseModel):
    code: str = Field(description="an error code, e.g. CORRUPT or TOO_LONG")
    message: str


class JobView(BaseModel):
    """A job's state as ``GET /jobs/{job_id}`` shows it."""

    job_id: str
    status: JobStatus
    stage: str | None = Field(default=None, description="the pipeline step that last updated the job")
    filename: str | None = None
    created_at: str
    updated_at: str
    error: JobErrorView | None = None
    results_uri: str | None = None
    totals: dict[str, float] | None = Field(
        default=None, description="the meal's totals as stored on the job: kcal, protein_g, ..., sodium_mg"
    )


class JobsPage(BaseModel):
    """One page of the caller's jobs, newest first (``GET /jobs``)."""

    jobs: list[JobView]
    next_token: str | None = Field(default=None, description="pass as ?next_token= for the next page; absent on the last")


class OverlayLink(BaseModel):
    key: str = Field(description="object key of the overlay image")
    url: str = Field(description="presigned GET URL")


class ResultsView(BaseModel):
    """A completed job's ``results.json`` and links to its overlay images."""

    job_id: str
    results: Results
    overlays: list[OverlayLink]
    urls_expire_at: str = Field(description="when the overlay URLs stop working, ISO-8601 UTC")


class SetItem(BaseModel):
    """Give item ``item_id`` a new label, a new mass (g), or both; the nutrients follow. A bare number
    names the item whose id ends in it (``2`` for ``item-2``)."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["set"]
    item_id: str = Field(max_length=64, examples=["item-2"])
    label: str | None = Field(default=None, max_length=1000, examples=["brown rice"])
    grams: float | None = Field(default=None, description="the item's mass, g (above 0)", examples=[120])


class RemoveItem(BaseModel):
    """Take item ``item_id`` out of the meal."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["remove"]
    item_id: str = Field(max_length=64, examples=["item-4"])


class AddItem(BaseModel):
    """Add a food the analysis missed: its name and mass (g); it gets the next free item id (``item-6``)."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["add"]
    label: str = Field(max_length=1000, description="the food's name", examples=["apple"])
    grams: float = Field(description="its mass, g (above 0)", examples=[150])


ItemCorrection = Annotated[SetItem | RemoveItem | AddItem, Field(discriminator="action")]


class CorrectionsRequest(BaseModel):
    """Changes to a completed job's items, applied in order to its latest results version. Send the
    version they were made to in ``If-Match`` to be refused (412 VERSION_CONFLICT) if it is no longer the latest."""

    model_config = ConfigDict(extra="forbid")

    changes: list[ItemCorrection] = Field(min_length=1, max_length=100, examples=[[
        {"action": "set", "item_id": "item-2", "label": "brown rice"}, {"action": "set", "item_id": "item-3", "grams": 120},
        {"action": "remove", "item_id": "item-4"}, {"action": "add", "label": "apple", "grams": 150}]])


class HealthView(BaseModel):
    status: str = Field(examples=["ok"])
    version: str = Field(examples=[API_VERSION])
