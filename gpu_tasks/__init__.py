"""The AWS Batch analysis task: a meal video in, ``detections.json`` and overlay images out.

Run it as ``python -m gpu_tasks.analyze``; see ``gpu_tasks/README.md``.
"""
