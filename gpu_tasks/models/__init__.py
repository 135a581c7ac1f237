"""Model registry, random stand-ins, the models bucket and loading (see each module)."""

from gpu_tasks.models.cli import add_models_arguments, run_models
from gpu_tasks.models.loading import LoadedModel, ModelSet, load_model_set
from gpu_tasks.models.random_models import write_random_models
from gpu_tasks.models.store import fetch_models, sync_models

__all__ = ["LoadedModel", "ModelSet", "add_models_arguments", "fetch_models", "load_model_set", "run_models",
           "sync_models", "write_random_models"]
