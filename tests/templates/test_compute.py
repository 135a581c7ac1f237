"""Batch: spot first then on-demand in one queue, GPU job definition, retries only host failures."""

from __future__ import annotations

import json

from pipeline.environment import EnvVar
from templates.compute import (
    JOB_DEFINITION, JOB_QUEUE, LAUNCH_TEMPLATE, ON_DEMAND_ENVIRONMENT, ROOT_VOLUME_GIB, SPOT_ENVIRONMENT,
)
from tests.templates.conftest import config_with, main_template, properties, role_statements


def test_spot_then_on_demand_in_one_queue(dev_main):
    order = properties(dev_main, JOB_QUEUE)["ComputeEnvironmentOrder"]
    assert order == [{"ComputeEnvironment": {"Ref": SPOT_ENVIRONMENT}, "Order": 1},
                     {"ComputeEnvironment": {"Ref": ON_DEMAND_ENVIRONMENT}, "Order": 2}]
    spot = properties(dev_main, SPOT_ENVIRONMENT)["ComputeResources"]
    on_demand = properties(dev_main, ON_DEMAND_ENVIRONMENT)["ComputeResources"]
    assert (spot["Type"], spot["AllocationStrategy"]) == ("SPOT", "SPOT_PRICE_CAPACITY_OPTIMIZED")
    assert on_demand["Type"] == "EC2"
    for resources in (spot, on_demand):
        assert resources["MinvCpus"] == 0 and resources["MaxvCpus"] == config_with().max_vcpus
        assert resources["InstanceTypes"] == list(config_with().gpu_instance_types)
        assert resources["Ec2Configuration"] == [{"ImageType": "ECS_AL2023_NVIDIA"}]
        assert resources["LaunchTemplate"]["LaunchTemplateId"] == {"Ref": LAUNCH_TEMPLATE}
        assert resources["Subnets"] == [{"Ref": "PrivateSubnet1"}, {"Ref": "PrivateSubnet2"}]


def test_spot_off_leaves_only_on_demand():
    template = main_template(enable_spot_instances=False)
    assert SPOT_ENVIRONMENT not in template["Resources"]
    assert properties(template, JOB_QUEUE)["ComputeEnvironmentOrder"] == [
        {"ComputeEnvironment": {"Ref": ON_DEMAND_ENVIRONMENT}, "Order": 1}]


def test_max_vcpus_and_instance_types_follow_the_config():
    template = main_template(max_vcpus=64, gpu_instance_types=("g5.2xlarge",))
    resources = properties(template, ON_DEMAND_ENVIRONMENT)["ComputeResources"]
    assert resources["MaxvCpus"] == 64 and resources["InstanceTypes"] == ["g5.2xlarge"]


def test_launch_template_requires_imdsv2_and_encrypts_the_root_volume(dev_main):
    data = properties(dev_main, LAUNCH_TEMPLATE)["LaunchTemplateData"]
    assert data["MetadataOptions"]["HttpTokens"] == "required"
    (device,) = data["BlockDeviceMappings"]
    assert device["DeviceName"] == "/dev/xvda"
    assert device["Ebs"] == {"VolumeType": "gp3", "VolumeSize": ROOT_VOLUME_GIB, "Encrypted": True,
                             "DeleteOnTermination": True}


def test_job_definition_asks_for_one_gpu_and_leaves_memory_headroom(dev_main):
    config = config_with()
    container = properties(dev_main, JOB_DEFINITION)["ContainerProperties"]
    requirements = {item["Type"]: item["Value"] for item in container["ResourceRequirements"]}
    assert requirements == {"GPU": "1", "VCPU": str(config.analysis.batch_job_vcpus),
                            "MEMORY": str(config.analysis.batch_job_memory_mib)}
    assert int(requirements["MEMORY"]) < 16 * 1024  # places on a 16 GiB host (g4dn.xlarge)
    assert container["Command"] == ["python", "-m", "gpu_tasks.analyze"]
    assert container["Image"] == {"Ref": "GpuImageUri"}


def test_job_environment_carries_models_and_analysis_settings(dev_main):
    config = config_with()
    container = properties(dev_main, JOB_DEFINITION)["ContainerProperties"]
    env = {item["Name"]: item["Value"] for item in container["Environment"]}
    assert env[EnvVar.MODELS_URI.value] == {"Fn::Sub": ["s3://${Bucket}/models/", {"Bucket": {"Ref": "ModelsBucket"}}]}
    assert json.loads(env[EnvVar.MODEL_IDS.value]) == config.models.model_dump()
    assert env[EnvVar.MAX_KEYFRAMES.value] == str(config.analysis.max_keyframes)
    assert env[EnvVar.DETECTION_THRESHOLD.value] == str(config.analysis.detection_threshold)
    assert env[EnvVar.FIELD_OF_VIEW_DEG.value] == str(config.analysis.field_of_view_deg)
    assert env[EnvVar.ANALYSIS_BACKEND.value] == config.analysis.backend
    assert env[EnvVar.GEMINI_SECRET_NAME.value] == f"{config.stack_name}/{config.gemini.secret_name}"
    assert container["LogConfiguration"]["Options"]["awslogs-group"] == {"Ref": "AnalyzeFramesLogGroup"}


def test_retries_host_terminations_only_and_times_out(dev_main):
    props = properties(dev_main, JOB_DEFINITION)
    assert props["RetryStrategy"] == {"Attempts": 3, "EvaluateOnExit": [
        {"OnStatusReason": "Host EC2*", "Action": "RETRY"}, {"OnReason": "*", "Action": "EXIT"}]}
    assert props["Timeout"] == {"AttemptDurationSeconds": config_with().analysis.batch_job_timeout_s}


def test_job_role_reads_inputs_and_writes_only_job_outputs(dev_main):
    statements = role_statements(dev_main, "AnalyzeFramesJobRole")
    assert set(statements) == {"ReadUpload", "ReadModels", "ListModels", "WriteResults", "UseDataKey"}
    assert statements["WriteResults"]["Action"] == ["s3:PutObject"]
    assert statements["WriteResults"]["Resource"] == [
        {"Fn::Sub": ["arn:${AWS::Partition}:s3:::${Bucket}/jobs/*", {"Bucket": {"Ref": "ResultsBucket"}}]}]
    assert statements["ReadUpload"]["Resource"] == [
        {"Fn::Sub": ["arn:${AWS::Partition}:s3:::${Bucket}/uploads/*", {"Bucket": {"Ref": "VideosBucket"}}]}]
    assert statements["ListModels"]["Condition"] == {"StringLike": {"s3:prefix": ["models/*"]}}


def test_gemini_backend_lets_the_job_read_its_key():
    statements = role_statements(main_template(**{"analysis.backend": "gemini"}), "AnalyzeFramesJobRole")
    assert statements["ReadGeminiKey"]["Action"] == ["secretsmanager:GetSecretValue"]
    assert "nutrition-video-dev/gemini-api-key-??????" in statements["ReadGeminiKey"]["Resource"][0]["Fn::Sub"]
