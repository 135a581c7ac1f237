"""The whole pipeline on the embedded AWS: the real template, state machine, handlers and GPU task.

One deployment serves every test in this package (it is torn down when the package's tests end, so
other packages can start their own embedded AWS). The GPU task runs tiny random-initialised models
that the fixture writes itself; everything they produce is marked ``weights: random``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ops.api_client import ApiClient
from ops.aws import local_target
from ops.console import RecordingReporter
from ops.run_job import Deployment
from pipeline.config import Config, load_config
from tests.corpus import CorpusCase, build_corpus

#: Small limits so the bad-input corpus stays small (oversized = 1 MiB + 1 byte).
E2E_OVERRIDES = {"max_upload_mb": 1, "max_video_seconds": 20, "max_video_pixels": 640 * 480, "analysis.max_keyframes": 4}
"""4 keyframes: the fewest with which the seeded random models find an item in the corpus's good video
(2 found none), so the happy path can assert that items came back."""


@dataclass
class Stack:
    deployment: Deployment
    outputs: dict[str, str]
    config: Config

    def client(self, service: str):
        return self.deployment.target.client(service)

    @property
    def api(self) -> ApiClient:
        return self.deployment.api


@pytest.fixture(scope="package")
def e2e_config() -> Config:
    return load_config("dev", overrides=E2E_OVERRIDES)


@pytest.fixture(scope="package")
def tiny_models(tmp_path_factory: pytest.TempPathFactory, e2e_config: Config) -> Path:
    from gpu_tasks.models.random_models import write_random_models

    folder = tmp_path_factory.mktemp("tiny-models")
    write_random_models(folder, size="tiny", config=e2e_config)
    return folder


@pytest.fixture(scope="package")
def stack(e2e_config: Config, tiny_models: Path) -> Iterator[Stack]:
    from local_aws.bridges.apigateway import api_url_from_output
    from local_aws.server import EmbeddedAws
    from ops.pipeline_deploy import deploy_pipeline

    with pytest.MonkeyPatch.context() as patch:
        for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                            "AWS_DEFAULT_REGION": e2e_config.region}.items():
            patch.setenv(name, value)
        with EmbeddedAws(port=0, models_dir=tiny_models, region=e2e_config.region) as aws:
            target = local_target(e2e_config.region, aws.port)
            outputs = deploy_pipeline(e2e_config, target, reporter=RecordingReporter()).main
            api = ApiClient(api_url_from_output(aws.endpoint_url, outputs["ApiUrl"]))
            yield Stack(Deployment(target, api, outputs["StateMachineArn"]), outputs, e2e_config)


@pytest.fixture(scope="package")
def corpus(tmp_path_factory: pytest.TempPathFactory, e2e_config: Config) -> dict[str, CorpusCase]:
    return build_corpus(tmp_path_factory.mktemp("corpus"), max_upload_mb=e2e_config.max_upload_mb,
                        max_video_seconds=e2e_config.max_video_seconds, max_video_pixels=e2e_config.max_video_pixels)


def unique_name() -> str:
    return uuid.uuid4().hex[:8]
