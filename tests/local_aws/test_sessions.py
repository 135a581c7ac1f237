"""Sessions are made once per key and thread: reused for every client of a command, never shared across threads."""

from __future__ import annotations

import threading

import boto3

from local_aws.sessions import thread_session
from ops.aws import Target


def _make() -> boto3.session.Session:
    return boto3.session.Session(region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b")


def test_one_thread_reuses_its_session_and_another_thread_gets_its_own() -> None:
    mine = thread_session("test-key", _make)
    assert thread_session("test-key", _make) is mine
    assert thread_session("other-key", _make) is not mine
    theirs: list[boto3.session.Session] = []
    worker = threading.Thread(target=lambda: theirs.append(thread_session("test-key", _make)))
    worker.start()
    worker.join()
    assert theirs and theirs[0] is not mine


def test_targets_share_a_session_only_when_region_profile_and_place_agree() -> None:
    local = Target(region="us-east-1", endpoint_url="http://127.0.0.1:1")
    assert Target(region="us-east-1", endpoint_url="http://127.0.0.1:2").session() is local.session()
    assert Target(region="eu-west-1", endpoint_url="http://127.0.0.1:1").session() is not local.session()
    assert Target(region="eu-west-1", endpoint_url="http://127.0.0.1:1").session().region_name == "eu-west-1"
    assert Target(region="us-east-1").session() is not local.session()


def test_commands_and_the_embedded_aws_use_one_session_with_the_fake_credentials() -> None:
    from local_aws.server import EmbeddedAws

    target = Target(region="us-east-1", endpoint_url="http://127.0.0.1:1")
    assert EmbeddedAws(region="us-east-1").session() is target.session()
    assert target.session().get_credentials().access_key == "testing"
