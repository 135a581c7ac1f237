"""What the main stack deploys that costs money, counted from its synthesized template, and the state
transitions of one successful AnalyzeMeal execution, counted from its definition."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ops.cost_usage import CostInputError
from pipeline.config import Config
from templates.catalogue import FUNCTIONS


def success_path(definition: dict[str, Any]) -> list[str]:
    """The states one successful execution enters, from ``StartAt`` along ``Next`` to the end."""
    states, name, path = definition["States"], definition["StartAt"], []
    while True:
        state = states[name]
        if state["Type"] in ("Choice", "Parallel", "Map"):
            raise CostInputError(f"cannot count the transitions through {state['Type']} state {name!r}")
        path.append(name)
        if state["Type"] in ("Succeed", "Fail") or state.get("End"):
            return path
        name = state["Next"]


@dataclass(frozen=True)
class Deployment:
    """Billable resources of the main stack, counted from its synthesized template."""

    interface_endpoint_azs: int
    kms_keys: int
    alarm_metrics: int
    dashboards: int
    waf_rules: int | None
    api_methods: int
    function_memory_mb: dict[str, int]
    provisioned_gb: dict[str, float]
    provisioned_capacity: tuple[int, int] | None
    instance_types: tuple[str, ...]
    spot: bool
    root_volume_gib: int
    transitions_per_job: int
    secrets: int
    email: bool


def deployment(config: Config, definition: dict[str, Any]) -> Deployment:
    """Count what ``build_main_template(config)`` deploys (``definition``: the AnalyzeMeal ASL)."""
    from templates.assembly import build_main_template

    resources = build_main_template(config, definition=definition).to_dict()["Resources"]
    by_type: dict[str, list[dict[str, Any]]] = {}
    for logical_id, resource in resources.items():
        by_type.setdefault(resource["Type"], []).append({"Id": logical_id, **resource.get("Properties", {})})
    key_of = {spec.logical_id: spec.key for spec in FUNCTIONS}
    memory = {key_of[f["Id"]]: int(f["MemorySize"]) for f in by_type.get("AWS::Lambda::Function", [])}
    provisioned = {}
    for alias in by_type.get("AWS::Lambda::Alias", []):
        key = key_of[alias["FunctionName"]["Ref"]]
        count = alias.get("ProvisionedConcurrencyConfig", {}).get("ProvisionedConcurrentExecutions", 0)
        provisioned[key] = count * memory[key] / 1024
    throughput = [t["ProvisionedThroughput"] for table in by_type.get("AWS::DynamoDB::Table", [])
                  for t in [table, *table.get("GlobalSecondaryIndexes", [])] if "ProvisionedThroughput" in t]
    environments = [e["ComputeResources"] for e in by_type.get("AWS::Batch::ComputeEnvironment", [])]
    acls = by_type.get("AWS::WAFv2::WebACL", [])
    (template_data,) = [t["LaunchTemplateData"] for t in by_type["AWS::EC2::LaunchTemplate"]]
    return Deployment(
        interface_endpoint_azs=sum(len(e.get("SubnetIds", [])) for e in by_type.get("AWS::EC2::VPCEndpoint", [])
                                   if e.get("VpcEndpointType") == "Interface"),
        kms_keys=len(by_type.get("AWS::KMS::Key", [])),
        alarm_metrics=sum(max(1, sum("MetricStat" in q for q in a.get("Metrics", [])))
                          for a in by_type.get("AWS::CloudWatch::Alarm", [])),
        dashboards=len(by_type.get("AWS::CloudWatch::Dashboard", [])),
        waf_rules=sum(len(acl["Rules"]) for acl in acls) if acls else None,
        api_methods=len(by_type.get("AWS::ApiGateway::Method", [])),
        function_memory_mb=memory,
        provisioned_gb=provisioned,
        provisioned_capacity=(sum(int(t["ReadCapacityUnits"]) for t in throughput),
                              sum(int(t["WriteCapacityUnits"]) for t in throughput)) if throughput else None,
        instance_types=tuple(dict.fromkeys(t for e in environments for t in e["InstanceTypes"])),
        spot=any(e["Type"] == "SPOT" for e in environments),
        root_volume_gib=int(template_data["BlockDeviceMappings"][0]["Ebs"]["VolumeSize"]),
        transitions_per_job=len(success_path(definition)),
        secrets=int(config.analysis.backend == "gemini" or config.nutrition.enable_llm_disambiguation),
        email=config.notification_email is not None,
    )
