"""`devnet open` with a fake editor: a small Python script that records what it was
shown and writes the next prepared version (or nothing, or fails)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import Run, closed

FAKE_EDITOR = r"""
import os, pathlib, shutil, subprocess, sys
target = pathlib.Path(sys.argv[-1])
steps = pathlib.Path(os.environ["FAKE_STEPS"])
n = len(list(steps.glob("seen-*"))) + 1
shutil.copy(target, steps / f"seen-{n}.toml")
if os.environ.get("FAKE_TRY_WRITE"):  # another devnet while the editor is open
    done = subprocess.run(
        [sys.executable, "-m", "devnet", "--file", os.environ["FAKE_TRY_WRITE"],
         "checkin", "maria", "--date", "2026-11-02"],
        capture_output=True, text=True,
        env={**os.environ, "DEVNET_LOCK_TIMEOUT": "0.2"},
    )
    (steps / "other.txt").write_text(f"{done.returncode} {done.stderr}")
step = steps / f"step-{n}.toml"
if step.exists():
    target.write_bytes(step.read_bytes())
if (steps / f"fail-{n}").exists():
    sys.exit(3)
"""


class Editor:
    """Prepared versions for each round of editing, and what devnet showed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def then(self, n: int, content: str | bytes) -> None:
        data = content.encode() if isinstance(content, str) else content
        (self.folder / f"step-{n}.toml").write_bytes(data)

    def fails(self, n: int) -> None:
        (self.folder / f"fail-{n}").touch()

    def seen(self, n: int) -> str:
        return (self.folder / f"seen-{n}.toml").read_text(encoding="utf-8")

    @property
    def rounds(self) -> int:
        return len(list(self.folder.glob("seen-*")))


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Editor:
    folder = tmp_path / "editor"
    folder.mkdir()
    script = tmp_path / "fake_editor.py"
    script.write_text(FAKE_EDITOR, encoding="utf-8")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.setenv("FAKE_STEPS", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the edited copy goes
    return Editor(folder)


def backups(netfile: Path) -> list[Path]:
    folder = netfile.parent / ".devnet-backups"
    return sorted(folder.glob("*.toml")) if folder.exists() else []  # not the .json notes


def test_a_valid_edit_is_written_as_typed_with_a_backup(
    sam: Path, run: Run, editor: Editor
) -> None:
    before = sam.read_text(encoding="utf-8")
    edited = "# my network\n" + before.replace('name = "Maria Chen"', 'name = "Maria Chen-Lopez"')
    editor.then(1, edited)
    count = len(backups(sam))
    result = run("open")
    assert result.exit_code == 0, result.output
    assert "Saved" in result.stderr
    assert sam.read_text(encoding="utf-8") == edited  # comments and all
    assert len(backups(sam)) == count + 1
    assert backups(sam)[-1].read_text(encoding="utf-8") == before
    assert editor.seen(1) == before
    assert "Maria Chen-Lopez" in run("show", "maria", "--json").stdout


def test_closing_without_a_change_writes_nothing(sam: Path, run: Run, editor: Editor) -> None:
    before, stat = sam.read_bytes(), sam.stat()
    count = len(backups(sam))
    result = run("open")
    assert result.exit_code == 0, result.output
    assert "No changes" in result.stderr
    assert sam.read_bytes() == before
    assert sam.stat().st_mtime_ns == stat.st_mtime_ns
    assert len(backups(sam)) == count


def test_an_error_reopens_the_editor_with_it_at_the_top(
    sam: Path, run: Run, editor: Editor
) -> None:
    before = sam.read_text(encoding="utf-8")
    broken = before.replace('name = "Maria Chen"', 'name = "Maria Chen')
    line = broken.splitlines().index('name = "Maria Chen') + 1
    editor.then(1, broken)
    editor.then(2, before.replace('relation = "senior"', 'relation = "boss"'))
    fixed = before.replace('name = "Maria Chen"', 'name = "Maria C."')
    editor.then(3, fixed)
    result = run("open")
    assert result.exit_code == 0, result.output
    assert editor.rounds == 3
    second = editor.seen(2)
    top = second.splitlines()[:3]
    assert all(row.startswith("# devnet: ") for row in top)
    problem = top[2]
    shifted = int(problem.split("line ")[1].split(":")[0])
    assert shifted == line + 3  # counted where the editor shows the line
    assert second.splitlines()[shifted - 1] == 'name = "Maria Chen'
    assert "relation" in editor.seen(3).splitlines()[2]
    assert "must be one of" in editor.seen(3).splitlines()[2]
    assert sam.read_text(encoding="utf-8") == fixed  # devnet's lines are not kept


def test_giving_up_after_an_error_writes_nothing_and_keeps_the_edits(
    sam: Path, run: Run, editor: Editor, tmp_path: Path
) -> None:
    before = sam.read_bytes()
    broken = before.replace(b"[profile]", b"[profile")
    editor.then(1, broken)  # round 2: closed without saving
    result = run("open")
    assert result.exit_code == 1
    assert "still not valid, so nothing was written; your edits are in" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert sam.read_bytes() == before
    kept = Path(result.stderr.strip().rsplit(" ", 1)[1])
    assert kept.parent == tmp_path
    assert kept.read_bytes().endswith(broken)
    assert kept.stat().st_mode & 0o777 == 0o600


def test_emptying_the_file_gives_up(sam: Path, run: Run, editor: Editor) -> None:
    before = sam.read_bytes()
    editor.then(1, b"[profile\n")
    editor.then(2, b"\n")
    result = run("open")
    assert result.exit_code == 0, result.output
    assert "emptied, so nothing was written" in result.stderr
    assert sam.read_bytes() == before
    assert list((editor.folder.parent).glob("devnet-net-*.toml")) == []  # no leftovers


def test_a_failing_editor_writes_nothing(sam: Path, run: Run, editor: Editor) -> None:
    before = sam.read_bytes()
    editor.then(1, before.replace(b"Maria Chen", b"Maria X"))
    editor.fails(1)
    result = run("open")
    assert result.exit_code == 1
    assert "ended with status 3, so nothing was written; your edits are in" in result.stderr
    assert sam.read_bytes() == before


def test_a_missing_editor_is_one_line(sam: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", "no-such-editor-devnet --wait")
    before = sam.read_bytes()
    result = run("open")
    assert result.exit_code == 1
    assert "cannot start the editor 'no-such-editor-devnet'" in result.stderr
    assert "Traceback" not in result.output
    assert sam.read_bytes() == before


def test_visual_wins_over_editor(
    sam: Path, run: Run, editor: Editor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", f"{sys.executable} {tmp_path / 'fake_editor.py'}")
    monkeypatch.setenv("EDITOR", "no-such-editor-devnet")
    assert run("open").exit_code == 0
    assert editor.rounds == 1


def test_a_newer_schema_typed_in_is_refused(sam: Path, run: Run, editor: Editor) -> None:
    before = sam.read_text(encoding="utf-8")
    editor.then(1, before.replace("schema = 2", "schema = 99"))
    result = run("open")  # round 2 unchanged: gives up
    assert result.exit_code == 1
    assert "newer than this devnet writes" in editor.seen(2)
    assert sam.read_text(encoding="utf-8") == before


def test_the_file_stays_locked_while_the_editor_is_open(
    sam: Path, run: Run, editor: Editor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_TRY_WRITE", str(sam))
    editor.then(1, sam.read_text(encoding="utf-8").replace("Maria Chen", "Maria C."))
    result = run("open")
    assert result.exit_code == 0, result.output
    code, message = (editor.folder / "other.txt").read_text().split(" ", 1)
    assert code == "1"
    assert "another devnet is changing this file" in message
    assert "2026-11-02" not in sam.read_text(encoding="utf-8")


def test_open_needs_an_existing_file(run: Run, editor: Editor) -> None:
    result = run("open")
    assert result.exit_code == 1
    assert "devnet init" in result.stderr
    assert editor.rounds == 0


# --- on a real terminal (pexpect) ---------------------------------------------------------

TTY_EDITOR = r"""
import pathlib, sys
target = pathlib.Path(sys.argv[-1])
text = target.read_text(encoding="utf-8")
print("TOP:", text.splitlines()[0])
answer = input("EDIT> ")
if answer == "break":
    target.write_text(text.replace("[profile]", "[profile"), encoding="utf-8")
elif answer == "fix":
    body = "".join(l for l in text.splitlines(True) if not l.startswith("# devnet: "))
    body = body.replace("[profile\n", "[profile]\n").replace("Maria Chen", "Maria Tty")
    target.write_text(body, encoding="utf-8")
"""


def _spawn(netfile: Path, editor: Path, *args: str) -> Any:
    pexpect = pytest.importorskip("pexpect")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DEVNET_", "VISUAL"))}
    env.update({"EDITOR": f"{sys.executable} {editor}", "NO_COLOR": "1", "TERM": "xterm"})
    child = pexpect.spawn(
        sys.executable,
        ["-m", "devnet", "--file", str(netfile), *args],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )
    child.delaybeforesend = None  # each answer follows its prompt: nothing to wait for
    return child


def test_open_in_a_terminal_reopens_until_valid(sam: Path, tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    script = tmp_path / "tty_editor.py"
    script.write_text(TTY_EDITOR, encoding="utf-8")
    child = _spawn(sam, script, "open")
    child.expect("TOP: schema")
    child.sendline("break")
    child.expect("TOP: # devnet: this file is not valid")
    child.sendline("fix")
    child.expect("Saved")
    child.expect(pexpect.EOF)
    closed(child)
    assert child.exitstatus == 0
    text = sam.read_text(encoding="utf-8")
    assert "Maria Tty" in text and "# devnet:" not in text


def test_ctrl_c_belongs_to_the_editor(sam: Path, tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    script = tmp_path / "tty_editor.py"
    script.write_text(TTY_EDITOR, encoding="utf-8")
    before = sam.read_bytes()
    child = _spawn(sam, script, "open")
    child.expect("EDIT> ")
    child.sendintr()
    child.expect(pexpect.EOF)
    closed(child)
    # the editor died of it; devnet lived to say that nothing was written
    assert "so nothing was written" in child.before
    assert child.exitstatus == 1
    assert sam.read_bytes() == before


def test_note_typed_on_a_terminal_and_remove_asks(sam: Path, tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    child = _spawn(sam, tmp_path / "unused.py", "checkin", "maria", "--date", "2026-11-02",
                   "--note", "-")  # fmt: skip
    child.expect("end it with Ctrl-D")
    child.sendline("First line")
    child.sendline("second line")
    child.sendeof()
    child.expect(pexpect.EOF)
    closed(child)
    assert child.exitstatus == 0
    assert 'note = "First line\\nsecond line"' in sam.read_text(encoding="utf-8")
    child = _spawn(sam, tmp_path / "unused.py", "checkins", "remove", "maria@2026-11-02")
    child.expect(r"Remove the check-in maria-chen@2026-11-02 \(First line\)\? \[y/N\]: ")
    child.sendline("y")
    child.expect("Removed the check-in")
    child.expect(pexpect.EOF)
    assert "2026-11-02" not in sam.read_text(encoding="utf-8")
