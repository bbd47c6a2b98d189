"""Issue 10, "Advice you can trust": the seven situations seen by the simulated users,
replayed through the pure functions and through the real CLI (`due`, `gaps --json`,
`export --format ics`, `list`), so that every command gives one verdict per person;
and a property over generated networks: no person gets contradictory next steps, no
closing person is asked for more or listed due, every suggested command parses."""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import typer.main
from hypothesis import given
from hypothesis import strategies as st

from builders import goal, network, person
from conftest import Run
from devnet import analysis
from devnet.analysis import KINDS, Finding
from devnet.cli import app
from devnet.model import (
    CADENCES,
    FUNCTIONS,
    RELATIONS,
    REQUESTS,
    REVIEWS,
    SCHEMA_VERSION,
    STAGES,
    Checkin,
    Goal,
    GoalChange,
    Network,
    Person,
    PersonChange,
    Profile,
)
from devnet.render.gaps import action_text, command_text

T = date.today()
"""The CLI's `list` answers as of the real today, so the CLI scenarios are dated
relative to it (a check-in cannot be in the future)."""


def ago(days: int) -> str:
    return (T - timedelta(days=days)).isoformat()


# --- reading every command's verdict ------------------------------------------------------


def verdicts(run: Run) -> dict[str, Any]:
    """What due, gaps, export ics and list say today, in one place."""
    due = json.loads(run("due", "--json").stdout)
    gaps = json.loads(run("gaps", "--json").stdout)
    ics = run("export", "--format", "ics").stdout
    closing = json.loads(run("list", "--status", "closing", "--json").stdout)
    return {
        "due": {d["id"]: d for d in due},
        "findings": gaps["findings"],
        "cells": {(g["id"], c["need"]): c for g in gaps["goals"] for c in g["cells"]},
        "ics": {
            line.split(":", 1)[1].split("@")[0]
            for line in ics.splitlines()
            if line.startswith("UID:")
        },
        "listed_closing": {p["id"] for p in closing},
    }


VERDICT_KINDS = {k for k, kind in KINDS.items() if kind.verdict}


def assert_one_verdict(seen: dict[str, Any], pid: str, kind: str) -> None:
    """`pid` is closing in every command: one finding (`kind`), due says closing,
    no calendar event, listed as closing, and nobody suggests asking them."""
    mine = [f["kind"] for f in seen["findings"] if f["developer"] == pid]
    assert mine == [kind], mine
    assert seen["due"][pid]["status"] == "closing" and seen["due"][pid]["next"] is None
    assert pid not in seen["ics"]
    assert pid in seen["listed_closing"]
    for f in seen["findings"]:
        if f["developer"] != pid:
            assert f"devnet edit {pid} " not in f["action"], f
            assert f"devnet checkin {pid}" not in f["action"], f
    for cell in seen["cells"].values():
        assert pid not in cell["providers"]


@pytest.fixture
def base(run: Run) -> Run:
    assert run("init", "--name", "Julie Park", "--stage", "mid", "--org", "Acme").exit_code == 0
    return run


def ok(run: Run, *args: str) -> None:
    result = run(*args)
    assert result.exit_code == 0, (args, result.output)


# --- 1. commands disagree about one person -------------------------------------------------


def test_item1_after_move_on_every_command_says_closing(base: Run) -> None:
    ok(base, "goal", "add", "Lead a team", "--needs", "coaching,sponsorship")
    common = ["--relation", "senior", "--context", "Acme", "--cadence", "monthly",
              "--scheduler", "me", "--learn", "x", "--offer", "y", "--since", ago(300)]  # fmt: skip
    ok(base, "add", "Ben Okafor", "--functions", "coaching,sponsorship", *common)
    ok(base, "add", "Ana Ruiz", "--functions", "coaching", *common)
    ok(base, "checkin", "ben", "--date", ago(60), "--review", "move-on")
    ok(base, "checkin", "ana", "--date", ago(5), "--review", "continue")
    seen = verdicts(base)
    # before: due listed Ben as overdue (60 days against a monthly cadence)
    assert_one_verdict(seen, "ben-okafor", "move-on-pending")
    assert seen["due"]["ana-ruiz"]["status"] == "ok" and "ana-ruiz" in seen["ics"]
    assert list(seen["due"]) == ["ana-ruiz", "ben-okafor"]  # closing after the others


def test_item1_a_period_past_its_until_is_one_verdict(base: Run) -> None:
    ok(base, "goal", "add", "Lead a team", "--needs", "coaching,sponsorship,exposure")
    ok(base, "add", "Helen Wu", "--relation", "senior", "--context", "Globex",
       "--functions", "coaching", "--cadence", "monthly", "--since", ago(400),
       "--request", "period", "--until", ago(10))  # fmt: skip
    ok(base, "checkin", "helen", "--date", ago(120))
    seen = verdicts(base)
    # before: "thank her and end it", "book a conversation", "catch up", "ask her too"
    assert_one_verdict(seen, "helen-wu", "period-ended")
    others = [f for f in seen["findings"] if f["developer"] != "helen-wu"]
    assert not any("Helen Wu" in f["action"] for f in others)


# --- 2. the past as it was --------------------------------------------------------------


def test_item2_as_of_shows_goals_and_people_as_they_were(base: Run) -> None:
    ok(base, "goal", "add", "Ship the platform", "--needs", "exposure")
    ok(base, "add", "Wol Circle", "--relation", "circle", "--context", "WOL",
       "--functions", "exposure", "--since", ago(200), "--cadence", "monthly")  # fmt: skip
    ok(base, "checkin", "wol", "--date", ago(100))
    ok(base, "end", "wol", "--date", ago(20))
    ok(base, "goal", "done", "ship", "--date", ago(10))
    past = json.loads(base("gaps", "--as-of", ago(90), "--json").stdout)
    # the goal was active then, and the circle gave it exposure: not a gap
    (g,) = past["goals"]
    assert g["cells"] == [{"need": "exposure", "status": "fragile", "providers": ["wol-circle"]}]
    assert [d["id"] for d in json.loads(base("due", "--as-of", ago(90), "--json").stdout)] == [
        "wol-circle"
    ]
    now = json.loads(base("gaps", "--json").stdout)
    assert now["goals"] == [] and json.loads(base("due", "--json").stdout) == []


def test_item2_snapshot_reads_each_status_on_its_day() -> None:
    p = person("Circle", "exposure", relation="circle", since=date(2026, 1, 1))
    p.history.append(PersonChange(date=date(2026, 12, 1), status="ended"))
    g = goal("exposure", "Ship")
    g.history.append(GoalChange(date=date(2026, 10, 21), status="achieved"))
    net = network({"c": p}, {"g": g})
    september = analysis.snapshot(net, date(2026, 9, 30))
    assert september.state("c") == "active" and september.goals["g"].status == "active"
    assert [c.providers for c in september.coverage[0].cells] == [("c",)]
    november = analysis.snapshot(net, date(2026, 11, 1))
    # the goal it served is reached: still active, but closing (Hunt)
    assert november.goals["g"].status == "achieved" and november.state("c") == "active"
    december = analysis.snapshot(net, date(2026, 12, 1))
    assert december.state("c") == "ended" and december.due == ()
    assert analysis.snapshot(net, date(2025, 12, 31)).people == {}


# --- 3. Hunt's case ------------------------------------------------------------------------


def test_item3_every_goal_served_is_reached(base: Run) -> None:
    ok(base, "goal", "add", "Get promoted", "--needs", "sponsorship")
    ok(base, "goal", "add", "Speak at a conference", "--needs", "coaching,exposure")
    ok(base, "add", "Ann Lee", "--relation", "senior", "--context", "Acme",
       "--functions", "sponsorship,coaching", "--goal", "get-promoted", "--cadence", "monthly",
       "--scheduler", "me", "--learn", "x", "--offer", "y", "--since", ago(300))  # fmt: skip
    ok(base, "checkin", "ann", "--date", ago(80))
    ok(base, "goal", "done", "get-promoted", "--date", ago(5))
    seen = verdicts(base)
    # before: "book a conversation with Ann" and "ask Ann to help with this goal too"
    assert_one_verdict(seen, "ann-lee", "goal-reached")
    (hit,) = [f for f in seen["findings"] if f["kind"] == "goal-reached"]
    assert "Thank Ann Lee" in hit["action"] and "'Get promoted'" in hit["message"]
    assert not any("Ann Lee" in f["action"] for f in seen["findings"] if f is not hit)


# --- 4. interchangeable people ----------------------------------------------------------


def test_item4_two_people_covering_everything_are_not_over_relied_on(base: Run) -> None:
    ok(base, "goal", "add", "Lead", "--needs", "coaching,sponsorship,counseling")
    for name in ("Ann Lee", "Bo Kim"):
        ok(base, "add", name, "--relation", "senior", "--context", "Acme",
           "--functions", "coaching,sponsorship,counseling")  # fmt: skip
    kinds = [f["kind"] for f in verdicts(base)["findings"]]
    assert "over-reliance" not in kinds


# --- 5. Ross and Julie ----------------------------------------------------------------------


def test_item5_someone_who_gives_nothing_is_not_asked_for_more(base: Run) -> None:
    ok(base, "goal", "add", "Learn the business", "--needs",
       "coaching,sponsorship,exposure,counseling,challenge")  # fmt: skip
    ok(base, "add", "Ross Diaz", "--relation", "senior", "--context", "Acme")
    seen = verdicts(base)
    asks = [f for f in seen["findings"] if f["kind"] == "uncovered-need"]
    assert asks and not any("Ross" in f["action"] for f in asks)
    (agreement,) = [f for f in seen["findings"] if f["developer"] == "ross-diaz"
                    and f["kind"] == "unclear-agreement"]  # fmt: skip
    assert agreement["action"].startswith("Start here: at your next conversation agree with Ross")
    assert "--cadence monthly --scheduler me --learn" in agreement["action"]


# --- 6. advice that follows the articles ----------------------------------------------------


def test_item6_a_seniors_balance_gap_names_family_or_friends() -> None:
    net = network({}, {"g": goal("friendship,counseling")}, stage="senior")
    for f in analysis.gaps(net, T).findings:
        if f.kind == "uncovered-need":
            assert "family or friends" in f.action


def test_item6_no_quarterly_review_for_family_no_one_way_for_one_time(base: Run) -> None:
    ok(base, "goal", "add", "Stay sane", "--needs", "psychosocial,role-modeling")
    ok(base, "add", "Kim Park", "--relation", "family", "--context", "Home",
       "--functions", "counseling", "--cadence", "weekly", "--scheduler", "both",
       "--learn", "calm", "--offer", "time", "--since", ago(400))  # fmt: skip
    ok(base, "checkin", "kim", "--date", ago(2))
    ok(base, "add", "Old Hand", "--relation", "senior", "--context", "Globex",
       "--functions", "role-modeling", "--request", "one-time", "--learn", "career story",
       "--since", ago(30))  # fmt: skip
    kinds = {(f["kind"], f["developer"]) for f in verdicts(base)["findings"]}
    assert ("review-due", "kim-park") not in kinds
    assert ("one-way", "old-hand") not in kinds


def test_item6_a_matching_expertise_comes_before_the_relation() -> None:
    people = {
        "tom": person("Tom Junior", "acceptance", relation="junior", expertise=["Tableau"]),
        "eve": person(
            "Eve Ext", "acceptance", relation="external", context="SAP", expertise=["ERP systems"]
        ),
    }
    net = network(people, {"erp": goal("coaching", "Lead the ERP migration")}, stage="senior")
    (gap,) = [f for f in analysis.gaps(net, T).findings if f.kind == "uncovered-need"]
    assert gap.action.startswith("Ask Eve Ext")
    assert gap.action.index("Eve Ext") < gap.action.index("Tom Junior")


# --- 7. what the user logs --------------------------------------------------------------------


def test_item7_a_logged_function_is_offered_to_add(base: Run) -> None:
    ok(base, "goal", "add", "Get promoted", "--needs", "sponsorship", "--skill", "Budgeting")
    ok(base, "add", "Ross Diaz", "--relation", "senior", "--context", "Acme",
       "--functions", "coaching", "--cadence", "monthly", "--scheduler", "me",
       "--learn", "Budgeting basics", "--offer", "y")  # fmt: skip
    ok(base, "checkin", "ross", "--functions", "sponsorship")
    seen = verdicts(base)
    kinds = {(f["kind"], f["developer"]) for f in seen["findings"]}
    assert ("unlisted-function", "ross-diaz") in kinds
    (gap,) = [f for f in seen["findings"] if f["kind"] == "uncovered-need"]
    assert "devnet edit ross-diaz --functions coaching,sponsorship" in gap["action"]
    # what was agreed to learn from Ross counts as taught
    assert not any(f["kind"] == "untaught-skill" for f in seen["findings"])


# --- 8. duplicate titles, advice said once -----------------------------------------------------


def test_item8_two_active_goals_may_not_share_a_title(base: Run, netfile: Path) -> None:
    ok(base, "goal", "add", "Lead a team", "--needs", "coaching")
    before = netfile.read_bytes()
    again = base("goal", "add", "lead a  TEAM", "--needs", "sponsorship", "--id", "other")
    assert again.exit_code == 1 and "already titled 'Lead a team'" in again.stderr
    assert again.stderr.count("\n") == 1 and netfile.read_bytes() == before
    ok(base, "goal", "add", "Speak", "--needs", "coaching")
    edit = base("goal", "edit", "speak", "--title", "Lead a team")
    assert edit.exit_code == 1 and netfile.read_bytes() != b""
    ok(base, "goal", "done", "lead-a-team")
    ok(base, "goal", "edit", "speak", "--title", "Lead a team")  # the other one is done
    assert base("goal", "reopen", "lead-a-team").exit_code == 1


def test_item8_the_same_gap_advice_is_said_once_for_every_goal() -> None:
    goals = {"a": goal("role-modeling", "Alpha"), "b": goal("role-modeling", "Beta")}
    hits = [f for f in analysis.gaps(network({}, goals), T).findings if f.kind == "uncovered-need"]
    assert len(hits) == 1 and hits[0].goals == ("a", "b")
    assert "'Alpha' and 'Beta'" in hits[0].message


def test_item8_the_same_advice_for_two_needs_is_said_once() -> None:
    """Found by the property: a senior's acceptance and counseling gaps get the same
    advice (family or friends), said once naming both needs."""
    net = network({}, {"g": goal("acceptance,counseling", "Stay sane")}, stage="senior")
    (hit,) = [f for f in analysis.gaps(net, T).findings if f.kind == "uncovered-need"]
    assert (
        hit.message == "Nobody in your network gives you acceptance and counseling for 'Stay sane'."
    )
    assert (hit.goal, hit.goals) == ("g", ())


# --- the property over generated networks ----------------------------------------------------

TODAY = date(2026, 6, 1)
_days = st.integers(-400, 0).map(lambda n: TODAY + timedelta(days=n))
_some_text = st.sampled_from(["Budgeting", "ERP systems", 'say "hi" -x', "a\\b $HOME", "Tableau"])


@st.composite
def _person(draw: st.DrawFn, goal_ids: list[str]) -> Person:
    since = draw(_days)
    request = draw(st.sampled_from([None, *REQUESTS]))
    history = []
    if draw(st.booleans()):
        change = since + timedelta(days=draw(st.integers(0, 300)))
        status = draw(st.sampled_from(["paused", "ended"]))
        history.append(PersonChange(date=change, status=status))
    return Person(
        name=draw(st.sampled_from(["Ann", "Bo Kim", "Łukasz", "[b]x", "Helen Wu"])),
        relation=draw(st.sampled_from(RELATIONS)),
        context=draw(st.sampled_from(["Acme", "Globex", "Home"])),
        functions=draw(st.lists(st.sampled_from(list(FUNCTIONS)), max_size=4, unique=True)),
        goals=draw(st.lists(st.sampled_from(goal_ids), max_size=2, unique=True))
        if goal_ids
        else [],
        expertise=draw(st.lists(_some_text, max_size=2, unique=True)),
        cadence=draw(st.sampled_from([None, *CADENCES])),
        scheduler=draw(st.sampled_from([None, "me", "them"])),
        learn=draw(st.sampled_from([None, "Budgeting", "x"])),
        offer=draw(st.sampled_from([None, "help"])),
        request=request,
        until=since + timedelta(days=draw(st.integers(0, 400))) if request == "period" else None,
        closeness=draw(st.sampled_from([None, 1, 2, 3, 4])),
        since=since,
        history=history,
    )  # type: ignore[arg-type]


@st.composite
def _networks(draw: st.DrawFn) -> Network:
    goal_ids = [f"g{i}" for i in range(draw(st.integers(0, 3)))]
    goals = {
        gid: Goal(
            title=f"Goal {gid} {draw(_some_text)}",
            needs=draw(
                st.lists(
                    st.sampled_from([*FUNCTIONS, "career", "psychosocial"]),
                    min_size=1,
                    max_size=4,
                    unique=True,
                )
            ),
            skills=draw(st.lists(_some_text, max_size=2, unique=True)),
            history=[
                GoalChange(date=draw(_days), status=draw(st.sampled_from(["achieved", "dropped"])))
            ]
            if draw(st.booleans())
            else [],
        )
        for gid in goal_ids
    }
    pids = [f"p{i}" for i in range(draw(st.integers(0, 6)))]
    people = {pid: draw(_person(goal_ids)) for pid in pids}
    checkins = [
        Checkin(
            date=draw(_days),
            developer=pid,
            functions=draw(st.lists(st.sampled_from(list(FUNCTIONS)), max_size=2, unique=True)),
            skills=draw(st.lists(_some_text, max_size=1)),
            gave=draw(st.sampled_from([None, "a book"])),
            review=draw(st.sampled_from([None, *REVIEWS])),
        )
        for pid in pids
        for _ in range(draw(st.integers(0, 3)))
    ]
    return Network(  # type: ignore[call-arg]  # by alias
        schema=SCHEMA_VERSION,
        profile=Profile(name="Sam", stage=draw(st.sampled_from(STAGES)), org="Acme"),
        goals=goals,
        people=people,
        checkins=checkins,
    )


_COMMAND = typer.main.get_command(app)


def parses(args: Iterable[str]) -> None:
    """Parse a suggested command with the real CLI (Click's make_context), down to
    the subcommand; raises on an unknown command or option, or a missing value."""
    cmd: Any = _COMMAND
    ctx = cmd.make_context("devnet", list(args))
    while hasattr(cmd, "resolve_command"):
        rest = [*(getattr(ctx, "protected_args", None) or getattr(ctx, "_protected_args", [])),
                *ctx.args]  # fmt: skip
        name, cmd, rest = cmd.resolve_command(ctx, rest)
        ctx = cmd.make_context(name, rest, parent=ctx)


ASKS = {k for k, kind in KINDS.items() if kind.asks}


def _check(net: Network, day: date) -> None:
    snap = analysis.snapshot(net, day)
    result = analysis.gaps_of(snap)
    closing = set(snap.closing)
    by_person: dict[str, list[Finding]] = {}
    for f in result.findings:
        if f.developer:
            by_person.setdefault(f.developer, []).append(f)
        for command in f.commands:
            parses(command)
            if f.developer not in closing:
                # nobody closing is asked for anything by another finding
                assert not set(command) & closing, (f, closing)
        if "$" not in action_text(f) and "`" not in action_text(f):
            for command in f.commands:
                assert shlex.split(command_text(command))[1:] == list(command)
    for pid, found in by_person.items():
        kinds = {f.kind for f in found}
        if pid in closing:
            # one verdict, and nothing that asks something of them
            assert len(found) == 1 and kinds <= VERDICT_KINDS, kinds
        else:
            assert not kinds & VERDICT_KINDS, kinds
    for d in snap.due:
        assert (d.status == "closing") == (d.id in closing)
        if d.id in closing:
            assert d.next is None
    for gc in snap.coverage:
        for cell in gc.cells:
            assert not set(cell.providers) & closing
    # the same advice is said once
    advice = [(f.kind, action_text(f)) for f in result.findings if f.kind == "uncovered-need"]
    assert len(advice) == len(set(advice))


@given(_networks(), st.integers(-30, 30))
def test_no_contradictions_and_every_command_parses(net: Network, shift: int) -> None:
    _check(net, TODAY + timedelta(days=shift))


def test_suggested_commands_parse_in_the_seven_situations() -> None:
    """Every kind's commands, spelled as gaps shows them, parse with the real CLI."""
    people = {
        "ben": person("Ben", "coaching", cadence=None, scheduler=None, learn=None, offer=None,
                      since=date(2025, 1, 1), request="period", until=date(2025, 2, 1)),
        "ana": person("Ana", "coaching", offer=None, since=date(2025, 1, 1), goals=["g"]),
    }  # fmt: skip
    net = network(people, {"g": goal("coaching,protection", skills=["ERP"], by=date(2025, 3, 1))})
    result = analysis.gaps(net, date(2025, 9, 1))
    assert result.findings
    for f in result.findings:
        for command in f.commands:
            parses(command)
    with pytest.raises(Exception, match="No such option"):
        parses(("edit", "ben", "--nonsense"))
