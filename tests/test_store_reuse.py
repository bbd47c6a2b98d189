"""A save writes the records that did not change as the text they were loaded from:
no tomli-w for them, no parse back (that text was read as that very value when the
file was loaded). Only new and changed records are emitted and proved. Counts, not
times."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli

from builders import checkin, day, goal, network, person
from conftest import Run
from devnet import store
from spies import dumps_calls, parsed_texts

FIXTURES = Path(__file__).parent / "fixtures"


def many(path: Path, checkins: int = 40) -> Path:
    """A file devnet wrote: three people (one with a history), a goal, `checkins`
    check-ins on days 10, 12, 14, ... (ana, bo, cy in turn)."""
    people = {
        "ana": person("Ana Lima", goals=["lead"]),
        "bo": person("Bo Park", status="paused", status_date=day(5)),
        "cy": person("Cy Ode", relation="peer"),
    }
    who = ["ana", "bo", "cy"]
    store.create(
        path,
        network(
            people,
            {"lead": goal(skills=["Budgets"])},
            [
                checkin(who[i % 3], 10 + 2 * i, note=f"talk {i}", functions=["coaching"])
                for i in range(checkins)
            ],
        ),
    )
    return path


NEW = '[[checkins]]\ndate = 2025-01-14\ndeveloper = "bo"\nnote = "new"\n'


@pytest.mark.parametrize("checkins", [5, 60])
def test_a_checkin_emits_only_its_own_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checkins: int
) -> None:
    """However many records the file holds, one new check-in (here in the middle of the
    date order) costs one tomli-w call and one parse; every other byte is as loaded."""
    path = many(tmp_path / "net.toml", checkins)
    before = path.read_text()
    loaded = store.load(path, for_save=True)
    loaded.network.add_checkin(checkin("bo", 13, note="new"))
    dumped, parsed = dumps_calls(monkeypatch), parsed_texts(monkeypatch)
    assert store.save(loaded, "checkin bo")
    assert len(dumped) == 1 and parsed == [NEW]
    after = path.read_text()
    cut = before.index("[[checkins]]\ndate = 2025-01-15")
    assert after == before[:cut] + NEW + "\n" + before[cut:]
    assert tomli.loads(after) == loaded.network.to_doc()


def test_a_changed_record_is_emitted_and_proved_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = many(tmp_path / "net.toml", 9)
    loaded = store.load(path, for_save=True)
    target = next(c for c in loaded.network.checkins if c.note == "talk 4")
    target.note = "talk four"
    loaded.network.people["cy"].name = "Cy Oden"
    dumped, parsed = dumps_calls(monkeypatch), parsed_texts(monkeypatch)
    assert store.save(loaded, "edit")
    assert len(dumped) == 2
    assert [t.split("\n", 1)[0] for t in parsed] == ["[people.cy]", "[[checkins]]"]
    assert 'note = "talk four"' in parsed[1] and 'name = "Cy Oden"' in parsed[0]
    assert tomli.loads(path.read_text()) == loaded.network.to_doc()
    # the file reads as devnet would write it from scratch
    assert path.read_bytes() == store.serialize(loaded.network)


def test_a_removed_record_leaves_the_rest_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = many(tmp_path / "net.toml", 9)
    loaded = store.load(path, for_save=True)
    loaded.network.checkins[:] = [c for c in loaded.network.checkins if c.note != "talk 0"]
    dumped, parsed = dumps_calls(monkeypatch), parsed_texts(monkeypatch)
    assert store.save(loaded, "remove")
    assert dumped == [] and parsed == []
    assert path.read_bytes() == store.serialize(loaded.network)


def test_a_record_is_only_ever_written_as_a_chunk_of_its_own_header(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two people with the same fields: each keeps its own chunk (the value alone does
    not pick a chunk; the header line does)."""
    path = tmp_path / "net.toml"
    twin = person("Twin", functions="coaching")
    store.create(path, network({"a": twin, "b": twin.model_copy()}))
    loaded = store.load(path, for_save=True)
    loaded.network.add_checkin(checkin("b", 3))
    assert store.save(loaded, "checkin b")
    text = path.read_text()
    assert text.count("[people.a]\n") == 1 and text.count("[people.b]\n") == 1
    assert text == store.serialize(loaded.network).decode()


def test_a_record_edited_by_hand_in_the_layout_keeps_the_users_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hand edit that keeps devnet's chunks (only the spacing inside one record):
    the record's value did not change, so its text is kept as the user wrote it (the
    smallest diff) and is not parsed again: it was read as that value at load. Once
    the record changes, devnet writes it in its own layout and proves it."""
    path = many(tmp_path / "net.toml", 3)
    path.write_text(path.read_text().replace('name = "Bo Park"', 'name="Bo Park"'))
    loaded = store.load(path, for_save=True)
    loaded.network.add_checkin(checkin("bo", 13, note="new"))
    parsed = parsed_texts(monkeypatch)
    assert store.save(loaded, "checkin bo")
    assert parsed == [NEW]
    assert 'name="Bo Park"' in path.read_text()
    loaded = store.load(path, for_save=True)
    loaded.network.people["bo"].learn = "Something else"
    parsed.clear()
    assert store.save(loaded, "edit bo")
    assert [t.split("\n", 1)[0] for t in parsed] == ["[people.bo]"]
    assert 'name = "Bo Park"' in path.read_text()
    assert path.read_bytes() == store.serialize(loaded.network)


def test_a_value_that_validation_changes_is_written_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record whose loaded value is not what devnet would write for it (a repeated
    function, removed by validation) is emitted from the network, not kept."""
    path = many(tmp_path / "net.toml", 3)
    text = path.read_text()
    first = text.index('functions = [\n    "coaching",\n]')
    path.write_text(
        text[:first]
        + 'functions = [\n    "coaching",\n    "coaching",\n]'
        + text[first + len('functions = [\n    "coaching",\n]') :]
    )
    loaded = store.load(path, for_save=True)
    assert loaded.known is not None
    loaded.network.add_checkin(checkin("bo", 13, note="new"))
    assert store.save(loaded, "checkin bo")
    assert path.read_bytes() == store.serialize(loaded.network)
    assert path.read_text().count('"coaching",\n    "coaching"') == 0


def test_a_chunk_with_a_hash_is_always_emitted_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A comment inside a record's lines is never kept in part (the file would keep some
    comments and lose others, and the warning that they are dropped would be wrong)."""
    path = many(tmp_path / "net.toml", 3)
    path.write_text(
        path.read_text().replace('name = "Ana Lima"\n', 'name = "Ana Lima"  # my mentor\n')
    )
    loaded = store.load(path, for_save=True)
    assert loaded.known is not None
    loaded.network.add_checkin(checkin("bo", 13, note="new"))
    dumped = dumps_calls(monkeypatch)
    assert store.save(loaded, "checkin bo")
    assert len(dumped) == 2
    assert b"#" not in path.read_bytes()
    assert path.read_bytes() == store.serialize(loaded.network)


def test_a_migrated_file_is_written_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing is kept across a migration: every record is emitted in the new format."""
    path = tmp_path / "net.toml"
    path.write_bytes((FIXTURES / "v1" / "full.toml").read_bytes())
    loaded = store.load(path, for_save=True)
    assert loaded.migrated_from == 1 and loaded.known is None
    loaded.network.add_checkin(checkin("jo", 3))
    records = 2 + sum(
        len(x) for x in (loaded.network.goals, loaded.network.people, loaded.network.checkins)
    )
    dumped = dumps_calls(monkeypatch)
    assert store.save(loaded, "checkin jo")
    assert len(dumped) >= records
    assert path.read_bytes() == store.serialize(loaded.network)


def test_checkin_through_the_cli_keeps_the_file_and_adds_its_lines(
    run: Run, netfile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many(netfile, 30)
    before = netfile.read_text()
    dumped = dumps_calls(monkeypatch)
    result = run("checkin", "cy", "--date", "2025-01-20", "--note", "met")
    assert result.exit_code == 0, result.stderr
    assert len(dumped) == 1
    added = '[[checkins]]\ndate = 2025-01-20\ndeveloper = "cy"\nnote = "met"\n\n'
    after = netfile.read_text()
    assert after.replace(added, "", 1) == before


def test_refs_of_gives_the_refs_with_refs_gives() -> None:
    """`checkin` names what it logged without sorting every check-in: same refs,
    `#2` and `#3` included, whatever order they were logged in."""
    net = network(
        {"ana": person("Ana"), "bo": person("Bo")},
        checkins=[
            checkin("bo", 4, note="a"),
            checkin("ana", 4, note="b"),
            checkin("bo", 2),
            checkin("bo", 4, note="c"),
            checkin("ana", 1),
        ],
    )
    net.add_checkin(checkin("bo", 4, note="d"))
    net.add_checkin(checkin("ana", 0))
    expected = {id(c): ref for ref, c in net.with_refs()}
    assert "bo@2025-01-05#3" in expected.values()
    for record in net.checkins:
        assert net.refs_of([record]) == {id(record): expected[id(record)]}
    assert net.refs_of(net.checkins) == expected


@pytest.mark.parametrize(
    "text",
    [b"", b"[a]\n" * 50, b"\n".join(b"[[c]]\nx = [1, 2, 3]" for _ in range(200)), b" [x]\n\t[y]"],
)
def test_the_weight_bound_is_never_below_the_weight(text: bytes) -> None:
    assert store._weight_bound(text) >= store._weight(text)
