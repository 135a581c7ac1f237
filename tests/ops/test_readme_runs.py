"""Every command the README shows runs as written (issue 12, point 8), against one embedded AWS.

The commands are the lines of the README's fenced ``sh`` blocks, the first column of its commands
table and every inline ``python ...`` command. Each must match one rule of :data:`RULES`, which says
how it runs here and why: ``as written`` (placeholders given values, ``[--optional]`` flags included,
the first of ``[a | b]``), ``--local`` (a command for a real account, run against the embedded AWS
with ``--local --port P``; ``4566`` is ``P`` too, a free port), ``fails clearly`` (needs what no test
has, such as internet or an account: it must end in one ``error:`` line, never a traceback), or a
check that does not run it at length (``make -n``, ``--help``) with the reason. A README command that
no rule knows fails this test naming its line: add a rule next to the others.

The commands run in a scratch folder holding links to ``build.py``, ``.venv`` and the ``Makefile``
(so ``python build.py`` and ``.venv/bin/python build.py`` are written as in the README), with the
venv first on ``PATH`` (as after ``source .venv/bin/activate``), in the order of the rules' phases:
``local up`` first, in the background, ``destroy`` and ``local down`` last. The forms used are printed
(``pytest -s``) and named in any failure.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ops.errors import ExitCode

REPO_ROOT = Path(__file__).resolve().parents[2]
README = REPO_ROOT / "README.md"
LINKS = ("build.py", ".venv", "Makefile", "pyproject.toml", "constraints.txt", "benchmarks")
READY_TIMEOUT_S = 420.0
TOTAL_BUDGET_S = 600.0
#: commands of one phase run this many at a time
PARALLEL = 3
IN_A_SHELL_WITH_CTRL_C = [sys.executable, "-c",
                          "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
                          "os.execvp('bash', ['bash', '-c', sys.argv[1]])"]
"""How each command runs: ``bash -c COMMAND`` with Ctrl-C (SIGINT) at its default, as in a terminal. A
suite started in the background (``make test &``, nohup) inherits SIGINT ignored, and an ignored signal
stays ignored across exec, so the interrupted commands (``logs --follow``) would never see it."""

pytestmark = [pytest.mark.embedded, pytest.mark.slow]


def same_command(command: str) -> str:
    """What makes two README commands the same run: ``.venv/bin/python`` is the activated venv's
    ``python`` and ``--env dev`` is the default."""
    return re.sub(r"^\.venv/bin/python ", "python ", command).replace(" --env dev", "")


# --- what the README shows -----------------------------------------------------------------

@dataclass(frozen=True)
class Shown:
    """One command as the README writes it, with its line number."""

    line: int
    text: str


def readme_commands(text: str) -> list[Shown]:
    """``sh`` block lines (continuations joined, comments dropped), the commands table's first column
    (``a`, `b`` and ``a` / `b`` are two commands) and inline ``python ...`` code."""
    shown: list[Shown] = []
    lines = text.splitlines()
    in_sh, pending, start = False, "", 0
    for number, line in enumerate(lines, 1):
        if line.startswith("```"):
            in_sh = line.strip() == "```sh" and not in_sh
            continue
        if in_sh:
            pending, start = (pending + " " + line.rstrip("\\").strip(), start or number)
            if not line.endswith("\\"):
                command = re.sub(r"\s+#.*$", "", pending).strip()
                if command:
                    shown.append(Shown(start, command))
                pending, start = "", 0
    table = text.index("| command | does |")
    in_block, offset = False, 0
    for number, line in enumerate(lines, 1):
        in_block = in_block != line.startswith("```")
        if line.startswith("| `") and table < offset < text.index("\n### ", table):
            cell = re.split(r"(?<!\\)\|", line)[1].strip().strip("`").replace("\\|", "|")
            shown += [Shown(number, "python build.py " + part) for part in re.split(r"`, `|` / `", cell)]
        elif not in_block:
            shown += [Shown(number, code) for code in re.findall(r"`((?:\.venv/bin/)?python [^`]+)`", line)]
        offset += len(line) + 1
    return sorted(shown, key=lambda item: item.line)


# --- how each runs --------------------------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    """How the commands matching ``pattern`` (a regex, from the start) run here."""

    pattern: str
    form: str
    phase: int = 5
    #: the shell command run; ``{cmd}`` is the README's command with its placeholders filled
    run: str = "{cmd}"
    exit_codes: tuple[int, ...] = (0,)
    expect: str = ""
    #: placeholder values for this rule only (``DIR`` is a different folder for each command)
    values: dict[str, str] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    background: bool = False
    #: run by itself, after the phase's other commands (which run a few at a time)
    alone: bool = False
    interrupt_after_s: float | None = None
    timeout_s: float = 300.0


LOCAL = "{cmd} --local --port {port}"
OFFLINE = {"HF_HUB_OFFLINE": "1"}
NO_ACCOUNT = {"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SHARED_CREDENTIALS_FILE": "{scratch}/none",
              "AWS_CONFIG_FILE": "{scratch}/none", "AWS_EC2_METADATA_DISABLED": "true"}
FAILS = (ExitCode.FAILED, ExitCode.INVALID_INPUT, ExitCode.NOT_FOUND, ExitCode.NO_AWS, ExitCode.REFUSED)
PY = r"(\.venv/bin/)?python "
BUILD = PY + r"build\.py "

RULES: tuple[Rule, ...] = (
    Rule(r"make demo", "dry run (`make -n demo`): it starts an embedded AWS of its own, which "
         "tests/ops/test_demo.py runs end to end", run="make -n demo", expect="build.py demo"),
    Rule(BUILD + r"demo$", "--help: `make demo`'s command, run end to end by tests/ops/test_demo.py",
         run="{cmd} --help", expect="usage"),
    Rule(r"make test", "dry run (`make -n test`): the whole suite, this test included", run="make -n test",
         expect="pytest"),
    Rule(r"source \.venv/bin/activate", "as written, then `python` is the venv's",
         run="{cmd} && python -c 'import boto3, troposphere'"),
    Rule(BUILD + r"local up --port 4566 --models \.models/pretrained", "as written (port P), in the background, "
         "after `models random .models/pretrained --size tiny` fills the folder", phase=0, background=True,
         run="python build.py models random .models/pretrained --size tiny >/dev/null && {cmd}", alone=True),
    Rule(BUILD + r"local up", "as written on the port the first one holds: refused cleanly", phase=1,
         exit_codes=(ExitCode.BUSY,), expect="error: ", values={"N": "{port}", "DIR": "{scratch}/.models/pretrained"}),
    Rule(BUILD + r"run \S+ --local --port 4566$", "as written (port P): the job id it prints is $JOB_ID", phase=1,
         expect="ComputeNutrition"),
    Rule(BUILD + r"run (VIDEO|path/to/meal\.mp4)", "as written (port P), the first of --local | --stack", phase=2,
         run="{cmd} --port {port}",
         values={"VIDEO": "meal.mp4", "path/to/meal.mp4": "meal.mp4", "N": "{port}", "DIR": ".models/pretrained",
                 "NAME": "unused"}, expect="ComputeNutrition"),
    Rule(BUILD + r"run \S+ --stack", "fails clearly: no account here (no credentials)", exit_codes=(ExitCode.NO_AWS,),
         expect="error: ", env=NO_ACCOUNT),
    Rule(BUILD + r"backfill", "--help: tests/ops/test_backfill.py runs it end to end over 50 videos (scene perception; "
         "`local up` here has no models to analyse an archive with)", run="{cmd} --help", expect="usage",
         values={"BUCKET": "videos", "PREFIX": "archive", "N": "4", "P": "10"}),
    Rule(BUILD + r"login", "--help: the README's `local up` is dev (auth.mode none, no user pool); "
         "tests/local_aws/test_sign_in.py signs in on a jwt stack with login --create", run="{cmd} --help",
         expect="usage", values={"EMAIL": "you@example.com", "VAR": "PASSWORD"}),
    Rule(r"aws cognito-idp admin-create-user", "the aws CLI's skeleton of the call (no pool here: the README's "
         "`local up` is dev); tests/local_aws/test_sign_in.py creates accounts the same way",
         run="aws cognito-idp admin-create-user --generate-cli-skeleton", expect="UserPoolId"),
    Rule(BUILD + r"status \$JOB_ID --local$", "as written (port P)", phase=3, run="{cmd} --port {port}"),
    Rule(BUILD + r"status JOB_ID", "--local", phase=3, run=LOCAL),
    Rule(BUILD + r"correct \$JOB_ID --add .* --local$", "as written (port P), on the job `run` made", phase=3,
         run="{cmd} --port {port}", expect="apple"),
    Rule(BUILD + r"correct JOB_ID", "--help: tests/e2e/test_corrections_on_stack.py corrects a completed job's items "
         "by id (which items a run finds depends on its models)", run="{cmd} --help", expect="usage",
         values={"N": "2"}),
    Rule(BUILD + r"logs validate_upload --local$", "as written (port P)", phase=3, run="{cmd} --port {port}",
         expect="REPORT RequestId"),
    Rule(BUILD + r"logs \[FUNCTION\]", "--local, FUNCTION = AnalyzeMeal (the state machine's log group); "
         "--follow stopped by Ctrl-C after 10 s", phase=3, run=LOCAL, values={"FUNCTION": "AnalyzeMeal"},
         interrupt_after_s=10, exit_codes=(ExitCode.INTERRUPTED,), expect="ExecutionSucceeded"),
    Rule(r"aws stepfunctions start-execution", "as written, the aws CLI pointed at the embedded AWS "
         "(AWS_ENDPOINT_URL), a new $JOB_ID", phase=3, values={"$JOB_ID": "{new_job_id}"},
         env={"AWS_ENDPOINT_URL": "{endpoint}"}, expect="executionArn"),
    Rule(BUILD + r"(doctor|outputs)( --env dev)?$", "--local", phase=3, run=LOCAL),
    Rule(BUILD + r"outputs \[--json\]", "--local", phase=3, run=LOCAL, expect="StateMachineArn"),
    Rule(BUILD + r"diff$", "--local", phase=3, run=LOCAL, expect="changes"),
    Rule(BUILD + r"drift$", "--local: refused clearly (the embedded AWS detects no drift)", phase=3, run=LOCAL,
         exit_codes=(ExitCode.NOT_AVAILABLE_LOCALLY,), expect="error: "),
    Rule(BUILD + r"deploy", "--local, --yes (no terminal to confirm)", phase=4,
         run="{cmd} --local --port {port} --yes", values={"URI": "repo/image:tag"}, timeout_s=420, alone=True),
    Rule(BUILD + r"secrets set gemini-api-key", "--local, VAR = GEMINI_API_KEY", phase=3, run=LOCAL,
         values={"VAR": "GEMINI_API_KEY"}, env={"GEMINI_API_KEY": "not-a-real-key"}, expect="stored secret"),
    Rule(BUILD + r"models sync", "fails clearly: the Hub needs internet (HF_HUB_OFFLINE=1 here)", phase=3,
         exit_codes=FAILS, expect="error: ", env={**OFFLINE, "AWS_ENDPOINT_URL": "{endpoint}"},
         values={"$MODELS_BUCKET": "{models_bucket}", "DEST": "synced", "DIR": "synced"}),
    Rule(BUILD + r"models random DIR --size tiny", "as written, tiny (full writes real-size random models, "
         "about 1 GB: not run)", values={"DIR": "random-models", "tiny|full": "tiny"}),
    Rule(BUILD + r"synth --out DIR", "as written", values={"DIR": "synth"}, expect="main.template.json"),
    Rule(BUILD + r"lint$", "as written", expect="cfn-lint + statelint: 0 errors"),
    Rule(BUILD + r"openapi", "as written", values={"FILE": "openapi.json"}, expect="openapi.json"),
    Rule(BUILD + r"cost", "as written"),
    Rule(BUILD + r"COMMAND --help", "as written, COMMAND = synth", expect="usage"),
    Rule(BUILD + r"\.\.\.$", "not run: the README's shorthand for the commands above", run="true"),
    Rule(r"echo .* > meal\.json", "as written", phase=0),
    Rule(BUILD + r"nutrition (FILE|meal\.json)", "as written", phase=1, values={"FILE": "meal.json", "K": "3"},
         expect="kcal"),
    Rule(BUILD + r"data build", "as written (the knowledge base `local up` built is reused)", phase=1,
         expect="knowledge base: "),
    Rule(BUILD + r"data refresh --from DIR", "as written, DIR = a tiny FDC download", values={"DIR": "fdc"},
         expect="knowledge base: "),
    Rule(BUILD + r"destroy", "--local, last", phase=8, run=LOCAL, alone=True),
    Rule(BUILD + r"local down", "as written (port P), after everything", phase=9, run="{cmd} --port {port}",
         alone=True),
    Rule(PY + r"benchmarks/", "--help: each reproduces a figure in minutes to hours", run="{cmd} --help",
         expect="usage"),
    Rule(PY + r"-m tests\.nutrition\.calibrate", "imported: it refits the calibration (minutes)",
         run="python -c 'import tests.nutrition.calibrate'"),
    Rule(PY + r"-m tests\.nutrition\.dev_eval", "imported: it scores the dev sets (minutes)",
         run="python -c 'import tests.nutrition.dev_eval'"),
)


def rule_for(shown: Shown) -> Rule:
    for rule in RULES:
        if re.match(rule.pattern, shown.text):
            return rule
    raise AssertionError(f"README.md line {shown.line}: no rule in {Path(__file__).name} says how to run "
                         f"`{shown.text}`; add one to RULES")


def fill(text: str, values: dict[str, str]) -> str:
    """The README's placeholders replaced (longest first), options in ``[...]`` kept, ``[a | b]`` as ``a``."""
    text = re.sub(r"\[((?:--|[A-Z])[^\[\]]*?) \| [^\[\]]+\]", r"\1", text)  # not JSON's [{...}]
    text = re.sub(r"\[((?:--|[A-Z])[^\[\]]*)\]", r"\1", text)
    for name, value in sorted(values.items(), key=lambda kv: -len(kv[0])):
        text = re.sub(rf"(?<![\w$-]){re.escape(name)}(?![\w-])", value, text)
    return text.replace("--port 4566", "--port {port}")


# --- running them ---------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Ran:
    shown: Shown
    rule: Rule
    command: str
    code: int | None
    output: str
    seconds: float

    def problem(self) -> str | None:
        if re.search(r"^Traceback \(most recent call last\)", self.output, flags=re.M):  # not a logged one
            return "a traceback"
        if self.code not in self.rule.exit_codes:
            return f"exit {self.code}, expected {list(self.rule.exit_codes)}"
        if self.rule.expect and self.rule.expect not in self.output:
            return f"no {self.rule.expect!r} in its output"
        return None


def _scratch(tmp: Path) -> Path:
    for name in LINKS:
        (tmp / name).symlink_to(REPO_ROOT / name)
    from tests.corpus import write_video
    from tests.nutrition.fdc_fixture import write_fdc_download

    write_video(tmp / "meal.mp4")
    write_fdc_download(tmp / "fdc")
    return tmp


def _environment(scratch: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "VIRTUAL_ENV"))}
    return env | {"PATH": f"{scratch / '.venv' / 'bin'}{os.pathsep}{env.get('PATH', '')}",
                  "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
                  "PYTHONUNBUFFERED": "1", "PYTHONFAULTHANDLER": "1", "COLUMNS": "200", "PYTHONPATH": str(REPO_ROOT)}


def _outputs(port: int) -> dict[str, str]:
    import boto3

    from pipeline.config import load_config

    cfn = boto3.client("cloudformation", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    stack = cfn.describe_stacks(StackName=load_config("dev").stack_name)["Stacks"][0]
    return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}


class Session:
    """The scratch folder, the values of the placeholders, the background ``local up``."""

    def __init__(self, scratch: Path) -> None:
        self.scratch, self.port = scratch, _free_port()
        self.values = {"port": str(self.port), "scratch": str(scratch), "endpoint": f"http://127.0.0.1:{self.port}",
                       "new_job_id": uuid.uuid4().hex}
        self.env = _environment(scratch, self.port)
        self.background: list[subprocess.Popen[bytes]] = []
        self.ran: list[Ran] = []

    def expand(self, text: str) -> str:
        """``{port}``, ``{scratch}``... replaced; other braces (JSON in a command) left alone."""
        return re.sub(r"\{(\w+)\}", lambda m: self.values.get(m.group(1), m.group(0)), text)

    def run(self, shown: Shown, rule: Rule) -> Ran:
        placeholders = {"$JOB_ID": self.values.get("job_id", "JOB_ID-unknown"), "JOB_ID": self.values.get("job_id", ""),
                        "$ARN": "$ARN", "$VIDEOS": "$VIDEOS", "COMMAND": "synth"} | rule.values
        command = self.expand(rule.run.replace("{cmd}", fill(shown.text, placeholders)))
        env = self.env | {"ARN": self.values.get("arn", ""), "VIDEOS": self.values.get("videos", ""),
                          "JOB_ID": self.values.get("new_job_id", "")} | {k: self.expand(v) for k, v in rule.env.items()}
        env = {k: v for k, v in env.items() if v != ""}
        started = time.monotonic()
        if rule.background:
            log = (self.scratch / "local-up.log").open("wb")
            process = subprocess.Popen([*IN_A_SHELL_WITH_CTRL_C, command], cwd=self.scratch, env=env, stdout=log,
                                       stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
            self.background.append(process)
            self._wait_ready(process)
            ran = Ran(shown, rule, command, 0, (self.scratch / "local-up.log").read_text(errors="replace"),
                      time.monotonic() - started)
        else:
            process = subprocess.Popen([*IN_A_SHELL_WITH_CTRL_C, command], cwd=self.scratch, env=env, stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
            try:
                output, _ = process.communicate(timeout=rule.interrupt_after_s or rule.timeout_s)
            except subprocess.TimeoutExpired:
                if rule.interrupt_after_s:
                    os.killpg(process.pid, signal.SIGINT)
                else:  # a stuck command: SIGABRT makes Python print every thread's stack (PYTHONFAULTHANDLER)
                    os.killpg(process.pid, signal.SIGABRT)
                    try:
                        process.wait(timeout=10)
                    except subprocess.TimeoutExpired:
                        os.killpg(process.pid, signal.SIGKILL)
                output, _ = process.communicate(timeout=60)
            ran = Ran(shown, rule, command, process.returncode, output.decode(errors="replace"),
                      time.monotonic() - started)
        if (found := re.search(r"job ([0-9a-f]{32})", ran.output)) and "job_id" not in self.values:
            self.values["job_id"] = found.group(1)
        self.ran.append(ran)
        return ran

    def _wait_ready(self, process: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if "Try it:" in (self.scratch / "local-up.log").read_text(errors="replace"):
                outputs = _outputs(self.port)
                self.values |= {"arn": outputs["StateMachineArn"], "videos": outputs["VideosBucketName"],
                                "models_bucket": outputs["ModelsBucketName"]}
                return
            if process.poll() is not None:
                break
            time.sleep(1)
        raise AssertionError(f"`local up` not ready:\n{(self.scratch / 'local-up.log').read_text()[-4000:]}")

    def close(self) -> None:
        for process in self.background:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)
        from local_aws.cli import pid_file

        pid_file(self.port).unlink(missing_ok=True)


def test_every_readme_command_has_a_rule() -> None:
    """Fast: a new command in the README without a rule fails here first, naming its line."""
    for shown in readme_commands(README.read_text()):
        rule_for(shown)


def test_an_unknown_command_is_named_by_its_line() -> None:
    with pytest.raises(AssertionError, match=r"README.md line 4: no rule .* `python build.py frobnicate`"):
        rule_for(readme_commands("a\nb\n```sh\npython build.py frobnicate\n```\n| command | does |\n\n### x")[0])


@pytest.mark.timeout(TOTAL_BUDGET_S + READY_TIMEOUT_S)
def test_every_readme_command_runs_as_written(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    planned: dict[str, tuple[Shown, Rule]] = {}
    for item in readme_commands(README.read_text()):
        rule = rule_for(item)
        planned.setdefault(f"{rule.phase}:{rule.run}:{same_command(fill(item.text, rule.values))}", (item, rule))
    phases = sorted({rule.phase for _, rule in planned.values()})
    session = Session(_scratch(tmp_path))
    deadline = time.monotonic() + TOTAL_BUDGET_S
    try:
        for phase in phases:
            mine = [pair for pair in planned.values() if pair[1].phase == phase]
            assert time.monotonic() < deadline, f"over {TOTAL_BUDGET_S} s before README line {mine[0][0].line}"
            with ThreadPoolExecutor(PARALLEL) as pool:
                list(pool.map(lambda pair: session.run(*pair), [p for p in mine if not p[1].alone]))
            for pair in (p for p in mine if p[1].alone):
                session.run(*pair)
    finally:
        session.close()
        report = [f"line {r.shown.line:>3}  {r.seconds:5.1f} s  {r.code!s:>4}  {r.rule.form}  $ {r.command}"
                  for r in sorted(session.ran, key=lambda r: r.shown.line)]
        print("\n".join(["README commands, the form each ran in:", *report]), file=sys.stderr)
    problems = [f"README.md line {r.shown.line}: `{r.shown.text}` ran as `{r.command}` ({r.rule.form}): "
                f"{problem}\n{r.output[-2500:]}" for r in session.ran if (problem := r.problem())]
    assert not problems, "\n\n".join(problems)
