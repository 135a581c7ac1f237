"""A stack on the embedded AWS for the browser tests: the dev config with the ``scene`` backend (the
sample meal's rendered ground truth stands in for the models, so a job takes seconds)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ops.console import RecordingReporter
from ops.demo import SAMPLES_DIR, scene_config
from ops.run_job import Deployment, local_deployment
from pipeline.config import load_config
from pipeline.routes import WEB_PAGE


def scene_stack(overrides: dict[str, Any] | None = None) -> Iterator[Deployment]:
    """The dev stack (with ``overrides``) and the scene backend, deployed into a fresh embedded AWS."""
    config = scene_config(load_config("dev", overrides=overrides))
    with local_deployment(config, port=0, models_dir=str(SAMPLES_DIR), reporter=RecordingReporter()) as deployed:
        yield deployed


def page_url(deployment: Deployment) -> str:
    """The web page's address on the embedded AWS."""
    return deployment.api.base_url.rstrip("/") + WEB_PAGE.path
