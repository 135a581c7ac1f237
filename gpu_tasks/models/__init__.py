"""Model registry, random stand-ins, the models bucket and loading (see each module)."""

from gpu_tasks.models.loading import LoadedModel, ModelSet, load_model_set
from gpu_tasks.models.random_models import write_random_models
from gpu_tasks.models.store import fetch_models, sync_models

__all__ = ["LoadedModel", "ModelSet", "fetch_models", "load_model_set", "sync_models", "write_random_models"]
