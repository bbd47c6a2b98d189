"""The benchmark never rots: its generator builds valid networks through devnet's own
model and store, and its quick mode runs end to end at tiny sizes (no timing asserts)."""

from __future__ import annotations

import os
import subprocess
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


@pytest.mark.slow
def test_quick_run_at_tiny_size(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    results = run.main(
        ["--quick", "--sizes", "tiny", "--rounds", "1", "--warmup", "0", "--out", str(out)]
    )
    failures = {k: c.failure for k, c in results.cases.items() if c.failure}
    assert failures == {}
    for key in ("help", "version", "python -c pass", *(f"tiny {c}" for c in run.COMMANDS)):
        assert results.cases[key].times, key
    assert results.cases[f"tiny {run.FLOOR}"].times
    report = out.read_text(encoding="utf-8")
    assert "## Targets (issue 13)" in report
    assert "| tiny (3 people, 10 check-ins, 3 KB) | floor app" in report
    # every command is reported as a ratio to the floor: the floor's own row is 1.00x
    floor_row = next(line for line in report.splitlines() if "floor app (" in line)
    assert "| 1.00x |" in floor_row
    for command in run.COMMANDS:
        row = next(line for line in report.splitlines() if f"| `{command}` |" in line)
        assert row.count("x |") >= 2, row  # / floor and / python
    assert ("jrnl is not installed" in report) == (results.jrnl is None)


def test_floor_app_reads_a_devnet_file(tmp_path: Path) -> None:
    """The floor does a command's least work on a real devnet file: every person
    validated and shown."""
    path = generate.write(generate.QUICK_SIZES["typical"], tmp_path)
    done = subprocess.run(
        [sys.executable, str(BENCH / "floor.py"), "--file", str(path), "list"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "300"},
    )
    people = load(path).network.people
    assert len(people) == generate.QUICK_SIZES["typical"].people
    for person in people.values():
        assert person.name in done.stdout


def _results(**medians: float) -> run.Results:
    """Results of a typical and a heavy run with these median ms ("typical_gaps":
    `typical gaps`, "typical_gaps_json": `typical gaps --json`)."""
    keys = {k: k.replace("_json", " --json").replace("_", " ") for k in medians}
    cases = {keys[k]: run.Case(keys[k], [], times=[ms / 1000]) for k, ms in medians.items()}
    sizes = {"typical": generate.SIZES["typical"], "heavy": generate.SIZES["heavy"]}
    return run.Results(sizes, {"typical": 1, "heavy": 1}, cases, None, {}, True, 1, 0)


def test_targets_are_judged_against_the_floor() -> None:
    """A command at 1.05x the floor meets the 1.10x target and misses the 0.90x one."""
    results = _results(
        typical_floor=200,
        help=100,
        version=30,
        typical_gaps=210,
        typical_gaps_json=210,
        typical_checkin=220,
        heavy_checkin=330,
    )
    met = {name: ok for name, _, _, ok in results.targets()}
    assert met["`gaps`, typical / floor"] is True
    assert met["`gaps --json`, typical / floor"] is False
    assert met["`devnet --version` / `devnet --help`"] is True
    assert met["`checkin`, typical / floor"] is True
    assert met["`checkin`, heavy / typical"] is False  # 1.5x
    assert met["`list`, typical / floor"] is None  # not measured


def test_the_report_says_what_the_floor_spends_on_the_heavy_network() -> None:
    """Beside the heavy/typical target: the floor app on the heavy network as a
    multiple of a typical checkin, and the heavy checkin as a multiple of it."""

    results = _results(typical_floor=200, heavy_floor=300, typical_checkin=200, heavy_checkin=330)
    report = results.markdown()
    assert "the floor app there takes 1.50x a typical `checkin`" in report
    assert "devnet's heavy `checkin` 1.10x the floor app" in report


def test_phase_profile_names_every_phase(tmp_path: Path) -> None:
    path = generate.write(generate.QUICK_SIZES["tiny"], tmp_path)
    argv = {"list": ["--file", str(path), "list"]}
    phases = run.profile_phases(argv, 1, {})["list"]
    assert set(phases) <= set(__import__("phases").PHASES)
    # the file really was read, parsed and validated, and typer imported
    for phase in ("read", "parse (tomli)", "validate (pydantic)", "render (rich)"):
        assert phases[phase] > 0, phase
    assert phases["import typer (+ its click, shellingham)"] > 0
