"""The account's quotas, as the embedded AWS reports and enforces them.

Two sets: AWS's defaults for a new account (:data:`NEW_ACCOUNT`, what ``GetAWSDefaultServiceQuota``
answers) and the quotas applied to the embedded account (:data:`EMBEDDED_ACCOUNT`, what
``GetServiceQuota`` and ``GetAccountSettings`` answer). The embedded account is one that has followed
the README's prerequisites and been granted GPU vCPUs, because its Batch jobs do run (on this
machine): a deploy to it passes ``build.py doctor``. A test that wants a new account's refusals sets
them for a block.

One value per quota, read by the Lambda concurrency bridge (``GetAccountSettings``, reserved concurrency)
and the Service Quotas bridge (``GetServiceQuota``). Tests change them for a block::

    with account_quotas_set(lambda_concurrent_executions=10):
        ...  # a function reserving 5 is refused, as on a new account

AWS's defaults (what a new account gets; an established account often has more, and AWS raises them on
request through Service Quotas):

* Lambda concurrent executions (``lambda`` ``L-B99A9384``): 1000, AWS's documented default; new
  accounts have been seen with 10 or 50.
* All G and VT Spot Instance Requests (``ec2`` ``L-3819A6DF``, vCPUs): 0. Running On-Demand G and VT
  instances (``ec2`` ``L-DB2E81BA``, vCPUs): 0. New accounts get no GPU capacity until a request is
  granted, which is what ``build.py doctor`` must warn about.
* Fargate On-Demand vCPU resource count (``fargate`` ``L-3032A538``): 6, what new accounts are given;
  established accounts have 4000.
* Fargate Spot vCPU resource count (``fargate`` ``L-36FBB829``): 6, taken to be the on-demand one's
  (no AWS page found gives a new account's value; established accounts have 4000, as on-demand).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True)
class AccountQuotas:
    """Quota values of the embedded AWS's account (counts of executions or of vCPUs)."""

    lambda_concurrent_executions: int = 1000
    g_and_vt_spot_vcpus: int = 0
    g_and_vt_on_demand_vcpus: int = 0
    fargate_on_demand_vcpus: int = 6
    fargate_spot_vcpus: int = 6


@dataclass(frozen=True)
class ServiceQuota:
    """How Service Quotas names one quota; ``field`` is the :class:`AccountQuotas` value it reports."""

    service_code: str
    service_name: str
    quota_code: str
    quota_name: str
    field: str

    def describe(self, quotas: AccountQuotas, region: str, account_id: str) -> dict[str, Any]:
        """The ``Quota`` structure of ``GetServiceQuota`` (``account_id`` empty for AWS's default)."""
        return {
            "ServiceCode": self.service_code, "ServiceName": self.service_name,
            "QuotaArn": f"arn:aws:servicequotas:{region}:{account_id}:{self.service_code}/{self.quota_code}",
            "QuotaCode": self.quota_code, "QuotaName": self.quota_name,
            "Value": float(getattr(quotas, self.field)), "Unit": "None",
            "Adjustable": True, "GlobalQuota": False, "QuotaAppliedAtLevel": "ACCOUNT",
        }


SERVICE_QUOTAS = (
    ServiceQuota("lambda", "AWS Lambda", "L-B99A9384", "Concurrent executions", "lambda_concurrent_executions"),
    ServiceQuota("ec2", "Amazon Elastic Compute Cloud (Amazon EC2)", "L-3819A6DF",
                 "All G and VT Spot Instance Requests", "g_and_vt_spot_vcpus"),
    ServiceQuota("ec2", "Amazon Elastic Compute Cloud (Amazon EC2)", "L-DB2E81BA",
                 "Running On-Demand G and VT instances", "g_and_vt_on_demand_vcpus"),
    ServiceQuota("fargate", "AWS Fargate", "L-3032A538", "Fargate On-Demand vCPU resource count",
                 "fargate_on_demand_vcpus"),
    ServiceQuota("fargate", "AWS Fargate", "L-36FBB829", "Fargate Spot vCPU resource count", "fargate_spot_vcpus"),
)

NEW_ACCOUNT = AccountQuotas()
"""AWS's defaults for a new account."""
EMBEDDED_ACCOUNT = replace(NEW_ACCOUNT, g_and_vt_spot_vcpus=64, g_and_vt_on_demand_vcpus=64)
"""The embedded account: a new one whose GPU quota requests were granted (64 vCPUs each), as the
README's "deploying to a real account" asks before a first deploy."""

_active = EMBEDDED_ACCOUNT


def account_quotas() -> AccountQuotas:
    """The quotas in force now."""
    return _active


def set_account_quotas(quotas: AccountQuotas) -> None:
    global _active
    _active = quotas


@contextmanager
def account_quotas_set(**values: int) -> Iterator[AccountQuotas]:
    """Use these quota values (names of :class:`AccountQuotas` fields) inside the block."""
    known = {f.name for f in fields(AccountQuotas)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise TypeError(f"unknown account quota(s) {unknown}; known: {sorted(known)}")
    before = account_quotas()
    set_account_quotas(replace(before, **values))
    try:
        yield account_quotas()
    finally:
        set_account_quotas(before)
