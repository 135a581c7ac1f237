"""Bridges that fill moto 5.2.5's gaps for the embedded AWS; one module per service.

Each module patches moto in this process (``install``/``uninstall``). None re-implements the state
machine's control flow: moto's ASL engine runs it, the bridges only make its calls land.
"""

from __future__ import annotations

from local_aws.bridges import (
    apigateway_account, apigateway_authorizer, apigateway_stack, batch, batch_capacity, batch_service_role, cloudformation,
    cloudformation_rollback, cloudformation_tags, ec2, events, kms, lambda_concurrency, lambda_logs, lambda_runtime,
    lambda_versions, s3, service_quotas, stepfunctions, stepfunctions_distributed_map, stepfunctions_history,
    stepfunctions_events, stepfunctions_logging, stepfunctions_start_execution,
)
from local_aws.bridges.settings import BridgeSettings

BRIDGES = (stepfunctions, stepfunctions_history, stepfunctions_events, stepfunctions_logging, stepfunctions_distributed_map,
           stepfunctions_start_execution, cloudformation, cloudformation_rollback,
           cloudformation_tags,
           lambda_versions, apigateway_stack, apigateway_authorizer, apigateway_account, lambda_logs, lambda_runtime, lambda_concurrency, service_quotas, batch,
           batch_capacity, batch_service_role, events, s3, ec2, kms)


def install_bridges(settings: BridgeSettings) -> None:
    """Activate ``settings`` and patch moto; calling it again only replaces the settings."""
    BridgeSettings.activate(settings)
    for bridge in BRIDGES:
        bridge.install()


def uninstall_bridges() -> None:
    for bridge in reversed(BRIDGES):
        bridge.uninstall()
    BridgeSettings.activate(None)


__all__ = ["BRIDGES", "BridgeSettings", "install_bridges", "uninstall_bridges"]
