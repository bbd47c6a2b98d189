"""`goal show`, `prep` and `review --plan` through the CLI (CliRunner: standard input
is not a terminal, so `review` prints its agenda), and the analysis views they share,
checked against `due` and `gaps` so that no two commands disagree."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import Run

from devnet import analysis
from devnet.analysis.ritual import agenda, goal_view, open_skills, review_due, verdict
from devnet.store import load

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))
DAY = "2026-11-23"


@pytest.fixture
def mid(netfile: Path) -> Path:
    """The mid-career example, with a period that ended (Olga) and a move-on review
    (Priya): two closing relationships as of DAY."""
    shutil.copy(ROOT / "examples" / "mid-career.toml", netfile)
    return netfile


def closing(run: Run) -> None:
    added = run(
        *("add", "Olga Berg", "--relation", "senior", "--context", "Globex"),
        *("--functions", "coaching", "--cadence", "monthly", "--scheduler", "me"),
        *("--learn", "Negotiation", "--request", "period", "--until", "2026-10-01"),
        *("--since", "2026-03-01"),
    )
    assert added.exit_code == 0, added.output
    moved = run("checkin", "priya", "--date", "2026-11-01", "--review", "move-on", "--note", "x")
    assert moved.exit_code == 0, moved.output


def as_json(run: Run, *args: str) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- goal show ----------------------------------------------------------------------------


def test_goal_show_json_agrees_with_gaps(run: Run, mid: Path) -> None:
    shown = as_json(run, "goal", "show", "become", "--as-of", DAY)
    gaps = as_json(run, "gaps", "--as-of", DAY)
    grid = next(g for g in gaps["goals"] if g["id"] == "become-a-people-manager")
    assert shown["as_of"] == DAY
    assert (shown["id"], shown["status"], shown["by"]) == (
        "become-a-people-manager",
        "active",
        "2027-06-30",
    )
    assert [
        (n["need"], n["status"], [p["id"] for p in n["providers"]]) for n in shown["needs"]
    ] == [(c["need"], c["status"], c["providers"]) for c in grid["cells"]]
    assert shown["needs"][0]["providers"] == [{"id": "maria-chen", "name": "Maria Chen"}]
    skills = {s["skill"]: s for s in shown["skills"]}
    budget = skills["Run a budget cycle"]
    assert budget["teachers"] == [{"id": "maria-chen", "name": "Maria Chen", "via": "expertise"}]
    assert [r["ref"] for r in budget["learned"]] == ["maria-chen@2026-06-02"]
    # a skill nobody teaches and nobody logged is exactly what untaught-skill names
    untaught = [f for f in gaps["findings"] if f["kind"] == "untaught-skill"]
    nobody = [s for s, v in skills.items() if not v["teachers"] and not v["learned"]]
    assert nobody == ["Hiring interviews", "Giving hard feedback"]
    assert any(all(s in f["message"] for s in nobody) for f in untaught)
    assert [c["ref"] for c in shown["checkins"]] == [
        "maria-chen@2026-06-02",
        "aunt-ruth@2026-08-20",
        "maria-chen@2026-09-10",
        "dana-okafor@2026-11-12",
    ]
    assert shown["checkins"][0]["name"] == "Maria Chen"
    assert shown["history"] == []


def test_goal_show_as_of_is_the_past_and_history_is_dated(run: Run, mid: Path) -> None:
    assert run("goal", "done", "present", "--date", "2026-11-20").exit_code == 0
    after = as_json(run, "goal", "show", "present", "--as-of", DAY)
    assert after["status"] == "achieved"
    assert after["history"] == [{"date": "2026-11-20", "status": "achieved", "note": None}]
    # an achieved goal has no coverage that day: no status, no providers
    assert {n["status"] for n in after["needs"]} == {None}
    before = as_json(run, "goal", "show", "present", "--as-of", "2026-09-01")
    assert (before["status"], before["history"]) == ("active", [])
    assert all(c["date"] <= "2026-09-01" for c in before["checkins"])
    text = run("goal", "show", "present", "--as-of", DAY)
    assert "2026-11-20  achieved" in text.stdout
    assert "no coverage: the goal is achieved" in text.stdout


def test_goal_show_text(run: Run, mid: Path) -> None:
    result = run("goal", "show", "analytics", "--as-of", DAY)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Learn the new analytics stack (learn-the-analytics-stack) · active")
    assert "coaching  weak     Priya Nair" in out
    assert "SQL window functions: taught by Priya Nair (expertise)" in out
    assert "Check-ins that advanced it (" in out
    assert "active since it was added (no change of status)" in out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("goal", "show", "becme"), 1, "did you mean 'become-a-people-manager'"),
        (("goal", "show", "become", "--as-of", "someday"), 2, "invalid --as-of date"),
        (("prep", "mraia"), 1, "did you mean 'maria-chen'"),
        (("prep", "maria", "--as-of", "2026-02-30"), 2, "no such day"),
        (("prep", "priya", "--as-of", "2026-01-01"), 1, "began on 2026-03-01"),
        (("review", "--as-of", "nope"), 2, "invalid --as-of date"),
        (("review", "--plan", "--as-of", "32d ag"), 2, "invalid --as-of date"),
    ],
)
def test_bad_input_is_one_line_and_leaves_the_file(
    run: Run, mid: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    before = mid.read_bytes()
    result = run(*args)
    assert result.exit_code == code
    assert result.stdout == ""
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert mid.read_bytes() == before


# --- prep ---------------------------------------------------------------------------------


def test_prep_json(run: Run, mid: Path) -> None:
    assert run("checkin", "maria", "--date", "2026-11-01", "--gave", "Lisbon intro").exit_code == 0
    data = as_json(run, "prep", "maria", "--as-of", DAY)
    assert data["as_of"] == DAY
    assert (data["id"], data["state"], data["reason"]) == ("maria-chen", "active", None)
    assert data["agreement"] == {
        "learn": "How to run a budget cycle",
        "cadence": "monthly",
        "scheduler": "me",
        "split": 80,
        "request": "area",
        "until": None,
        "missing": [],
    }
    goals = {g["id"]: g["open_skills"] for g in data["goals"]}
    # Maria serves two goals; the budget cycle was logged as learned, so it is not open
    assert goals == {
        "become-a-people-manager": ["Hiring interviews", "Giving hard feedback"],
        "present-at-a-conference": ["Write a conference proposal", "Public speaking"],
    }
    assert data["offer"] == "Tour of the European business"
    assert [(g["date"], g["gave"]) for g in data["gave"]] == [
        ("2026-06-02", "Introduced her to the Lisbon sales team"),
        ("2026-11-01", "Lisbon intro"),
    ]
    # the last two notes, newest first (the 2026-11-01 check-in has none)
    assert [(n["date"], n["ref"]) for n in data["notes"]] == [
        ("2026-09-10", "maria-chen@2026-09-10"),
        ("2026-06-02", "maria-chen@2026-06-02"),
    ]
    assert (data["last"], data["days_since"]) == ("2026-11-01", 22)
    assert data["due"] == {"next": "2026-12-01", "status": "ok"}
    assert (data["review_due"], data["review"], data["ending"]) == (False, None, None)


def test_prep_review_due_is_the_gaps_finding(run: Run, mid: Path) -> None:
    gaps = as_json(run, "gaps", "--as-of", DAY)
    asked = {f["developer"] for f in gaps["findings"] if f["kind"] == "review-due"}
    assert asked  # the example has one (Leo)
    for pid in ("leo-park", "maria-chen", "aunt-ruth", "dana-okafor", "priya-nair"):
        data = as_json(run, "prep", pid, "--as-of", DAY)
        assert data["review_due"] == (pid in asked), pid
    leo = as_json(run, "prep", "leo", "--as-of", DAY)
    assert leo["review"]["kind"] == "review-due" and leo["ending"] is None
    text = run("prep", "leo", "--as-of", DAY).stdout
    assert "Ask: is this working for us?" in text


def test_prep_for_a_closing_person_suggests_the_ending(run: Run, mid: Path) -> None:
    closing(run)
    olga = as_json(run, "prep", "olga", "--as-of", DAY)
    assert (olga["state"], olga["reason"]) == ("closing", "period-ended")
    assert olga["agreement"]["until"] == "2026-10-01"
    assert olga["review_due"] is False
    assert olga["ending"]["kind"] == "period-ended"
    assert olga["due"] == {"next": None, "status": "closing"}
    text = run("prep", "olga", "--as-of", DAY).stdout
    assert "closing: the period you asked for has ended" in text
    assert "Close it well" in text and "is this working" not in text
    priya = as_json(run, "prep", "priya", "--as-of", DAY)
    assert (priya["reason"], priya["ending"]["kind"]) == ("move-on", "move-on-pending")


def test_prep_text(run: Run, mid: Path) -> None:
    result = run("prep", "ruth", "--as-of", DAY)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Ruth Lee (aunt-ruth) · family, Lee family")
    assert "last talked 2026-08-20 (95 days ago) · due" in out
    assert "  learn: How she stepped from engineer to manager" in out
    assert "  split: -" in out
    assert "you gave: nothing recorded yet" in out
    assert "2026-08-20: Dinner; her first year as a manager" in out
    # family is never asked the quarterly question (review-due's own rule)
    assert "is this working" not in out


def test_prep_of_someone_never_talked_to(run: Run, mid: Path) -> None:
    closing(run)
    olga = as_json(run, "prep", "olga", "--as-of", DAY)
    assert (olga["last"], olga["days_since"], olga["notes"], olga["gave"]) == (None, None, [], [])
    assert "never talked yet (never)" in run("prep", "olga", "--as-of", DAY).stdout


# --- review: the agenda (not a terminal) ---------------------------------------------------


def test_review_plan_json_is_who_due_shows(run: Run, mid: Path) -> None:
    closing(run)
    before = mid.read_bytes()
    plan = as_json(run, "review", "--plan", "--as-of", DAY)
    due = as_json(run, "due", "--as-of", DAY)
    assert plan["as_of"] == DAY
    wanted = [d["id"] for d in due if d["status"] in ("due", "overdue", "closing")]
    assert [a["id"] for a in plan["agenda"]] == wanted
    assert wanted == ["maria-chen", "leo-park", "aunt-ruth", "olga-berg", "priya-nair"]
    first = plan["agenda"][0]
    assert first == {
        "id": "maria-chen",
        "name": "Maria Chen",
        "status": "overdue",
        "reason": None,
        "why": "overdue: 74 days since you talked",
        "last": "2026-09-10",
        "days": 74,
        "cadence": "monthly",
        "learn": "How to run a budget cycle",
        "review_due": False,
        "ending": None,
    }
    by_id = {a["id"]: a for a in plan["agenda"]}
    assert by_id["leo-park"]["review_due"] is True
    assert by_id["olga-berg"]["reason"] == "period-ended"
    assert by_id["olga-berg"]["ending"]["kind"] == "period-ended"
    gaps = as_json(run, "gaps", "--as-of", DAY)
    assert plan["gaps"] == gaps["findings"][:3]
    assert mid.read_bytes() == before


def test_review_piped_prints_the_agenda_and_asks_nothing(run: Run, mid: Path) -> None:
    closing(run)
    before = mid.read_bytes()
    result = run("review", "--as-of", DAY, input="y\n2026-11-20\nnote\n\n")
    assert result.exit_code == 0, result.output
    assert mid.read_bytes() == before
    out = result.stdout
    assert out.startswith("Weekly review, 2026-11-23\n")
    assert "1. Maria Chen (maria-chen) · overdue: 74 days since you talked" in out
    assert "   you agreed to learn: How to run a budget cycle" in out
    assert "4. Olga Berg (olga-berg) · closing: the period you asked for has ended" in out
    assert "5. Priya Nair (priya-nair) · closing: the last review said move on" in out
    assert "   ask: is this working for you both?" in out
    assert "The most important gaps\n1. " in out
    assert "?" not in result.stderr.replace("is this working", "")
    assert "standard input is not a terminal" in result.stderr.lower()
    plan = run("review", "--plan", "--as-of", DAY)
    assert plan.stdout == out and plan.stderr == ""


def test_review_with_nobody_due(run: Run, sam: Path) -> None:
    result = run("review", "--plan", "--as-of", "2026-02-10")
    assert result.exit_code == 0, result.output
    assert "Nobody is due, overdue or closing." in result.stdout
    assert as_json(run, "review", "--as-of", "2026-02-10")["agenda"] == []


def test_review_in_the_future_is_only_a_plan(run: Run, mid: Path) -> None:
    assert run("review", "--plan", "--as-of", "9999-12-31").exit_code == 0


# --- the shared views agree with due and gaps ---------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("day", [date(2026, 3, 1), date(2026, 11, 23), date(2027, 6, 1)])
def test_views_agree_with_due_and_gaps(path: Path, day: date) -> None:
    network = load(path).network
    snap = analysis.snapshot(network, day)
    found = analysis.gaps_of(snap)
    items = agenda(snap, found)
    assert [i.id for i in items] == [
        d.id for d in snap.due if d.status in ("due", "overdue", "closing")
    ]
    for item in items:
        assert (item.review is None) == (review_due(found, item.id) is None)
        assert (item.verdict is not None) == (item.status == "closing")
    untaught = " ".join(f.message for f in found.findings if f.kind == "untaught-skill")
    for gid in snap.active_goals:
        view = goal_view(snap, gid)
        assert [c.status for c in view.cells or ()] == [
            c.status for gc in snap.coverage if gc.id == gid for c in gc.cells
        ]
        for s in view.skills:
            if not s.teachers and not s.learned_in:
                assert f"'{s.skill}'" in untaught, (gid, s.skill)
    for pid, ps in snap.people.items():
        if ps.state == "closing":
            assert verdict(found, pid) is not None and review_due(found, pid) is None
        for skills in open_skills(snap, pid).values():
            assert all(skills.count(s) == 1 for s in skills)


def test_text_from_the_file_is_shown_literally_and_safely(run: Run, netfile: Path) -> None:
    shutil.copy(ROOT / "tests" / "fixtures" / "v2" / "hostile-text.toml", netfile)
    steps = [
        ("goal", "add", "[bold]Lead[/bold]", "--id", "lead", "--needs", "coaching"),
        ("goal", "edit", "lead", "--skill", "\x1b[31mred\x1b[0m"),
        ("edit", "e", "--cadence", "weekly", "--scheduler", "me", "--functions", "coaching"),
        (
            "checkin",
            "e",
            "--date",
            "2025-02-01",
            "--goal",
            "lead",
            "--note",
            "[i]x\x1b]52;c;aGk=\x07",
        ),
    ]
    for step in steps:
        assert run(*step).exit_code == 0, step
    for args in (("prep", "e"), ("goal", "show", "lead"), ("review", "--plan")):
        result = run(*args, "--as-of", "2025-03-01")
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout, args
        assert "[link=https://evil.example]click[/link]" in result.stdout, args
    assert "[i]x" in run("prep", "e", "--as-of", "2025-03-01").stdout
    assert "[bold]Lead[/bold]" in run("goal", "show", "lead", "--as-of", "2025-03-01").stdout
