"""Domain core of Nutrition Video Analysis: config, contracts, video, geometry, nutrition, reports.

Nothing in this package imports boto3 or knows about Lambda or Batch (see the folder table in README.md, "Architecture").
"""
