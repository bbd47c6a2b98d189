"""The benchmark never rots: its generator builds valid networks through devnet's own
model and store, and its quick mode runs end to end at tiny sizes (no timing asserts)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from devnet.store import load

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402 (bench/ is not a package; its folder is on sys.path now)
import run  # noqa: E402


@pytest.mark.parametrize("size", list(generate.QUICK_SIZES.values()), ids=lambda s: s.name)
def test_generated_network_loads_back(size: generate.Size, tmp_path: Path) -> None:
    path = generate.write(size, tmp_path)
    network = load(path).network
    assert len(network.people) == size.people
    assert len(network.checkins) == size.checkins
    assert network.goals
    assert network.people[generate.busiest_active(network)].status == "active"


def test_generator_is_deterministic() -> None:
    size = generate.QUICK_SIZES["typical"]
    assert generate.network(size).to_doc() == generate.network(size).to_doc()


def test_quick_run_at_tiny_size(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    results = run.main(
        ["--quick", "--sizes", "tiny", "--rounds", "1", "--warmup", "0", "--out", str(out)]
    )
    failures = {k: c.failure for k, c in results.cases.items() if c.failure}
    assert failures == {}
    for command in (*run.COMMANDS, "help", "python -c pass"):
        key = command if " " in command or command == "help" else f"tiny {command}"
        assert results.cases[key].times, key
    report = out.read_text(encoding="utf-8")
    assert "| tiny | 3 | 10 |" in report
    assert "## Targets (issue 6)" in report


def test_phase_profile_names_every_phase(tmp_path: Path) -> None:
    path = generate.write(generate.QUICK_SIZES["tiny"], tmp_path)
    argv = {"list": ["--file", str(path), "list"]}
    phases = run.profile_phases(argv, 1, {})["list"]
    assert set(phases) <= set(__import__("phases").PHASES)
    assert phases["parse (tomli)"] >= 0
    assert phases["import typer (+ its click, shellingham)"] > 0
