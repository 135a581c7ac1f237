"""Static check that a Lambda zip can be loaded by the runtime it is deployed on.

Two looks at the zip, neither of which runs anything:

- every ``*.dist-info/WHEEL`` must carry at least one ``Tag`` the runtime loads: a Python tag of
  ``cp3X-abi3`` (X <= the runtime's minor), ``cpXY-cpXY`` (the runtime's own), ``py3``/``py3X``
  with ABI ``none``, on platform ``any`` or ``manylinux`` for the architecture's machine with a glibc
  no newer than the runtime's (``manylinux1`` = 2.5, ``manylinux2010`` = 2.12, ``manylinux2014`` = 2.17);
- every ELF file (found by its magic bytes, whatever its name) must be built for the architecture's
  machine (``e_machine``), and the newest ``GLIBC_2.N`` symbol version it references must be no
  newer than the runtime's glibc. The versions are found by scanning the raw bytes for
  ``GLIBC_2.N`` strings rather than by parsing ``.gnu.version_r``: simple and dependency-free, at the
  price of also counting such a string that sits in read-only data (a false alarm, never a miss).

``libstdc++`` (``GLIBCXX_*``) versions are not checked; auditwheel's manylinux policies bound them.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from templates.lambda_runtime import ARCHITECTURE, LAMBDA_RUNTIME, LambdaRuntime

_ELF_MAGIC = b"\x7fELF"
#: ELF ``e_machine`` values (System V ABI) by ``platform.machine()`` name.
_ELF_MACHINES = {"x86_64": 62, "aarch64": 183, "i686": 3, "armv7l": 40, "ppc64le": 21, "s390x": 22, "riscv64": 243}
_GLIBC_VERSION = re.compile(rb"GLIBC_(\d+)\.(\d+)")
_LEGACY_MANYLINUX = {"1": (2, 5), "2010": (2, 12), "2014": (2, 17)}
_MANYLINUX = re.compile(r"manylinux(?:_(\d+)_(\d+)|(1|2010|2014))_(\w+)")
_PYTHON_TAG = re.compile(r"(cp|py)(\d)(\d*)")
HOW_TO_FIX = ("pin a version that ships a wheel for this runtime and architecture, or move the dependency out "
              "of the Lambda's dependency group")


@dataclass(frozen=True)
class Incompatibility:
    """One file in an artifact the runtime cannot load."""

    code: str
    """``WHEEL_TAG``, ``ELF_MACHINE`` or ``ELF_GLIBC``."""
    path: str
    """The offending file inside the zip."""
    needs: str
    """What the file needs: its wheel tags, its machine or its newest glibc."""
    supported: str
    """What the runtime and architecture provide."""

    @property
    def message(self) -> str:
        return f"{self.path}: needs {self.needs}, but {self.supported}; {HOW_TO_FIX}"


def supported_summary(runtime: LambdaRuntime, architecture: str) -> str:
    """What ``runtime`` on ``architecture`` loads, in words (used in every message)."""
    major, minor = runtime.python_version
    return (f"Lambda {runtime.name} ({runtime.operating_system}, glibc {runtime.glibc_text}, "
            f"{runtime.machine(architecture)}) loads cp{major}{minor}-cp{major}{minor}, "
            f"cp{major}x-abi3 (x <= {minor}) or py{major}-none wheels on platform any or manylinux "
            f"up to glibc {runtime.glibc_text}")


def _python_problem(interpreter: str, abi: str, runtime: LambdaRuntime) -> str | None:
    """Why CPython ``runtime.python_version`` cannot use the ``interpreter-abi`` part of a tag, or None."""
    major, minor = runtime.python_version
    own = f"cp{major}{minor}"
    match = _PYTHON_TAG.fullmatch(interpreter)
    if match and int(match[2]) == major:
        kind, tag_minor = match[1], int(match[3]) if match[3] else None
        if abi == "none" and (kind == "py" and (tag_minor is None or tag_minor <= minor) or interpreter == own):
            return None
        if abi == "abi3" and kind == "cp" and tag_minor is not None and tag_minor <= minor:
            return None
        if abi == own and interpreter == own:
            return None
    return f"Python {interpreter}-{abi}"


def _platform_problem(platform: str, abi: str, runtime: LambdaRuntime, machine: str) -> str | None:
    """Why ``runtime`` on ``machine`` cannot use a wheel built for ``platform``, or None."""
    if platform == "any":
        return None if abi == "none" else f"platform any with ABI {abi}"
    match = _MANYLINUX.fullmatch(platform)
    if not match:
        return f"platform {platform} (not manylinux)"
    glibc = _LEGACY_MANYLINUX[match[3]] if match[3] else (int(match[1]), int(match[2]))
    if match[4] != machine:
        return f"platform {platform} (machine {match[4]})"
    if glibc > runtime.glibc:
        return f"platform {platform} (glibc {glibc[0]}.{glibc[1]})"
    return None


def _wheel_problem(tags: list[str], runtime: LambdaRuntime, machine: str) -> str | None:
    """None when any of a wheel's ``tags`` loads; else what each tag needs."""
    problems = []
    for tag in tags:
        if tag.count("-") != 2:
            problems.append(f"{tag} [not interpreter-abi-platform]")
            continue
        interpreter, abi, platform = tag.split("-")
        reasons = [r for r in (_python_problem(interpreter, abi, runtime),
                               _platform_problem(platform, abi, runtime, machine)) if r]
        if not reasons:
            return None
        problems.append(f"{tag} [{'; '.join(reasons)}]")
    return ", ".join(problems) or "a Tag line (WHEEL has none)"


def _elf_problems(path: str, data: bytes, runtime: LambdaRuntime, machine: str,
                  supported: str) -> list[Incompatibility]:
    problems = []
    byteorder = "little" if data[5] == 1 else "big"
    e_machine = int.from_bytes(data[18:20], byteorder)
    if e_machine != _ELF_MACHINES[machine]:
        names = {number: name for name, number in _ELF_MACHINES.items()}
        problems.append(Incompatibility("ELF_MACHINE", path, f"machine {names.get(e_machine, e_machine)}", supported))
    versions = {(int(major), int(minor)) for major, minor in _GLIBC_VERSION.findall(data)}
    if versions and max(versions) > runtime.glibc:
        newest = max(versions)
        problems.append(Incompatibility("ELF_GLIBC", path, f"GLIBC_{newest[0]}.{newest[1]}", supported))
    return problems


def check_archive(archive: zipfile.ZipFile, runtime: LambdaRuntime = LAMBDA_RUNTIME,
                  architecture: str = ARCHITECTURE) -> list[Incompatibility]:
    """Every wheel and ELF file in ``archive`` that ``runtime`` on ``architecture`` cannot load."""
    machine = runtime.machine(architecture)
    supported = supported_summary(runtime, architecture)
    problems: list[Incompatibility] = []
    for name in sorted(archive.namelist()):
        if name.endswith("/"):
            continue
        if name.endswith(".dist-info/WHEEL"):
            text = archive.read(name).decode("utf-8", "replace")
            tags = [line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("Tag:")]
            if (needs := _wheel_problem(tags, runtime, machine)) is not None:
                problems.append(Incompatibility("WHEEL_TAG", name, needs, supported))
            continue
        with archive.open(name) as member:
            is_elf = member.read(4) == _ELF_MAGIC
        if is_elf:
            problems.extend(_elf_problems(name, archive.read(name), runtime, machine, supported))
    return problems


def check_artifact(zip_path: Path, runtime: LambdaRuntime = LAMBDA_RUNTIME,
                   architecture: str = ARCHITECTURE) -> list[Incompatibility]:
    """Every wheel and ELF file in the zip at ``zip_path`` that ``runtime`` on ``architecture`` cannot
    load; empty when the artifact is deployable."""
    with zipfile.ZipFile(zip_path) as archive:
        return check_archive(archive, runtime, architecture)
