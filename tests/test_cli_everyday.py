"""The everyday path through the CLI: natural dates, check-ins as records (refs,
`checkins list/edit/remove`), one conversation with several people, `open`,
`search` and the `list` filters."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest
from tests.conftest import Run

TODAY = date(2026, 12, 2)  # a Wednesday


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command module sees TODAY as today (they import `today` by name)."""
    for name, module in list(sys.modules.items()):
        if name.startswith("devnet.cli") and hasattr(module, "today"):
            monkeypatch.setattr(module, "today", lambda: TODAY)


def shown(run: Run, ref: str = "maria") -> dict:  # type: ignore[type-arg]
    result = run("show", ref, "--json")
    assert result.exit_code == 0, result.output
    data: dict = json.loads(result.stdout)  # type: ignore[type-arg]
    return data


# --- 1. natural dates -------------------------------------------------------------


def test_checkin_takes_a_natural_date_and_says_the_day(sam: Path, run: Run) -> None:
    result = run("checkin", "maria", "--date", "yesterday", "--note", "Budget")
    assert result.exit_code == 0, result.output
    assert "on 2026-12-01 (maria-chen@2026-12-01)" in result.stderr
    assert shown(run)["checkins"][-1]["date"] == "2026-12-01"
    assert run("checkin", "maria", "--date", "last friday").exit_code == 0
    assert run("checkin", "maria", "--date", "3d ago").exit_code == 0
    dates = [c["date"] for c in shown(run)["checkins"]]
    assert dates == ["2026-02-01", "2026-11-27", "2026-11-29", "2026-12-01"]


def test_targets_take_the_next_weekday_and_period_ends(sam: Path, run: Run) -> None:
    result = run("goal", "add", "Speak at a conference", "--needs", "exposure", "--by", "friday")
    assert result.exit_code == 0, result.output
    assert "(by 2026-12-04)" in result.stderr
    result = run(
        "add", "Ana Ruiz", "--relation", "peer", "--context", "Guild",
        "--since", "2w ago", "--request", "period", "--until", "eoq",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "(since 2026-11-18)" in result.stderr
    ana = shown(run, "ana")
    assert (ana["since"], ana["until"]) == ("2026-11-18", "2026-12-31")
    result = run("edit", "ana", "--since", "som")
    assert result.exit_code == 0, result.output
    assert "since 2026-12-01" in result.stderr


def test_as_of_and_report_since_take_natural_dates(sam: Path, run: Run) -> None:
    due = run("due", "--as-of", "1m ago", "--json")
    assert due.exit_code == 0, due.output
    assert run("gaps", "--as-of", "soy", "--json").exit_code == 0
    assert json.loads(run("gaps", "--as-of", "soy", "--json").stdout)["as_of"] == "2026-01-01"
    report = run("report", "--since", "soq", "--json")
    assert report.exit_code == 0, report.output


def test_things_that_happened_cannot_be_in_the_future(sam: Path, run: Run) -> None:
    before = sam.read_bytes()
    for args in (
        ["checkin", "maria", "--date", "friday"],  # fine: last friday
        ["checkin", "maria", "--date", "next friday"],
        ["pause", "maria", "--date", "tomorrow"],
        ["goal", "done", "become", "--date", "eoy"],
        ["add", "Bo", "--relation", "peer", "--context", "A", "--since", "+1d"],
    ):
        result = run(*args)
        if args[-1] == "friday":
            assert result.exit_code == 0
            before = sam.read_bytes()
            continue
        assert result.exit_code == 2, (args, result.output)
        assert len(result.stderr.strip().splitlines()) == 1
        assert "in the future" in result.stderr
        assert sam.read_bytes() == before


@pytest.mark.parametrize(
    "command",
    [
        ["checkin"],
        ["pause"],
        ["goal", "add"],
        ["add"],
        ["due"],
        ["report"],
    ],
)
def test_help_of_each_date_option_lists_the_forms(run: Run, command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    assert "3d ago" in flat
    assert "last/next friday" in flat
