"""``build.py models sync|random``: fill the models bucket from the Hub, or write random stand-ins; the arguments
(read by build.py, the edge) and the runners, which take keyword arguments."""

from __future__ import annotations

import argparse
from pathlib import Path

from gpu_tasks.models.random_models import write_random_models
from gpu_tasks.models.store import sync_models
from pipeline.config import Config
from pipeline.environment import EnvVar
from pipeline.runtime_settings import ModelsLocation, read_settings


def add_models_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``sync`` and ``random`` sub-commands to ``parser`` (the ``models`` command)."""
    commands = parser.add_subparsers(dest="models_command", required=True)
    sync = commands.add_parser("sync", help="download the configured models (needs internet) into the models "
                                            "bucket or a folder")
    sync.add_argument("destination", nargs="?", help=f"s3:// prefix or folder (default: env {EnvVar.MODELS_URI.value})")
    random = commands.add_parser("random", help="write random-initialised models of the configured architectures")
    random.add_argument("directory", type=Path)
    random.add_argument("--size", choices=["tiny", "full"], default="tiny",
                        help="tiny: seconds and a few MB, for tests; full: the real architectures, for benchmarks")
    random.add_argument("--seed", type=int, default=0)


def random_models(directory: Path, *, size: str, seed: int, config: Config) -> int:
    """``models random``: write random-initialised models of ``config``'s architectures into ``directory``."""
    write_random_models(directory, size=size, config=config, seed=seed)
    print(f"wrote random {size} models (weights: random) to {directory}")
    return 0


def sync_models_to(destination: str | None, *, config: Config) -> int:
    """``models sync``: download ``config``'s models from the Hub into ``destination`` (an s3:// prefix or a folder;
    by default ``$MODELS_URI``)."""
    destination = destination or read_settings(ModelsLocation).models_uri
    if not destination:
        print("models sync needs a destination: an s3:// prefix (the models bucket) or a folder, "
              f"as an argument or in {EnvVar.MODELS_URI.value}")
        return 2
    for role, revision in sync_models(config, destination).items():
        print(f"{role}: {getattr(config.models, role).id}@{revision} -> {destination}")
    return 0
