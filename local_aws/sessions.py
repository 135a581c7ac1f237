"""boto3 sessions made once per key and thread, for the commands and for the embedded AWS's clients.

A new boto3 session resolves credentials again and parses a service's model again for its first client
(about 0.25 s a client, most of it JSON). Sessions are not thread-safe, so each thread gets its own.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable

import boto3

from local_aws.bridges.settings import FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY

_SESSIONS: dict[tuple[Hashable, int], boto3.session.Session] = {}
_LOCK = threading.Lock()


def thread_session(key: Hashable, make: Callable[[], boto3.session.Session]) -> boto3.session.Session:
    """The calling thread's session for ``key`` (what the session depends on: region, profile,
    credentials), made by ``make()`` the first time."""
    slot = (key, threading.get_ident())
    with _LOCK:
        found = _SESSIONS.get(slot)
    if found is None:
        found = make()
        with _LOCK:
            found = _SESSIONS.setdefault(slot, found)
    return found


def embedded_session(region: str) -> boto3.session.Session:
    """The calling thread's session for the embedded AWS in ``region``: the fake credentials it accepts
    (moto checks none), never used against a real account."""
    return thread_session(("embedded", region), lambda: boto3.session.Session(
        aws_access_key_id=FAKE_ACCESS_KEY_ID, aws_secret_access_key=FAKE_SECRET_ACCESS_KEY, region_name=region))
