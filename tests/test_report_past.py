"""`report --as-of` says what was true then (issue 10, item 2), and shows Kram's
evaluation and Hunt's ending to a manager: reviews, endings, the agreed split."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from builders import checkin, goal, network, person
from conftest import Run
from devnet.render.report import report_json, report_markdown


def _quarter_network():  # type: ignore[no-untyped-def]
    lead = goal("coaching,exposure", "Become a people manager")
    lead.set_status("achieved", date(2026, 10, 21))
    maria = person("Maria Chen", "coaching", since=date(2026, 1, 10), split=80)
    circle = person(
        "Lean In circle",
        "exposure",
        relation="circle",
        context="Lean In",
        since=date(2026, 2, 1),
        members=8,
    )
    circle.set_status("ended", date(2026, 12, 1), "The circle wound down; thanked everyone")
    ann = person("Ann Roy", "coaching", since=date(2026, 1, 5))
    ann.set_status("ended", date(2026, 8, 15), "Retired; lunch to thank her")
    checkins = [
        checkin("maria", date(2026, 7, 15), goals=["lead"], functions=["coaching"]),
        checkin("maria", date(2026, 9, 10), review="continue", note="Keep the budget focus"),
        checkin("circle", date(2026, 9, 20), functions=["exposure"]),
        checkin("ann", date(2026, 8, 1), review="move-on"),
    ]
    return network({"maria": maria, "circle": circle, "ann": ann}, {"lead": lead}, checkins)


def test_a_goal_achieved_after_the_quarter_was_active_in_it() -> None:
    doc = report_json(_quarter_network(), date(2026, 10, 1), since=date(2026, 7, 1))
    lead = next(o for o in doc["objectives"] if o["id"] == "lead")
    assert (lead["status"], lead["status_date"]) == ("active", None)
    assert doc["summary"]["objectives_achieved"] == 0
    # the circle gave exposure that quarter: not a gap then
    cells = {c["need"]: c["status"] for c in lead["cells"]}
    assert cells["exposure"] != "gap"
    later = report_json(_quarter_network(), date(2026, 12, 31), since=date(2026, 10, 1))
    done = next(o for o in later["objectives"] if o["id"] == "lead")
    assert (done["status"], done["status_date"]) == ("achieved", "2026-10-21")


def test_a_circle_that_ended_in_december_was_active_in_september() -> None:
    doc = report_json(_quarter_network(), date(2026, 9, 30), since=date(2026, 7, 1))
    helpers = {h["id"]: h for h in doc["helpers"]}
    assert helpers["circle"]["status"] == "active"
    assert helpers["ann"]["status"] == "ended"
    text = report_markdown(_quarter_network(), date(2026, 9, 30), since=date(2026, 7, 1))
    assert "**Lean In circle** (circle, Lean In)" in text  # no ", ended"


def test_reviews_endings_and_split_are_in_the_report() -> None:
    net = _quarter_network()
    text = report_markdown(net, date(2026, 9, 30), since=date(2026, 7, 1))
    section = text.split("## Reviews and endings")[1].split("\n## ")[0]
    assert section.strip().splitlines() == [
        "- 2026-08-01, Ann Roy: move on: the relationship has done its work",
        "- 2026-08-15, Ann Roy: the relationship ended (Retired; lunch to thank her)",
        "- 2026-09-10, Maria Chen: continue as we are (Keep the budget focus)",
    ]
    assert "agreed split: 80% of our time on my needs" in text
    doc = report_json(net, date(2026, 9, 30), since=date(2026, 7, 1))
    assert [e["id"] for e in doc["endings"]] == ["ann"]
    assert [r["review"] for r in doc["reviews"]] == ["move-on", "continue"]
    assert next(h for h in doc["helpers"] if h["id"] == "maria")["split"] == 80


def test_list_as_of_shows_who_was_there_with_that_days_status(run: Run, netfile: Path) -> None:
    example = Path(__file__).resolve().parent.parent / "examples" / "senior-executive.toml"
    netfile.write_bytes(example.read_bytes())
    may = json.loads(run("list", "--all", "--as-of", "2026-05-01", "--json").stdout)
    states = {p["id"]: (p["status"], p["state"]) for p in may}
    assert states["nadia-osei"] == ("active", "closing")  # move-on review, ended 05-15
    assert "kai-tanaka" not in states  # joined later
    now = json.loads(run("list", "--all", "--as-of", "2026-11-23", "--json").stdout)
    assert {p["id"]: p["status"] for p in now}["nadia-osei"] == "ended"
    closing = run("list", "--status", "closing", "--as-of", "2026-11-23", "--json")
    assert [p["id"] for p in json.loads(closing.stdout)] == ["victor-stein"]
    text = run("list", "--as-of", "2026-05-01")
    assert "closing" in text.stdout and "Kai" not in text.stdout
    bad = run("list", "--as-of", "someday")
    assert bad.exit_code == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_search_finds_the_note_of_an_ending(sam: Path, run: Run) -> None:
    assert run("end", "maria", "--note", "Promoted to Lisbon; thank-you lunch").exit_code == 0
    found = json.loads(run("search", "lisbon", "--json").stdout)
    assert [(d["id"], d["matched"]) for d in found["developers"]] == [("maria-chen", ["history"])]


def test_the_report_for_a_manager_holds_no_command(run: Run, netfile: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    for example in sorted((root / "examples").glob("*.toml")):
        netfile.write_bytes(example.read_bytes())
        result = run("report", "--as-of", "2026-11-23")
        assert result.exit_code == 0, result.stderr
        assert "devnet " not in result.stdout, example.name
        doc = json.loads(run("report", "--as-of", "2026-11-23", "--json").stdout)
        assert "closing" in doc and "endings" in doc


def test_a_million_record_import_is_refused_before_it_is_parsed(
    sam: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import devnet.exchange as ex

    def never(*args: object, **kwargs: object) -> object:
        raise AssertionError("parsed a file that a count on its bytes refuses")

    huge = tmp_path / "huge.json"
    huge.write_bytes(b'{"schema": 2, "checkins": [' + b"{}," * 1_000_000 + b"{}]}")
    rows = tmp_path / "huge.csv"
    rows.write_bytes(b"name,relation,context\n" + b"x,peer,y\n" * 300_000)
    before = sam.read_bytes()
    monkeypatch.setattr(ex.json, "loads", never)
    for path in (huge, rows):
        result = run("import", str(path))
        assert result.exit_code == 1, result.stderr
        assert "too many records" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert sam.read_bytes() == before


def test_an_invalid_import_stops_looking_after_the_first_problems(
    sam: Path, run: Run, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"schema": 2, "checkins": [' + b'{"date": "x"},' * 5_000 + b"{}]}")
    before = sam.read_bytes()
    refused = run("import", str(bad))
    assert refused.exit_code == 1
    assert "stopped looking after 100 problems" in refused.stderr
    assert sam.read_bytes() == before
    skipped = run("import", str(bad), "--skip-invalid")  # every record is looked at
    assert skipped.exit_code == 0, skipped.stderr
    assert "more problems" in skipped.stderr and "stopped looking" not in skipped.stderr


def test_a_closing_relationship_teaches_nothing_new() -> None:
    from devnet.analysis import gaps_of, snapshot
    from devnet.analysis.ritual import teachers

    helen = person(
        "Helen Wu",
        "coaching",
        expertise=["Running one-on-ones"],
        request="period",
        since=date(2026, 1, 1),
        until=date(2026, 9, 30),
    )
    lead = goal("coaching", "Become a people manager", skills=["Running one-on-ones"])
    snap = snapshot(network({"helen": helen}, {"lead": lead}), date(2026, 11, 1))
    assert snap.people["helen"].state == "closing"
    assert teachers(snap, "Running one-on-ones") == ()
    kinds = {f.kind for f in gaps_of(snap).findings}
    assert "untaught-skill" in kinds and "period-ended" in kinds
    gap = next(f for f in gaps_of(snap).findings if f.kind == "uncovered-need")
    assert "Helen Wu gave it; that relationship is coming to an end" in gap.message


def test_prep_for_someone_with_nothing_agreed_says_to_agree_it_now(sam: Path, run: Run) -> None:
    assert run("add", "Ross Barker", "--relation", "supervisor", "--context", "Acme").exit_code == 0
    shown = run("prep", "ross")
    assert shown.exit_code == 0, shown.stderr
    assert "Not agreed yet: what you want to learn, how often you talk, who schedules" in (
        " ".join(shown.stdout.split())
    )
    data = json.loads(run("prep", "ross", "--json").stdout)
    assert data["agreement"]["missing"] == ["learn", "cadence", "scheduler"]
    maria = json.loads(run("prep", "maria", "--json").stdout)
    assert maria["agreement"]["missing"] == []
