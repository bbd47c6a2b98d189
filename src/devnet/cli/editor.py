"""`devnet open`: the whole file in $VISUAL / $EDITOR under the lock, validated when
the editor closes; an invalid file goes back to the editor with the problems at the
top (like `crontab -e`), and nothing is written until it is valid."""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import signal
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from devnet.cli.common import PANEL_FILES, app, examples, file_path, say
from devnet.errors import DataFileError, DevnetError

MARK = "# devnet: "
"""Starts each line devnet puts at the top of the file when it reopens the editor;
these lines are taken out again before the file is checked or written."""


def editor_command() -> list[str]:
    """$VISUAL, else $EDITOR, else the system's plain editor, split like a shell would."""
    chosen = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not chosen or not chosen.strip():
        chosen = "notepad" if os.name == "nt" else "vi"
    try:
        words = shlex.split(chosen, posix=os.name != "nt")
    except ValueError:
        raise DevnetError(
            f"cannot read the editor command {chosen!r} ($VISUAL or $EDITOR)"
        ) from None
    if not words:
        raise DevnetError("no editor: set $VISUAL or $EDITOR, e.g. export EDITOR=nano")
    return words


def run_editor(command: list[str], buffer: Path) -> None:
    """Run the editor on `buffer` and wait. Ctrl-C belongs to the editor meanwhile
    (git does the same): devnet ignores it until the editor has ended."""
    try:
        process = subprocess.Popen([*command, str(buffer)])
    except OSError as exc:
        raise DevnetError(
            f"cannot start the editor {command[0]!r}: {exc.strerror or exc}; "
            "set $VISUAL or $EDITOR (e.g. export EDITOR=nano)"
        ) from None
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        status = process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    if status != 0:
        raise EditorFailed(f"the editor {command[0]!r} ended with status {status}")


class EditorFailed(DevnetError):
    """The editor did not end normally: nothing is written."""


def strip_header(raw: bytes) -> bytes:
    """The file without the lines devnet put at its top."""
    lines = raw.splitlines(keepends=True)
    start = 0
    while start < len(lines) and lines[start].startswith(MARK.encode()):
        start += 1
    return b"".join(lines[start:])


def header(problems: list[str], shown: str) -> bytes:
    """The problems as comment lines, their line numbers counted in the file as the
    editor will show it (below these lines)."""
    intro = [
        "this file is not valid, so nothing was written yet. Fix it, save and close.",
        "to give up: close without saving, or delete everything and save.",
    ]
    size = len(intro) + len(problems)
    where = re.compile(rf"^{re.escape(shown)}:(\d+)")

    def shifted(line: str) -> str:
        line = where.sub(lambda m: f"line {int(m.group(1)) + size}", line)
        return line.removeprefix(f"{shown}: ")

    lines = intro + [shifted(p) for p in problems]
    return "".join(f"{MARK}{' '.join(line.split())}\n" for line in lines).encode()


def check(body: bytes, shown: str) -> list[str]:
    """What keeps `body` from being a network devnet can write; empty when valid."""
    from devnet.model import SCHEMA_VERSION
    from devnet.store import from_bytes

    try:
        network, newer = from_bytes(body, Path(shown))
    except DataFileError as exc:
        return exc.problems
    if newer:
        return [
            f"{shown}: schema {network.schema_} is newer than this devnet writes "
            f"({SCHEMA_VERSION}); put back the schema the file had"
        ]
    return []


def edit_until_valid(
    original: bytes, buffer: Path, edit: Callable[[Path], None], shown: str
) -> bytes | None:
    """Let `edit` change `buffer` (holding `original`) until it is a valid network.
    Returns the bytes to write, or None when there is nothing to write (no change,
    or an emptied file: the user gave up). An unchanged file after an error means
    the user gave up too: EditorGaveUp, with their edits left in `buffer`."""
    buffer.write_bytes(original)
    shown_body: bytes | None = None
    while True:
        edit(buffer)
        body = strip_header(buffer.read_bytes())
        if not body.strip():
            return None
        if body == original:
            return None
        if shown_body is not None and body == shown_body:
            raise EditorGaveUp(
                f"the file is still not valid, so nothing was written; your edits are in {buffer}"
            )
        problems = check(body, shown)
        if not problems:
            return body
        shown_body = body
        buffer.write_bytes(header(problems, shown) + body)


class EditorGaveUp(DevnetError):
    """Closed without a change after being told what is wrong: nothing is written."""


@app.command(
    "open",
    rich_help_panel=PANEL_FILES,
    epilog=examples("devnet open", "EDITOR=nano devnet open"),
)
def open_() -> None:
    """Edit the whole file in $VISUAL or $EDITOR; it is checked before it is saved."""
    from devnet import store

    command = editor_command()
    path = file_path()
    real = store.existing(path)
    store.refuse_read_only(real, path)  # before any typing, not after it
    with store.locked(real):
        _, original = store.read_bytes(path)
        handle, name = tempfile.mkstemp(prefix=f"devnet-{real.stem}-", suffix=".toml")
        os.close(handle)
        buffer = Path(name)
        keep = False
        try:
            payload = edit_until_valid(
                original, buffer, lambda p: run_editor(command, p), real.name
            )
            if payload is None:
                emptied = not strip_header(buffer.read_bytes()).strip()
                say(
                    "The file was emptied, so nothing was written: it is as it was."
                    if emptied
                    else "No changes; nothing was written."
                )
                return
            try:
                store.replace_contents(real, path, original, payload, "open (a hand edit)")
            except DevnetError as exc:  # the save refused: what was typed is kept
                keep = True
                kept = DevnetError(f"{exc.message}; your edits are in {buffer}")
                kept.exit_code = exc.exit_code
                raise kept from None
        except (EditorGaveUp, EditorFailed) as exc:
            keep = isinstance(exc, EditorGaveUp) or strip_header(buffer.read_bytes()) != original
            if isinstance(exc, EditorFailed):
                where = f"; your edits are in {buffer}" if keep else ""
                raise DevnetError(f"{exc.message}, so nothing was written{where}") from None
            raise
        finally:
            if not keep:
                with contextlib.suppress(OSError):
                    buffer.unlink()
    say(f"Saved {path}; the previous version is in the backups (devnet restore --list).")
