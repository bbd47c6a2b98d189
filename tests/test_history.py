"""`devnet history`: the network at the end of each period, read from the timeline."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from builders import checkin, goal, network, person
from conftest import Run
from devnet.analysis.history import MAX_PERIODS, default_since, history, period_ends
from devnet.render.history import spark


@pytest.mark.parametrize(
    ("since", "as_of", "every", "expected"),
    [
        (
            date(2026, 1, 15),
            date(2026, 3, 10),
            "month",
            [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 10)],
        ),
        (
            date(2025, 11, 1),
            date(2026, 4, 1),
            "quarter",
            [date(2025, 12, 31), date(2026, 3, 31), date(2026, 4, 1)],
        ),
        (date(2026, 3, 31), date(2026, 3, 31), "month", [date(2026, 3, 31)]),
        (date(9999, 11, 1), date(9999, 12, 31), "month", [date(9999, 11, 30), date(9999, 12, 31)]),
        (date(9999, 10, 1), date(9999, 12, 31), "quarter", [date(9999, 12, 31)]),
        (date(1, 1, 1), date(1, 2, 3), "month", [date(1, 1, 31), date(1, 2, 3)]),
    ],
)
def test_period_ends(since: date, as_of: date, every: str, expected: list[date]) -> None:
    assert period_ends(since, as_of, every) == expected  # type: ignore[arg-type]


def test_too_many_periods_is_refused() -> None:
    with pytest.raises(ValueError):
        period_ends(date(1900, 1, 1), date(2026, 1, 1), "month")
    assert len(period_ends(date(2007, 1, 1), date(2026, 12, 1), "month")) <= MAX_PERIODS


def test_history_follows_the_timeline() -> None:
    ann = person("Ann", "coaching", since=date(2026, 1, 10), cadence=None)
    ann.set_status("ended", date(2026, 3, 15))
    leo = person("Leo", "coaching", since=date(2026, 2, 20), cadence=None)
    g = goal("coaching,sponsorship", "Lead")
    g.set_status("achieved", date(2026, 4, 2))
    net = network({"ann": ann, "leo": leo}, {"lead": g}, [checkin("leo", date(2026, 3, 1))])
    points = history(net, date(2026, 1, 1), date(2026, 4, 30), "month")
    assert [p.size for p in points] == [1, 2, 1, 1]  # Ann ended in March
    assert [p.goals[0].status for p in points] == ["active"] * 3 + ["achieved"]
    assert [p.goals[0].share for p in points] == [0.5, 0.5, 0.5, None]  # coaching, not sponsorship


def test_default_since_is_a_year_back_or_the_first_day() -> None:
    net = network({"a": person("A", since=date(2026, 6, 5))})
    assert default_since(net, date(2026, 11, 20)) == date(2026, 6, 5)
    assert default_since(net, date(2028, 11, 20)) == date(2027, 11, 1)
    assert default_since(network(), date(2026, 11, 20)) == date(2026, 11, 20)


def test_spark_scales_and_leaves_gaps() -> None:
    assert spark([0, 1, 2, None, 4], 0) == "▁▃▅ █"
    assert spark([3, 3], 0) == "██"
    assert spark([None]) == " "


def test_history_cli_json_and_text(run: Run, netfile: Path) -> None:
    example = Path(__file__).resolve().parent.parent / "examples" / "senior-executive.toml"
    netfile.write_bytes(example.read_bytes())
    result = run("history", "--since", "2026-01-01", "--as-of", "2026-11-23", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["as_of"], data["since"], data["every"]) == ("2026-11-23", "2026-01-01", "month")
    assert [p["end"] for p in data["periods"]][-2:] == ["2026-10-31", "2026-11-23"]
    first = data["periods"][0]
    assert set(first) == {"end", "size", "range", "strength", "type", "goals"}
    assert {"id", "title", "status", "cells", "covered", "covered_share"} <= set(first["goals"][0])
    # the Singapore office was achieved in April: active in the first periods only
    ids = [[g["id"] for g in p["goals"]] for p in data["periods"]]
    assert "open-asia-office" in ids[0] and "open-asia-office" not in ids[-1]
    text = run("history", "--since", "2026-01-01", "--as-of", "2026-11-23", "--every", "quarter")
    assert text.exit_code == 0, text.stderr
    assert "2026 Q1" in text.stdout and "2026 Q4" in text.stdout
    assert "Trend" in text.stdout and any(c in text.stdout for c in "▁▂▃▄▅▆▇█")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--every", "week"], "unknown period"),
        (["--since", "2026-12-01", "--as-of", "2026-11-01"], "after the as-of date"),
        (["--since", "1900-01-01"], "--every quarter"),
        (["--since", "soon"], "--since"),
    ],
)
def test_history_bad_input_is_one_line_exit_2(
    run: Run, sam: Path, args: list[str], message: str
) -> None:
    before = sam.read_bytes()
    result = run("history", *args)
    assert result.exit_code == 2, result.stderr
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert sam.read_bytes() == before


@pytest.mark.parametrize("width", [40, 60, 80])
def test_history_keeps_the_period_on_a_narrow_terminal(width: int) -> None:
    import io

    from rich.console import Console

    from devnet.render.history import history_view

    ann = person("Ann", "coaching", since=date(2026, 1, 10))
    net = network({"ann": ann}, {"a-goal-with-a-long-id": goal("coaching", "Lead")})
    points = history(net, date(2026, 1, 1), date(2026, 6, 30), "month")
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(history_view(points, "month", plain=True))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    for month in ("2026-01", "2026-03", "2026-06"):
        assert month in text, text
    assert all(len(line) <= width for line in text.splitlines())
