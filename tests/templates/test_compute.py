"""Batch: a spot queue handing over to an on-demand queue, GPU job definition, retries only host
failures, in-place updates under the service-linked role, a host model cache, IMDS closed to jobs."""

from __future__ import annotations

import json

import pytest

from pipeline.environment import EnvVar
from pipeline.runtime_settings import TASK_INPUTS, AnalysisTaskEnvironment, read_settings
from templates.compute_fargate import (
    CPU_JOB_DEFINITION, CPU_JOB_QUEUE, CPU_ON_DEMAND_JOB_QUEUE, FARGATE_ENVIRONMENT, FARGATE_SPOT_ENVIRONMENT,
)
from templates.compute_gpu import (
    CONTAINER_MODELS_CACHE, CONTAINER_USER_ID, HOST_MODELS_CACHE, JOB_DEFINITION, JOB_QUEUE, LAUNCH_TEMPLATE,
    ON_DEMAND_ENVIRONMENT, ON_DEMAND_JOB_QUEUE, ROOT_VOLUME_GIB, SPOT_ENVIRONMENT,
)
from tests.templates.conftest import config_with, main_template, properties, role_statements


def test_spot_and_on_demand_each_have_a_queue_that_cancels_jobs_stuck_for_capacity(dev_main):
    """Batch only moves to a queue's next environment at its vCPU ceiling, never when spot has no
    capacity; so each has its own queue, and the state machine moves a cancelled job on."""
    assert properties(dev_main, JOB_QUEUE)["ComputeEnvironmentOrder"] == [
        {"ComputeEnvironment": {"Ref": SPOT_ENVIRONMENT}, "Order": 1}]
    assert properties(dev_main, ON_DEMAND_JOB_QUEUE)["ComputeEnvironmentOrder"] == [
        {"ComputeEnvironment": {"Ref": ON_DEMAND_ENVIRONMENT}, "Order": 1}]
    wait = config_with().analysis.capacity_wait_s
    for queue in (JOB_QUEUE, ON_DEMAND_JOB_QUEUE):
        actions = properties(dev_main, queue)["JobStateTimeLimitActions"]
        assert {action["Reason"] for action in actions} == {
            "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY", "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE",
            "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT"}
        assert all((a["Action"], a["State"], a["MaxTimeSeconds"]) == ("CANCEL", "RUNNABLE", wait) for a in actions)
    assert 600 <= wait < config_with().analysis.queue_task_timeout_s  # Batch's minimum; before the task times out
    spot = properties(dev_main, SPOT_ENVIRONMENT)["ComputeResources"]
    on_demand = properties(dev_main, ON_DEMAND_ENVIRONMENT)["ComputeResources"]
    assert (spot["Type"], spot["AllocationStrategy"]) == ("SPOT", "SPOT_PRICE_CAPACITY_OPTIMIZED")
    assert on_demand["Type"] == "EC2"
    for resources in (spot, on_demand):
        assert resources["MinvCpus"] == 0 and resources["MaxvCpus"] == config_with().max_vcpus
        assert resources["InstanceTypes"] == list(config_with().gpu_instance_types)
        assert resources["Ec2Configuration"] == [{"ImageType": "ECS_AL2023_NVIDIA"}]
        assert resources["LaunchTemplate"]["LaunchTemplateId"] == {"Ref": LAUNCH_TEMPLATE}
        assert resources["Subnets"] == [{"Ref": "PublicSubnet1"}, {"Ref": "PublicSubnet2"}]  # dev: public-egress
        assert resources["UpdateToLatestImageVersion"] is True


def test_compute_environments_update_in_place_under_the_service_linked_role(dev_main):
    for environment in (SPOT_ENVIRONMENT, ON_DEMAND_ENVIRONMENT):
        body = dev_main["Resources"][environment]
        assert "ServiceRole" not in body["Properties"] and "BatchServiceRole" not in dev_main["Resources"]
        assert body["Properties"]["ReplaceComputeEnvironment"] is False
        # a property of this type (troposphere would file it as the resource attribute)
        assert body["Properties"]["UpdatePolicy"] == {"JobExecutionTimeoutMinutes": 30, "TerminateJobsOnUpdate": False}
        assert "UpdatePolicy" not in body


def test_spot_off_leaves_only_on_demand():
    template = main_template(enable_spot_instances=False)
    assert SPOT_ENVIRONMENT not in template["Resources"] and ON_DEMAND_JOB_QUEUE not in template["Resources"]
    assert properties(template, JOB_QUEUE)["ComputeEnvironmentOrder"] == [
        {"ComputeEnvironment": {"Ref": ON_DEMAND_ENVIRONMENT}, "Order": 1}]
    assert properties(template, JOB_QUEUE)["JobStateTimeLimitActions"]


def test_max_vcpus_and_instance_types_follow_the_config():
    template = main_template(max_vcpus=64, gpu_instance_types=("g5.2xlarge",))
    resources = properties(template, ON_DEMAND_ENVIRONMENT)["ComputeResources"]
    assert resources["MaxvCpus"] == 64 and resources["InstanceTypes"] == ["g5.2xlarge"]


def test_launch_template_requires_imdsv2_and_encrypts_the_root_volume(dev_main):
    data = properties(dev_main, LAUNCH_TEMPLATE)["LaunchTemplateData"]
    assert data["MetadataOptions"]["HttpTokens"] == "required"
    # one hop: the host answers, a job container (which decodes untrusted uploads) does not
    assert data["MetadataOptions"]["HttpPutResponseHopLimit"] == 1
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
    # every variable of the task's settings model but the per-job ones the state machine sets
    assert set(env) == set(AnalysisTaskEnvironment.env_names()) - {name.value for name in TASK_INPUTS}
    assert container["LogConfiguration"]["Options"]["awslogs-group"] == {"Ref": "AnalyzeFramesLogGroup"}


def test_the_task_reads_the_configured_upload_limits():
    """The task probes the video again: with the config's limits, as validate_upload did, not the defaults."""
    changed = {"max_upload_mb": 120, "max_video_seconds": 90, "max_video_pixels": 1920 * 1080}
    container = properties(main_template(**changed), JOB_DEFINITION)["ContainerProperties"]
    written = {item["Name"]: item["Value"] for item in container["Environment"] if isinstance(item["Value"], str)}
    settings = read_settings(AnalysisTaskEnvironment, written)
    assert (settings.max_upload_mb, settings.max_video_seconds, settings.max_video_pixels) == (120, 90, 1920 * 1080)


def test_model_weights_are_cached_on_the_host_between_jobs(dev_main):
    container = properties(dev_main, JOB_DEFINITION)["ContainerProperties"]
    assert container["Volumes"] == [{"Name": "models-cache", "Host": {"SourcePath": HOST_MODELS_CACHE}}]
    assert container["MountPoints"] == [
        {"SourceVolume": "models-cache", "ContainerPath": CONTAINER_MODELS_CACHE, "ReadOnly": False}]
    env = {item["Name"]: item["Value"] for item in container["Environment"]}
    assert env[EnvVar.MODELS_CACHE_DIR.value] == CONTAINER_MODELS_CACHE
    assert env[EnvVar.AWS_REGION.value] == {"Ref": "AWS::Region"}
    # the host folder exists and the image's user may write it before any job starts (Batch wants MIME)
    text = properties(dev_main, LAUNCH_TEMPLATE)["LaunchTemplateData"]["UserData"]["Fn::Base64"]
    assert text.startswith("MIME-Version: 1.0") and 'Content-Type: multipart/mixed; boundary="' in text
    assert f"mkdir -p {HOST_MODELS_CACHE}" in text
    assert f"chown {CONTAINER_USER_ID}:{CONTAINER_USER_ID} {HOST_MODELS_CACHE}" in text


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


def test_fargate_path_runs_the_same_task_on_arm64_cpus(dev_main):
    analysis = config_with().analysis
    environment = properties(dev_main, FARGATE_ENVIRONMENT)
    assert environment["ComputeResources"]["Type"] == "FARGATE" and "ServiceRole" not in environment
    definition = properties(dev_main, CPU_JOB_DEFINITION)
    assert definition["PlatformCapabilities"] == ["FARGATE"]
    container = definition["ContainerProperties"]
    gpu = properties(dev_main, JOB_DEFINITION)["ContainerProperties"]
    assert container["Command"] == gpu["Command"] == ["python", "-m", "gpu_tasks.analyze"]
    assert container["Image"] == {"Ref": "CpuImageUri"}
    assert {r["Type"]: r["Value"] for r in container["ResourceRequirements"]} == {
        "VCPU": str(analysis.fargate_vcpus), "MEMORY": str(analysis.fargate_memory_mib)}
    assert container["RuntimePlatform"] == {"CpuArchitecture": "ARM64", "OperatingSystemFamily": "LINUX"}
    environment_names = {item["Name"] for item in container["Environment"]}
    assert environment_names == {item["Name"] for item in gpu["Environment"]} - {EnvVar.MODELS_CACHE_DIR.value}
    assert container["JobRoleArn"] == gpu["JobRoleArn"] and container["ExecutionRoleArn"] == gpu["ExecutionRoleArn"]


def test_fargate_spot_and_on_demand_fargate_have_a_queue_each(dev_main):
    """Spot on (dev and prod): as on the GPU path, a job goes to the Fargate Spot queue and moves to the
    on-demand Fargate queue when the spot queue's capacity time limit cancels it (AWS does not document
    that a Fargate Spot shortage alone moves a job to a queue's next environment); both keep the limits."""
    assert properties(dev_main, CPU_JOB_QUEUE)["ComputeEnvironmentOrder"] == [
        {"ComputeEnvironment": {"Ref": FARGATE_SPOT_ENVIRONMENT}, "Order": 1}]
    assert properties(dev_main, CPU_ON_DEMAND_JOB_QUEUE)["ComputeEnvironmentOrder"] == [
        {"ComputeEnvironment": {"Ref": FARGATE_ENVIRONMENT}, "Order": 1}]
    spot, on_demand = (properties(dev_main, name)["ComputeResources"]
                       for name in (FARGATE_SPOT_ENVIRONMENT, FARGATE_ENVIRONMENT))
    assert (spot["Type"], on_demand["Type"]) == ("FARGATE_SPOT", "FARGATE")
    assert {key: value for key, value in spot.items() if key != "Type"} == \
        {key: value for key, value in on_demand.items() if key != "Type"}  # same subnets, group and ceiling
    for queue in (CPU_JOB_QUEUE, CPU_ON_DEMAND_JOB_QUEUE):
        assert properties(dev_main, queue)["JobStateTimeLimitActions"] == \
            properties(dev_main, JOB_QUEUE)["JobStateTimeLimitActions"]


def test_a_fargate_spot_interruption_is_retried_and_other_failures_are_not(dev_main):
    props = properties(dev_main, CPU_JOB_DEFINITION)
    assert props["RetryStrategy"] == {"Attempts": 3, "EvaluateOnExit": [
        {"OnStatusReason": "Your Spot Task was interrupted*", "Action": "RETRY"}, {"OnReason": "*", "Action": "EXIT"}]}
    assert props["Timeout"] == {"AttemptDurationSeconds": config_with().analysis.batch_job_timeout_s}


def test_spot_off_leaves_fargate_on_demand_only_and_nothing_to_retry():
    template = main_template(enable_spot_instances=False)
    assert FARGATE_SPOT_ENVIRONMENT not in template["Resources"] and CPU_ON_DEMAND_JOB_QUEUE not in template["Resources"]
    assert properties(template, CPU_JOB_QUEUE)["ComputeEnvironmentOrder"] == [
        {"ComputeEnvironment": {"Ref": FARGATE_ENVIRONMENT}, "Order": 1}]
    assert properties(template, CPU_JOB_DEFINITION)["RetryStrategy"]["EvaluateOnExit"] == [
        {"OnReason": "*", "Action": "EXIT"}]


def test_execution_role_pulls_both_images(dev_main):
    (pull,) = [s for s in role_statements(dev_main, "AnalyzeFramesExecutionRole").values() if s["Sid"] == "PullImage"]
    assert [r["Fn::Sub"].rsplit("/", 2)[-2:] for r in pull["Resource"]] == [
        ["nutrition-video-dev", "gpu-tasks"], ["nutrition-video-dev", "cpu-tasks"]]


def test_each_compute_mode_deploys_only_its_paths():
    gpu_only = main_template(**{"analysis.compute": "gpu"})
    assert FARGATE_ENVIRONMENT not in gpu_only["Resources"] and "CpuImageUri" not in gpu_only["Parameters"]
    assert JOB_QUEUE in gpu_only["Resources"] and "GpuImageUri" in gpu_only["Parameters"]
    fargate_only = main_template(**{"analysis.compute": "fargate"})
    assert not [name for name in fargate_only["Resources"] if name.startswith("Gpu")]
    assert LAUNCH_TEMPLATE not in fargate_only["Resources"] and "GpuImageUri" not in fargate_only["Parameters"]
    assert CPU_JOB_QUEUE in fargate_only["Resources"]


def test_warm_pool_keeps_min_vcpus_in_the_first_gpu_environment_only():
    with_spot = main_template(min_vcpus=4)
    assert properties(with_spot, SPOT_ENVIRONMENT)["ComputeResources"]["MinvCpus"] == 4
    assert properties(with_spot, ON_DEMAND_ENVIRONMENT)["ComputeResources"]["MinvCpus"] == 0
    on_demand_only = main_template(min_vcpus=4, enable_spot_instances=False)
    assert properties(on_demand_only, ON_DEMAND_ENVIRONMENT)["ComputeResources"]["MinvCpus"] == 4


def test_warm_pool_is_refused_beyond_max_vcpus_or_without_a_gpu_path():
    with pytest.raises(ValueError, match="min_vcpus"):
        config_with(min_vcpus=32, max_vcpus=16)
    with pytest.raises(ValueError, match="min_vcpus"):
        config_with(min_vcpus=4, **{"analysis.compute": "fargate"})
