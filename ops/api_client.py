"""A small client of the pipeline's REST API, used by ``build.py run`` exactly as an app would use it."""

from __future__ import annotations

import mimetypes
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

_VIDEO_TYPES = {".mp4": "video/mp4", ".mov": "video/quicktime", ".m4v": "video/x-m4v", ".webm": "video/webm", ".mkv": "video/x-matroska"}


class ApiError(RuntimeError):
    """The API answered with an error: its status, code and message."""

    def __init__(self, status: int, body: Any) -> None:
        self.status = status
        self.code = body.get("code", "HTTP_%d" % status) if isinstance(body, dict) else "HTTP_%d" % status
        message = body.get("message", body) if isinstance(body, dict) else body
        super().__init__(f"{self.code} (HTTP {status}): {message}")


@dataclass
class ApiClient:
    """Base URL of a stage (``https://.../v1`` or the embedded AWS's ``/_api/...``), an optional key and an
    optional access token (``auth.mode = "jwt"``: ``build.py login`` stores it, ``ops.sign_in``)."""

    base_url: str
    api_key: str | None = None
    bearer_token: str | None = None
    timeout_s: float = 30.0

    def _request(self, method: str, path: str, **kwargs) -> Any:
        headers = kwargs.pop("headers", {})
        if self.api_key:
            headers["x-api-key"] = self.api_key
        if self.bearer_token:
            headers["Authorization"] = f"Bearer {self.bearer_token}"
        response = requests.request(method, self.base_url.rstrip("/") + path, headers=headers, timeout=self.timeout_s, **kwargs)
        try:
            body = response.json()
        except ValueError:
            body = {"message": response.text[:500]}
        if response.status_code >= 400:
            raise ApiError(response.status_code, body)
        return body

    def create_job(self, video: Path) -> dict:
        """POST /jobs for ``video``; returns ``{job_id, upload: {url, fields}, expires_at}``."""
        content_type = _VIDEO_TYPES.get(video.suffix.lower()) or mimetypes.guess_type(video.name)[0] or "video/mp4"
        body = {"filename": video.name, "content_type": content_type, "size_bytes": video.stat().st_size}
        # a fresh key per job; a retry of the same request would reuse it
        return self._request("POST", "/jobs", json=body, headers={"Idempotency-Key": uuid.uuid4().hex})

    def upload(self, form: dict, video: Path) -> None:
        """Send the file with the presigned POST form."""
        with video.open("rb") as handle:
            response = requests.post(form["url"], data=form["fields"], files={"file": (video.name, handle)}, timeout=600)
        if response.status_code >= 300:
            raise ApiError(response.status_code, {"code": "UPLOAD_REJECTED", "message": response.text[:500]})

    def job(self, job_id: str) -> dict:
        return self._request("GET", f"/jobs/{job_id}")

    def results(self, job_id: str) -> dict:
        return self._request("GET", f"/jobs/{job_id}/results")

    def correct(self, job_id: str, changes: list[dict], *, headers: dict[str, str] | None = None) -> dict:
        """POST /jobs/{job_id}/corrections; returns the new results version as ``results`` returns it."""
        return self._request("POST", f"/jobs/{job_id}/corrections", json={"changes": changes}, headers=dict(headers or {}))

    def download(self, url: str) -> bytes:
        response = requests.get(url, timeout=60)
        response.raise_for_status()
        return response.content
