"""Service Quotas bridge: the quotas ``build.py doctor`` reads, with a new account's values.

moto 5.2.5's Service Quotas knows the ``vpc`` service only: ``GetServiceQuota`` for ``ec2``, ``fargate`` or
``lambda`` answers ``NoSuchResourceException`` ("This service is not available in the current Region"),
and ``GetAWSDefaultServiceQuota`` is not implemented (500). The bridge answers both, and
``ListAWSDefaultServiceQuotas``, for the quotas in :data:`~local_aws.bridges.account_quotas.SERVICE_QUOTAS`
(G/VT spot and on-demand vCPUs, Fargate on-demand and Spot vCPUs, Lambda concurrent executions) with the values of
:func:`~local_aws.bridges.account_quotas.account_quotas` (the AWS defaults, for the two "default" calls,
are :class:`~local_aws.bridges.account_quotas.AccountQuotas`' own); any other quota is moto's answer.
"""

from __future__ import annotations

import json
from typing import Any

from moto.servicequotas.exceptions import NoSuchResource
from moto.servicequotas.models import ServiceQuotasBackend
from moto.servicequotas.responses import ServiceQuotasResponse

from local_aws.bridges.account_quotas import NEW_ACCOUNT, SERVICE_QUOTAS, ServiceQuota, account_quotas

_original_get = ServiceQuotasBackend.get_service_quota
_original_list_defaults = ServiceQuotasBackend.list_aws_default_service_quotas


def _known(service_code: str, quota_code: str | None = None) -> list[ServiceQuota]:
    return [q for q in SERVICE_QUOTAS
            if q.service_code == service_code and quota_code in (None, q.quota_code)]


def _get_service_quota(self: ServiceQuotasBackend, service_code: str, quota_code: str) -> dict[str, Any]:
    for quota in _known(service_code, quota_code):
        return quota.describe(account_quotas(), self.region_name, self.account_id)
    return _original_get(self, service_code, quota_code)


def _list_aws_default_service_quotas(self: ServiceQuotasBackend, service_code: str) -> list[dict[str, Any]]:
    quotas = _known(service_code)
    if not quotas:
        return _original_list_defaults(self, service_code)
    return [quota.describe(NEW_ACCOUNT, self.region_name, "") for quota in quotas]


def _get_aws_default_service_quota(self: ServiceQuotasResponse) -> str:
    params = json.loads(self.body)
    service_code, quota_code = str(params.get("ServiceCode")), str(params.get("QuotaCode"))
    for quota in _known(service_code, quota_code):
        return json.dumps({"Quota": quota.describe(NEW_ACCOUNT, self.region, "")})
    raise NoSuchResource


def install() -> None:
    ServiceQuotasBackend.get_service_quota = _get_service_quota  # type: ignore[method-assign]
    ServiceQuotasBackend.list_aws_default_service_quotas = _list_aws_default_service_quotas  # type: ignore
    ServiceQuotasResponse.get_aws_default_service_quota = _get_aws_default_service_quota  # type: ignore[attr-defined]


def uninstall() -> None:
    ServiceQuotasBackend.get_service_quota = _original_get  # type: ignore[method-assign]
    ServiceQuotasBackend.list_aws_default_service_quotas = _original_list_defaults  # type: ignore[method-assign]
    if "get_aws_default_service_quota" in ServiceQuotasResponse.__dict__:
        del ServiceQuotasResponse.get_aws_default_service_quota  # type: ignore[attr-defined]
