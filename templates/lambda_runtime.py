"""The one definition of the Lambda runtime our functions run on, and what it can load.

``templates.functions`` sets each function's ``Runtime`` and ``Architectures`` from here, and
``ops.artifacts`` installs and checks the wheels of every artifact against the same facts, so a
zip that the template deploys is one the runtime can import.

Why python3.12: the python3.11 runtime runs on Amazon Linux 2 (glibc 2.26), which cannot load the
``manylinux_2_28`` wheels of PyAV 18 and numpy 2.4; python3.12 runs on Amazon Linux 2023
(glibc 2.34), is inside the project's ``requires-python`` and is supported for longer.
Why arm64: every runtime dependency group (av, numpy, tokenizers, pydantic-core) ships manylinux
aarch64 wheels, and arm64 Lambda costs less per GB-second.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping


@dataclass(frozen=True)
class LambdaRuntime:
    """A managed Lambda runtime: its name, Python, operating system and C library."""

    name: str
    """The CloudFormation ``Runtime`` value, e.g. ``python3.12``."""
    python_version: tuple[int, int]
    """(major, minor) of the runtime's CPython."""
    operating_system: str
    glibc: tuple[int, int]
    """(major, minor) of the runtime's glibc: the newest ``manylinux_2_N`` / ``GLIBC_2.N`` it can load."""
    machines: Mapping[str, str] = field(default_factory=dict)
    """Lambda architecture -> machine name used by wheel tags and ``platform.machine()``."""

    @property
    def python(self) -> str:
        """The Python version as pip's ``--python-version`` wants it, e.g. ``3.12``."""
        return f"{self.python_version[0]}.{self.python_version[1]}"

    @property
    def glibc_text(self) -> str:
        return f"{self.glibc[0]}.{self.glibc[1]}"

    def machine(self, architecture: str) -> str:
        """The machine name (``aarch64``, ``x86_64``) of a Lambda architecture (``arm64``, ``x86_64``)."""
        if architecture not in self.machines:
            raise ValueError(f"Lambda architecture {architecture!r} is not one of {sorted(self.machines)}")
        return self.machines[architecture]

    def architecture_of(self, machine: str) -> str:
        """The Lambda architecture that runs on ``machine`` (a ``platform.machine()`` value)."""
        for architecture, name in self.machines.items():
            if name == machine:
                return architecture
        raise ValueError(f"machine {machine!r} is no Lambda architecture; Lambda runs {dict(self.machines)}")


LAMBDA_RUNTIME = LambdaRuntime(
    name="python3.12",
    python_version=(3, 12),
    operating_system="Amazon Linux 2023",
    glibc=(2, 34),
    machines=MappingProxyType({"arm64": "aarch64", "x86_64": "x86_64"}),
)
RUNTIME = LAMBDA_RUNTIME.name
"""The ``Runtime`` of every function."""
ARCHITECTURE = "arm64"
"""The ``Architectures`` entry of every function, and the architecture artifacts are built for."""
