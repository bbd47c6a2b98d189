"""`devnet review` on a real pseudo-terminal (pexpect): the questions it asks, what
it writes to the file for each answer, re-asking on a typo, Ctrl-C and Ctrl-D."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest
from tests.conftest import Run, closed

from devnet.store import load

pexpect = pytest.importorskip("pexpect")

ROOT = Path(__file__).resolve().parent.parent
DAY = "2026-11-23"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def program() -> list[str]:
    script = Path(sys.executable).parent / "devnet"
    return [str(script)] if script.exists() else [sys.executable, "-m", "devnet"]


def spawn(path: Path, *args: str) -> pexpect.spawn:  # type: ignore[name-defined]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DEVNET_", "FORCE_CO"))}
    env.update({"TERM": "xterm", "NO_COLOR": "1", "DEVNET_PAGER": "cat"})
    command = program()
    child = pexpect.spawn(
        command[0],
        [*command[1:], "--file", str(path), "review", "--as-of", DAY, *args],
        env=env,
        dimensions=(50, 120),
        encoding="utf-8",
        timeout=10,
    )
    child.delaybeforesend = None  # each answer follows its prompt: nothing to wait for
    return child


def converse(child: object, steps: list[tuple[str, str | None]]) -> None:
    """Wait for each prompt (a regex) and type the answer (None: only wait)."""
    for prompt, reply in steps:
        child.expect(prompt)  # type: ignore[attr-defined]
        if reply is not None:
            child.sendline(reply)  # type: ignore[attr-defined]


def finish(child: object) -> tuple[int, str]:
    child.expect(pexpect.EOF)  # type: ignore[attr-defined]
    closed(child)
    shown = ANSI.sub("", child.before or "").replace("\r\n", "\n")  # type: ignore[attr-defined]
    return child.exitstatus, shown  # type: ignore[attr-defined]


@pytest.fixture
def mid(netfile: Path, run: Run) -> Path:
    """The mid-career example with two closing relationships as of DAY: Olga's period
    ended, and Priya's last review said move on."""
    shutil.copy(ROOT / "examples" / "mid-career.toml", netfile)
    added = run(
        *("add", "Olga Berg", "--relation", "senior", "--context", "Globex"),
        *("--functions", "coaching", "--cadence", "monthly", "--scheduler", "me"),
        *("--learn", "Negotiation", "--request", "period", "--until", "2026-10-01"),
        *("--since", "2026-03-01"),
    )
    assert added.exit_code == 0, added.output
    moved = run("checkin", "priya", "--date", "2026-11-01", "--review", "move-on")
    assert moved.exit_code == 0, moved.output
    return netfile


YES_NO = r"since [-0-9]+\? \[y/n\]"
WHEN = r"When\? \[2026-11-23\]"
NOTE = r"A note \(empty for none\):"
FUNCTIONS = r"Functions they gave, comma-separated \(empty for none\):"
WORKING = r"Is this working for you both\? continue / adjust / move-on"
ENDING = r"\[end/keep/skip\]"


def test_a_whole_review(mid: Path, run: Run) -> None:
    child = spawn(mid)
    converse(
        child,
        [
            (r"1/5 Maria Chen .*overdue", None),
            (YES_NO, ""),  # an empty line is no answer: asked again
            (r"please answer yes or no", None),
            (YES_NO, "y"),
            (WHEN, "yesterday"),
            (NOTE, "Budget cycle, part 2"),
            (FUNCTIONS, "coching"),
            (r"did you mean 'coaching'", "coaching, sponsorship"),
            (r"Logged maria-chen@2026-11-22\.", None),
            # Leo: the quarterly question is due
            (YES_NO, "maybe"),
            (YES_NO, "y"),
            (WHEN, "2026-11-30"),
            (r"in the future", "2026-09-01"),
            (r"before your last conversation \(2026-11-05\)", ""),
            (NOTE, ""),
            (FUNCTIONS, ""),
            (WORKING, "sideways"),
            (WORKING, "adjust"),
            (r"Logged leo-park@2026-11-23\.", None),
            # Ruth: not talked to; nothing is assumed
            (r"3/5 Ruth Lee", None),
            (YES_NO, "n"),
            # Olga: the period ended; agree a new one
            (r"4/5 Olga Berg .*closing: the period you asked for has ended", None),
            (r"Did you talk to Olga Berg yet\? \[y/n\]", "n"),
            (ENDING, "keep"),
            (r"Until when is the new period\?", "2026-11-01"),
            (r"has passed", "eom"),
            (r"What do you want to learn from Olga Berg now\?", "Contract negotiation"),
            # Priya: the last review said move on; end it
            (r"5/5 Priya Nair .*closing: the last review said move on", None),
            (YES_NO, "y"),
            (WHEN, ""),
            (NOTE, "Thanked her for the analytics tour"),
            (FUNCTIONS, "coaching"),
            (ENDING, "e"),
            (r"A note for the ending", "Thanked her; staying in touch"),
        ],
    )
    status, shown = finish(child)
    assert status == 0, shown
    assert "Saved 6 changes" in shown
    assert "The most important gaps" in shown and "\n1. " in shown
    network = load(mid).network
    maria = [c for c in network.checkins_of("maria-chen") if c.date.isoformat() == "2026-11-22"]
    assert [(c.note, c.functions) for c in maria] == [
        ("Budget cycle, part 2", ["coaching", "sponsorship"])
    ]
    leo = network.checkins_of("leo-park")[-1]
    assert (leo.date.isoformat(), leo.review, leo.note, leo.functions) == (DAY, "adjust", None, [])
    assert max(c.date for c in network.checkins_of("aunt-ruth")).isoformat() == "2026-08-20"
    olga = network.people["olga-berg"]
    assert (str(olga.until), olga.learn, olga.status) == (
        "2026-11-30",
        "Contract negotiation",
        "active",
    )
    assert network.checkins_of("olga-berg") == []
    priya = network.people["priya-nair"]
    assert (priya.status, str(priya.status_date), priya.status_note) == (
        "ended",
        DAY,
        "Thanked her; staying in touch",
    )
    assert network.checkins_of("priya-nair")[-1].functions == ["coaching"]
    # what due says afterwards follows from what was answered
    due = {d["id"]: d["status"] for d in json.loads(run("due", "--as-of", DAY, "--json").stdout)}
    assert due["olga-berg"] != "closing" and "priya-nair" not in due
    assert due["maria-chen"] == "ok" and due["aunt-ruth"] == "due"


def test_keep_after_move_on_records_adjust_and_a_new_goal_after_goal_reached(
    mid: Path, run: Run
) -> None:
    assert run("goal", "done", "become", "--date", "2026-11-15").exit_code == 0
    child = spawn(mid)
    converse(
        child,
        [
            (YES_NO, "n"),  # Maria
            (YES_NO, "n"),  # Leo
            (YES_NO, "n"),  # Ruth
            # Dana served only the goal now reached
            (r"Dana Okafor .*closing: every goal they help with is done", None),
            (YES_NO, "n"),
            (ENDING, "k"),
            (r"Which goals will they help with now\?", "prsent"),
            (r"did you mean 'present-at-a-conference'", "become"),
            (r"active goal", "present"),
            (r"What do you want to learn from Dana Okafor now\?", ""),
            (r"Olga Berg", None),
            (r"Did you talk to Olga Berg yet", "n"),
            (ENDING, "skip"),
            (r"Priya Nair", None),
            (YES_NO, "y"),
            (WHEN, "2026-11-20"),
            (NOTE, ""),
            (FUNCTIONS, ""),
            (ENDING, "keep"),
            (r"Recorded the review of priya-nair@2026-11-20 as adjust", None),
            (r"What do you want to learn from Priya Nair now\?", "Dashboards for execs"),
        ],
    )
    status, shown = finish(child)
    assert status == 0, shown
    network = load(mid).network
    assert network.people["dana-okafor"].goals == ["present-at-a-conference"]
    assert network.people["olga-berg"].until is not None
    assert str(network.people["olga-berg"].until) == "2026-10-01"  # skipped: unchanged
    priya = network.people["priya-nair"]
    assert (priya.status, priya.learn) == ("active", "Dashboards for execs")
    assert network.checkins_of("priya-nair")[-1].review == "adjust"
    plan = json.loads(run("review", "--plan", "--json", "--as-of", DAY).stdout)
    closing = [a["id"] for a in plan["agenda"] if a["status"] == "closing"]
    assert closing == ["olga-berg"]


def test_ctrl_c_keeps_what_was_answered_and_exits_130(mid: Path) -> None:
    child = spawn(mid)
    converse(child, [(YES_NO, "y"), (WHEN, ""), (NOTE, "Quick one"), (FUNCTIONS, "")])
    child.expect(r"Logged maria-chen@2026-11-23")
    child.expect(YES_NO)
    saved = mid.read_bytes()
    child.sendintr()
    status, shown = finish(child)
    assert status == 130
    assert "interrupted; the answers before it are saved (checkin maria-chen@2026-11-23)" in shown
    assert "Traceback" not in shown
    assert mid.read_bytes() == saved
    assert load(mid).network.checkins_of("maria-chen")[-1].note == "Quick one"


def test_ctrl_c_before_any_answer_leaves_the_file(mid: Path) -> None:
    before = mid.read_bytes()
    child = spawn(mid)
    child.expect(YES_NO)
    child.sendline("y")
    child.expect(WHEN)
    child.sendintr()
    status, shown = finish(child)
    assert status == 130
    assert "interrupted; the file is as it was" in shown
    assert mid.read_bytes() == before


def test_ctrl_d_stops_the_review(mid: Path) -> None:
    before = mid.read_bytes()
    child = spawn(mid)
    child.expect(YES_NO)
    child.sendeof()
    status, shown = finish(child)
    assert status == 0
    assert "Stopped at the end of input. Nothing was changed." in shown
    assert mid.read_bytes() == before


def test_plan_on_a_terminal_asks_nothing(mid: Path) -> None:
    before = mid.read_bytes()
    status, shown = finish(spawn(mid, "--plan"))
    assert status == 0
    assert "[y/n]" not in shown and "5. Priya Nair" in shown
    assert mid.read_bytes() == before
