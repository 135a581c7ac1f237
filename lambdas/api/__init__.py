"""The public HTTP API: one powertools resolver, deployed as the upload, status and results functions."""
