"""Batch job double for the embedded-AWS tests: ``python -m tests.local_aws.fake_analyze``.

Reads VIDEO_URI, writes OUTPUT_URI/detections.json; a video whose bytes start with ``FAIL`` makes it
fail the way the GPU task does: one ``ERROR <CODE>: message`` line on stderr and ``exit_code_for``.
"""

from __future__ import annotations

import json
import os
import sys

import boto3

from pipeline.errors import ErrorCode, exit_code_for
from pipeline.layout import DETECTIONS_FILENAME, S3Uri


def main() -> int:
    video = S3Uri.parse(os.environ["VIDEO_URI"])
    output = S3Uri.parse(os.environ["OUTPUT_URI"]).join(DETECTIONS_FILENAME)
    s3 = boto3.client("s3")
    data = s3.get_object(Bucket=video.bucket, Key=video.key)["Body"].read()
    print(f"analysing {video} ({len(data)} bytes)")
    if data.startswith(b"FAIL"):
        print(f"ERROR {ErrorCode.NO_DECODABLE_FRAMES.value}: no frame of the video could be decoded", file=sys.stderr)
        return exit_code_for(ErrorCode.NO_DECODABLE_FRAMES)
    detections = {"job_id": os.environ["JOB_ID"], "models_uri": os.environ.get("MODELS_URI"),
                  "batch_job_id": os.environ.get("AWS_BATCH_JOB_ID"), "items": [{"label": "apple", "kcal": 52.0}]}
    s3.put_object(Bucket=output.bucket, Key=output.key, Body=json.dumps(detections).encode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
