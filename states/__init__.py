"""The AnalyzeMeal state machine, written with the ``stepfunctions`` SDK (no business logic here)."""
