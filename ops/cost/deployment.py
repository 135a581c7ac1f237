"""What the main stack deploys that costs money, counted from its synthesized template, and the state
transitions of one successful AnalyzeMeal execution, counted from its definition."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ops.cost.usage import CostInputError
from pipeline.config import Config
from templates.catalogue import FUNCTIONS


ComputePath = Literal["gpu", "fargate"]
ANALYSIS_STATE = {"gpu": "AnalyzeFrames", "fargate": "AnalyzeFramesCpu"}
"""The state that analyses on each compute path (``states.analyze_meal.StateName``)."""


def success_path(definition: dict[str, Any], choose: dict[str, str] | None = None) -> list[str]:
    """The states one successful execution enters, from ``StartAt`` along ``Next`` to the end; at a
    Choice state it goes where ``choose`` says (``{choice state: next state}``)."""
    states, name, path = definition["States"], definition["StartAt"], []
    while True:
        state = states[name]
        path.append(name)
        if state["Type"] == "Choice" and name in (choose or {}):
            name = (choose or {})[name]
            continue
        if state["Type"] in ("Choice", "Parallel", "Map"):
            raise CostInputError(f"cannot count the transitions through {state['Type']} state {name!r}")
        if state["Type"] in ("Succeed", "Fail") or state.get("End"):
            return path
        name = state["Next"]


def path_choices(definition: dict[str, Any], path: ComputePath) -> dict[str, str]:
    """The Choice states' picks that send a job down ``path`` (ChooseCompute when there are both)."""
    return {name: ANALYSIS_STATE[path] for name, state in definition["States"].items()
            if state["Type"] == "Choice" and ANALYSIS_STATE[path] in
            [rule["Next"] for rule in state.get("Choices", [])] + [state.get("Default")]}


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
    transitions_per_job: dict[str, int]
    """State transitions of one successful job, per compute path deployed."""
    secrets: int
    email: bool
    paths: tuple[str, ...] = ("gpu",)
    """The compute paths deployed (``analysis.compute``)."""
    fargate_vcpus: float = 0.0
    fargate_memory_gb: float = 0.0
    fargate_architecture: str = "arm64"
    fargate_spot: bool = False
    """The Fargate queue tries a Fargate Spot environment first (``enable_spot_instances``)."""
    api_method_metrics: bool = True
    public_ips: bool = False
    """Hosts and tasks get public IPv4 addresses (``network.mode = public-egress``)."""
    warm_vcpus: int = 0
    """GPU vCPUs Batch keeps running with no job (``min_vcpus``: the warm pool)."""

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
    hosts = [e for e in environments if e["Type"] in ("EC2", "SPOT")]
    acls = by_type.get("AWS::WAFv2::WebACL", [])
    launch_templates = [t["LaunchTemplateData"] for t in by_type.get("AWS::EC2::LaunchTemplate", [])]
    fargate = [d["ContainerProperties"] for d in by_type.get("AWS::Batch::JobDefinition", [])
               if "FARGATE" in d.get("PlatformCapabilities", [])]
    requirements = {r["Type"]: float(r["Value"]) for r in (fargate[0]["ResourceRequirements"] if fargate else [])}
    stages = by_type.get("AWS::ApiGateway::Stage", [])
    paths = tuple(path for path, present in (("gpu", bool(hosts)), ("fargate", bool(fargate))) if present)
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
        instance_types=tuple(dict.fromkeys(t for e in hosts for t in e["InstanceTypes"])),
        spot=any(e["Type"] == "SPOT" for e in hosts),
        root_volume_gib=int(launch_templates[0]["BlockDeviceMappings"][0]["Ebs"]["VolumeSize"]) if launch_templates else 0,
        transitions_per_job={path: len(success_path(definition, path_choices(definition, path))) for path in paths},
        secrets=int(config.analysis.backend == "gemini" or config.nutrition.enable_llm_disambiguation),
        email=config.notification_email is not None,
        paths=paths,
        fargate_vcpus=requirements.get("VCPU", 0.0),
        fargate_memory_gb=requirements.get("MEMORY", 0.0) / 1024,
        fargate_spot=any(e["Type"] == "FARGATE_SPOT" for e in environments),
        fargate_architecture=(fargate[0].get("RuntimePlatform", {}).get("CpuArchitecture", "X86_64").lower()
                              if fargate else "arm64"),
        api_method_metrics=any(setting.get("MetricsEnabled") for stage in stages
                               for setting in stage.get("MethodSettings", [])),
        public_ips=bool(by_type.get("AWS::EC2::InternetGateway")),
        warm_vcpus=sum(int(e.get("MinvCpus", 0)) for e in hosts),
    )
