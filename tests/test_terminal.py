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
