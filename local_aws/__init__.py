"""The embedded AWS: moto's server plus the bridges that run handlers, jobs and state machines."""

from local_aws.server import EmbeddedAws, EmbeddedAwsError

__all__ = ["EmbeddedAws", "EmbeddedAwsError"]
