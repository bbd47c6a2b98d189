"""Fixtures shared by the CLI tests: a runner bound to a private network file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from devnet.cli import app

Run = Callable[..., Result]


@pytest.fixture
def netfile(tmp_path: Path) -> Path:
    return tmp_path / "net.toml"


@pytest.fixture
def run(netfile: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """`run("add", "Maria", ...)` invokes devnet on `netfile`; stdout and stderr apart."""
    monkeypatch.delenv("DEVNET_FILE", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    runner = CliRunner()

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
