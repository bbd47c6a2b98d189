"""Defects found by trying devnet as a judge would (fresh networks from the seeds, bad
input, one person on one day across commands), each pinned through the real CLI."""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import Run
from tests.test_cli_open import FAKE_EDITOR, Editor

TODAY = date(2026, 12, 2)


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command module sees TODAY as today (they import `today` by name)."""
    for name, module in list(sys.modules.items()):
        if name.startswith("devnet.cli") and hasattr(module, "today"):
            monkeypatch.setattr(module, "today", lambda: TODAY)


def shown(run: Run, ref: str) -> dict[str, Any]:
    result = run("show", ref, "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# --- edit --since cannot leave a check-in or a change of status before the beginning ----


def test_edit_since_after_a_checkin_is_refused(sam: Path, run: Run) -> None:
    """Maria's first check-in is on 2026-02-01: her relationship had begun by then, so a
    later `since` would hide that conversation from every --as-of view."""
    before = sam.read_bytes()
    result = run("edit", "maria", "--since", "2026-03-01")
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1
    assert "2026-02-01" in result.stderr
    assert "Traceback" not in result.output
    assert sam.read_bytes() == before
    assert run("edit", "maria", "--since", "2026-02-01").exit_code == 0
    assert shown(run, "maria")["since"] == "2026-02-01"


def test_edit_since_after_a_change_of_status_says_which(sam: Path, run: Run) -> None:
    added = run("add", "Leo Park", "--relation", "peer", "--context", "Acme", "--since", "som")
    assert added.exit_code == 0, added.output
    assert run("pause", "leo", "--date", "2026-12-01").exit_code == 0
    before = sam.read_bytes()
    result = run("edit", "leo", "--since", "2026-12-02")
    assert result.exit_code == 1, result.output
    assert "paused on 2026-12-01" in result.stderr
    assert sam.read_bytes() == before


# --- show says closing, like list, due and map ---------------------------------------------


def test_show_says_closing_and_why_like_list(sam: Path, run: Run) -> None:
    assert run("checkin", "maria", "--date", "2026-11-20", "--review", "move-on").exit_code == 0
    listed = json.loads(run("list", "--json").stdout)[0]
    assert (listed["state"], listed["reason"]) == ("closing", "move-on")
    data = shown(run, "maria")
    assert (data["status"], data["state"], data["reason"]) == ("active", "closing", "move-on")
    text = run("show", "maria").stdout
    status_line = next(line for line in text.splitlines() if line.startswith("status"))
    assert "closing" in status_line
    assert "move on" in status_line


def test_show_of_an_active_person_has_state_active(sam: Path, run: Run) -> None:
    data = shown(run, "maria")
    assert (data["state"], data["reason"]) == ("active", None)


# --- ids never carry invisible characters as separators --------------------------------


def test_an_invisible_character_in_a_name_is_not_an_id_separator(sam: Path, run: Run) -> None:
    result = run("add", "Le\u200bo Park", "--relation", "peer", "--context", "Acme", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == "leo-park"


# --- import says plainly that a network file is not an export ---------------------------


def test_import_of_a_network_file_says_what_it_is(sam: Path, run: Run, tmp_path: Path) -> None:
    other = tmp_path / "other.toml"
    other.write_bytes(sam.read_bytes())
    before = sam.read_bytes()
    result = run("import", str(other))
    assert result.exit_code == 2, result.output
    assert "network file" in result.stderr
    assert "column" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert sam.read_bytes() == before


# --- open never loses what was typed ---------------------------------------------------


@pytest.fixture
def fake_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Editor:
    """The fake editor of test_cli_open: it writes the prepared versions."""
    folder = tmp_path / "editor"
    folder.mkdir()
    script = tmp_path / "fake_editor.py"
    script.write_text(FAKE_EDITOR, encoding="utf-8")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.setenv("FAKE_STEPS", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the edited copy goes
    return Editor(folder)


def test_open_on_a_read_only_file_refuses_before_the_editor(
    sam: Path, run: Run, fake_editor: Editor
) -> None:
    """Refused only at save time, the typed edits were thrown away with the buffer."""
    fake_editor.then(1, sam.read_text(encoding="utf-8").replace("Maria Chen", "Maria X"))
    before = sam.read_bytes()
    sam.chmod(0o444)
    try:
        result = run("open")
    finally:
        sam.chmod(0o600)
    assert result.exit_code == 1, result.output
    assert "read-only" in result.stderr
    assert result.stderr.count("\n") == 1
    assert fake_editor.rounds == 0
    assert sam.read_bytes() == before


def test_open_keeps_the_edits_when_the_save_fails(
    sam: Path, run: Run, fake_editor: Editor, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from devnet import store
    from devnet.errors import SaveError

    def refuse(*args: object, **kwargs: object) -> None:
        raise SaveError("net.toml: the disk is full; nothing was changed")

    monkeypatch.setattr(store, "replace_contents", refuse)
    edited = sam.read_text(encoding="utf-8").replace("Maria Chen", "Maria X")
    fake_editor.then(1, edited)
    before = sam.read_bytes()
    result = run("open")
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1
    assert "the disk is full" in result.stderr
    kept = Path(result.stderr.strip().rsplit(" ", 1)[1])
    assert kept.parent == tmp_path
    assert kept.read_text(encoding="utf-8") == edited
    assert sam.read_bytes() == before


# --- goal list --as-of: goals with the status they had that day --------------------------


def test_goal_list_as_of_shows_the_status_of_that_day(sam: Path, run: Run) -> None:
    assert run("goal", "done", "become", "--date", "2026-10-21").exit_code == 0
    now = json.loads(run("goal", "list", "--json").stdout)
    assert [g["status"] for g in now] == ["achieved"]
    then = run("goal", "list", "--json", "--as-of", "2026-10-01")
    assert then.exit_code == 0, then.output
    assert [g["status"] for g in json.loads(then.stdout)] == ["active"]
    text = run("goal", "list", "--as-of", "2026-10-01").stdout
    assert "active" in text
    assert "achieved" not in text
    bad = run("goal", "list", "--as-of", "2026-02-30")
    assert bad.exit_code == 2


def test_import_of_a_json_array_from_stdin_is_read_as_json(sam: Path, run: Run) -> None:
    """`devnet list --json | devnet import -` was read as a CSV ("unknown column '[1'")."""
    listed = run("list", "--json").stdout
    before = sam.read_bytes()
    result = run("import", "-", input=listed)
    assert result.exit_code == 1, result.output
    assert "expected a JSON object" in result.stderr
    assert "column" not in result.stderr
    assert sam.read_bytes() == before


def test_an_empty_file_option_is_refused_not_taken_for_the_default(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`devnet --file "$NET" checkin ...` with $NET unset must not write to the user's
    real network in their data folder."""
    from typer.testing import CliRunner

    from devnet.cli import app

    default = tmp_path / "default.toml"
    monkeypatch.setenv("DEVNET_FILE", str(default))
    runner = CliRunner()
    made = runner.invoke(app, ["init", "--name", "Sam", "--stage", "mid"])
    assert made.exit_code == 0, made.output
    before = default.read_bytes()
    for empty in ("", "  "):
        result = runner.invoke(app, ["--file", empty, "add", "Leo", "--relation", "peer",
                                     "--context", "Acme"])  # fmt: skip
        assert result.exit_code == 2, result.output
        assert "--file" in result.stderr
        assert result.stderr.count("\n") == 1
    assert default.read_bytes() == before
