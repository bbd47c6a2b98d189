"""The everyday path through the CLI: natural dates, check-ins as records (refs,
`checkins list/edit/remove`), one conversation with several people, `open`,
`search` and the `list` filters."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import Run

TODAY = date(2026, 12, 2)  # a Wednesday


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command module sees TODAY as today (they import `today` by name)."""
    for name, module in list(sys.modules.items()):
        if name.startswith("devnet.cli") and hasattr(module, "today"):
            monkeypatch.setattr(module, "today", lambda: TODAY)


def shown(run: Run, ref: str = "maria") -> dict[str, Any]:
    result = run("show", ref, "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
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


# --- 2. check-ins as records ---------------------------------------------------------


@pytest.fixture
def logged(sam: Path, run: Run) -> Path:
    """Sam's network with three more check-ins with Maria, two of them on one day."""
    for args in (
        ["--date", "2026-11-01", "--note", "Budget cycle, part 1"],
        ["--date", "2026-11-01", "--note", "Lisbon team intro", "--gave", "Slides"],
        ["--date", "2026-11-20", "--functions", "coaching", "--goal", "become"],
    ):
        result = run("checkin", "maria", *args)
        assert result.exit_code == 0, result.output
    return sam


def test_refs_are_shown_by_show_and_checkins_list(logged: Path, run: Run) -> None:
    refs = [c["ref"] for c in shown(run)["checkins"]]
    assert refs == [
        "maria-chen@2026-02-01",
        "maria-chen@2026-11-01",
        "maria-chen@2026-11-01#2",
        "maria-chen@2026-11-20",
    ]
    listed = json.loads(run("checkins", "list", "--json").stdout)
    assert [c["ref"] for c in listed] == refs
    assert listed[2]["note"] == "Lisbon team intro"
    assert listed[2]["developer"] == "maria-chen"
    assert listed[0]["review"] is None  # one null policy
    table = run("checkins", "list").stdout
    assert "maria-chen@2026-11-01#2" in table
    assert "maria-chen@2026-11-01#2" in run("show", "maria").stdout


def test_a_new_checkin_says_its_ref_and_never_renames_older_ones(logged: Path, run: Run) -> None:
    result = run("checkin", "maria", "--date", "2026-11-01", "--note", "third")
    assert "(maria-chen@2026-11-01#3)" in result.stderr
    listed = json.loads(run("checkins", "list", "maria", "--since", "2026-11-01", "--json").stdout)
    assert [(c["ref"], c["note"]) for c in listed[:3]] == [
        ("maria-chen@2026-11-01", "Budget cycle, part 1"),
        ("maria-chen@2026-11-01#2", "Lisbon team intro"),
        ("maria-chen@2026-11-01#3", "third"),
    ]


def test_checkins_list_filters(logged: Path, run: Run) -> None:
    def refs(*args: str) -> list[str]:
        result = run("checkins", "list", *args, "--json")
        assert result.exit_code == 0, result.output
        return [c["ref"] for c in json.loads(result.stdout)]

    assert refs("--goal", "become") == ["maria-chen@2026-11-20"]
    assert refs("--since", "2026-11-02") == ["maria-chen@2026-11-20"]
    assert refs("--until", "2026-11-01") == [
        "maria-chen@2026-02-01",
        "maria-chen@2026-11-01",
        "maria-chen@2026-11-01#2",
    ]
    assert refs("--since", "1m ago", "--until", "last friday") == ["maria-chen@2026-11-20"]
    assert refs("Maria Chen", "--since", "som") == []
    assert run("checkins", "list", "--since", "som").stderr.strip() == "No check-ins match."


def test_checkins_edit_changes_one_field_and_keeps_the_rest(logged: Path, run: Run) -> None:
    result = run("checkins", "edit", "maria-chen@2026-11-01#2", "--note", "Lisbon, fixed")
    assert result.exit_code == 0, result.output
    assert "Updated the check-in maria-chen@2026-11-01#2 with Maria Chen." in result.stderr
    edited = shown(run)["checkins"][2]
    assert (edited["note"], edited["gave"]) == ("Lisbon, fixed", "Slides")
    assert shown(run)["checkins"][1]["note"] == "Budget cycle, part 1"


def test_checkins_edit_clears_moves_and_backdates(logged: Path, run: Run) -> None:
    result = run("checkins", "edit", "maria@2026-11-01#2", "--gave", "", "--functions", "")
    assert result.exit_code == 0, result.output
    assert shown(run)["checkins"][2]["gave"] is None
    result = run("checkins", "edit", "maria@last", "--date", "2025-12-24", "--goal", "")
    assert result.exit_code == 0, result.output
    assert "now maria-chen@2025-12-24" in result.stderr
    assert "now begins on 2025-12-24 (it was 2026-01-10)" in result.stderr
    first = shown(run)["checkins"][0]
    assert (first["ref"], first["goals"], first["functions"]) == (
        "maria-chen@2025-12-24",
        [],
        ["coaching"],
    )


def test_checkins_edit_with_nothing_new_writes_nothing(logged: Path, run: Run) -> None:
    before = logged.read_bytes()
    result = run("checkins", "edit", "maria@2026-11-20", "--functions", "coaching")
    assert result.exit_code == 0
    assert "Nothing to change" in result.stderr
    assert logged.read_bytes() == before


def test_checkins_remove_with_yes(logged: Path, run: Run) -> None:
    result = run("checkins", "remove", "maria-chen@2026-11-01", "--yes")
    assert result.exit_code == 0, result.output
    assert "Removed the check-in maria-chen@2026-11-01 with Maria Chen." in result.stderr
    notes = [c["note"] for c in shown(run)["checkins"]]
    assert notes == ["Budget walkthrough", "Lisbon team intro", None]
    # the one left that day is now the first, so its ref lost its #2
    assert shown(run)["checkins"][1]["ref"] == "maria-chen@2026-11-01"


def test_checkins_remove_asks_on_a_terminal(
    logged: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from devnet.cli import common

    monkeypatch.setattr(common, "interactive", lambda: True)
    before = logged.read_bytes()
    declined = run("checkins", "remove", "maria@2026-11-01#2", input="n\n")
    assert declined.exit_code == 1
    assert "Remove the check-in maria-chen@2026-11-01#2 (Lisbon team intro)?" in declined.stderr
    assert logged.read_bytes() == before
    accepted = run("checkins", "remove", "maria@2026-11-01#2", input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert [c["note"] for c in shown(run)["checkins"]][1:] == ["Budget cycle, part 1", None]


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["checkins", "remove", "maria-chen@2026-11-01"], 2, "pass --yes"),
        (["checkins", "remove", "maria@2026-10-01"], 1, "no check-in"),
        (["checkins", "remove", "maria-chen", "--yes"], 2, "expected ID@DATE"),
        (["checkins", "remove", "maria@2026-10-01", "--yes"], 1, "no check-in"),
        (["checkins", "remove", "ghost@2026-11-01", "--yes"], 1, "no developer 'ghost'"),
        (["checkins", "remove", "maria@2026-11-01#9", "--yes"], 1, "maria-chen@2026-11-01#2"),
        (["checkins", "remove", "maria@2026-11-01#x", "--yes"], 2, "after '#' comes a number"),
        (["checkins", "edit", "maria@yesterdy", "--note", "x"], 2, "did you mean 'yesterday'"),
        (["checkins", "edit", "maria@2026-11-20", "--date", "tomorrow"], 2, "in the future"),
        (["checkins", "edit", "maria@2026-11-20", "--review", "maybe"], 2, "unknown review"),
        (["checkins", "edit", "maria@2026-11-20", "--functions", "mentor"], 2, "unknown function"),
        (["checkins", "edit", "maria@2026-11-20", "--goal", "nope"], 1, "no goal"),
        (["checkins", "list", "--since", "2026-11-02", "--until", "2026-11-01"], 2, "after"),
        (["checkins", "list", "ghost"], 1, "no developer"),
        (["checkins", "list", "--since", "someday"], 2, "--since"),
        (["checkin", "maria", "ana-ghost"], 1, "no developer 'ana-ghost'"),
        (["list", "--relation", "pear"], 2, "did you mean 'peer'"),
        (["list", "--function", "coachng"], 2, "did you mean 'coaching'"),
        (["list", "--status", "gone"], 2, "unknown status"),
        (["list", "--goal", "nope"], 1, "no goal"),
        (["search", " "], 2, "search for what"),
    ],
)
def test_bad_input_is_one_line_and_leaves_the_file(
    logged: Path, run: Run, args: list[str], code: int, words: str
) -> None:
    before = logged.read_bytes()
    result = run(*args)
    assert result.exit_code == code, result.output
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert logged.read_bytes() == before


def test_rename_and_remove_cascade_through_the_model(logged: Path, run: Run) -> None:
    assert run("edit", "maria", "--id", "maria-c").exit_code == 0
    listed = json.loads(run("checkins", "list", "--json").stdout)
    assert {c["developer"] for c in listed} == {"maria-c"}
    assert listed[0]["ref"] == "maria-c@2026-02-01"
    assert run("goal", "edit", "become", "--id", "lead").exit_code == 0
    assert json.loads(run("checkins", "list", "--goal", "lead", "--json").stdout)[0]["goals"] == [
        "lead"
    ]
    assert run("remove", "maria-c", "--yes").exit_code == 0
    assert json.loads(run("checkins", "list", "--json").stdout) == []


# --- 3. one conversation with several people ----------------------------------------


@pytest.fixture
def circle(sam: Path, run: Run) -> Path:
    for name in ("Ana Ruiz", "Bo Li"):
        result = run(
            "add", name, "--relation", "peer", "--context", "Guild", "--since", "2026-03-01"
        )
        assert result.exit_code == 0, result.output
    return sam


def test_one_conversation_with_several_people_logs_one_each(circle: Path, run: Run) -> None:
    result = run(
        "checkin", "maria", "ana", "Bo Li", "--date", "2026-11-27",
        "--functions", "acceptance", "--note", "Circle: feedback round", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    created = json.loads(result.stdout)
    assert [c["ref"] for c in created] == [
        "maria-chen@2026-11-27",
        "ana-ruiz@2026-11-27",
        "bo-li@2026-11-27",
    ]
    assert {c["note"] for c in created} == {"Circle: feedback round"}
    listed = json.loads(run("checkins", "list", "--since", "2026-11-27", "--json").stdout)
    assert sorted(c["developer"] for c in listed) == ["ana-ruiz", "bo-li", "maria-chen"]
    assert all(c["functions"] == ["acceptance"] for c in listed)
    assert result.stderr.count("Logged a conversation") == 3


def test_several_people_are_all_resolved_before_anything_is_written(circle: Path, run: Run) -> None:
    before = circle.read_bytes()
    result = run("checkin", "maria", "ana", "zed", "--note", "x")
    assert result.exit_code == 1
    assert circle.read_bytes() == before
    # the same person named twice is one check-in
    result = run("checkin", "maria", "maria-chen", "--date", "2026-11-02", "--json")
    assert len(json.loads(result.stdout)) == 1


def test_repeated_checkin_suggests_checkins_remove(sam: Path, run: Run) -> None:
    args = ("checkin", "maria", "--date", "2026-11-02", "--note", "same")
    run(*args)
    result = run(*args)
    assert "devnet checkins remove maria-chen@2026-11-02#2" in result.stderr
    assert "restore" not in result.stderr and "by hand" not in result.stderr


def test_checkin_reads_the_note_from_stdin(sam: Path, run: Run) -> None:
    note = 'Budget: "Q3" [plan]\nsecond line ✓\n'
    result = run("checkin", "maria", "--date", "2026-11-02", "--note", "-", input=note)
    assert result.exit_code == 0, result.output
    assert shown(run)["checkins"][-1]["note"] == 'Budget: "Q3" [plan]\nsecond line ✓'
    result = run("checkins", "edit", "maria@2026-11-02", "--note", "-", input="again\n")
    assert result.exit_code == 0, result.output
    assert shown(run)["checkins"][-1]["note"] == "again"


# --- 6. search -------------------------------------------------------------------------


def test_search_finds_developers_goals_and_checkins(logged: Path, run: Run) -> None:
    run("goal", "edit", "become", "--skill", "Run a BUDGET cycle")
    result = run("search", "budget", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [(d["id"], d["matched"]) for d in found["developers"]] == [("maria-chen", ["learn"])]
    assert [(g["id"], g["matched"]) for g in found["goals"]] == [
        ("become-a-people-manager", ["skills"])
    ]
    assert [(c["ref"], c["date"], c["matched"]) for c in found["checkins"]] == [
        ("maria-chen@2026-02-01", "2026-02-01", ["note"]),
        ("maria-chen@2026-11-01", "2026-11-01", ["note"]),
    ]
    table = run("search", "Budget").stdout
    assert "maria-chen@2026-11-01" in table
    assert "note: Budget cycle, part 1" in table
    assert "since 2026-01-10" in table


def test_search_covers_gave_skills_expertise_offer_and_accents(sam: Path, run: Run) -> None:
    run("edit", "maria", "--expertise", "Łódź office", "--offer", "Tour of Europe")
    run("checkin", "maria", "--date", "2026-11-02", "--gave", "Intro to Lisbon", "--skill", "SQL")
    assert json.loads(run("search", "lodz", "--json").stdout)["developers"][0]["matched"] == [
        "expertise"
    ]
    assert json.loads(run("search", "EUROPE", "--json").stdout)["developers"][0]["matched"] == [
        "offer"
    ]
    assert json.loads(run("search", "lisbon", "--json").stdout)["checkins"][0]["matched"] == [
        "gave"
    ]
    assert json.loads(run("search", "sql", "--json").stdout)["checkins"][0]["matched"] == ["skills"]
    nothing = run("search", "kubernetes")
    assert nothing.exit_code == 0
    assert nothing.stdout == ""
    assert "Nothing holds 'kubernetes'" in nothing.stderr
    assert json.loads(run("search", "kubernetes", "--json").stdout) == {
        "developers": [],
        "goals": [],
        "checkins": [],
    }


def test_search_shows_file_text_literally(sam: Path, run: Run) -> None:
    run("checkin", "maria", "--date", "2026-11-02", "--note", "[bold]budget[/bold] \x1b[31mred")
    out = run("search", "budget").stdout
    assert "[bold]budget[/bold]" in out
    assert "\x1b" not in out


# --- 8. list filters -----------------------------------------------------------------


@pytest.fixture
def team(sam: Path, run: Run) -> Path:
    for args in (
        ["Ana Ruiz", "--relation", "peer", "--context", "Guild", "--functions", "acceptance"],
        ["Bo Li", "--relation", "peer", "--context", "acme", "--functions", "coaching",
         "--goal", "become"],
        ["Cy Dee", "--relation", "junior", "--context", "Acme", "--functions", "exposure"],
    ):  # fmt: skip
        result = run("add", *args, "--since", "2026-03-01")
        assert result.exit_code == 0, result.output
    run("goal", "add", "Write a book", "--needs", "coaching")
    run("edit", "cy", "--goal", "write")
    run("end", "cy", "--date", "2026-11-01")
    run("pause", "ana", "--date", "2026-11-01")
    return sam


def ids(run: Run, *args: str) -> list[str]:
    result = run("list", *args, "--json")
    assert result.exit_code == 0, result.output
    return [p["id"] for p in json.loads(result.stdout)]


def test_list_filters_one_at_a_time(team: Path, run: Run) -> None:
    assert ids(run) == ["bo-li", "maria-chen", "ana-ruiz"]
    assert ids(run, "--relation", "peer") == ["bo-li", "ana-ruiz"]
    assert ids(run, "--relation", "junior,senior", "--all") == ["maria-chen", "cy-dee"]
    assert ids(run, "--context", "ACME") == ["bo-li", "maria-chen"]
    assert ids(run, "--context", "guild", "--context", "acme") == [
        "bo-li",
        "maria-chen",
        "ana-ruiz",
    ]
    assert ids(run, "--goal", "write") == ["ana-ruiz"]  # Cy serves it, but has ended
    assert ids(run, "--goal", "write", "--all") == ["ana-ruiz", "cy-dee"]  # Ana serves all
    assert ids(run, "--function", "coaching") == ["bo-li", "maria-chen"]
    assert ids(run, "--function", "psychosocial") == ["ana-ruiz"]
    assert ids(run, "--status", "paused") == ["ana-ruiz"]
    assert ids(run, "--status", "ended") == ["cy-dee"]  # naming ended needs no --all
    assert ids(run, "--status", "active,ended") == ["bo-li", "maria-chen", "cy-dee"]


def test_list_filters_combine(team: Path, run: Run) -> None:
    assert ids(run, "--relation", "peer", "--context", "acme") == ["bo-li"]
    assert ids(run, "--context", "acme", "--goal", "become", "--function", "sponsorship") == [
        "maria-chen"
    ]
    assert ids(run, "--relation", "peer", "--status", "active") == ["bo-li"]
    result = run("list", "--relation", "family")
    assert result.exit_code == 0
    assert result.stderr.strip() == "No developers match these filters."
    table = run("list", "--relation", "peer").stdout
    assert "bo-li" in table and "maria-chen" not in table


def test_list_status_closing_follows_a_move_on_review(team: Path, run: Run) -> None:
    run("checkin", "bo", "--date", "2026-11-20", "--review", "move-on")
    assert ids(run, "--status", "closing") == ["bo-li"]


def test_list_unknown_context_suggests_a_known_one(team: Path, run: Run) -> None:
    result = run("list", "--context", "Gild")
    assert result.exit_code == 0
    assert "did you mean 'Guild'" in result.stderr


def test_goal_edit_by_says_the_day_and_help_orders_the_new_commands(sam: Path, run: Run) -> None:
    result = run("goal", "edit", "become", "--by", "eoq")
    assert result.exit_code == 0, result.output
    assert "Updated goal become-a-people-manager (by 2026-12-31)." in result.stderr
    listing = run("--help").stdout
    assert listing.index("checkin ") < listing.index("checkins ") < listing.index("due ")
    assert listing.index("list ") < listing.index("search ") < listing.index("report ")
    assert listing.index("check ") < listing.index("open ") < listing.index("export ")
