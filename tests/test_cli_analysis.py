"""`devnet gaps` and `devnet due` end to end through Typer's CliRunner: the JSON
shapes of PRODUCT.md, --as-of at the cadence boundaries, --check exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import devnet.cli.analyse  # noqa: F401 (registers gaps and due, whatever cli/__init__ imports)
from conftest import Run

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture
def mid(netfile: Path) -> Path:
    """The mid-career example network (no high finding as of 2026-11-23)."""
    shutil.copy(EXAMPLES / "mid-career.toml", netfile)
    return netfile


def as_json(run: Run, *args: str) -> object:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- gaps ----------------------------------------------------------------------------------


def test_gaps_json_shape_on_the_example(run: Run, mid: Path) -> None:
    data = as_json(run, "gaps", "--as-of", "2026-11-23")
    assert isinstance(data, dict)
    assert list(data) == ["as_of", "goals", "network", "findings"]
    assert data["as_of"] == "2026-11-23"
    assert [g["id"] for g in data["goals"]] == [
        "become-a-people-manager",
        "learn-the-analytics-stack",
        "present-at-a-conference",
    ]
    first = data["goals"][0]
    assert list(first) == ["id", "title", "cells"]
    assert first["cells"][0] == {
        "need": "sponsorship",
        "status": "weak",  # Maria, the only sponsor, is 74 days past a monthly cadence
        "providers": ["maria-chen"],
    }
    assert data["network"] == {"size": 5, "range": 2, "strength": 3.2, "type": "traditional"}
    assert data["findings"]
    for finding in data["findings"]:
        assert list(finding) == ["kind", "severity", "goal", "developer", "message", "action"]
        assert finding["severity"] in {"high", "medium", "low"}
    overdue = [f for f in data["findings"] if f["kind"] == "overdue-contact"]
    assert [(f["developer"], f["goal"]) for f in overdue] == [("maria-chen", None)]


def test_gaps_as_of_ignores_later_check_ins(run: Run, mid: Path) -> None:
    early = as_json(run, "gaps", "--as-of", "2026-06-03")
    assert isinstance(early, dict)
    # Dana's only check-in (2026-11-12) lies after this day: she is 122+ days overdue
    kinds = {(f["kind"], f["developer"]) for f in early["findings"]}
    assert ("overdue-contact", "dana-okafor") in kinds
    later = as_json(run, "gaps", "--as-of", "2026-11-23")
    assert isinstance(later, dict)
    assert ("overdue-contact", "dana-okafor") not in {
        (f["kind"], f["developer"]) for f in later["findings"]
    }


def test_gaps_on_a_terminal_shows_grid_shape_and_findings(run: Run, mid: Path) -> None:
    result = run("gaps", "--as-of", "2026-11-23")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Coverage as of 2026-11-23" in out
    assert "weak" in out and "Maria Chen" in out
    assert "type traditional" in out and "high range = 3+ contexts" in out
    assert "Medium (" in out and "--verbose shows them" in out
    verbose = run("gaps", "--as-of", "2026-11-23", "--verbose").stdout
    assert "--verbose shows them" not in verbose and "review-due:" in verbose


def test_gaps_check_passes_without_high_findings(run: Run, mid: Path) -> None:
    result = run("gaps", "--as-of", "2026-11-23", "--check")
    assert result.exit_code == 0, result.output


def test_gaps_check_fails_after_printing_the_report(run: Run, sam: Path) -> None:
    # Sam's goal needs role-modeling and nobody gives it: a high uncovered-need
    result = run("gaps", "--as-of", "2026-02-01", "--check")
    assert result.exit_code == 1
    assert "uncovered-need" in result.stdout and "role-modeling" in result.stdout
    assert result.stderr.count("\n") == 1 and "high-severity" in result.stderr
    without = run("gaps", "--as-of", "2026-02-01")
    assert without.exit_code == 0


def test_gaps_check_with_json_prints_json_then_fails(run: Run, sam: Path) -> None:
    result = run("gaps", "--as-of", "2026-02-01", "--check", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert any(f["severity"] == "high" for f in data["findings"])


@pytest.mark.parametrize("command", ["gaps", "due"])
@pytest.mark.parametrize("bad", ["2026-13-01", "yesterdya", "2026-2-1"])
def test_bad_as_of_is_a_usage_error_in_one_line(
    run: Run, sam: Path, command: str, bad: str
) -> None:
    before = sam.read_bytes()
    result = run(command, "--as-of", bad)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "--as-of" in result.stderr
    assert "Traceback" not in result.output
    assert sam.read_bytes() == before


def test_gaps_without_a_file_is_a_data_error(run: Run, netfile: Path) -> None:
    result = run("gaps")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert not netfile.exists()


def test_analysis_never_changes_the_file(run: Run, mid: Path) -> None:
    before = mid.read_bytes()
    for args in (("gaps", "--as-of", "2026-01-01"), ("due", "--json"), ("gaps", "--check")):
        run(*args)
    assert mid.read_bytes() == before


# --- due -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        ("2026-03-02", "ok"),  # 29 days after the check-in of 2026-02-01, monthly
        ("2026-03-03", "due"),  # exactly 1 x 30 days
        ("2026-03-17", "due"),  # 44 days
        ("2026-03-18", "overdue"),  # exactly 1.5 x 30 days
    ],
)
def test_due_json_at_the_boundaries(run: Run, sam: Path, as_of: str, status: str) -> None:
    data = as_json(run, "due", "--as-of", as_of)
    assert data == [
        {
            "id": "maria-chen",
            "name": "Maria Chen",
            "last": "2026-02-01",
            "next": "2026-03-03",
            "status": status,
        }
    ]


def test_due_before_the_first_check_in_counts_from_since(run: Run, sam: Path) -> None:
    data = as_json(run, "due", "--as-of", "2026-01-31")
    assert data == [
        {
            "id": "maria-chen",
            "name": "Maria Chen",
            "last": None,
            "next": "2026-02-09",
            "status": "ok",  # 21 days since 2026-01-10
        }
    ]


def test_due_orders_most_urgent_first(run: Run, mid: Path) -> None:
    data = as_json(run, "due", "--as-of", "2026-11-23")
    assert isinstance(data, list)
    assert [d["id"] for d in data] == [
        "maria-chen",  # 74 days / 30 = 2.47
        "leo-park",  # 18 days / 14 = 1.29
        "aunt-ruth",  # 95 days / 91 = 1.04
        "priya-nair",  # 26 days / 30 = 0.87
        "dana-okafor",  # 11 days / 14 = 0.79
    ]
    assert [d["status"] for d in data] == ["overdue", "due", "due", "ok", "ok"]
    assert all(list(d) == ["id", "name", "last", "next", "status"] for d in data)


def test_due_table_and_empty_network(run: Run, mid: Path, netfile: Path) -> None:
    result = run("due", "--as-of", "2026-11-23")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "name", "last", "next", "status"]
    assert lines[1].split()[0] == "maria-chen" and lines[1].split()[-1] == "overdue"
    netfile.unlink()
    assert run("init", "--name", "Sam", "--stage", "early").exit_code == 0
    empty = run("due")
    assert empty.exit_code == 0 and empty.stdout == "" and "Nobody active" in empty.stderr
    assert as_json(run, "due") == []


def test_commands_have_help(run: Run) -> None:
    for command, first_line in (
        ("gaps", "What is missing, for which objective, and what to do next."),
        ("due", "Who to talk to next, most urgent first."),
    ):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert first_line in result.stdout
        assert "--as-of" in result.stdout and "--json" in result.stdout
