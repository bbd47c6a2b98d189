"""Fixtures shared by the CLI tests: a runner bound to a private network file, the
Click command built once per session, and the Hypothesis profiles."""

from __future__ import annotations

import compileall
import functools
import os
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import typer.main
import typer.testing
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner, Result

import devnet
from devnet.cli import app

Run = Callable[..., Result]

# pytest keeps each test module with its asserts rewritten (tests/__pycache__) only where
# bytecode may be written; under PYTHONDONTWRITEBYTECODE=1 every run rewrote all of them
# again (about 2 s of each run). Like `_bytecode` below for devnet, the tests' cache is
# written whatever that setting says (this module loads before the test modules).
sys.dont_write_bytecode = False

# A suite started in the background of a shell without job control inherits Ctrl-C
# (SIGINT) ignored, and so would every devnet it starts: the Ctrl-C tests would fail
# for a reason that is not devnet's. A signal this process handles is reset to its
# default in a child, so handle it here.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

# A quick default run, and a thorough one for CI (`HYPOTHESIS_PROFILE=ci`, set by .ci/run).
settings.register_profile(
    "default", max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@functools.cache
def built(typer_app: typer.Typer) -> typer.main.TyperGroup:
    """The Click command of a Typer app, built once per session. Typer's CliRunner
    rebuilds the whole command tree (every parameter of every command) on each
    `invoke`; the built command holds no per-run state (each run makes its own
    context), so one build serves every invocation."""
    return typer.main.get_command(typer_app)  # type: ignore[return-value]


@pytest.fixture(scope="session", autouse=True)
def _bytecode() -> None:
    """Compile devnet once, so that the tests' real `devnet` processes load its
    bytecode instead of compiling every module from source each time (as they would
    under PYTHONDONTWRITEBYTECODE; elsewhere the files are there already)."""
    compileall.compile_dir(Path(devnet.__file__).parent, quiet=1)


@pytest.fixture(scope="session", autouse=True)
def _no_waiting_for_the_disk() -> Iterator[None]:
    """In this process, `os.fsync` checks its argument but does not wait for the disk:
    a test here cannot cut the power, so a flush proves nothing, and waiting for one
    took more time than any other single thing in the default run (most tests save).
    Tests about the order of the steps of a save still see each call (they wrap
    `os.fsync`); the tests of real `devnet` processes (crash points, kills) flush."""

    def fsync(fd: Any) -> None:
        os.fstat(fd if isinstance(fd, int) else fd.fileno())  # a bad descriptor still fails

    with mock.patch.object(os, "fsync", fsync):
        yield


@pytest.fixture(scope="session", autouse=True)
def _build_each_app_once() -> Iterator[None]:
    """Every CliRunner in the suite invokes the cached command (see `built`)."""
    with mock.patch.object(typer.testing, "_get_command", built):
        yield


def closed(child: Any) -> None:
    """Close a pexpect child that has reached EOF. Waiting for its exit first means
    `close` need not sleep 0.1 s to let the kernel catch up (pexpect's default), nor
    hang up on a child still running."""
    child.wait()
    child.ptyproc.delayafterclose = 0
    child.close()


@pytest.fixture
def netfile(tmp_path: Path) -> Path:
    return tmp_path / "net.toml"


@pytest.fixture
def run(netfile: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """`run("add", "Maria", ...)` invokes devnet on `netfile`; stdout and stderr apart."""
    monkeypatch.delenv("DEVNET_FILE", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    runner = CliRunner()
    built(app)  # build once, before the first call is timed against anything

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, ["--file", str(netfile), *args], input=input)

    return invoke


@pytest.fixture
def sam(run: Run, netfile: Path) -> Path:
    """A network with a profile, one goal and one developer with a check-in."""
    assert run("init", "--name", "Sam Lee", "--stage", "mid", "--org", "Acme").exit_code == 0
    assert (
        run(
            "goal",
            "add",
            "Become a people manager",
            "--needs",
            "sponsorship,coaching,role-modeling",
        ).exit_code
        == 0
    )
    result = run(
        "add",
        "Maria Chen",
        "--relation",
        "senior",
        "--context",
        "Acme",
        "--functions",
        "sponsorship,coaching",
        "--goal",
        "become-a-people-manager",
        "--cadence",
        "monthly",
        "--scheduler",
        "me",
        "--learn",
        "How to run a budget cycle",
        "--offer",
        "Tour of the European business",
        "--since",
        "2026-01-10",
    )
    assert result.exit_code == 0, result.output
    result = run(
        "checkin",
        "maria-chen",
        "--functions",
        "coaching",
        "--note",
        "Budget walkthrough",
        "--date",
        "2026-02-01",
    )
    assert result.exit_code == 0, result.output
    return netfile
