"""``make demo`` (``build.py demo``): the sample meal of ``samples/`` through the whole pipeline on the
embedded AWS: upload, ValidateUpload, AnalyzeFrames (a local Batch job), ComputeNutrition, the report.

Perception, first that applies: the models given (``--models DIR``, or ``random``: tiny random weights,
the plumbing check); the trained weights in ``.models/pretrained``; the trained weights fetched from the
Hub when it answers one quick request (:func:`gpu_tasks.models.store.hub_unreachable`). Otherwise the
demo says so in one line and runs the ``scene`` backend: no models, the sample's rendered ground truth
(labels, masks, depth) in their place, found where the models would be (the job's ``MODELS_URI`` is
``samples/``); every later step runs as for any video. The demo then compares each item's volume with
the scene's truth (:mod:`ops.scene_truth`), the only place the scene's ``volume_ml`` is read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ops.console import Reporter, make_console
from ops.run_job import local_deployment, run_job
from ops.scene_truth import TRUTH_COLUMNS, compare_with_scene, truth_rows, truth_summary
from pipeline.config import Config, ModelRef
from pipeline.contracts.detections import SCENE_PERCEPTION
from pipeline.contracts.results import Results

REPO = Path(__file__).resolve().parent.parent
SAMPLES_DIR = REPO / "samples"
SAMPLE_VIDEO = SAMPLES_DIR / "sample-meal.mp4"
SAMPLE_SCENE = SAMPLES_DIR / "sample-meal.npz"
MODELS_HOME = REPO / ".models"
DEMO_TIMEOUT_S = 1800.0

HubCheck = Callable[[ModelRef], "str | None"]


@dataclass(frozen=True)
class DemoPerception:
    """What the demo's Batch job perceives with: its models folder (``MODELS_URI``) and backend."""

    models_dir: Path
    backend: str


def _hub_unreachable(ref: ModelRef) -> str | None:
    from gpu_tasks.models.store import hub_unreachable

    return hub_unreachable(ref)


def _fetch(config: Config, folder: Path) -> None:
    from gpu_tasks.models import sync_models

    sync_models(config, str(folder))


def choose_perception(config: Config, models: str | None, reporter: Reporter, *, models_home: Path = MODELS_HOME,
                      hub_check: HubCheck = _hub_unreachable,
                      fetch: Callable[[Config, Path], None] = _fetch) -> DemoPerception:
    """The models given, found or fetched; else the ``scene`` backend, said in one line."""
    backend = config.analysis.backend
    if models and models != "random":
        return DemoPerception(Path(models), backend)
    if models == "random":
        from gpu_tasks.models import write_random_models

        folder = models_home / "random-tiny"
        if not folder.is_dir():
            reporter.info(f"writing tiny random-initialised models to {folder}")
            write_random_models(folder, size="tiny", config=config)
        reporter.warn("running with RANDOM weights: the items found are not real; every output says weights: random")
        return DemoPerception(folder, backend)
    folder = models_home / "pretrained"
    if folder.is_dir() and any(folder.iterdir()):
        return DemoPerception(folder, backend)
    why = hub_check(config.models.detector)
    if why is None:
        reporter.info(f"fetching the configured models into {folder} (about 1 GB)")
        try:
            fetch(config, folder)
            return DemoPerception(folder, backend)
        except Exception as error:  # noqa: BLE001 - any failure here means: no weights, so the scene demo
            why = f"fetching them failed ({type(error).__name__}: {' '.join(str(error).split())[:160]})"
    shown = folder.relative_to(REPO) if folder.is_relative_to(REPO) else folder
    reporter.warn(f"no model weights in {shown} and {why}: running the sample meal with {SCENE_PERCEPTION} "
                  f"(`python build.py models sync {shown}` fetches the models)")
    return DemoPerception(SAMPLES_DIR, "scene")


def scene_config(config: Config) -> Config:
    """``config`` with the ``scene`` backend (the stack the offline demo deploys into the embedded AWS)."""
    return config.model_copy(update={"analysis": config.analysis.model_copy(update={"backend": "scene"})})


def report_truth(results: Results, reporter: Reporter) -> None:
    """Each item's volume against the sample scene's truth, then the meal's totals."""
    from gpu_tasks.perception.scene_file import load_scene

    comparison = compare_with_scene(results, load_scene(SAMPLE_SCENE).instances)
    reporter.table("Volume against the rendered scene's truth", list(TRUTH_COLUMNS), truth_rows(comparison))
    reporter.info(truth_summary(comparison))


def run_demo(config: Config, *, models_dir: str | None, reporter: Reporter, out_dir: Path = Path("runs"),
             models_home: Path = MODELS_HOME, hub_check: HubCheck = _hub_unreachable,
             fetch: Callable[[Config, Path], None] = _fetch) -> int:
    """``make demo``: the sample meal through the whole pipeline on an embedded AWS started for the run."""
    perception = choose_perception(config, models_dir, reporter, models_home=models_home, hub_check=hub_check,
                                   fetch=fetch)
    scene = perception.backend == "scene"
    if scene:
        config = scene_config(config)
    reporter.info(f"sample meal: {SAMPLE_VIDEO.relative_to(REPO)} (rendered; how: samples/README.md; run your own "
                  "with `python build.py run your_meal.mp4`)")
    console = make_console()
    with local_deployment(config, port=0, models_dir=str(perception.models_dir), reporter=reporter) as deployment:
        return run_job(deployment, SAMPLE_VIDEO, out_dir=out_dir, timeout_s=DEMO_TIMEOUT_S, as_json=False,
                       console=console, reporter=reporter,
                       after=(lambda results, _: report_truth(results, reporter)) if scene else None)
