"""Lambda artifacts against the runtime they run on (``templates.lambda_runtime``).

Fast: the static check on hand-made zips (wheel tags, ELF machine, glibc) and the refusal in
``build_artifact``. Slow: every catalogue artifact built as the deploy builds it, and every handler
imported from the built zips by a CPython of the runtime's version, isolated from this environment.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ops import artifacts
from ops.artifact_check import check_artifact
from ops.artifacts import (
    PROVIDED_BY_RUNTIME, REPO_ROOT, ArtifactError, build_artifact, canonical_name, remove_provided_distributions,
    runtime_platforms,
)
from templates.catalogue import ARTIFACTS, FUNCTIONS
from templates.lambda_runtime import ARCHITECTURE, LAMBDA_RUNTIME
from tests.events import load_event

AARCH64, X86_64 = 183, 62


def _elf(machine: int, *glibc: str) -> bytes:
    """A 64-bit little-endian ELF header for ``machine`` followed by ``GLIBC_x.y`` version strings."""
    header = b"\x7fELF\x02\x01\x01" + bytes(11) + machine.to_bytes(2, "little") + bytes(44)
    return header + b"\0".join(f"GLIBC_{version}".encode() for version in glibc) + b"\0"


def _wheel(*tags: str) -> bytes:
    return ("Wheel-Version: 1.0\nRoot-Is-Purelib: false\n" + "".join(f"Tag: {tag}\n" for tag in tags)).encode()


def _zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def _problems(tmp_path: Path, files: dict[str, bytes], architecture: str = "arm64") -> dict[str, tuple[str, str]]:
    problems = check_artifact(_zip(tmp_path / "artifact.zip", files), LAMBDA_RUNTIME, architecture)
    return {problem.path: (problem.code, problem.needs) for problem in problems}


def test_the_deployed_runtime_is_python312_on_amazon_linux_2023_arm64():
    assert (LAMBDA_RUNTIME.name, LAMBDA_RUNTIME.python, LAMBDA_RUNTIME.glibc) == ("python3.12", "3.12", (2, 34))
    assert (ARCHITECTURE, LAMBDA_RUNTIME.machine("arm64"), LAMBDA_RUNTIME.architecture_of("x86_64")) == (
        "arm64", "aarch64", "x86_64")
    with pytest.raises(ValueError, match="armv7l"):
        LAMBDA_RUNTIME.architecture_of("armv7l")


def test_pip_platforms_cover_every_manylinux_up_to_the_runtime_glibc():
    platforms = runtime_platforms(LAMBDA_RUNTIME, "arm64")
    assert platforms[0] == "manylinux_2_34_aarch64" and platforms[-1] == "manylinux2014_aarch64"
    assert {"manylinux_2_17_aarch64", "manylinux_2_27_aarch64", "manylinux_2_28_aarch64"} <= set(platforms)
    assert not any(p.startswith(("manylinux_2_35", "manylinux_2_16")) or "x86_64" in p for p in platforms)


def test_loadable_wheels_and_libraries_pass(tmp_path):
    assert _problems(tmp_path, {
        "six-1.dist-info/WHEEL": _wheel("py2-none-any", "py3-none-any"),
        "av-18.dist-info/WHEEL": _wheel("cp311-abi3-manylinux_2_28_aarch64"),
        "numpy-2.dist-info/WHEEL": _wheel("cp312-cp312-manylinux_2_27_aarch64", "cp312-cp312-manylinux_2_28_aarch64"),
        "old-1.dist-info/WHEEL": _wheel("cp312-cp312-manylinux2014_aarch64"),
        "crypto-1.dist-info/WHEEL": _wheel("cp311-abi3-manylinux_2_34_aarch64"),
        "av.libs/libavcodec.so.61": _elf(AARCH64, "2.17", "2.28", "2.34"),
        "pkg/_native.cpython-312-aarch64-linux-gnu.so": _elf(AARCH64, "2.17"),
        "pkg/data.txt": b"GLIBC_2.99 in a text file is not a library",
    }) == {}


@pytest.mark.parametrize(("name", "files", "needs"), [
    ("newer glibc wheel", {"new-1.dist-info/WHEEL": _wheel("cp312-cp312-manylinux_2_35_aarch64")}, "glibc 2.35"),
    ("python 3.13 wheel", {"new-1.dist-info/WHEEL": _wheel("cp313-cp313-manylinux_2_17_aarch64")}, "cp313-cp313"),
    ("abi3 from the future", {"new-1.dist-info/WHEEL": _wheel("cp313-abi3-manylinux_2_17_aarch64")}, "cp313-abi3"),
    ("x86_64 wheel on arm64", {"new-1.dist-info/WHEEL": _wheel("cp312-cp312-manylinux_2_17_x86_64")}, "machine x86_64"),
    ("musl wheel", {"new-1.dist-info/WHEEL": _wheel("cp312-cp312-musllinux_1_2_aarch64")}, "not manylinux"),
    ("wheel without tags", {"new-1.dist-info/WHEEL": _wheel()}, "Tag line"),
    ("malformed tag", {"new-1.dist-info/WHEEL": _wheel("py3-none")}, "not interpreter-abi-platform"),
])
def test_unloadable_wheels_are_reported_with_their_file_and_tag(tmp_path, name, files, needs):
    problems = _problems(tmp_path, files)
    assert list(problems) == ["new-1.dist-info/WHEEL"], name
    assert problems["new-1.dist-info/WHEEL"][0] == "WHEEL_TAG" and needs in problems["new-1.dist-info/WHEEL"][1]


def test_libraries_needing_a_newer_glibc_or_another_machine_are_reported(tmp_path):
    problems = _problems(tmp_path, {
        "pkg.libs/libnew.so.1": _elf(AARCH64, "2.17", "2.38"),
        "pkg/_native.abi3.so": _elf(X86_64, "2.17"),
    })
    assert problems == {"pkg.libs/libnew.so.1": ("ELF_GLIBC", "GLIBC_2.38"),
                        "pkg/_native.abi3.so": ("ELF_MACHINE", "machine x86_64")}


def test_message_says_what_which_file_what_is_supported_and_how_to_fix(tmp_path):
    zip_path = _zip(tmp_path / "a.zip", {"new-1.dist-info/WHEEL": _wheel("cp312-cp312-manylinux_2_35_aarch64")})
    (problem,) = check_artifact(zip_path)
    assert problem.message.startswith("new-1.dist-info/WHEEL: needs cp312-cp312-manylinux_2_35_aarch64")
    assert "python3.12 (Amazon Linux 2023, glibc 2.34, aarch64)" in problem.message
    assert "pin a version" in problem.message


def test_build_refuses_dependencies_the_runtime_cannot_load(tmp_path, monkeypatch):
    deps = tmp_path / "deps"
    (deps / "new-1.dist-info").mkdir(parents=True)
    (deps / "new-1.dist-info" / "WHEEL").write_bytes(_wheel("cp312-cp312-manylinux_2_35_aarch64"))
    (deps / "new").mkdir()
    (deps / "new" / "_native.so").write_bytes(_elf(AARCH64, "2.38"))
    monkeypatch.setattr(artifacts, "_install_dependencies", lambda group, architecture, runtime: deps)
    with pytest.raises(ArtifactError) as refused:
        build_artifact("api", ("lambdas/__init__.py",), "runtime-api", out_dir=tmp_path / "out")
    message = str(refused.value)
    assert "'api' (runtime-api) cannot run on Lambda python3.12 arm64" in message
    assert "new-1.dist-info/WHEEL: needs cp312-cp312-manylinux_2_35_aarch64" in message
    assert "new/_native.so: needs GLIBC_2.38" in message
    assert "To fix:" in message and not (tmp_path / "out").exists()


def test_provided_distributions_are_removed_with_their_files(tmp_path):
    def install(name: str, dist: str, files: list[str]) -> None:
        (tmp_path / f"{dist}.dist-info").mkdir()
        (tmp_path / f"{dist}.dist-info" / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\n")
        for file in files:
            (tmp_path / file.removeprefix("../../")).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / file.removeprefix("../../")).write_text("")
        records = [*files, f"{dist}.dist-info/METADATA", f"{dist}.dist-info/RECORD"]
        (tmp_path / f"{dist}.dist-info" / "RECORD").write_text("".join(f"{r},,\n" for r in records))

    install("botocore", "botocore-1.44.8", ["botocore/__init__.py", "botocore/data/s3.json"])
    install("Python_DateUtil", "python_dateutil-2.9", ["dateutil/__init__.py"])
    install("jmespath", "jmespath-1.1.0", ["jmespath/__init__.py", "../../bin/jp.py"])
    install("pydantic", "pydantic-2.14.4", ["pydantic/__init__.py"])
    assert sorted(remove_provided_distributions(tmp_path)) == ["botocore", "jmespath", "python-dateutil"]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        "pydantic-2.14.4.dist-info/METADATA", "pydantic-2.14.4.dist-info/RECORD", "pydantic/__init__.py"]


def _top_level_distributions(zip_path: Path) -> set[str]:
    names = zipfile.ZipFile(zip_path).namelist()
    return {canonical_name(name.split("/")[0].split("-")[0]) for name in names if ".dist-info/" in name}


@pytest.mark.slow
@pytest.mark.parametrize("spec", ARTIFACTS, ids=lambda spec: spec.name)
def test_deployed_artifacts_load_on_the_runtime_and_leave_boto3_to_it(spec, tmp_path):
    """Built exactly as ``ops.pipeline_deploy`` builds them (the deployed architecture)."""
    artifact = build_artifact(spec.name, spec.source_dirs, spec.dependency_group, include_dependencies=True,
                              out_dir=tmp_path)
    assert check_artifact(artifact.path, LAMBDA_RUNTIME, ARCHITECTURE) == []
    bundled = _top_level_distributions(artifact.path)
    assert not bundled & PROVIDED_BY_RUNTIME
    if spec.dependency_group == "runtime-authorizer":  # PyJWT and its cryptography only
        assert {"pyjwt", "cryptography"} <= bundled and "pydantic" not in bundled, bundled
    else:
        assert "pydantic" in bundled
    assert not {name.split("/")[0] for name in zipfile.ZipFile(artifact.path).namelist()} & {"boto3", "botocore"}
    deps = artifacts._install_dependencies(spec.dependency_group, ARCHITECTURE, LAMBDA_RUNTIME)  # cached above
    assert not any(deps.rglob("__pycache__")), "bytecode of the building Python: the zip leaves it out"


def _runtime_python() -> str:
    """A CPython of the runtime's version: ``pythonX.Y`` on PATH, else under ``pyenv root``."""
    wanted = f"python{LAMBDA_RUNTIME.python}"
    candidates = [shutil.which(wanted)]
    if pyenv := shutil.which("pyenv"):
        root = subprocess.run([pyenv, "root"], capture_output=True, text=True).stdout.strip()
        candidates += sorted(map(str, Path(root).glob(f"versions/{LAMBDA_RUNTIME.python}.*/bin/{wanted}")))
    tried = [candidate for candidate in candidates if candidate]
    for candidate in tried:
        probe = subprocess.run([candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                               capture_output=True, text=True)
        if probe.returncode == 0 and probe.stdout.strip() == LAMBDA_RUNTIME.python:
            return candidate
    pytest.fail(f"no working {wanted} on PATH or under `pyenv root`/versions (tried: {tried or 'none found'}); "
                f"the Lambda runtime is {LAMBDA_RUNTIME.name}, "
                f"so this test imports the handlers with it. Install CPython {LAMBDA_RUNTIME.python} (e.g. "
                f"`pyenv install {LAMBDA_RUNTIME.python}` or the distribution's {wanted} package) so that "
                f"`{wanted}` runs, then rerun.")


@pytest.fixture(scope="module")
def runtime_packages(tmp_path_factory) -> Path:
    """What the Lambda runtime provides (boto3 at our pinned version and its dependencies), for its Python."""
    target = tmp_path_factory.mktemp("var-runtime")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--target", str(target), "--no-compile",
                    "--only-binary=:all:", "--python-version", LAMBDA_RUNTIME.python, "--implementation", "cp",
                    "-c", str(REPO_ROOT / "constraints.txt"), "boto3"], check=True, capture_output=True)
    assert {canonical_name(p.name.split("-")[0]) for p in target.glob("*.dist-info")} == PROVIDED_BY_RUNTIME
    return target


_IMPORT_HANDLERS = """
import importlib, json, sys
sys.path[:0] = sys.argv[1:3]          # like Lambda: the function's code first, then the runtime's packages
found, ran = {}, {}
for handler, event in json.loads(sys.argv[3]).items():
    module, function = handler.rsplit(".", 1)
    call = getattr(importlib.import_module(module), function)
    found[handler] = callable(call)
    context = type("Context", (), {"function_name": "f", "memory_limit_in_mb": 128, "aws_request_id": "r",
                                   "invoked_function_arn": "arn:aws:lambda:us-east-1:123456789012:function:f",
                                   "get_remaining_time_in_millis": lambda self: 30000})()
    try:
        result = call(event, context)
        ran[handler] = {"status": result.get("statusCode") if isinstance(result, dict) else None}
    except Exception as error:
        chain, cause = [], error
        while cause is not None:
            chain.append(type(cause).__name__)
            cause = cause.__cause__ or cause.__context__
        ran[handler] = {"errors": chain}
print(json.dumps({"handlers": found, "ran": ran, "torch": "torch" in sys.modules,
                  "boto3": getattr(sys.modules.get("boto3"), "__file__", None)}))
"""
#: The real event each handler is run with (tests/events). Only GET /health answers without AWS; the
#: others go as far as their first AWS call, which meets a closed loopback port: what they import and
#: parse on the way is what the zip must hold.
HANDLER_EVENTS = {
    "lambdas.api.handler.handler": "apigw_get_health",
    "lambdas.validate_upload.handler.handler": "sfn_validate_upload",
    "lambdas.nutrition_rag.handler.handler": "nutrition_rag_compute",
    "lambdas.start_analysis.handler.handler": "eventbridge_s3_object_created",
    "lambdas.authorizer.handler.handler": "apigw_token_authorizer",
    "lambdas.execution_ended.handler.handler": "eventbridge_sfn_execution_aborted",
}
#: What each handler meets first on an unreachable network, proving it imported and parsed what it needs.
FIRST_NETWORK_ERROR = {"lambdas.authorizer.handler.handler": "IssuerUnavailable"}
#: Settings the handlers read (``pipeline.runtime_settings``), with plausible values; AWS is unreachable.
HANDLER_SETTINGS = {
    "JOBS_TABLE": "jobs", "VIDEOS_BUCKET": "videos", "RESULTS_BUCKET": "results", "IDEMPOTENCY_TABLE": "idempotency",
    "MAX_UPLOAD_MB": "500", "MAX_VIDEO_SECONDS": "300", "MAX_VIDEO_PIXELS": "8294400", "JOB_TTL_DAYS": "30",
    "CORS_ORIGINS": "*", "KNOWLEDGE_BASE_URI": "s3://artifacts/kb/knowledge-base.npz", "NUTRITION_TOP_K": "5",
    "NUTRITION_MIN_CONFIDENCE": "0.45", "ENABLE_LLM_DISAMBIGUATION": "false", "GEMINI_SECRET_NAME": "gemini",
    "GEMINI_MODEL": "gemini-2.5-flash", "STATE_MACHINE_ARN": "arn:aws:states:us-east-1:123456789012:stateMachine:m",
    "AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_MAX_ATTEMPTS": "1", "POWERTOOLS_TRACE_DISABLED": "true", "POWERTOOLS_METRICS_NAMESPACE": "artifact-test",
    "OIDC_ISSUER_URL": "http://127.0.0.1:9/tenant", "OIDC_AUDIENCE": "https://meals.example.com/api",
    "REQUIRED_SCOPE": "meals/jobs", "NOTIFICATION_TOPIC_ARN": "arn:aws:sns:us-east-1:123456789012:notices",
}
_NOT_SHIPPED = {"ImportError", "ModuleNotFoundError"}


@pytest.mark.slow
@pytest.mark.parametrize("spec", ARTIFACTS, ids=lambda spec: spec.name)
def test_handlers_import_from_the_zip_on_the_runtime_python(spec, tmp_path, runtime_packages):
    """Built for this machine's architecture (also a Lambda architecture), unzipped, imported by
    ``python3.12 -I -S`` (no user or site packages, only the zip and boto3) and run with a real event
    (``HANDLER_EVENTS``): GET /health answers 200; the others fail at their first AWS call, never for
    want of a module."""
    python = _runtime_python()
    architecture = LAMBDA_RUNTIME.architecture_of(platform.machine())
    artifact = build_artifact(spec.name, spec.source_dirs, spec.dependency_group, architecture=architecture,
                              include_dependencies=True, out_dir=tmp_path)
    task = tmp_path / "task"
    zipfile.ZipFile(artifact.path).extractall(task)
    handlers = sorted({function.handler for function in FUNCTIONS if function.artifact == spec.name})
    environment = {"PATH": os.environ.get("PATH", ""), "AWS_DEFAULT_REGION": "us-east-1",
                   "AWS_EXECUTION_ENV": f"AWS_Lambda_{LAMBDA_RUNTIME.name}", "AWS_LAMBDA_FUNCTION_NAME": spec.name,
                   **HANDLER_SETTINGS}
    events = {handler: load_event(HANDLER_EVENTS[handler]) for handler in handlers}
    result = subprocess.run([python, "-I", "-S", "-c", _IMPORT_HANDLERS, str(task), str(runtime_packages),
                             json.dumps(events)], capture_output=True, text=True, env=environment, cwd=tmp_path,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["handlers"] == {handler: True for handler in handlers}
    for handler, outcome in report["ran"].items():
        assert not set(outcome.get("errors", [])) & _NOT_SHIPPED, (handler, outcome)
        if HANDLER_EVENTS[handler] == "apigw_get_health":
            assert outcome == {"status": 200}, outcome
        else:
            expected = FIRST_NETWORK_ERROR.get(handler, "EndpointConnectionError")  # it called AWS (or the issuer)
            assert expected in outcome.get("errors", []), (handler, outcome)
    if spec.dependency_group == "runtime-authorizer":
        assert report["boto3"] is None, "the authorizer imports boto3"
    else:
        assert report["boto3"].startswith(str(runtime_packages))
    assert not report["torch"], f"{spec.name} imports torch"
