"""The proof that a save's text reads back (ENGINEERING.md, storage rule 2), made
cheaper: a chunk byte-identical to one of the file as it was loaded, holding the value
it was read as, is not parsed again. Every other chunk is; a file not in devnet's own
layout gets the whole proof."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli
import tomli_w

from builders import checkin, goal, network, person
from conftest import Run
from devnet import store
from devnet.errors import SaveError
from spies import parsed_texts


def canonical(path: Path) -> Path:
    store.create(
        path,
        network(
            {"ana": person("Ana Lima", goals=["lead"]), "bo": person("Bo Park")},
            {"lead": goal()},
            [checkin("ana", 3, note="first"), checkin("bo", 5, note="second")],
        ),
    )
    return path


def tamper(monkeypatch: pytest.MonkeyPatch, when: Callable[[dict[str, Any]], bool]) -> None:
    """Make the emitter write `note = "tampered"` for the records `when` picks."""
    real = store._flat

    def flat(table: dict[str, Any]) -> str:
        if when(table):
            table = {**table, "note": "tampered"}
        return real(table)

    monkeypatch.setattr(store, "_flat", flat)


def test_only_the_changed_chunk_is_parsed_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = canonical(tmp_path / "net.toml")
    before = path.read_bytes()
    loaded = store.load(path, for_save=True)
    assert loaded.known is not None and len(loaded.known) == 7
    loaded.network.add_checkin(checkin("bo", 9, note="third"))
    seen = parsed_texts(monkeypatch)
    assert store.save(loaded, "checkin bo")
    assert seen == ['[[checkins]]\ndate = 2025-01-10\ndeveloper = "bo"\nnote = "third"\n']
    after = path.read_bytes()
    assert after.startswith(before) and tomli.loads(after.decode()) == loaded.network.to_doc()


def test_a_changed_chunk_that_would_not_read_back_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = canonical(tmp_path / "net.toml")
    before = path.read_bytes()
    loaded = store.load(path, for_save=True)
    assert loaded.known is not None
    loaded.network.add_checkin(checkin("bo", 9, note="third"))
    tamper(monkeypatch, lambda t: t.get("note") == "third")
    with pytest.raises(SaveError, match="did not survive a round trip; nothing was changed"):
        store.save(loaded, "checkin bo")
    assert path.read_bytes() == before
    assert store.backups(path) == [] and store.stale_temps(path) == []


def test_a_chunk_identical_to_another_records_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An emitter that writes the text of another loaded record is caught: a known chunk
    is trusted only for the value it was read as."""
    path = canonical(tmp_path / "net.toml")
    before = path.read_bytes()
    loaded = store.load(path, for_save=True)
    first = next(c for c in loaded.network.checkins if c.note == "first").to_doc()
    real = store._flat
    monkeypatch.setattr(store, "_flat", lambda t: real(first if t.get("note") == "new" else t))
    loaded.network.add_checkin(checkin("bo", 9, note="new"))
    with pytest.raises(SaveError, match="nothing was changed"):
        store.save(loaded, "checkin bo")
    assert path.read_bytes() == before


def test_a_chunk_without_its_header_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chunk that parses alone to its record but would join the table before it in
    the file (dotted keys, no header line) is refused."""
    path = canonical(tmp_path / "net.toml")
    before = path.read_bytes()
    loaded = store.load(path, for_save=True)
    real = store._parts

    def parts(doc: dict[str, Any], known: dict[str, Any] | None = None) -> list[str]:
        out = real(doc, known)
        for i, text in enumerate(out):
            if text.startswith("[people.bo]\n"):
                record = doc["people"]["bo"]
                body = "".join(
                    f"people.bo.{k} = {tomli_w.dumps({'v': v})[4:]}" for k, v in record.items()
                )
                # alone it reads as the record; in the file it would join [people.ana]
                assert tomli.loads(body) == {"people": {"bo": record}}
                out[i] = body
        return out

    monkeypatch.setattr(store, "_parts", parts)
    loaded.network.people["bo"].name = "Bo Parker"
    with pytest.raises(SaveError, match="nothing was changed"):
        store.save(loaded, "edit bo")
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda t: t.replace("\n\n[people.bo]", "\n\n\n[people.bo]"), id="blank"),
        pytest.param(lambda t: t.replace('note = "first"', 'note = """first"""'), id="multiline"),
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
        pytest.param(lambda t: t.replace("\n\n[people.bo]", "\n[people.bo]"), id="no-blank"),
    ],
)
def test_a_hand_edited_file_gets_the_whole_proof(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: Callable[[str], str]
) -> None:
    path = canonical(tmp_path / "net.toml")
    text = edit(path.read_text())
    path.write_bytes(text.encode())
    loaded = store.load(path, for_save=True)
    loaded.network.add_checkin(checkin("bo", 9, note="third"))
    seen = parsed_texts(monkeypatch)
    payload = store.serialize(loaded.network, loaded.known)
    assert seen == [payload.decode()]
    tamper(monkeypatch, lambda t: t.get("note") == "third")
    with pytest.raises(SaveError, match="nothing was changed"):
        store.save(loaded, "checkin bo")
    assert path.read_bytes() == text.encode()


def test_checkin_through_the_cli_refuses_a_text_that_would_not_read_back(
    run: Run, netfile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    canonical(netfile)
    before = netfile.read_bytes()
    tamper(monkeypatch, lambda t: t.get("note") == "met today")
    result = run("checkin", "bo", "--date", "2025-02-01", "--note", "met today")
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "nothing was changed" in result.stderr and "Traceback" not in result.stderr
    assert netfile.read_bytes() == before
    monkeypatch.undo()
    result = run("checkin", "bo", "--date", "2025-02-01", "--note", "met today")
    assert result.exit_code == 0, result.stderr
    assert netfile.read_bytes().startswith(before)
