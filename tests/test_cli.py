"""The data commands end to end through Typer's CliRunner: what a user types, what
they see, the exit codes of PRODUCT.md, and a file left untouched on every error."""

from __future__ import annotations

import datetime
import json
import os
import stat
from pathlib import Path

import pytest
import tomli
from tests.conftest import Run

from devnet import model


def data(path: Path) -> dict:  # type: ignore[type-arg]
    return tomli.loads(path.read_text(encoding="utf-8"))


def test_init_creates_a_private_file_and_refuses_a_second_time(run: Run, netfile: Path) -> None:
    result = run("init", "--name", "Sam Lee", "--stage", "Mid", "--org", "Acme")
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(os.stat(netfile).st_mode) == 0o600
    assert data(netfile) == {
        "schema": 2,
        "profile": {"name": "Sam Lee", "stage": "mid", "org": "Acme"},
    }
    before = netfile.read_bytes()
    again = run("init", "--name", "Other", "--stage", "early")
    assert again.exit_code == 1
    assert "already exists" in again.stderr
    assert netfile.read_bytes() == before


def test_init_creates_a_private_folder(tmp_path: Path, run: Run) -> None:
    from typer.testing import CliRunner

    from devnet.cli import app

    target = tmp_path / "new" / "deeper" / "net.toml"
    result = CliRunner().invoke(
        app, ["--file", str(target), "init", "--name", "A", "--stage", "early"]
    )
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(os.stat(target.parent).st_mode) == 0o700


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["init", "--name", "Sam", "--stage", "junior"], 2, "unknown stage"),
        (["init", "--stage", "mid"], 2, "missing --name"),
        (["init", "--name", "Sam"], 2, "missing --stage"),
    ],
)
def test_init_bad_input(run: Run, netfile: Path, args: list[str], code: int, words: str) -> None:
    result = run(*args)
    assert result.exit_code == code
    assert words in result.stderr
    assert not netfile.exists()


def test_commands_on_a_missing_file_create_nothing(run: Run, netfile: Path) -> None:
    for args in (["list"], ["add", "X", "--relation", "peer", "--context", "A"], ["due"]):
        result = run(*args)
        assert result.exit_code == 1, args
        assert "devnet init" in result.stderr
        assert "Traceback" not in result.output
    assert not netfile.exists()
    assert [p.name for p in netfile.parent.iterdir() if not p.name.endswith(".lock")] == []


def test_where_follows_file_then_env(
    run: Run, netfile: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from devnet.cli import app

    assert run("where").stdout.strip() == str(netfile)
    monkeypatch.setenv("DEVNET_FILE", str(tmp_path / "env.toml"))
    assert CliRunner().invoke(app, ["where"]).stdout.strip() == str(tmp_path / "env.toml")
    assert json.loads(run("where", "--json").stdout) == {"path": str(netfile), "exists": False}


def test_the_product_brief_session(sam: Path, run: Run) -> None:
    doc = data(sam)
    maria = doc["people"]["maria-chen"]
    assert maria["functions"] == ["sponsorship", "coaching"]
    assert maria["goals"] == ["become-a-people-manager"]
    assert maria["cadence"] == "monthly"
    assert maria["since"].isoformat() == "2026-01-10"
    assert doc["checkins"][0]["note"] == "Budget walkthrough"
    listed = json.loads(run("list", "--json").stdout)
    assert [p["id"] for p in listed] == ["maria-chen"]
    for key in ("id", "name", "relation", "context", "functions", "goals", "status"):
        assert key in listed[0]
    goals = json.loads(run("goal", "list", "--json").stdout)
    assert goals[0]["id"] == "become-a-people-manager"
    assert set(goals[0]) >= {"id", "title", "needs", "status"}
    shown = json.loads(run("show", "maria", "--json").stdout)
    assert shown["checkins"][0]["date"] == "2026-02-01"
    assert shown["checkins"][0]["functions"] == ["coaching"]


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["add", "Maria Chen", "--relation", "peer", "--context", "A"], 1, "--id"),
        (["add", "X", "--relation", "boss", "--context", "A"], 2, "unknown relation"),
        (["add", "X", "--relation", "peer"], 2, "--context"),
        (["add", "X", "--context", "A"], 2, "--relation"),
        (
            ["add", "X", "--relation", "peer", "--context", "A", "--functions", "coachng"],
            2,
            "did you mean 'coaching'",
        ),
        (
            ["add", "X", "--relation", "peer", "--context", "A", "--since", "2026-02-30"],
            2,
            "no such day",
        ),
        (
            ["add", "X", "--relation", "peer", "--context", "A", "--since", "2026/01/01"],
            2,
            "YYYY-MM-DD",
        ),
        (["checkin", "maria", "--date", "2999-01-01"], 2, "in the future"),
        (["pause", "maria", "--date", "2999-01-01"], 2, "in the future"),
        (["end", "maria", "--date", "2999-01-01"], 2, "in the future"),
        (["goal", "done", "become", "--date", "2999-01-01"], 2, "in the future"),
        (["add", "X", "--relation", "peer", "--context", "A", "--bogus"], 2, "No such option"),
        (["show"], 2, "Missing argument"),
        (["gap"], 2, "Did you mean 'gaps'"),
        (["show", "maria", "--as-of", "2026-01-01"], 2, "No such option: --as-of"),
        (["add", "X", "--relation", "peer", "--context", "A", "--goal", "nope"], 1, "no goal"),
        (["add", "X", "--relation", "peer", "--context", "A", "--closeness", "5"], 2, "1 to 4"),
        (["add", "X", "--relation", "peer", "--context", "A", "--split", "x"], 2, "whole number"),
        (["add", "X", "--relation", "peer", "--context", "A", "--cadence", "often"], 2, "cadence"),
        (
            ["add", "X", "--relation", "peer", "--context", "A", "--scheduler", "boss"],
            2,
            "unknown scheduler",
        ),
        (["add", "X", "--relation", "peer", "--context", "A", "--request", "period"], 2, "until"),
        (["add", "X", "--relation", "peer", "--context", "A", "--members", "4"], 2, "circle"),
        (["add", "X", "--relation", "circle", "--context", "A", "--members", "16"], 2, "2 to 15"),
        (["add", "🎉", "--relation", "peer", "--context", "A"], 2, "--id"),
        (["add", "X", "--relation", "peer", "--context", "A", "--id", "Bad Id"], 2, "invalid --id"),
        (["edit", "nobody", "--closeness", "2"], 1, "no developer"),
        (["edit", "maria", "--name", ""], 2, "cannot be cleared"),
        (["edit", "maria", "--bogus", "1"], 2, "No such option"),
        (["show", "ghost"], 1, "no developer"),
        (["checkin", "maria", "--review", "maybe"], 2, "unknown review outcome"),
        (["checkin", "maria", "--functions", "mentoring"], 2, "unknown function"),
        (["checkin", "maria", "--goal", "nope"], 1, "no goal"),
        (["checkin", "maria", "--date", "yesterdy"], 2, "did you mean 'yesterday'"),
        (["checkin", "maria", "--date", "tomorrow"], 2, "in the future"),
        (["checkin", "maria", "ghost"], 1, "no developer 'ghost'"),
        (["pause", "maria", "--date", "eom"], 2, "in the future"),
        (["resume", "maria"], 1, "already active"),
        (["goal", "add", "X"], 2, "--needs"),
        (["goal", "add", "X", "--needs", "mentorship"], 2, "unknown need"),
        (["goal", "add", "Become a people manager", "--needs", "coaching"], 1, "already exists"),
        (["goal", "done", "nope"], 1, "no goal"),
        (["goal", "edit", "become", "--needs", ""], 2, "at least one"),
        (["goal", "add", "X", "--needs", "coaching", "--by", "soon"], 2, "YYYY-MM-DD"),
    ],
)
def test_bad_input_is_one_line_and_leaves_the_file(
    sam: Path, run: Run, args: list[str], code: int, words: str
) -> None:
    before = sam.read_bytes()
    mtime = sam.stat().st_mtime_ns
    result = run(*args)
    assert result.exit_code == code, result.output
    assert words in result.stderr
    assert "Traceback" not in result.output
    assert sam.read_bytes() == before
    assert sam.stat().st_mtime_ns == mtime


def test_ids_resolve_by_prefix_and_name(sam: Path, run: Run) -> None:
    run("add", "Mario Rossi", "--relation", "peer", "--context", "Initech")
    assert json.loads(run("show", "MARIA CHEN", "--json").stdout)["id"] == "maria-chen"
    assert json.loads(run("show", "mario", "--json").stdout)["id"] == "mario-rossi"
    ambiguous = run("show", "mari")
    assert ambiguous.exit_code == 1
    assert "ambiguous" in ambiguous.stderr
    assert "maria-chen" in ambiguous.stderr and "mario-rossi" in ambiguous.stderr
    assert run("goal", "done", "become").exit_code == 0
    assert data(sam)["goals"]["become-a-people-manager"]["history"][-1]["status"] == "achieved"


def test_duplicate_name_with_an_explicit_id(sam: Path, run: Run) -> None:
    result = run(
        "add", "Maria Chen", "--id", "maria-chen-2", "--relation", "external", "--context", "Globex"
    )
    assert result.exit_code == 0, result.output
    assert set(data(sam)["people"]) == {"maria-chen", "maria-chen-2"}


def test_edit_replaces_lists_clears_values_and_renames(sam: Path, run: Run) -> None:
    result = run(
        "edit",
        "maria",
        "--functions",
        "exposure",
        "--functions",
        "coaching",
        "--cadence",
        "",
        "--closeness",
        "3",
        "--expertise",
        "Budgets, forecasts",
    )
    assert result.exit_code == 0, result.output
    maria = data(sam)["people"]["maria-chen"]
    assert maria["functions"] == ["exposure", "coaching"]
    assert "cadence" not in maria
    assert maria["closeness"] == 3
    assert maria["expertise"] == ["Budgets, forecasts"]
    assert run("edit", "maria", "--goal", "").exit_code == 0
    assert "goals" not in data(sam)["people"]["maria-chen"]
    assert run("edit", "maria", "--id", "mchen").exit_code == 0
    doc = data(sam)
    assert "mchen" in doc["people"] and "maria-chen" not in doc["people"]
    assert doc["checkins"][0]["developer"] == "mchen"


def test_goal_edit_rename_follows_references(sam: Path, run: Run) -> None:
    run("checkin", "maria", "--goal", "become", "--date", "2026-03-01")
    assert run("goal", "edit", "become", "--id", "manager", "--title", "Lead a team").exit_code == 0
    doc = data(sam)
    assert doc["goals"]["manager"]["title"] == "Lead a team"
    assert doc["people"]["maria-chen"]["goals"] == ["manager"]
    assert doc["checkins"][1]["goals"] == ["manager"]


def test_an_unchanged_network_is_not_written(sam: Path, run: Run) -> None:
    mtime = sam.stat().st_mtime_ns
    result = run("edit", "maria", "--cadence", "monthly")
    assert result.exit_code == 0
    assert "Nothing to change" in result.stderr
    assert sam.stat().st_mtime_ns == mtime


def test_lifecycle(sam: Path, run: Run) -> None:
    assert run("pause", "maria", "--date", "2026-03-01").exit_code == 0
    maria = data(sam)["people"]["maria-chen"]
    assert maria["history"] == [{"date": datetime.date(2026, 3, 1), "status": "paused"}]
    assert run("pause", "maria").exit_code == 1
    assert run("resume", "maria", "--date", "2026-04-01").exit_code == 0
    ended = run("end", "maria", "--date", "2026-06-01", "--note", "Promoted; thanked her")
    assert ended.exit_code == 0
    assert "Thank you very much for your help" in ended.stderr
    maria = data(sam)["people"]["maria-chen"]
    assert maria["history"][-1]["status"] == "ended"
    assert maria["history"][-1]["note"] == "Promoted; thanked her"
    assert len(data(sam)["checkins"]) == 1  # the history stays
    assert json.loads(run("list", "--json").stdout) == []
    assert [p["id"] for p in json.loads(run("list", "--all", "--json").stdout)] == ["maria-chen"]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input counts as a terminal, so devnet may ask (the runner feeds it)."""
    from devnet.cli import common

    monkeypatch.setattr(common, "interactive", lambda: True)


def test_remove_asks_first(sam: Path, run: Run, terminal: None) -> None:
    before = sam.read_bytes()
    declined = run("remove", "maria", input="n\n")
    assert declined.exit_code == 1
    assert sam.read_bytes() == before
    assert run("remove", "maria", input="y\n").exit_code == 0
    doc = data(sam)
    assert "people" not in doc and "checkins" not in doc


@pytest.mark.parametrize("answer", ["y\n", "yes\n", ""])
def test_remove_refuses_an_answer_that_is_not_typed(sam: Path, run: Run, answer: str) -> None:
    # `echo y | devnet remove x` must not delete: only a terminal answers a question
    before = sam.read_bytes()
    result = run("remove", "maria", input=answer)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "not a terminal" in result.stderr and "--yes" in result.stderr
    assert sam.read_bytes() == before


def test_remove_yes(sam: Path, run: Run) -> None:
    assert run("remove", "maria-chen", "--yes").exit_code == 0
    assert "people" not in data(sam)


def test_checkin_records_everything(sam: Path, run: Run) -> None:
    result = run(
        "checkin",
        "Maria Chen",
        "--date",
        "2026-03-05",
        "--functions",
        "sponsorship,exposure",
        "--goal",
        "become",
        "--skill",
        "Budgets, part 2",
        "--skill",
        "Hiring",
        "--gave",
        "Intro to Lisbon",
        "--note",
        "Good one",
        "--review",
        "Move-On",
    )
    assert result.exit_code == 0, result.output
    assert "devnet end" in result.stderr
    last = data(sam)["checkins"][-1]
    assert last == {
        "date": last["date"],
        "developer": "maria-chen",
        "functions": ["sponsorship", "exposure"],
        "goals": ["become-a-people-manager"],
        "skills": ["Budgets, part 2", "Hiring"],
        "gave": "Intro to Lisbon",
        "note": "Good one",
        "review": "move-on",
    }


def test_checkins_are_stored_in_date_order(sam: Path, run: Run) -> None:
    run("checkin", "maria", "--date", "2026-05-01")
    run("checkin", "maria", "--date", "2026-01-15")
    dates = [c["date"].isoformat() for c in data(sam)["checkins"]]
    assert dates == sorted(dates)


HOSTILE = [
    'Robert "Bob" O\'Brien',
    "[link=https://evil.example]click[/link]",
    "[bold red]loud[/]",
    "line one\nline two",
    'x"\n[evil]\npwn = true\n#',
    "Zoë 🌱 李",
    "\x1b[2J\x1b]52;c;aGk=\x07tricky",
    "\u202eevil",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_any_text_is_stored_and_shown_back_exactly(sam: Path, run: Run, name: str) -> None:
    result = run(
        "add", name, "--id", "odd", "--relation", "peer", "--context", name, "--learn", name
    )
    assert result.exit_code == 0, result.output
    doc = data(sam)
    assert set(doc) == {"schema", "profile", "goals", "people", "checkins"}
    assert doc["people"]["odd"]["name"] == name
    assert json.loads(run("show", "odd", "--json").stdout)["learn"] == name
    for args in (["list"], ["show", "odd"]):
        out = run(*args).stdout
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    if "\x1b" not in name and "\n" not in name and "\u202e" not in name:
        assert name in run("show", "odd").stdout


def test_check_is_silent_when_all_is_well(sam: Path, run: Run) -> None:
    result = run("check")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_check_reports_a_broken_file_with_line_and_column(sam: Path, run: Run) -> None:
    sam.write_text(sam.read_text() + '\n[people.x]\nname = "unterminated\n')
    before = sam.read_bytes()
    result = run("check")
    assert result.exit_code == 1
    assert f"{sam}:" in result.stderr and "Traceback" not in result.output
    line = result.stderr.split(f"{sam}:")[1].split(":")[0]
    assert line.isdigit()
    assert run("add", "Y", "--relation", "peer", "--context", "A").exit_code == 1
    assert sam.read_bytes() == before


def test_check_reports_invalid_fields_by_path(sam: Path, run: Run) -> None:
    sam.write_text(sam.read_text().replace('relation = "senior"', 'relation = "boss"'))
    result = run("check")
    assert result.exit_code == 1
    assert "people.maria-chen.relation" in result.stderr


def test_a_newer_file_is_read_with_a_warning_and_never_written(sam: Path, run: Run) -> None:
    text = sam.read_text().replace("schema = 2", "schema = 3")
    text += "\n[future]\nthing = 1\n"
    text = text.replace('name = "Maria Chen"', 'name = "Maria Chen"\nhologram = true')
    sam.write_text(text)
    before = sam.read_bytes()
    listed = run("list", "--json")
    assert listed.exit_code == 0
    assert "newer devnet" in listed.stderr
    assert json.loads(listed.stdout)[0]["id"] == "maria-chen"
    added = run("add", "Y", "--relation", "peer", "--context", "A")
    assert added.exit_code == 1
    assert "newer devnet" in added.stderr and "2" in added.stderr
    assert sam.read_bytes() == before


def test_version_and_help(run: Run) -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("devnet ")
    assert run("--help").exit_code == 0
    assert run("nonsense").exit_code == 2


def test_many_active_goals_are_a_hint_not_an_error(sam: Path, run: Run) -> None:
    for i in range(5):
        result = run("goal", "add", f"Goal {i}", "--needs", "coaching")
        assert result.exit_code == 0
    assert "four or five" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["add", "X", "--bogus"],
        ["show"],
        ["gap"],
        ["--bogus"],
        ["goal", "nope"],
        ["goal", "add"],
        ["add", "A", "B", "--relation", "peer", "--context", "X"],
    ],
)
def test_command_line_mistakes_are_one_line_with_exit_2(
    sam: Path, run: Run, args: list[str]
) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("devnet: error: ")
    assert "--help" in result.stderr


def test_file_option_may_follow_the_command(sam: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from devnet.cli import app

    result = CliRunner().invoke(app, ["list", "--json", "--file", str(sam)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["id"] == "maria-chen"


@pytest.mark.parametrize("command", [["checkin"], ["pause"], ["end", "--note", "moved"]])
def test_an_event_before_the_relationship_began_moves_since_back(
    sam: Path, run: Run, command: list[str]
) -> None:
    result = run(command[0], "maria", *command[1:], "--date", "2025-12-01")
    assert result.exit_code == 0, result.output
    assert "now begins on 2025-12-01 (it was 2026-01-10)" in result.stderr
    assert json.loads(run("show", "maria", "--json").stdout)["since"] == "2025-12-01"


def test_remove_without_an_answer_says_how(sam: Path, run: Run, terminal: None) -> None:
    before = sam.read_bytes()
    result = run("remove", "maria", input="")
    assert result.exit_code == 1
    assert "--yes" in result.stderr
    assert sam.read_bytes() == before


def test_check_refuses_a_newer_file(sam: Path, run: Run) -> None:
    sam.write_text(sam.read_text().replace("schema = 2", "schema = 7"))
    result = run("check")
    assert result.exit_code == 1
    assert "newer devnet" in result.stderr and "7" in result.stderr
    assert json.loads(run("check", "--json").stdout)["ok"] is False


def test_where_prints_an_absolute_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from devnet.cli import app

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["--file", "rel.toml", "where"])
    assert result.stdout.strip() == str(tmp_path / "rel.toml")


def test_a_narrow_terminal_never_cuts_ids_or_dates(sam: Path, run: Run) -> None:
    from datetime import date

    from rich.console import Console

    from devnet.render.people import people_table
    from devnet.store import load

    run(
        "add",
        "Bartholomew Featherstonehaugh-Cholmondeley",
        "--relation",
        "supervisor",
        "--context",
        "A very long organisation name indeed",
        "--functions",
        "sponsorship,exposure,coaching,protection,challenge",
    )
    network = load(sam).network

    def shown(width: int) -> str:
        console = Console(record=True, width=width, color_system=None)
        table = people_table(network, sorted(network.people), False, date(2026, 11, 23), width)
        console.print(table)
        return console.export_text()

    screen = shown(80)
    assert "bartholomew-featherstonehaugh " in screen  # the id, whole
    assert "Featherstonehaugh-Cholmondeley" in screen  # a word of the name, never split
    assert "…" not in screen
    assert max(len(line) for line in screen.splitlines()) <= 80
    # the last date went first to keep the name whole; a little wider, it is back
    assert "2026-02-01" in shown(100)


def test_profile_shows_and_changes(sam: Path, run: Run) -> None:
    assert json.loads(run("profile", "--json").stdout) == {
        "name": "Sam Lee",
        "stage": "mid",
        "org": "Acme",
    }
    assert run("profile", "--stage", "Senior", "--org", "").exit_code == 0
    assert data(sam)["profile"] == {"name": "Sam Lee", "stage": "senior"}
    before = sam.read_bytes()
    bad = run("profile", "--stage", "boss")
    assert bad.exit_code == 2 and "unknown stage" in bad.stderr
    assert run("profile", "--name", "").exit_code == 2
    assert sam.read_bytes() == before


def test_several_problems_are_one_line_and_check_lists_them(sam: Path, run: Run) -> None:
    text = sam.read_text().replace('relation = "senior"', 'relation = "boss"')
    sam.write_text(text.replace('cadence = "monthly"', "cadence = 5"))
    listed = run("list")
    assert listed.exit_code == 1
    assert listed.stderr.count("\n") == 1
    assert "(and 1 more; `devnet check` lists them)" in listed.stderr
    checked = run("check")
    assert checked.exit_code == 1
    assert "people.maria-chen.relation" in checked.stderr
    assert "people.maria-chen.cadence" in checked.stderr
    assert len(json.loads(run("check", "--json").stdout)["problems"]) == 2


def test_shell_completion_offers_ids(sam: Path, run: Run) -> None:
    run("add", "Mario Rossi", "--relation", "peer", "--context", "Initech")
    assert complete(f"devnet --file {sam} show mar") == ["maria-chen", "mario-rossi"]
    assert complete(f"devnet --file {sam} show mario") == ["mario-rossi"]
    assert complete(f"devnet --file {sam} goal done be") == ["become-a-people-manager"]
    assert complete(f"devnet --file {sam.parent / 'missing.toml'} show m") == []


def test_goal_status_changes_do_not_overwrite_each_other(sam: Path, run: Run) -> None:
    assert run("goal", "done", "become", "--date", "2026-05-01").exit_code == 0
    before = sam.read_bytes()
    dropped = run("goal", "drop", "become")
    assert dropped.exit_code == 1
    assert "goal reopen" in dropped.stderr
    assert sam.read_bytes() == before
    assert run("goal", "reopen", "become", "--date", "2026-04-01").exit_code == 1
    assert run("goal", "reopen", "become", "--date", "2026-06-01").exit_code == 0
    assert data(sam)["goals"]["become-a-people-manager"]["history"][-1]["status"] == "active"
    assert run("goal", "drop", "become", "--date", "2026-06-02").exit_code == 0


def test_status_dates_never_go_backwards(sam: Path, run: Run) -> None:
    assert run("pause", "maria", "--date", "2026-10-20").exit_code == 0
    before = sam.read_bytes()
    result = run("end", "maria", "--date", "2026-10-01")
    assert result.exit_code == 1
    assert "last change of status of Maria Chen (paused on 2026-10-20)" in result.stderr
    assert sam.read_bytes() == before


def test_a_missing_option_value_points_at_the_right_help(sam: Path, run: Run) -> None:
    result = run("goal", "add", "New", "--needs")
    assert result.exit_code == 2
    assert "requires an argument; see 'devnet goal add --help'" in result.stderr
    result = run("edit", "maria", "--closeness")
    assert "see 'devnet edit --help'" in result.stderr


def test_piped_list_carries_every_column(sam: Path, run: Run) -> None:
    header = run("list").stdout.splitlines()[0].split()
    assert header == [
        "id",
        "name",
        "relation",
        "context",
        "functions",
        "serves",
        "cadence",
        "last",
        "status",
    ]


def test_narrow_goal_list_and_show_stay_readable(sam: Path, run: Run) -> None:
    from datetime import date

    from rich.console import Console

    from devnet.render.people import goals_table, person_detail
    from devnet.store import load

    run(
        "goal",
        "add",
        "Present at a conference in 2027 with a talk on platform engineering",
        "--needs",
        "exposure,coaching,acceptance,psychosocial,role-modeling",
    )
    run(
        "checkin",
        "maria",
        "--date",
        "2026-03-01",
        "--functions",
        "sponsorship,exposure,coaching",
        "--note",
        "A long description of the conversation",
    )
    network = load(sam).network
    console = Console(record=True, width=80, color_system=None)
    console.print(goals_table(network, sorted(network.goals), False, 80))
    console.print(person_detail(network, "maria-chen", False, 80))
    screen = console.export_text()
    assert "present-at-a-conference-in-2027-with-a" in screen  # a short id of whole words
    assert screen.count("active") >= 2
    assert "  functions: sponsorship, exposure, coaching" in screen
    assert "  note: A long description of the conversation" in screen
    assert max(len(line) for line in screen.splitlines()) <= 80
    del date


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ["add", "X", "--relation", "peer", "--context", "A", "--since", "2999-01-01"],
            "in the future",
        ),
        (
            [
                "add",
                "X",
                "--relation",
                "peer",
                "--context",
                "A",
                "--request",
                "period",
                "--since",
                "2026-01-01",
                "--until",
                "2025-01-01",
            ],
            "before the relationship began",
        ),
        (
            ["add", "Maria Chen", "--relation", "peer", "--context", "A", "--cadence", "often"],
            "invalid cadence",
        ),
    ],
)
def test_invalid_values_are_reported_before_data_conflicts(
    sam: Path, run: Run, args: list[str], words: str
) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert words in result.stderr


def test_list_says_when_everyone_has_ended(sam: Path, run: Run) -> None:
    run("end", "maria", "--date", "2026-06-01")
    result = run("list")
    assert "No active or paused developers; 1 ended (devnet list --all)." in result.stderr


def test_leaving_a_circle_clears_members_and_ending_one_thanks_its_members(
    sam: Path, run: Run
) -> None:
    run(
        "add",
        "WOL circle",
        "--id",
        "wol",
        "--relation",
        "circle",
        "--context",
        "WOL",
        "--members",
        "5",
        "--since",
        "2026-01-01",
    )
    assert run("edit", "wol", "--relation", "peer").exit_code == 0
    assert "members" not in data(sam)["people"]["wol"]
    run("edit", "wol", "--relation", "circle", "--members", "6")
    ended = run("end", "wol", "--date", "2026-06-01")
    assert "thank the members of WOL circle" in ended.stderr


def test_a_name_suggestion_keeps_its_case(sam: Path, run: Run) -> None:
    run("edit", "maria", "--id", "mc")
    result = run("show", "Maria Chenn")
    assert "did you mean 'mc', Maria Chen?" in result.stderr


def test_ctrl_c_at_the_remove_question_is_an_interruption(
    sam: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from devnet.cli import common

    def interrupted() -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(common, "interactive", lambda: True)
    monkeypatch.setattr(common, "_answer", interrupted)
    before = sam.read_bytes()
    result = run("remove", "maria")
    assert result.exit_code == 130
    assert sam.read_bytes() == before


def test_a_goal_with_a_past_target_date_gets_a_hint(sam: Path, run: Run) -> None:
    result = run("goal", "add", "Old aim", "--needs", "coaching", "--by", "2020-01-01")
    assert result.exit_code == 0
    assert "has passed" in result.stderr
    assert data(sam)["goals"]["old-aim"]["by"].isoformat() == "2020-01-01"


def test_a_comment_after_a_value_is_warned_about_when_dropped(sam: Path, run: Run) -> None:
    text = sam.read_text().replace('cadence = "monthly"', 'cadence = "monthly"  # agreed in May')
    sam.write_text(text.replace('note = "Budget walkthrough"', 'note = "# not a comment"'))
    result = run("checkin", "maria", "--date", "2026-03-01")
    assert result.exit_code == 0
    assert "comments are not kept" in result.stderr
    again = run("checkin", "maria", "--date", "2026-03-02")
    assert "comments are not kept" not in again.stderr  # the '#' left is inside a note


def test_checkin_says_what_to_do_after_adjust_and_about_a_repeat(sam: Path, run: Run) -> None:
    first = run("checkin", "maria", "--date", "2026-03-01", "--review", "adjust")
    assert "devnet edit maria-chen --cadence" in first.stderr
    again = run("checkin", "maria", "--date", "2026-03-01", "--review", "adjust")
    assert again.exit_code == 0
    assert "identical check-in was already logged" in again.stderr


def test_the_thank_you_uses_the_whole_name(sam: Path, run: Run) -> None:
    run(
        "add", "Dr. Jane Smith", "--relation", "senior", "--context", "Uni", "--since", "2026-01-01"
    )
    ended = run("end", "Dr. Jane Smith", "--date", "2026-06-01")
    assert "thank Dr. Jane Smith for their time" in ended.stderr


# --- ids: any word of a name, accents, typos --------------------------------------------


@pytest.fixture
def crowd(sam: Path, run: Run) -> Path:
    for name, extra in (
        ("Mario Rossi", []),
        ("Ruth Lee", ["--id", "aunt-ruth"]),
        ("Łukasz Żółć", []),
    ):
        result = run("add", name, "--relation", "peer", "--context", "Acme", *extra)
        assert result.exit_code == 0, result.output
    return sam


@pytest.mark.parametrize(
    ("ref", "pid"),
    [
        ("chen", "maria-chen"),  # a surname
        ("ruth", "aunt-ruth"),  # a first name the id does not start with
        ("RUTH LEE", "aunt-ruth"),
        ("maria ch", "maria-chen"),  # the start of several words
        ("rossi", "mario-rossi"),
        ("lukasz", "lukasz-zolc"),  # ASCII finds the accented name
        ("Łukasz", "lukasz-zolc"),
        ("zolc", "lukasz-zolc"),
        ("Lukasz Zolc", "lukasz-zolc"),
    ],
)
def test_any_word_of_a_name_finds_them(crowd: Path, run: Run, ref: str, pid: str) -> None:
    result = run("show", ref, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == pid


def test_new_ids_are_ascii(crowd: Path, run: Run) -> None:
    assert "lukasz-zolc" in data(crowd)["people"]
    result = run("add", "Søren Ærø Straße", "--relation", "peer", "--context", "X")
    assert "as soren-aero-strasse." in result.stderr
    result = run("add", "Đorđe Þór", "--relation", "peer", "--context", "X")
    assert "as dorde-thor." in result.stderr


def test_an_existing_accented_id_stays_and_ascii_reaches_it(sam: Path, run: Run) -> None:
    text = sam.read_text(encoding="utf-8").replace("people.maria-chen", 'people."łukasz-zołc"')
    text = text.replace('"maria-chen"', '"łukasz-zołc"')  # made by an older devnet
    sam.write_text(text, encoding="utf-8")
    shown = run("show", "lukasz", "--json")
    assert json.loads(shown.stdout)["id"] == "łukasz-zołc"
    assert run("edit", "lukasz", "--learn", "Budgets").exit_code == 0
    assert "łukasz-zołc" in data(sam)["people"]


def test_a_word_prefix_shared_by_two_names_is_ambiguous(crowd: Path, run: Run) -> None:
    result = run("show", "mar")
    assert result.exit_code == 1
    assert "maria-chen (Maria Chen), mario-rossi (Mario Rossi)" in result.stderr


@pytest.mark.parametrize("typo", ["mria", "chne", "Maria Chenn", "rosi"])
def test_a_typo_gets_a_word_level_suggestion(crowd: Path, run: Run, typo: str) -> None:
    result = run("show", typo)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    expected = "mario-rossi" if typo == "rosi" else "maria-chen"
    assert f"did you mean '{expected}'" in result.stderr


def test_a_typoed_cadence_gets_a_suggestion(sam: Path, run: Run) -> None:
    before = sam.read_bytes()
    result = run("edit", "maria", "--cadence", "montly")
    assert result.exit_code == 2
    assert "did you mean 'monthly'?" in result.stderr
    assert sam.read_bytes() == before


def test_restore_takes_a_unique_prefix_of_a_backup_name(sam: Path, run: Run) -> None:
    original = sam.read_bytes()
    assert run("edit", "maria", "--learn", "Budgets").exit_code == 0
    names = [row["name"] for row in json.loads(run("restore", "--list", "--json").stdout)]
    assert len(names) >= 2
    newest = names[-1]  # the file before the edit
    ambiguous = run("restore", "net.toml.")
    assert ambiguous.exit_code == 1 and "ambiguous" in ambiguous.stderr
    stamp = newest.removeprefix("net.toml.").removesuffix(".toml")
    result = run("restore", stamp)  # the time stamp alone, without the file's name
    assert result.exit_code == 0, result.stderr
    assert sam.read_bytes() == original


# --- shell completion of vocabulary and of ids from the file on the line ------------------


def complete(line: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash completion offers for the last word of `line` (empty after a space)."""
    from typer.testing import CliRunner

    from devnet.cli import app

    words = line.split(" ")
    result = CliRunner().invoke(
        app,
        [],
        prog_name="devnet",
        env={
            "_DEVNET_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words) - 1),
            **(env or {}),
        },
    )
    assert result.exit_code == 0, result.output
    return result.stdout.split()


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("devnet add X --relation se", ["senior"]),
        ("devnet edit x --relation ", list(model.RELATIONS)),
        ("devnet add X --functions co", ["coaching", "counseling"]),
        (
            "devnet add X --functions sponsorship,co",
            ["sponsorship,coaching", "sponsorship,counseling"],
        ),
        (
            "devnet checkin x --functions coaching,",
            [f"coaching,{f}" for f in model.FUNCTIONS if f != "coaching"],
        ),
        ("devnet add X --cadence bi", ["biweekly"]),
        ("devnet export --format i", ["ics"]),
        ("devnet init --stage m", ["mid"]),
        ("devnet profile --stage ", ["early", "mid", "senior"]),
        ("devnet add X --scheduler t", ["them"]),
        ("devnet add X --request p", ["period"]),
        ("devnet checkin x --review ", ["continue", "adjust", "move-on"]),
        ("devnet goal add T --needs psy", ["psychosocial"]),
    ],
)
def test_completion_offers_the_vocabulary(line: str, offered: list[str]) -> None:
    assert complete(line) == offered


def test_completion_of_ids_honours_the_file_on_the_line(tmp_path: Path) -> None:
    example = str(Path(__file__).resolve().parent.parent / "examples" / "mid-career.toml")
    elsewhere = {"DEVNET_FILE": str(tmp_path / "none.toml")}
    assert complete("devnet show ma", elsewhere) == []
    assert complete(f"devnet --file {example} show ma", elsewhere) == ["maria-chen"]
    assert complete(f"devnet show --file {example} ma", elsewhere) == ["maria-chen"]
    assert complete(
        f"devnet -f {example} checkin leo --goal become-a-people-manager,pres", elsewhere
    ) == ["become-a-people-manager,present-at-a-conference"]
