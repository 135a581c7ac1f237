"""Lambda ``nutrition_rag``: detections.json -> results.json (USDA-grounded nutrition)."""
