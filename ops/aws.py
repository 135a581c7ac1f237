"""boto3 sessions for a real account or the embedded AWS, with errors a person can act on."""

from __future__ import annotations

import socket
from dataclasses import dataclass

import boto3
import botocore.exceptions

from local_aws.sessions import embedded_session, thread_session


class AwsAccessError(RuntimeError):
    """No usable credentials, or the account refused a call; the message says what to do."""


@dataclass(frozen=True)
class Target:
    """Where commands act: a real region (optionally a named profile) or the embedded AWS."""

    region: str
    profile: str | None = None
    endpoint_url: str | None = None

    @property
    def is_local(self) -> bool:
        return self.endpoint_url is not None

    def session(self) -> boto3.session.Session:
        """This target's session for the calling thread, made once (``build.py doctor`` alone makes some 13
        clients: :mod:`local_aws.sessions`)."""
        if self.is_local:
            return embedded_session(self.region)
        return thread_session((self.region, self.profile), self._new_session)

    def _new_session(self) -> boto3.session.Session:
        try:
            return boto3.session.Session(profile_name=self.profile, region_name=self.region)
        except botocore.exceptions.ProfileNotFound as error:
            raise AwsAccessError(f"AWS profile {self.profile!r} not found: {error}. Check ~/.aws/config.") from None

    def client(self, service: str):
        return self.session().client(service, endpoint_url=self.endpoint_url)

    def check_credentials(self) -> str:
        """The account id, or :class:`AwsAccessError` explaining how to configure credentials."""
        try:
            return self.client("sts").get_caller_identity()["Account"]
        except botocore.exceptions.NoCredentialsError:
            raise AwsAccessError(
                "no AWS credentials found. Configure them (`aws configure`, AWS_PROFILE or --profile), "
                "or target the embedded AWS with --local."
            ) from None
        except botocore.exceptions.ClientError as error:
            raise AwsAccessError(f"AWS refused the credentials: {error}") from None
        except botocore.exceptions.EndpointConnectionError as error:
            hint = " Is `python build.py local up` running?" if self.is_local else ""
            raise AwsAccessError(f"cannot reach AWS: {error}.{hint}") from None


def local_target(region: str, port: int) -> Target:
    """The embedded AWS served on 127.0.0.1:``port``."""
    return Target(region=region, endpoint_url=f"http://127.0.0.1:{port}")


def listening(port: int, host: str = "127.0.0.1") -> bool:
    """Whether something accepts connections on ``host:port``."""
    if port <= 0:
        return False
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        return probe.connect_ex((host, port)) == 0
