"""Versioned JSON contracts between the pipeline's steps, one model each (README.md, "Architecture")."""

from pipeline.contracts.detections import Detections, DetectedItem
from pipeline.contracts.job import JobRecord, JobStatus
from pipeline.contracts.results import NutrientTotals, Results, ResultItem

__all__ = ["Detections", "DetectedItem", "JobRecord", "JobStatus", "NutrientTotals", "Results", "ResultItem"]
