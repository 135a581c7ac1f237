"""A Batch job for the warm-start tests: ``python -m tests.local_aws.job_probe``. It prints whether torch
was already imported when it began (a warm start) and exits with ``EXIT`` (0 by default), naming the
code on stderr as the analysis task does."""

from __future__ import annotations

import os
import sys

if __name__ == "__main__":
    print("torch already imported", "torch" in sys.modules, flush=True)
    print("greeting", os.environ.get("GREETING"), flush=True)
    code = int(os.environ.get("EXIT", "0"))
    if code:
        print(f"ERROR ANALYSIS_FAILED: exit {code} asked for", file=sys.stderr)
    sys.exit(code)
