"""Schema 2: the dated status history of people and goals, the pure migration from
schema 1, the status on a past day, and the file's one layout."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from builders import START, checkin, day, goal, network, person
from conftest import Run
from devnet import store
from devnet.errors import DevnetError
from devnet.migrate import v1_to_v2
from devnet.model import SCHEMA_VERSION, Person

ROOT = Path(__file__).resolve().parent.parent
V1 = Path(__file__).parent / "fixtures" / "v1"


def test_migration_turns_each_status_into_one_dated_change() -> None:
    doc = store.parse((V1 / "full.toml").read_bytes(), V1 / "full.toml")
    migrated = v1_to_v2(doc)
    assert migrated["schema"] == 2 and doc["schema"] == 1  # pure: the input is untouched
    assert migrated["people"]["jo"]["history"] == [
        {
            "date": dt.date(2025, 5, 5),
            "status": "ended",
            "note": "Moved to Lisbon; thank-you lunch done",
        }
    ]
    assert migrated["people"]["lean-in-circle"]["history"] == [
        {"date": dt.date(2026, 2, 1), "status": "paused"}
    ]
    assert "history" not in migrated["people"]["maria-chen"]
    assert migrated["goals"]["speak-at-a-conference"]["history"] == [
        {"date": dt.date(2026, 3, 1), "status": "achieved"}
    ]
    assert not any(k.startswith("status") for p in migrated["people"].values() for k in p), (
        "no schema 1 field is left behind"
    )


def test_migration_dates_an_undated_change_and_moves_since_back() -> None:
    doc = {
        "schema": 1,
        "profile": {"name": "S", "stage": "mid"},
        "goals": {"g": {"title": "G", "needs": ["coaching"], "status": "dropped"}},
        "people": {
            "a": {
                "name": "A",
                "relation": "peer",
                "context": "X",
                "since": dt.date(2025, 3, 1),
                "status": "ended",
            },
            "b": {
                "name": "B",
                "relation": "peer",
                "context": "X",
                "since": dt.date(2025, 6, 1),
                "status": "paused",
                "status_date": dt.date(2025, 1, 1),
            },
        },
    }
    out = v1_to_v2(doc)
    assert out["people"]["a"]["history"] == [{"date": dt.date(2025, 3, 1), "status": "ended"}]
    assert out["people"]["b"]["since"] == dt.date(2025, 1, 1)
    # the goal's change is dated at the earliest date the file knows
    assert out["goals"]["g"]["history"] == [{"date": dt.date(2025, 1, 1), "status": "dropped"}]
    assert v1_to_v2(doc) == out


def test_status_on_a_day_follows_the_history() -> None:
    p = person(since=START)
    p.set_status("paused", day(10), "leave")
    p.set_status("active", day(20))
    p.set_status("ended", day(30), "thanked her")
    assert p.status_on(START - dt.timedelta(days=1)) is None
    assert [p.status_on(day(n)) for n in (0, 9, 10, 19, 20, 29, 30, 99)] == [
        "active",
        "active",
        "paused",
        "paused",
        "active",
        "active",
        "ended",
        "ended",
    ]
    assert (p.status, p.status_date, p.status_note) == ("ended", day(30), "thanked her")
    g = goal()
    g.set_status("achieved", day(5))
    assert (g.status_on(day(4)), g.status_on(day(5)), g.status) == (
        "active",
        "achieved",
        "achieved",
    )


def test_a_change_may_not_rewrite_history_and_an_early_one_moves_since() -> None:
    p = person(since=day(100))
    with pytest.raises(DevnetError, match="already active"):
        p.set_status("active", day(120))
    assert p.set_status("paused", day(50)) is True  # evidence it began earlier
    assert p.since == day(50)
    with pytest.raises(DevnetError, match="before the last change"):
        p.set_status("ended", day(40))


def test_a_hand_written_change_before_since_is_refused_with_the_field() -> None:
    with pytest.raises(ValueError, match="history"):
        Person.model_validate(
            {
                "name": "A",
                "relation": "peer",
                "context": "X",
                "since": day(10),
                "history": [{"date": day(1), "status": "paused"}],
            }
        )


def test_history_is_kept_in_date_order() -> None:
    p = Person.model_validate(
        {
            "name": "A",
            "relation": "peer",
            "context": "X",
            "since": day(0),
            "history": [{"date": day(9), "status": "active"}, {"date": day(3), "status": "paused"}],
        }
    )
    assert [h.status for h in p.history] == ["paused", "active"]


def _saved(net_: object) -> str:
    return store.serialize(net_).decode()  # type: ignore[arg-type]


def test_one_layout_whatever_the_checkins_hold() -> None:
    short = network({"a": person("A")}, {"g": goal()}, [checkin("a", 1)])
    rich = network(
        {"a": person("A")},
        {"g": goal()},
        [checkin("a", 1), checkin("a", 2, functions=["coaching"], note="x" * 300, goals=["g"])],
    )
    for text in (_saved(short), _saved(rich)):
        assert "checkins = [" not in text
        assert text.index("[profile]") < text.index("[[checkins]]")
        assert text.count("[[checkins]]") == len(re.findall(r"^developer = ", text, re.M))


def test_adding_a_checkin_adds_only_its_own_lines() -> None:
    import difflib

    people = {"a": person("A"), "b": person("B Person")}
    before = network(people, {"g": goal()}, [checkin("a", 1), checkin("b", 5, note="n")])
    after = network(
        people,
        {"g": goal()},
        [checkin("a", 1), checkin("a", 3, note="long " * 40), checkin("b", 5, note="n")],
    )
    diff = [
        line
        for line in difflib.unified_diff(
            _saved(before).splitlines(), _saved(after).splitlines(), n=0, lineterm=""
        )
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert all(line.startswith("+") for line in diff), diff
    assert len(diff) == 5  # the header, date, developer, note and a blank line


def test_a_long_note_in_a_history_stays_one_line_per_change() -> None:
    p = person("A")
    p.set_status("ended", day(400), "a long thank-you\nwith a newline " + "x" * 200)
    text = _saved(network({"a": p}))
    block = text[text.index("history = [") :]
    assert block.splitlines()[1].startswith("    { date = ")
    assert store.from_bytes(text.encode(), Path("x"))[0].people["a"].history == p.history


def test_the_readme_sample_is_exactly_what_devnet_writes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```toml\n(.*?)```", readme, re.S)
    assert match is not None
    sample = match.group(1).encode()
    loaded, newer = store.from_bytes(sample, Path("README.md"))
    assert not newer and loaded.schema_ == SCHEMA_VERSION
    assert store.serialize(loaded) == sample


def test_examples_are_current_and_canonical() -> None:
    for path in sorted((ROOT / "examples").glob("*.toml")):
        raw = path.read_bytes()
        assert store.serialize(store.from_bytes(raw, path)[0]) == raw, path.name


def test_a_v1_file_is_upgraded_on_its_first_save_with_a_backup_and_one_notice(
    tmp_path: Path, run: Run, netfile: Path
) -> None:
    raw = (V1 / "full.toml").read_bytes()
    netfile.write_bytes(raw)
    shown = run("list", "--all", "--json")
    assert shown.exit_code == 0 and netfile.read_bytes() == raw  # reading writes nothing
    first = run("checkin", "maria", "--date", "2026-11-20", "--note", "x")
    assert first.exit_code == 0, first.stderr
    assert first.stderr.count("file format 1 to 2") == 1
    assert netfile.read_bytes().startswith(b"schema = 2\n")
    assert store.backups(netfile)[-1].path.read_bytes() == raw
    second = run("checkin", "maria", "--date", "2026-11-21")
    assert "file format" not in second.stderr


def test_pause_before_since_moves_since_back_and_says_so(run: Run, netfile: Path) -> None:
    assert run("init", "--name", "S", "--stage", "mid").exit_code == 0
    assert (
        run(
            "add", "Ann Lee", "--relation", "peer", "--context", "X", "--since", "2026-06-01"
        ).exit_code
        == 0
    )
    result = run("pause", "ann", "--date", "2026-03-01")
    assert result.exit_code == 0, result.stderr
    assert "2026-03-01" in result.stderr and "begin" in result.stderr
    person_ = store.load(netfile).network.people["ann-lee"]
    assert person_.since == dt.date(2026, 3, 1)
    assert person_.status_on(dt.date(2026, 3, 1)) == "paused"


def test_goal_done_names_the_people_who_helped(sam: Path, run: Run) -> None:
    assert (
        run(
            "add",
            "Leo Park",
            "--relation",
            "peer",
            "--context",
            "Acme",
            "--functions",
            "friendship",
        ).exit_code
        == 0
    )
    assert run("checkin", "maria", "--date", "2026-02-01", "--goal", "become").exit_code == 0
    done = run("goal", "done", "become", "--date", "2026-06-01")
    assert done.exit_code == 0, done.stderr
    assert "Thank the people who helped: Maria Chen (1 conversation)" in done.stderr
    assert "Leo Park" not in done.stderr  # friendship is not a need of this goal
    # Maria served only this goal: Hunt's case, said at once
    assert "Maria Chen helped only with goals now reached" in done.stderr
