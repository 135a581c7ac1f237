"""One embedded AWS per test module (or the one already running in this process)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from local_aws import EmbeddedAws


@pytest.fixture(scope="module")
def aws() -> Iterator[EmbeddedAws]:
    running = EmbeddedAws.current()
    if running is not None:
        yield running
        return
    with EmbeddedAws(port=0) as embedded:
        yield embedded
