"""The checkov checks this design does not follow, each with its reason, written on the resource.

checkov reads ``Metadata: {checkov: {skip: [{id, comment}]}}`` on a resource. Every skip in the
templates comes from ``SKIPPED_CHECKS`` here, so the reasons are defined once; the README's security
section explains the same ids (a test keeps the two in step).
"""

from __future__ import annotations

from typing import TypeVar

from troposphere import BaseAWSObject

Resource = TypeVar("Resource", bound=BaseAWSObject)

SKIPPED_CHECKS: dict[str, str] = {
    "CKV_AWS_18": "access-log target or deploy-only artifacts bucket: logging it would log the logs "
                  "(artifacts are written only by deploy, which CloudTrail records)",
    "CKV_AWS_21": "versioning would keep copies of what must go: uploads expire for privacy, access logs expire",
    "CKV_AWS_59": "the API is public by design when auth.mode is none (dev); prod signs people in (jwt) "
                  "and sets a WAF. The web page (GET /app) is public everywhere: a static page holding no data, "
                  "on which the person signs in or types the key",
    "CKV_AWS_115": "reserve_lambda_concurrency = false: the account's Lambda quota cannot spare a "
                   "reservation (new accounts); build.py doctor says so",
    "CKV_AWS_116": "invoked synchronously only (API Gateway, Step Functions): the caller sees and retries "
                   "the error, so a dead-letter queue would never receive anything",
    "CKV_AWS_117": "calls only AWS APIs over TLS with IAM; a VPC would add NAT or interface endpoints "
                   "and cold-start latency and protect nothing more",
    "CKV_AWS_120": "responses are per job and change as the job runs: a cache would serve stale "
                   "status, and a cache cluster bills by the hour",
    "CKV_AWS_173": "enable_encryption = false: no customer key to encrypt the environment with; it holds "
                   "names and ARNs only (secrets live in Secrets Manager), and Lambda encrypts it at rest",
}
"""checkov check id -> why this design does not follow it."""


def skip_checks(resource: Resource, *check_ids: str) -> Resource:
    """Write checkov skips for ``check_ids`` (with their reasons) into ``resource``'s Metadata."""
    unknown = [check for check in check_ids if check not in SKIPPED_CHECKS]
    if unknown:
        raise KeyError(f"no reason recorded for {unknown}; add it to SKIPPED_CHECKS and the README")
    metadata = dict(getattr(resource, "Metadata", None) or {})
    skips = list(metadata.get("checkov", {}).get("skip", []))
    skips += [{"id": check, "comment": SKIPPED_CHECKS[check]} for check in check_ids
              if check not in {skip["id"] for skip in skips}]
    metadata["checkov"] = {"skip": skips}
    resource.Metadata = metadata
    return resource
