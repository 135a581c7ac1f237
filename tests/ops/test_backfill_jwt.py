"""``build.py backfill`` on a stack that signs people in (``auth.mode = "jwt"``), on the embedded AWS.

The backfill acts as the named service identity ``service:backfill``: its jobs carry that owner on the
job item and on the results version, no person's token sees them through the API (404, not listed),
and the command itself reads its jobs' status and results back with its own IAM identity (the jobs
table and the results bucket), which the API's sign-in does not gate. One video (the sample meal, the
``scene`` backend), so it stays quick.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

import build
from ops.demo import SAMPLE_VIDEO
from pipeline.auth import BACKFILL_OWNER
from pipeline.config import CONFIG_DIR, load_config
from pipeline.layout import S3Uri
from templates.names import MainOutput
from tests.ops.test_backfill import BACKFILL_TIMEOUT_S, SCENE_OVERRIDES, LocalStack, deployed_stack, video_list

PASSWORD = "Correct-Horse-9-Battery"
PERSON = "erin@example.com"

pytestmark = [pytest.mark.embedded, pytest.mark.slow]


@pytest.fixture(scope="module")
def stack() -> Iterator[LocalStack]:
    yield from deployed_stack({**SCENE_OVERRIDES, "auth.mode": "jwt"})


def _jwt_config_dir(folder: Path) -> Path:
    """``config/dev.toml`` with ``[auth] mode = "jwt"``: what ``build.py backfill --env dev`` reads."""
    folder.mkdir()
    settings = (CONFIG_DIR / "dev.toml").read_text()
    assert settings.count('\nmode = "none"') == 1  # the [auth] mode
    (folder / "dev.toml").write_text(settings.replace('\nmode = "none"', '\nmode = "jwt"'))
    return folder


def _persons_token(stack: LocalStack) -> str:
    idp = stack.client("cognito-idp")
    pool, client = stack.outputs[MainOutput.USER_POOL_ID.value], stack.outputs[MainOutput.USER_POOL_CLIENT_ID.value]
    idp.admin_create_user(UserPoolId=pool, Username=PERSON, MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool, Username=PERSON, Password=PASSWORD, Permanent=True)
    return idp.initiate_auth(ClientId=client, AuthFlow="USER_PASSWORD_AUTH",
                             AuthParameters={"USERNAME": PERSON, "PASSWORD": PASSWORD})["AuthenticationResult"]["AccessToken"]


def test_a_backfill_in_jwt_mode_runs_as_its_service_identity_and_reads_its_jobs_back(
        stack: LocalStack, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pipeline.config.CONFIG_DIR", _jwt_config_dir(tmp_path / "config"))
    assert load_config("dev").auth.mode == "jwt"
    videos = stack.outputs[MainOutput.VIDEOS_BUCKET_NAME.value]
    stack.client("s3").put_object(Bucket=videos, Key="uploads/signed/meal.mp4", Body=SAMPLE_VIDEO.read_bytes())

    code = build.main(["backfill", f"s3://{videos}/uploads/signed/", "--local", "--port", str(stack.port),
                       "--timeout", str(BACKFILL_TIMEOUT_S)])
    output = capsys.readouterr().err

    # read back with the command's own identity: status from the jobs table, kcal from results.json
    assert code == 0, output
    assert "1 videos, 1 completed, 0 failed" in output, output
    [video] = video_list(stack, output)
    job_id = video["job_id"]
    item = stack.client("dynamodb").get_item(
        TableName=stack.outputs[MainOutput.JOBS_TABLE_NAME.value], Key={"job_id": {"S": job_id}})["Item"]
    assert item["owner"]["S"] == BACKFILL_OWNER == "service:backfill"
    results_uri = S3Uri.parse(item["results_uri"]["S"])
    results = json.loads(stack.client("s3").get_object(Bucket=results_uri.bucket,
                                                              Key=results_uri.key)["Body"].read())
    assert results["owner"] == BACKFILL_OWNER and results["totals"]["kcal"] > 0
    assert f" {results['totals']['kcal']:.0f} " in output  # the summary's kcal is the results' own

    # no person's token reaches the service's job through the API
    api, token = stack.outputs["ApiUrl"], {"Authorization": f"Bearer {_persons_token(stack)}"}
    answer = requests.get(f"{api}/jobs/{job_id}", headers=token, timeout=60)
    assert (answer.status_code, answer.json()["code"]) == (404, "NOT_FOUND")
    assert requests.get(f"{api}/jobs", headers=token, timeout=60).json()["jobs"] == []
    assert requests.get(f"{api}/jobs/{job_id}", timeout=60).status_code == 401  # and none without a token
