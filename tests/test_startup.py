"""Start-up stays light: `import devnet.cli` and `devnet --help` do not import the
modules kept off that path (checked in fresh interpreters through `sys.modules`), and
the entry point builds only the command that runs without changing what it does."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import devnet.cli as cli

KEPT_OFF = (
    "pydantic",
    "pydantic_core",
    "rich",
    "markdown_it",
    "pygments",
    "tomli",
    "tomli_w",
    "filelock",
    "platformdirs",
    "icalendar",
    "hypothesis",
    "importlib.metadata",
    "devnet.model",
    "devnet.store",
    "devnet.analysis",
    "devnet.render",
    "devnet.exchange",
)
"""Imported by the commands that need them, never at start-up."""

DUMP_MODULES = (
    "import atexit, json, sys\n"
    "dump = lambda: sys.__stderr__.write('\\nMODULES ' + json.dumps(sorted(sys.modules)))\n"
    "atexit.register(dump)\n"
)


def _imported(code: str, *args: str) -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-c", DUMP_MODULES + code, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    marker = proc.stderr.rpartition("MODULES ")[2]
    assert marker, proc.stderr
    return set(json.loads(marker))


def _offenders(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == k or m.startswith(k + ".") for k in KEPT_OFF))


def test_import_devnet_cli_keeps_heavy_modules_off() -> None:
    assert _offenders(_imported("import devnet.cli")) == []


MAIN = "import sys\nsys.argv[0] = 'devnet'\nfrom devnet.cli import main\nmain()\n"
TYPER_NEEDS = ("pydantic", "pydantic_core", "importlib.metadata")
"""Typer 0.29 coerces every parameter through a pydantic TypeAdapter, the global
--file and --version included, so any command (even `add --help`) imports pydantic
and, through pydantic's plugin loader, importlib.metadata."""


def test_help_keeps_heavy_modules_off() -> None:
    assert _offenders(_imported(MAIN, "--help")) == []


@pytest.mark.parametrize("args", [["add", "--help"], ["goal", "--help"], ["gaps", "--help"]])
def test_commands_import_only_what_they_need(args: list[str]) -> None:
    offenders = _offenders(_imported(MAIN, *args))
    assert [m for m in offenders if not m.startswith(TYPER_NEEDS)] == []


@pytest.mark.parametrize(
    ("args", "word"),
    [
        ([], None),
        (["list"], "list"),
        (["--file", "x.toml", "gaps", "--as-of", "2026-01-01"], "gaps"),
        (["-f", "x.toml", "goal", "list"], "goal"),
        (["--file=x.toml", "due"], "due"),
        (["--help", "add"], None),
        (["-h"], None),
        (["--version"], None),
        (["--install-completion"], None),
        (["--", "list"], "list"),
    ],
)
def test_command_word(args: list[str], word: str | None) -> None:
    assert cli._command_word(args) == word


def _names(app: object) -> set[str]:
    import typer.main

    command = typer.main.get_command(app)  # type: ignore[arg-type]
    return set(getattr(command, "commands", {}))


def test_only_the_command_that_runs_is_built() -> None:
    every = _names(cli.app)
    assert {"add", "gaps", "goal", "list"} <= every
    assert _names(cli._only("gaps")) == {"gaps"}
    assert _names(cli._only("goal")) == {"goal"}
    assert _names(cli._only("list")) == {"list"}
    # Unknown words, help and completion get the whole app (its errors and listings).
    assert cli._only("lst") is cli.app
    assert cli._only(None) is cli.app
    assert _names(cli.app) == every


def test_completion_gets_every_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_DEVNET_COMPLETE", "complete_bash")
    assert cli._only("gaps") is cli.app
