"""How a models directory (or the models bucket prefix) is laid out: one folder per role.

``<root>/<role>/`` holds what ``save_pretrained`` writes (``config.json``, ``model.safetensors``,
``preprocessor_config.json``, tokenizer files) plus ``source.json``, the manifest naming the Hub id,
the revision and whether the weights are ``pretrained`` or ``random``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

MANIFEST_NAME = "source.json"
PREPROCESSOR_NAME = "preprocessor_config.json"
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


FETCH_HINT = (
    "fetch the configured models with `python build.py models sync` (needs internet; fills the models bucket) "
    "or write random stand-ins for tests with `python build.py models random DIR --size tiny`, then point "
    "MODELS_URI (or --models) at them"
)
