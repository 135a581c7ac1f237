"""Configuration: defaults match the design, bad values fail naming key, value and what is allowed."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import ConfigError, config_from_mapping, load_config


def test_dev_config_has_the_terraform_defaults():
    config = load_config("dev")
    assert config.stack_name == "nutrition-video-dev"
    assert (config.functions.upload.memory_mb, config.functions.upload.timeout_s) == (512, 25)
    assert (config.functions.status.memory_mb, config.functions.status.timeout_s) == (256, 10)
    assert (config.functions.results.memory_mb, config.functions.results.timeout_s) == (512, 25)
    assert (config.functions.nutrition.memory_mb, config.functions.nutrition.timeout_s) == (1769, 300)
    assert config.enable_spot_instances and config.enable_encryption


def test_prod_config_turns_on_protection():
    config = load_config("prod")
    assert config.auth.mode == "jwt" and config.auth.uses_own_user_pool and config.enable_waf
    assert config.stack_name == "nutrition-video-prod"


def test_overrides_win_over_the_file():
    assert load_config("dev", overrides={"region": "eu-west-1"}).region == "eu-west-1"


@pytest.mark.parametrize(
    ("key", "value", "fragment"),
    [
        ("region", "mars-1", "AWS region"),
        ("max_vcpus", 0, "greater than or equal to 1"),
        ("gpu_instance_types", ["m5.large"], "g4dn"),
        ("dynamodb_billing_mode", "ON_DEMAND", "PAY_PER_REQUEST"),
        ("notification_email", "not-an-email", "e-mail"),
        ("cors_origins", ["https://app.example.com/path"], "no path"),
        ("project_name", "Bad Name", "lower-case"),
    ],
)
def test_bad_values_name_key_value_and_allowed(key, value, fragment):
    with pytest.raises(ConfigError) as caught:
        config_from_mapping({key: value}, source="test.toml")
    message = str(caught.value)
    assert key in message and repr(value) in message and fragment in message


def test_unknown_keys_are_rejected():
    with pytest.raises(ConfigError, match="unknown setting"):
        config_from_mapping({"max_vpcus": 4})


def test_nested_function_settings_are_validated():
    with pytest.raises(ConfigError, match="functions.nutrition.memory_mb"):
        config_from_mapping({"functions": {"nutrition": {"memory_mb": 64, "timeout_s": 10}}})


def test_api_functions_must_finish_before_api_gateway_gives_up():
    """API Gateway ends an integration after 29 s; a function allowed longer would keep running after
    the caller got 504."""
    with pytest.raises(ConfigError) as raised:
        config_from_mapping({"functions": {"upload": {"memory_mb": 512, "timeout_s": 30}}})
    assert "functions.upload.timeout_s (30)" in str(raised.value) and "29 s" in str(raised.value)
    assert config_from_mapping({"functions": {"upload": {"memory_mb": 512, "timeout_s": 28}}})
    with pytest.raises(ConfigError) as raised:  # the corrections route loads the knowledge base: the same limit
        config_from_mapping({"functions": {"corrections": {"memory_mb": 2048, "timeout_s": 29}}})
    assert "functions.corrections.timeout_s (29)" in str(raised.value)


def test_capacity_wait_is_at_least_what_batch_accepts():
    with pytest.raises(ConfigError, match="analysis.capacity_wait_s"):
        config_from_mapping({"analysis": {"capacity_wait_s": 300}})


def test_missing_environment_lists_the_available_ones(tmp_path: Path):
    (tmp_path / "staging.toml").write_text('environment = "staging"\n')
    with pytest.raises(ConfigError, match="staging"):
        load_config("qa", config_dir=tmp_path)


def test_invalid_toml_is_a_config_error(tmp_path: Path):
    (tmp_path / "dev.toml").write_text("region = \n")
    with pytest.raises(ConfigError, match="valid TOML"):
        load_config("dev", config_dir=tmp_path)


def test_auth_modes_and_their_mistakes():
    assert load_config("dev").auth.mode == "none" and not load_config("dev").enable_api_key
    assert load_config("dev", overrides={"auth.mode": "jwt"}).auth.uses_own_user_pool
    with pytest.raises(ConfigError, match="auth.mode"):
        load_config("dev", overrides={"auth.mode": "cookie"})
    with pytest.raises(ConfigError, match="go together"):
        load_config("dev", overrides={"auth.mode": "jwt", "auth.issuer_url": "https://id.example.com"})
    issuer = {"auth.mode": "jwt", "auth.issuer_url": "https://id.example.com/tenant/", "auth.audience": "meals",
              "auth.required_scope": "meals/jobs"}
    auth = load_config("dev", overrides=issuer).auth
    assert auth.uses_oidc_issuer and not auth.uses_own_user_pool and auth.issuer_url == "https://id.example.com/tenant"
    assert auth.authorizer_cache_s == 300
    assert load_config("dev", overrides={**issuer, "auth.issuer_url": "http://127.0.0.1:8080/t"}).auth.uses_oidc_issuer
    with pytest.raises(ConfigError, match="https://"):
        load_config("dev", overrides={**issuer, "auth.issuer_url": "http://id.example.com"})
    with pytest.raises(ConfigError, match="Cognito puts in its own tokens"):
        load_config("dev", overrides={**issuer, "auth.required_scope": "aws.cognito.signin.user.admin"})
    with pytest.raises(ConfigError, match="set mode = \"jwt\""):
        load_config("dev", overrides={**issuer, "auth.mode": "api_key"})
    with pytest.raises(ConfigError, match="authorizer_cache_s"):
        load_config("dev", overrides={**issuer, "auth.authorizer_cache_s": 3601})


def test_analyses_at_once_and_at_most_count_the_deployed_compute_environments():
    """max_vcpus is each compute environment's ceiling: with spot a path has two (spot, on-demand), a
    job starts on the spot one and waits there while it is full, and moves on-demand only after a spot
    shortage. So jobs start at once up to one environment's worth (backfill's default) and may run at
    once up to every environment's (nutrition_rag's reserved concurrency)."""
    dev = load_config("dev")  # auto, spot, max_vcpus 16: Fargate 2-vCPU tasks, GPU 4-vCPU jobs
    assert [(path.name, path.environments, path.jobs_per_environment) for path in dev.compute_paths] == [
        ("fargate", 2, 8), ("gpu", 2, 4)]
    assert dev.analyses_at_once == 4 and dev.backfill_max_concurrency == 4
    assert dev.analyses_at_most == 8 + 8 + 4 + 4
    assert [path.vcpus_at_most for path in dev.compute_paths] == [32, 32]
    no_spot = load_config("dev", overrides={"enable_spot_instances": False})
    assert no_spot.analyses_at_once == 4 and no_spot.analyses_at_most == 8 + 4
    fargate = load_config("dev", overrides={"analysis.compute": "fargate", "max_vcpus": 3})
    assert fargate.analyses_at_once == 1 and fargate.analyses_at_most == 2  # 3 // 2 tasks, on Fargate Spot and on-demand
    with pytest.raises(ConfigError, match=r"analysis.fargate_vcpus \(4\) exceeds max_vcpus \(3\)"):
        load_config("dev", overrides={"analysis.compute": "fargate", "max_vcpus": 3, "analysis.fargate_vcpus": 4,
                                      "analysis.fargate_memory_mib": 8192})
