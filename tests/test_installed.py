"""A few runs of the installed `devnet` program as a user would type them, in real
processes: the console script, exit codes, stdout for data and stderr for talk."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def devnet_program() -> list[str]:
    script = Path(sys.executable).parent / "devnet"
    if script.exists():
        return [str(script)]
    found = shutil.which("devnet")
    return [found] if found else [sys.executable, "-m", "devnet"]


def devnet(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    full_env.pop("DEVNET_DEBUG", None)
    return subprocess.run(
        [*devnet_program(), *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
        check=False,
    )


def test_a_session_in_real_processes(tmp_path: Path) -> None:
    env = {"DEVNET_FILE": str(tmp_path / "net.toml")}
    assert devnet("init", "--name", "Sam Lee", "--stage", "mid", env=env).returncode == 0
    assert devnet("goal", "add", "Lead a team", "--needs", "coaching", env=env).returncode == 0
    added = devnet(
        "add",
        "Maria Chen",
        "--relation",
        "senior",
        "--context",
        "Acme",
        "--functions",
        "coaching",
        "--cadence",
        "monthly",
        env=env,
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout == ""  # talk goes to stderr
    assert "Added Maria Chen" in added.stderr
    listed = devnet("list", "--json", env=env)
    assert [p["id"] for p in json.loads(listed.stdout)] == ["maria-chen"]
    bad = devnet("checkin", "maria", "--functions", "coachin", env=env)
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "did you mean 'coaching'" in bad.stderr
    missing = devnet("show", "ghost", env=env)
    assert missing.returncode == 1 and "Traceback" not in missing.stderr


def test_python_dash_m_and_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "devnet", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout.startswith("devnet ")


@pytest.mark.parametrize(
    "example",  # one real process in the default run, each example in CI (-m slow)
    [
        pytest.param("early-career", marks=pytest.mark.slow),
        "mid-career",
        pytest.param("senior-executive", marks=pytest.mark.slow),
    ],
)
def test_gaps_on_each_example(example: str, tmp_path: Path) -> None:
    path = ROOT / "examples" / f"{example}.toml"
    result = devnet("--file", str(path), "gaps", "--as-of", "2026-11-23", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["as_of"] == "2026-11-23"
    assert report["goals"] and report["findings"]


def test_an_unexpected_error_shows_no_traceback_and_no_data(tmp_path: Path) -> None:
    path = tmp_path / "net.toml"
    devnet("--file", str(path), "init", "--name", "ZZ_SECRET_OWNER", "--stage", "mid")
    # A directory where the lock file must go makes locking fail in an unplanned way.
    lock = tmp_path / "net.toml.lock"
    lock.unlink(missing_ok=True)
    lock.mkdir()
    result = devnet(
        "--file", str(path), "add", "ZZ_SECRET_NAME", "--relation", "peer", "--context", "A"
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "ZZ_SECRET" not in result.stderr + result.stdout


def test_bash_completion_of_ids_in_a_real_process() -> None:
    path = ROOT / "examples" / "mid-career.toml"
    env = {
        "DEVNET_FILE": str(path),
        "_DEVNET_COMPLETE": "complete_bash",
        "COMP_WORDS": "devnet show ma",
        "COMP_CWORD": "2",
    }
    result = devnet(env=env)
    assert result.returncode == 0
    assert result.stdout.split() == ["maria-chen"]
