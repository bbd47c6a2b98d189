"""export, import, report and map end to end through Typer's CliRunner: files written
once or not at all, the exit codes of PRODUCT.md, and text from the file shown
literally."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from tests.conftest import Run

from builders import checkin, goal, network, person
from devnet import store
from devnet.model import Network
from devnet.render.report import report_markdown
from test_exchange import example_network


@pytest.fixture
def example(netfile: Path) -> Network:
    net = example_network()
    store.create(netfile, net)
    return net


def test_export_json_then_import_into_a_new_file_reproduces_it(
    run: Run, netfile: Path, example: Network, tmp_path: Path
) -> None:
    exported = run("export", "--format", "json")
    assert exported.exit_code == 0, exported.stderr
    assert json.loads(exported.stdout)["people"][0]["id"] == "leo"
    dump = tmp_path / "net.json"
    dump.write_bytes(exported.stdout_bytes)
    other = tmp_path / "other.toml"
    store.create(other, Network.model_validate({"schema": 2, "profile": example.profile}))
    result = run("--file", str(other), "import", str(dump))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == "Added 4 developers, 3 goals, 6 check-ins."
    assert other.read_bytes() == netfile.read_bytes()
    before = other.read_bytes()
    again = run("--file", str(other), "import", str(dump))
    assert again.exit_code == 0
    assert again.stderr.startswith("Nothing new; 4 developers, 3 goals, 6 check-ins already")
    assert other.read_bytes() == before


def test_import_keeps_the_profile_and_existing_ids_unless_update(
    run: Run, netfile: Path, example: Network, tmp_path: Path
) -> None:
    changed = example_network()
    changed.profile.name = "Somebody Else"
    changed.people["maria-chen"].learn = "Something new"
    dump = tmp_path / "x.json"
    from devnet.exchange import export_json

    dump.write_text(export_json(changed), encoding="utf-8")
    result = run("import", str(dump))
    assert result.exit_code == 0
    assert "skipped 1 existing developer that differs (--update replaces it)" in result.stderr
    assert store.load(netfile).network == example
    result = run("import", str(dump), "--update")
    assert result.exit_code == 0
    assert "Replaced 1 developer" in result.stderr
    after = store.load(netfile).network
    assert after.people["maria-chen"].learn == "Something new"
    assert after.profile.name == "Sam Lee"


def test_csv_export_opens_with_the_csv_module_and_round_trips(
    run: Run, netfile: Path, example: Network, tmp_path: Path
) -> None:
    out = tmp_path / "people.csv"
    result = run("export", "--output", str(out))  # format from the extension
    assert result.exit_code == 0, result.stderr
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == sorted(example.people)
    assert rows[0]["name"] == "Leo [Park](http://x) | #1"
    assert rows[1]["functions"] == "sponsorship;coaching"
    other = tmp_path / "other.toml"
    goals_only = Network.model_validate(
        {"schema": 2, "profile": example.profile, "goals": example.goals}
    )
    store.create(other, goals_only)
    assert run("--file", str(other), "import", str(out)).exit_code == 0
    assert store.load(other).network.people == example.people


def test_a_bad_csv_row_names_its_line_and_writes_nothing(
    run: Run, netfile: Path, example: Network, tmp_path: Path
) -> None:
    bad = tmp_path / "people.csv"
    bad.write_text(
        "id,name,relation,context,closeness\nnew,New,peer,X,3\nworse,Worse,peer,X,7\n",
        encoding="utf-8",
    )
    before = netfile.read_bytes()
    result = run("import", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:3: closeness: must be at most 4" in result.stderr
    assert "Traceback" not in result.output
    assert netfile.read_bytes() == before
    result = run("import", str(bad), "--skip-invalid")
    assert result.exit_code == 0
    assert f"left out {bad}:3: closeness" in result.stderr
    assert "Added 1 developer; left out 1 invalid record." in result.stderr
    assert "new" in store.load(netfile).network.people


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["export", "--format", "xml"], 2, "unknown format 'xml'"),
        (["export", "--as-of", "2025-02-30"], 2, "invalid --as-of date"),
        (["report", "--since", "2025-05-01", "--as-of", "2025-04-01"], 2, "is after"),
        (["import"], 2, "Missing argument"),
        (["import", "nowhere.json"], 1, "nowhere.json: no such file"),
        (["map", "--colour"], 2, "No such option"),
    ],
)
def test_bad_input_exit_codes(
    run: Run, netfile: Path, example: Network, args: list[str], code: int, words: str
) -> None:
    before = netfile.read_bytes()
    result = run(*args)
    assert result.exit_code == code, result.output
    assert words in result.stderr
    assert netfile.read_bytes() == before


def test_malformed_import_file_is_exit_1(
    run: Run, netfile: Path, example: Network, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema": 1, "people": [', encoding="utf-8")
    before = netfile.read_bytes()
    result = run("import", str(broken))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"devnet: error: {broken}:1:")
    assert netfile.read_bytes() == before


def test_output_never_overwrites_the_network_file(
    run: Run, netfile: Path, example: Network
) -> None:
    before = netfile.read_bytes()
    result = run("export", "--output", str(netfile))
    assert result.exit_code == 2
    assert "network file itself" in result.stderr
    assert netfile.read_bytes() == before


def test_ics_export_to_a_file(run: Run, example: Network, tmp_path: Path) -> None:
    from icalendar import Calendar

    out = tmp_path / "plan.ics"
    result = run("export", "--format", "ics", "--as-of", "2025-04-11", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert sorted(str(e["UID"]) for e in events) == [
        "leo@devnet",
        "maria-chen@devnet",
        "priya@devnet",
    ]
    again = run("export", "--format", "ics", "--as-of", "2025-04-11")
    assert again.stdout_bytes == out.read_bytes()


def test_dot_export(run: Run, example: Network) -> None:
    result = run("export", "--format", "dot", "--as-of", "2025-04-11")
    assert result.exit_code == 0
    assert result.stdout.startswith("graph devnet {")
    assert '"Leo [Park](http://x) | #1\\nLean In circle"' in result.stdout


def test_report_matches_the_snapshot_renderer(run: Run, example: Network, tmp_path: Path) -> None:
    result = run("report", "--since", "2025-01-16", "--as-of", "2025-04-11")
    assert result.exit_code == 0, result.stderr
    from builders import day

    assert result.stdout == report_markdown(example, day(100), day(15))
    for heading in ("## Objectives and progress", "## Who helped with what"):
        assert heading in result.stdout
    out = tmp_path / "review.md"
    assert run("report", "--as-of", "2025-04-11", "--output", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Developmental network review")
    assert (out.stat().st_mode & 0o777) == 0o600


def test_map_shows_names_literally(run: Run, netfile: Path) -> None:
    from builders import network

    evil = "[link=http://x]y[/link] \x1b[2J [bold]z"
    store.create(netfile, network({"x": person(evil)}))
    result = run("map", "--as-of", "2025-02-01")
    assert result.exit_code == 0, result.stderr
    assert "[link=http://x]y[/link] \\x1b[2J [bold]z" in result.stdout
    assert "\x1b" not in result.stdout
    assert "senior (1)" in result.stdout


def test_map_svg_is_written(run: Run, netfile: Path, tmp_path: Path) -> None:
    from builders import network

    store.create(netfile, network({"x": person("<script>alert(1)</script> & Co")}))
    out = tmp_path / "map.svg"
    result = run("map", "--as-of", "2025-02-01", "--svg", str(out))
    assert result.exit_code == 0, result.stderr
    image = out.read_text(encoding="utf-8")
    assert image.lstrip().startswith("<svg")
    assert "<script>" not in image
    assert "&lt;script&gt;" in image
    assert result.stdout == ""


def test_map_svg_fetches_nothing_when_opened(run: Run, example: Network, tmp_path: Path) -> None:
    """Nothing leaves the machine (PRODUCT.md): no web font, no link; system fonts."""
    import re

    out = tmp_path / "map.svg"
    assert run("map", "--as-of", "2025-04-11", "--svg", str(out)).exit_code == 0
    image = out.read_text(encoding="utf-8")
    markup = re.sub(r">[^<]*<", "><", image)  # a name such as "[x](http://x)" is only text
    assert "http" not in markup.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "url(" not in markup
    assert "href" not in markup
    urls = re.findall(r"[a-z][a-z0-9+.-]*://[^\s\"')]*", markup, flags=re.IGNORECASE)
    assert set(urls) == {"http://www.w3.org/2000/svg"}  # the XML namespace, never fetched
    assert "@font-face" not in image and "@import" not in image
    assert "sans-serif" in image
    assert "Maria Chen" in image.replace("&#160;", " ")
    again = tmp_path / "again.svg"
    assert run("map", "--as-of", "2025-04-11", "--svg", str(again)).exit_code == 0
    assert again.read_bytes() == out.read_bytes()


def test_map_json(run: Run, example: Network) -> None:
    result = run("map", "--as-of", "2025-04-11", "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert list(doc) == ["as_of", "profile", "network", "groups", "gaps"]
    assert doc["profile"]["name"] == "Sam Lee"
    maria = doc["groups"][0]["contexts"][0]["developers"][0]
    assert (maria["id"], maria["days_since"], maria["due"]) == ("maria-chen", 30, "due")
    assert run("map", "--as-of", "2025-04-11", "--json").stdout == result.stdout
    both = run("map", "--json", "--svg", "x.svg")
    assert both.exit_code == 2
    assert "cannot be combined" in both.stderr


def test_report_json(run: Run, example: Network, tmp_path: Path) -> None:
    result = run("report", "--since", "2025-01-16", "--as-of", "2025-04-11", "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert {"objectives", "helpers", "given_back", "network", "findings"} <= set(doc)
    assert [h["name"] for h in doc["helpers"]] == [
        "Maria Chen",
        "Leo [Park](http://x) | #1",
        "Priya Nair",
    ]
    assert doc["helpers"][0]["functions"] == ["sponsorship", "coaching"]
    again = run("report", "--since", "2025-01-16", "--as-of", "2025-04-11", "--json")
    assert again.stdout == result.stdout
    out = tmp_path / "review.json"
    written = run("report", "--as-of", "2025-04-11", "--json", "--output", str(out))
    assert written.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["since"] is None


def test_csv_export_imports_into_a_fresh_file(run: Run, example: Network, tmp_path: Path) -> None:
    """A CSV carries developers only: goal references that resolve nowhere are dropped
    with one warning per goal instead of blocking the import (a JSON import stays strict)."""
    exported = run("export", "--format", "csv")
    assert exported.exit_code == 0
    mid = tmp_path / "mid.csv"
    mid.write_bytes(exported.stdout_bytes)
    fresh = tmp_path / "fresh.toml"
    assert run("--file", str(fresh), "init", "--name", "Kim", "--stage", "mid").exit_code == 0
    result = run("--file", str(fresh), "import", str(mid))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("goal 'manage' is not in this network") == 1
    assert "dropped from 1 developer's goals (maria-chen)" in result.stderr
    assert "add it with devnet goal add and edit it" in result.stderr
    assert result.stderr.rstrip().endswith("Added 4 developers.")
    after = store.load(fresh).network
    assert set(after.people) == set(example.people)
    assert after.people["maria-chen"].goals == []
    assert after.profile.name == "Kim"


def test_import_from_stdin(run: Run, netfile: Path, example: Network) -> None:
    data = "name,relation,context,since\nNew Person,peer,Elsewhere,2025-01-01\n"
    result = run("import", "-", input=data)
    assert result.exit_code == 0, result.stderr
    assert "new-person" in store.load(netfile).network.people


def test_every_command_has_help(run: Run) -> None:
    for command in ("export", "import", "report", "map"):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "Usage" in result.stdout


def test_large_import_stays_quiet_off_a_terminal(run: Run, netfile: Path, tmp_path: Path) -> None:
    from builders import network

    store.create(netfile, network({"p": person()}))
    rows = [{"date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "developer": "p",
             "note": str(i)} for i in range(1500)]  # fmt: skip
    dump = tmp_path / "big.json"
    dump.write_text(json.dumps({"schema": 1, "checkins": rows}), encoding="utf-8")
    result = run("import", str(dump))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == "Added 1500 check-ins."
    assert len(store.load(netfile).network.checkins) == 1500
    assert io.StringIO(result.stderr).read().count("\n") == 1


def test_large_import_shows_a_progress_bar_on_a_terminal(
    run: Run, netfile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rich.console import Console

    from builders import network
    from devnet.cli import exchange as cli

    screen = io.StringIO()
    monkeypatch.setattr(cli, "err", lambda: Console(file=screen, force_terminal=True, width=80))
    store.create(netfile, network({"p": person()}))
    rows = [{"date": "2024-01-01", "developer": "p", "note": str(i)} for i in range(1200)]
    dump = tmp_path / "big.json"
    dump.write_text(json.dumps({"schema": 1, "checkins": rows}), encoding="utf-8")
    assert run("import", str(dump)).exit_code == 0
    assert "checking records" in screen.getvalue()
    assert "1200/1200" in screen.getvalue()


def test_an_import_that_would_make_the_file_unreadable_is_refused(
    run: Run, netfile: Path, example: Network, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [{"date": "2024-01-01", "developer": "leo", "note": "x" * 500}] * 20
    dump = tmp_path / "big.json"
    dump.write_text(json.dumps({"schema": 1, "checkins": rows}), encoding="utf-8")
    monkeypatch.setattr(store, "MAX_FILE_BYTES", 8000)
    before = netfile.read_bytes()
    result = run("import", str(dump))
    assert result.exit_code == 1
    assert "over devnet's limit" in result.stderr
    assert netfile.read_bytes() == before


def test_an_invalid_developer_does_not_make_their_checkins_unknown(
    run: Run, netfile: Path, example: Network, tmp_path: Path
) -> None:
    """The QA case: one bad closeness is one cause; the check-ins with that developer
    say their record is invalid, not that the developer is unknown."""
    doc = json.loads(run("export", "--format", "json").stdout)
    doc["people"][0]["closeness"] = "high"
    dump = tmp_path / "x.json"
    dump.write_text(json.dumps(doc), encoding="utf-8")
    other = tmp_path / "other.toml"
    store.create(other, Network.model_validate({"schema": 2, "profile": example.profile}))
    before = other.read_bytes()
    result = run("--file", str(other), "import", str(dump))
    assert result.exit_code == 1
    assert "people[0]: closeness:" in result.stderr
    assert "refers to developer 'leo', whose record is invalid" in result.stderr
    assert "unknown developer" not in result.stderr
    assert other.read_bytes() == before


def test_map_report_and_dot_under_an_earlier_as_of_leave_out_later_joiners(
    run: Run, netfile: Path
) -> None:
    net = example_network()
    net.people["nia"] = person("Nia Newcomer", relation="peer", since=date(2025, 6, 1))
    store.create(netfile, net)
    for args in (
        ["map"],
        ["map", "--json"],
        ["report"],
        ["report", "--json"],
        ["export", "--format", "dot"],
    ):
        before = run(*args, "--as-of", "2025-04-11")
        assert before.exit_code == 0, before.stderr
        assert "Nia" not in before.stdout and "nia" not in before.stdout, args
        on_the_day = run(*args, "--as-of", "2025-06-01")
        assert "Nia Newcomer" in on_the_day.stdout, args
    exported = json.loads(run("export", "--format", "json", "--as-of", "2025-04-11").stdout)
    assert "nia" in [p["id"] for p in exported["people"]]  # the file, losslessly


# --- extreme dates ---------------------------------------------------------------------------


def _edge_network() -> Network:
    """Dates at both ends of the calendar: a relationship since year 1, a check-in and
    a goal deadline in the last days of year 9999."""
    people = {
        "ancient": person("Ancient One", since=date(1, 1, 1), cadence="weekly"),
        "late": person("Late Comer", since=date(9999, 12, 1), cadence="yearly"),
        "ended": person("Gone", since=date(1, 1, 1), request="period", until=date(1, 1, 2)),
    }
    goals = {"far": goal("coaching,exposure", title="Far away", by=date(9999, 12, 31))}
    logs = [checkin("late", date(9999, 12, 30), functions=["coaching"], review="continue")]
    return network(people, goals, logs)


EXTREME_COMMANDS = (
    ("due",),
    ("due", "--json"),
    ("gaps",),
    ("gaps", "--json"),
    ("report",),
    ("report", "--json"),
    ("report", "--since", "0001-01-01"),
    ("map",),
    ("map", "--json"),
    ("export", "--format", "json"),
    ("export", "--format", "csv"),
    ("export", "--format", "ics"),
    ("export", "--format", "dot"),
)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("command", EXTREME_COMMANDS, ids=" ".join)
def test_the_first_and_last_days_of_the_calendar_get_an_answer(
    run: Run, netfile: Path, day: str, command: tuple[str, ...]
) -> None:
    store.create(netfile, _edge_network())
    result = run(*command, "--as-of", day)
    assert result.exit_code == 0, result.stderr
    assert "internal error" not in result.stderr
    assert result.stdout


def test_a_due_date_past_the_calendar_stays_on_its_last_day(run: Run, netfile: Path) -> None:
    store.create(netfile, _edge_network())
    result = run("due", "--json", "--as-of", "9999-12-31")
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert rows["late"]["last"] == "9999-12-30"
    assert rows["late"]["next"] == "9999-12-31"  # 9999-12-30 + 365 days is past the calendar
    assert rows["late"]["status"] == "ok"
    ics = run("export", "--format", "ics", "--as-of", "9999-12-31").stdout
    assert "DTSTART;VALUE=DATE:99991231" in ics
    assert "DTEND;VALUE=DATE:99991231" not in ics  # RFC 5545: no DTEND means one day


# --- hostile text through every output ------------------------------------------------------

HOSTILE = (
    "Ev\x1b[2J\x1b[Hil \x1b]52;c;aGVsbG8=\x07 \u202eenil\u202c \x9b31m Ma\u200bria"
    " \u2028x\u2029 \ufeff\u061c\u200e\u200f\u2066"
)
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e"
    "\u2028\u2029\u2066-\u2069\ufeff]"
)
"""What must not reach any output raw (CR and LF end lines in CSV and iCalendar)."""


def _hostile_network() -> Network:
    people = {
        "evil": person(
            HOSTILE,
            context=HOSTILE,
            learn=HOSTILE,
            offer=HOSTILE,
            expertise=[HOSTILE],
            goals=["bad"],
            cadence="weekly",
        )
    }
    goals = {"bad": goal("coaching,exposure", title=HOSTILE, skills=[HOSTILE])}
    logs = [checkin("evil", 3, note=HOSTILE, gave=HOSTILE, skills=[HOSTILE], goals=["bad"])]
    net = network(people, goals, logs, org=HOSTILE)
    net.profile.name = HOSTILE
    return net


HOSTILE_COMMANDS = (
    *(("export", "--format", f) for f in ("json", "csv", "ics", "dot")),
    ("report",),
    ("report", "--json"),
    ("map",),
    ("map", "--json"),
    ("gaps",),
    ("gaps", "--json"),
    ("due",),
    ("due", "--json"),
    ("list",),
    ("list", "--json"),
    ("show", "evil"),
    ("show", "evil", "--json"),
    ("goal", "list"),
    ("goal", "list", "--json"),
    ("show", HOSTILE),  # an error message that repeats what was typed
)


@pytest.mark.parametrize("command", HOSTILE_COMMANDS, ids=lambda c: " ".join(c)[:24])
def test_hostile_text_reaches_no_output_raw(
    run: Run, netfile: Path, command: tuple[str, ...]
) -> None:
    store.create(netfile, _hostile_network())
    result = (
        run(*command, "--as-of", "2025-03-01")
        if command[0] in ("export", "report", "map", "gaps", "due")
        else run(*command)
    )
    assert result.exit_code in (0, 1), result.stderr
    assert "internal error" not in result.stderr
    shown = result.stdout + result.stderr
    assert not FORBIDDEN.search(shown), repr(FORBIDDEN.search(shown))
    if command[-1] == "json" or "--json" in command:
        json.loads(result.stdout)  # escaped, still valid


def test_hostile_text_survives_a_json_round_trip(run: Run, netfile: Path, tmp_path: Path) -> None:
    store.create(netfile, _hostile_network())
    dump = tmp_path / "x.json"
    assert run("export", "-o", str(dump)).exit_code == 0
    doc = json.loads(dump.read_text(encoding="utf-8"))
    assert doc["profile"]["name"] == HOSTILE
    assert doc["people"][0]["name"] == HOSTILE


def test_hostile_svg_holds_no_raw_control(run: Run, netfile: Path, tmp_path: Path) -> None:
    store.create(netfile, _hostile_network())
    out = tmp_path / "map.svg"
    assert run("map", "--svg", str(out), "--as-of", "2025-03-01").exit_code == 0
    svg = out.read_text(encoding="utf-8")
    assert not FORBIDDEN.search(svg)


def test_csv_formulas_are_neutralised_and_a_round_trip_is_lossless(
    run: Run, netfile: Path, tmp_path: Path
) -> None:
    risky = {
        "eq": '=HYPERLINK("http://evil.example","x")',
        "plus": "+1+cmd|' /C calc'!A0",
        "minus": "-2+3",
        "at": "@SUM(1+1)*cmd|' /C calc'!A0",
        "tab": "\t=1",
        "cr": "\r=1",
        "quote": "'=already quoted",
        "hostile": HOSTILE,
    }
    people = {pid: person(text, learn=text, offer=text) for pid, text in risky.items()}
    store.create(netfile, network(people))
    exported = run("export", "--format", "csv")
    assert exported.exit_code == 0
    assert not FORBIDDEN.search(exported.stdout)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(exported.stdout, newline=""))}
    for pid in ("eq", "plus", "minus", "at", "tab", "quote"):
        for column in ("name", "learn", "offer"):
            assert rows[pid][column].startswith("'"), (pid, column, rows[pid][column])
    assert rows["cr"]["name"] == "\\u000d=1"  # a CR is escaped, so nothing risky starts it
    mid = tmp_path / "people.csv"
    mid.write_bytes(exported.stdout_bytes)
    fresh = tmp_path / "fresh.toml"
    store.create(fresh, network())
    result = run("--file", str(fresh), "import", str(mid))
    assert result.exit_code == 0, result.stderr
    assert store.load(fresh).network.people == store.load(netfile).network.people


def test_look_alike_names_are_shown_escaped_in_tables(run: Run, netfile: Path) -> None:
    store.create(
        netfile,
        network({"fake": person("Ma\u200bria Chen"), "real": person("Maria Chen")}),
    )
    listed = run("list")
    assert "Ma\\u200bria Chen" in listed.stdout
    assert "\u200b" not in listed.stdout


# --- the registry of formats; what import refuses --------------------------------------------


@pytest.mark.parametrize(
    ("output", "start"),
    [("x.json", b"{"), ("x.csv", b"id,name"), ("x.ics", b"BEGIN:VCALENDAR"), ("x.gv", b"graph")],
)
def test_the_output_extension_chooses_the_format(
    run: Run, example: Network, tmp_path: Path, output: str, start: bytes
) -> None:
    target = tmp_path / output
    assert run("export", "-o", str(target)).exit_code == 0
    assert target.read_bytes().startswith(start)


def test_a_format_registered_once_is_exported_by_the_cli_without_a_branch(
    run: Run, example: Network, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from devnet import exchange

    def names(net: Network, as_of: date | None, today: date) -> bytes:
        return ("\n".join(sorted(net.people)) + f"\n{as_of} {today == date.today()}\n").encode()

    extra = exchange.Format("names", (".names",), "one id a line", names)
    monkeypatch.setitem(exchange.EXPORTS, "names", extra)
    by_name = run("export", "--format", "names", "--as-of", "2025-02-01")
    assert by_name.exit_code == 0, by_name.stderr
    assert by_name.stdout == "leo\nmaria-chen\nold\npriya\n2025-02-01 False\n"
    target = tmp_path / "out.names"
    assert run("export", "-o", str(target)).exit_code == 0
    assert target.read_text().endswith("None True\n")


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("cal.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "ics"),
        ("net.dot", b"graph devnet {}\n", "dot"),
        ("net.gv", b"graph devnet {}\n", "dot"),
        ("calendar.txt", b"BEGIN:VCALENDAR\r\n", "ics"),  # recognised by its content
        ("-", b"  digraph x {}", "dot"),
    ],
)
def test_import_of_an_export_only_format_says_so(
    run: Run, netfile: Path, example: Network, tmp_path: Path, name: str, content: bytes, kind: str
) -> None:
    before = netfile.read_bytes()
    if name == "-":
        result = run("import", "-", input=content.decode())
    else:
        (tmp_path / name).write_bytes(content)
        result = run("import", str(tmp_path / name))
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert "\n" not in line
    assert f"{kind} (" in line and "is an export-only format" in line
    assert "devnet export --format json or csv" in line
    assert netfile.read_bytes() == before


@pytest.mark.parametrize(
    ("json_text", "words"),
    [
        ('{"schema": 1,\n "people": [{"id": "x", "closeness": ' + "9" * 5000 + "}]}",
         "x.json:2:38: a number 5000 digits long"),
        ('{"schema": 1, "goals": [{"id": "g", "title": "A", "title": "B", "needs": ["coaching"]}]}',
         "x.json: the key 'title' appears twice in one object"),
        ('{"schema": 1, "schema": 1}', "the key 'schema' appears twice"),
        ('{"schema": NaN}', "x.json:1:12: NaN is not a number JSON allows"),
    ],
)  # fmt: skip
def test_import_refuses_huge_numbers_and_duplicate_keys_in_one_line(
    run: Run, netfile: Path, example: Network, tmp_path: Path, json_text: str, words: str
) -> None:
    before = netfile.read_bytes()
    source = tmp_path / "x.json"
    source.write_text(json_text, encoding="utf-8")
    result = run("import", str(source))
    assert result.exit_code == 1
    assert "internal error" not in result.stderr
    assert result.stderr.count("\n") == 1 and words in result.stderr, result.stderr
    assert netfile.read_bytes() == before


def test_a_huge_number_in_a_csv_is_one_clear_problem(
    run: Run, netfile: Path, example: Network, tmp_path: Path
) -> None:
    source = tmp_path / "x.csv"
    source.write_text("name,relation,context,closeness\nAna,peer,X," + "7" * 5000 + "\n")
    result = run("import", str(source))
    assert result.exit_code == 1
    assert "x.csv:2: closeness: expected a whole number" in result.stderr
    assert "internal error" not in result.stderr


def test_check_flags_look_alike_and_hidden_characters_with_the_field(
    run: Run, netfile: Path
) -> None:
    net = network(
        {
            "fake": person("Ma\u200bria Chen"),
            "cyr": person("M\u0430ria Chen"),
            "real": person("Maria Chen", learn="fine\r\nline two"),
        },
        checkins=[checkin("real", 3, note="\u202eevil")],
    )
    store.create(netfile, net)
    before = netfile.read_bytes()
    result = run("check")
    assert result.exit_code == 0  # warnings: the file is valid
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines == [
        "devnet: warning: people.cyr.name: Latin and Cyrillic letters mixed in word 1; it "
        "can make one text look like another",
        "devnet: warning: people.fake.name: an invisible or direction-changing character "
        "U+200B (zero width space) at position 3; it can make one text look like another",
        "devnet: warning: checkins[0].note: an invisible or direction-changing character "
        "U+202E (right-to-left override) at position 1; it can make one text look like "
        "another",
    ]
    assert "Maria" not in result.stderr  # names the field, never echoes the value
    doc = json.loads(run("check", "--json").stdout)
    assert doc["ok"] is True
    assert [w["field"] for w in doc["warnings"]] == [
        "people.cyr.name",
        "people.fake.name",
        "checkins[0].note",
    ]
    assert netfile.read_bytes() == before


def test_check_is_silent_on_ordinary_text(run: Run, netfile: Path) -> None:
    store.create(netfile, network({"a": person("Łukasz Żółć 👩\u200d💻", learn="a\r\nb")}))
    result = run("check")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_doctor_flags_hidden_characters(run: Run, netfile: Path) -> None:
    store.create(netfile, network({"fake": person("Ma\u200bria Chen")}))
    doc = json.loads(run("doctor", "--json").stdout)
    text = [c for c in doc["checks"] if c["check"] == "text"]
    assert len(text) == 1 and text[0]["status"] == "warn"
    assert "people.fake.name" in text[0]["message"]
    assert "devnet check" in text[0]["action"]
    store.create(netfile.with_name("clean.toml"), network({"a": person("Maria Chen")}))
    clean = json.loads(
        run("--file", str(netfile.with_name("clean.toml")), "doctor", "--json").stdout
    )
    assert [c["status"] for c in clean["checks"] if c["check"] == "text"] == ["ok"]


# --- JSON: the records a command creates, one null policy ----------------------------------


def test_commands_that_create_a_record_print_it_with_its_id(run: Run, netfile: Path) -> None:
    made = run("init", "--name", "Sam Lee", "--stage", "mid", "--json")
    assert made.exit_code == 0, made.stderr
    doc = json.loads(made.stdout)
    assert doc == {
        "path": str(netfile.absolute()),
        "profile": {"name": "Sam Lee", "stage": "mid", "org": None},  # unset is null
    }
    assert "Created" in made.stderr  # talk stays on stderr
    goal_doc = json.loads(run("goal", "add", "Lead a team", "--needs", "coaching", "--json").stdout)
    assert goal_doc["id"] == "lead-a-team" and goal_doc["by"] is None
    added = run("add", "Maria Chen", "--relation", "senior", "--context", "Acme", "--json")
    assert added.exit_code == 0, added.stderr
    person_doc = json.loads(added.stdout)
    assert person_doc["id"] == "maria-chen" and person_doc["name"] == "Maria Chen"
    assert person_doc["cadence"] is None  # read-command JSON: unset fields are null
    logged = run("checkin", "maria-chen", "--date", "2025-01-02", "--json")
    assert json.loads(logged.stdout)[0]["ref"].startswith("maria-chen@2025-01-02")
    exported = json.loads(run("export").stdout)
    assert "cadence" not in exported["people"][0]  # the export mirrors the file: absent
    assert "org" not in exported["profile"]


def test_map_json_calls_the_profile_profile(run: Run, example: Network) -> None:
    doc = json.loads(run("map", "--json", "--as-of", "2025-04-11").stdout)
    assert doc["profile"] == {"name": "Sam Lee", "stage": "mid", "org": "Acme"}
    assert "owner" not in doc
