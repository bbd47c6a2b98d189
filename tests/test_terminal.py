"""devnet in a real pseudo-terminal (pexpect), where what it does depends on the
terminal: questions, the pager and colour, and layouts at 40, 60, 80 and 120 columns."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "mid-career.toml"
WIDTHS = (40, 60, 80, 120)
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[=>]")


def program() -> list[str]:
    script = Path(sys.executable).parent / "devnet"
    return [str(script)] if script.exists() else [sys.executable, "-m", "devnet"]


def spawn(*args: str, width: int = 80, env: dict[str, str] | None = None) -> pexpect.spawn:  # type: ignore[name-defined]
    full = {k: v for k, v in os.environ.items() if not k.startswith(("DEVNET_", "FORCE_CO"))}
    full.pop("CLICOLOR_FORCE", None)
    full.pop("PAGER", None)
    full.update({"TERM": "xterm", "NO_COLOR": "1", "COLUMNS": "", "LINES": ""})
    full.update(env or {})
    full = {k: v for k, v in full.items() if v != ""}
    command = program()
    return pexpect.spawn(
        command[0],
        [*command[1:], *args],
        env=full,
        dimensions=(50, width),
        encoding="utf-8",
        timeout=30,
    )


def screen(*args: str, width: int = 80, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run to the end on a terminal `width` columns wide: exit status and what it showed."""
    child = spawn(*args, width=width, env={"DEVNET_PAGER": "cat", **(env or {})})
    child.expect(pexpect.EOF)
    child.close()
    shown = ANSI.sub("", child.before or "").replace("\r\n", "\n").replace("\r", "")
    return child.exitstatus, shown


@pytest.fixture
def network(tmp_path: Path) -> Path:
    path = tmp_path / "net.toml"
    shutil.copy(EXAMPLE, path)
    return path


# --- questions are asked only on a terminal ------------------------------------------------


@pytest.mark.parametrize(("answer", "status"), [("y", 0), ("n", 1)])
def test_remove_asks_on_a_terminal(network: Path, answer: str, status: int) -> None:
    child = spawn("--file", str(network), "remove", "leo")
    child.expect(r"\[y/N\]: ")
    child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == status
    assert ("[people.leo-park]" in network.read_text()) == (answer == "n")


# --- the pager, colour and --quiet ---------------------------------------------------------

MARK = "sed s/^/PAGED:/"
"""A pager that shows it was used: every line it gets comes out marked."""
GAPS = ("gaps", "--as-of", "2026-11-23")


def tall(*args: str, rows: int, env: dict[str, str]) -> str:
    child = spawn("--file", str(EXAMPLE), *args, env=env)
    child.setwinsize(rows, 80)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    return ANSI.sub("", child.before or "")


def test_long_output_on_a_terminal_goes_through_the_pager() -> None:
    shown = tall(*GAPS, rows=10, env={"DEVNET_PAGER": MARK})
    assert shown.count("PAGED:") > 10
    assert "PAGED:" not in tall(*GAPS, "--no-pager", rows=10, env={"DEVNET_PAGER": MARK})
    assert "PAGED:" not in tall("--no-pager", *GAPS, rows=10, env={"DEVNET_PAGER": MARK})


def test_output_that_fits_the_screen_is_not_paged() -> None:
    assert "PAGED:" not in tall("due", rows=45, env={"DEVNET_PAGER": MARK})


def test_the_pager_is_devnet_pager_else_pager_else_less(tmp_path: Path) -> None:
    assert "PAGER2:" in tall(*GAPS, rows=10, env={"PAGER": "sed s/^/PAGER2:/"})
    both = tall(*GAPS, rows=10, env={"PAGER": "sed s/^/PAGER2:/", "DEVNET_PAGER": MARK})
    assert "PAGED:" in both and "PAGER2:" not in both
    fake = tmp_path / "less"
    fake.write_text('#!/bin/sh\necho "LESS-ARGS:$*"\nsed s/^/LESS:/\n')
    fake.chmod(0o755)
    path = f"{tmp_path}{os.pathsep}{os.environ['PATH']}"
    shown = tall(*GAPS, rows=10, env={"PATH": path})
    assert "LESS-ARGS:-FRX" in shown and "LESS:" in shown


def test_piped_output_is_never_paged() -> None:
    import subprocess

    env = {**os.environ, "DEVNET_PAGER": MARK, "NO_COLOR": "1"}
    result = subprocess.run(
        [*program(), "--file", str(EXAMPLE), *GAPS],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0 and "PAGED:" not in result.stdout


COLOUR = re.compile(r"\x1b\[[0-9;]*(3[0-7]|9[0-7]|38;)")


@pytest.mark.parametrize(
    ("env", "coloured"),
    [
        ({"FORCE_COLOR": "1"}, True),
        ({"CLICOLOR_FORCE": "1"}, True),
        ({"FORCE_COLOR": "0"}, False),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ({}, False),
    ],
)
def test_colour_can_be_forced_when_piped(env: dict[str, str], coloured: bool) -> None:
    import subprocess

    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    full.pop("CLICOLOR_FORCE", None)
    result = subprocess.run(
        [*program(), "--file", str(EXAMPLE), "due", "--as-of", "2026-11-23"],
        capture_output=True,
        text=True,
        env={**full, **env},
        check=False,
    )
    assert result.returncode == 0
    assert bool(COLOUR.search(result.stdout)) == coloured


def test_no_color_keeps_a_terminal_free_of_colour() -> None:
    child = spawn("--file", str(EXAMPLE), "due", "--as-of", "2026-11-23", env={"NO_COLOR": "1"})
    child.expect(pexpect.EOF)
    assert "overdue" in child.before and not COLOUR.search(child.before)
    child = spawn("--file", str(EXAMPLE), "due", "--as-of", "2026-11-23", env={"NO_COLOR": ""})
    child.expect(pexpect.EOF)
    assert COLOUR.search(child.before)


def test_quiet_silences_talk_but_not_errors(network: Path) -> None:
    code, shown = screen("--file", str(network), "-q", "checkin", "leo", "--note", "Lunch")
    # no talk ("Logged ..."); a warning about the file, if any, still shows
    assert code == 0 and "Logged" not in shown
    assert all(line.startswith("devnet: warning:") for line in shown.splitlines() if line)
    code, shown = screen("--file", str(network), "checkin", "leo", "--note", "Tea")
    assert code == 0 and "Logged" in shown  # without -q it talks
    code, shown = screen("--file", str(network), "pause", "leo", "--quiet")
    assert (code, shown.strip()) == (0, "")
    code, shown = screen("--file", str(network), "-q", "show", "nobody")
    assert code == 1 and "devnet: error: no developer 'nobody'" in shown


# --- narrow terminals --------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_due_keeps_the_status_at_every_width(width: int) -> None:
    import json
    import subprocess

    due = json.loads(
        subprocess.run(
            [*program(), "--file", str(EXAMPLE), "due", "--as-of", "2026-11-23", "--json"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    code, shown = screen("--file", str(EXAMPLE), "due", "--as-of", "2026-11-23", width=width)
    assert code == 0
    lines = shown.splitlines()
    assert max(len(line) for line in lines) <= width
    for entry in due:
        row = next(line for line in lines if entry["id"] in line.split())
        assert entry["status"] in row.split(), (width, row)
