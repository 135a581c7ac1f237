"""The Service Quotas bridge: the quotas ``build.py doctor`` reads answer the embedded account's values
(a new account whose GPU requests were granted), AWS's defaults answer a new account's, and both
follow :func:`account_quotas_set`."""

from __future__ import annotations

import botocore.exceptions
import pytest

from local_aws import EmbeddedAws
from local_aws.bridges.account_quotas import account_quotas_set

pytestmark = pytest.mark.embedded

#: (service code, quota code, name, value applied to the embedded account, AWS's default on a new account)
PREFLIGHT = [
    ("ec2", "L-3819A6DF", "All G and VT Spot Instance Requests", 64.0, 0.0),
    ("ec2", "L-DB2E81BA", "Running On-Demand G and VT instances", 64.0, 0.0),
    ("fargate", "L-3032A538", "Fargate On-Demand vCPU resource count", 6.0, 6.0),
    ("fargate", "L-36FBB829", "Fargate Spot vCPU resource count", 6.0, 6.0),
    ("lambda", "L-B99A9384", "Concurrent executions", 1000.0, 1000.0),
]


@pytest.mark.parametrize(("service", "code", "name", "value", "default_value"), PREFLIGHT)
def test_the_preflight_quotas_have_the_embedded_and_the_default_values(
        aws: EmbeddedAws, service: str, code: str, name: str, value: float, default_value: float) -> None:
    quotas = aws.client("service-quotas")
    applied = quotas.get_service_quota(ServiceCode=service, QuotaCode=code)["Quota"]
    assert (applied["QuotaName"], applied["Value"], applied["ServiceCode"]) == (name, value, service)
    assert applied["QuotaArn"] == f"arn:aws:servicequotas:{aws.region}:123456789012:{service}/{code}"
    default = quotas.get_aws_default_service_quota(ServiceCode=service, QuotaCode=code)["Quota"]
    assert (default["QuotaCode"], default["Value"]) == (code, default_value)
    assert code in {q["QuotaCode"] for q in quotas.list_aws_default_service_quotas(ServiceCode=service)["Quotas"]}


def test_tests_can_change_the_account_quotas(aws: EmbeddedAws) -> None:
    quotas = aws.client("service-quotas")
    with account_quotas_set(g_and_vt_on_demand_vcpus=8, g_and_vt_spot_vcpus=32, fargate_on_demand_vcpus=4000):
        assert quotas.get_service_quota(ServiceCode="ec2", QuotaCode="L-DB2E81BA")["Quota"]["Value"] == 8.0
        assert quotas.get_service_quota(ServiceCode="ec2", QuotaCode="L-3819A6DF")["Quota"]["Value"] == 32.0
        assert quotas.get_service_quota(ServiceCode="fargate", QuotaCode="L-3032A538")["Quota"]["Value"] == 4000.0
        default = quotas.get_aws_default_service_quota(ServiceCode="ec2", QuotaCode="L-DB2E81BA")["Quota"]
        assert default["Value"] == 0.0, "the AWS default does not move with the account's applied value"
    assert quotas.get_service_quota(ServiceCode="ec2", QuotaCode="L-DB2E81BA")["Quota"]["Value"] == 64.0


def test_unknown_settings_and_quotas_are_refused(aws: EmbeddedAws) -> None:
    with pytest.raises(TypeError, match="gpu_vcpus"):
        with account_quotas_set(gpu_vcpus=4):
            pass
    with pytest.raises(botocore.exceptions.ClientError, match="NoSuchResource"):
        aws.client("service-quotas").get_service_quota(ServiceCode="ec2", QuotaCode="L-00000000")
    vpc = aws.client("service-quotas").get_service_quota(ServiceCode="vpc", QuotaCode="L-7E9ECCDB")["Quota"]
    assert vpc["Value"] == 50.0, "moto's own quotas still answer"
