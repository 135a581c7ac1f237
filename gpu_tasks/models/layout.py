"""How a models directory (or the models bucket prefix) is laid out: one folder per role.

``<root>/<role>/`` holds what ``save_pretrained`` writes (``config.json``, ``model.safetensors``,
``preprocessor_config.json``, tokenizer files) plus ``source.json``, the manifest naming the Hub id,
the revision and whether the weights are ``pretrained`` or ``random``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from pipeline.environment import EnvVar

MANIFEST_NAME = "source.json"
PREPROCESSOR_NAME = "preprocessor_config.json"
S3_SCHEME = "s3://"
Weights = Literal["pretrained", "random"]


@dataclass(frozen=True)
class Manifest:
    """What a role folder holds: Hub ``id``, ``revision`` (commit when known) and the kind of weights."""

    role: str
    id: str
    revision: str
    weights: Weights
    size: str | None = None  # "tiny" or "full" for random models

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2) + "\n"

    def write(self, folder: Path) -> None:
        (folder / MANIFEST_NAME).write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def read(cls, folder: Path) -> "Manifest | None":
        path = folder / MANIFEST_NAME
        if not path.is_file():
            return None
        return cls(**json.loads(path.read_text(encoding="utf-8")))


def role_dir(root: Path, role: str) -> Path:
    return root / role


def fetch_hint(models_uri: str | None, environ: Mapping[str, str] | None = None) -> str:
    """How to give the task its weights, where it runs: a Batch job of the embedded AWS (the bridge sets
    ``EMBEDDED_AWS``) is given them by ``local up --models DIR``; a task reading the models bucket by
    ``models sync s3://<bucket>/<prefix>/``; one reading a folder by filling that folder."""
    env = os.environ if environ is None else environ
    uri = (models_uri or "").strip()
    fill = ("`python build.py models sync {dir}` (the configured weights, about 1 GB, needs internet) or "
            "`python build.py models random {dir} --size tiny` (random stand-ins for tests)")
    if env.get(EnvVar.EMBEDDED_AWS.value) == "1":
        if uri and not uri.startswith(S3_SCHEME):
            return f"fill {uri} with {fill.format(dir=uri)}, then run the job again"
        return ("the embedded AWS was started without weights: stop it (`python build.py local down`) and start it "
                "with `python build.py local up --models DIR` (or run `python build.py run VIDEO --models DIR` "
                f"without one), DIR filled by {fill.format(dir='DIR')}")
    if uri.startswith(S3_SCHEME):
        prefix = uri if uri.endswith("/") else uri + "/"
        return f"fill the models bucket with `python build.py models sync {prefix}` (about 1 GB, needs internet)"
    if uri:
        return f"fill {uri} with {fill.format(dir=uri)}"
    return (f"give --models DIR (or MODELS_URI: a folder or the models bucket's s3:// prefix), filled by "
            f"{fill.format(dir='DIR')}")
