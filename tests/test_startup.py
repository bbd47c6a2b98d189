"""Start-up stays light: `import devnet.cli` and `devnet --help` do not import the
modules kept off that path, `devnet --version` loads neither Typer nor the commands,
and no `--json` command imports rich (checked in fresh interpreters through
`sys.modules`); the entry point builds only the command that runs without changing
what it does."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import devnet
import devnet.cli as cli
from devnet.__main__ import version_asked

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "mid-career.toml"

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


def _run(code: str, *args: str) -> tuple[str, set[str]]:
    """Run `code` with `args` in a fresh interpreter: its stdout, and every module
    it had imported when it exited."""
    proc = subprocess.run(
        [sys.executable, "-c", DUMP_MODULES + code, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    marker = proc.stderr.rpartition("MODULES ")[2]
    assert marker, proc.stderr
    return proc.stdout, set(json.loads(marker))


def _imported(code: str, *args: str) -> set[str]:
    return _run(code, *args)[1]


def _offenders(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == k or m.startswith(k + ".") for k in KEPT_OFF))


def test_import_devnet_cli_keeps_heavy_modules_off() -> None:
    assert _offenders(_imported("import devnet.cli")) == []


MAIN = "import sys\nsys.argv[0] = 'devnet'\nfrom devnet.cli import main\nmain()\n"
TYPER_NEEDS = ("pydantic", "pydantic_core", "importlib.metadata")
"""Typer 0.29 coerces every parameter through a pydantic TypeAdapter, the global
--file and --version included, so any command (even `add --help`) imports pydantic
and, through pydantic's plugin loader, importlib.metadata."""


ENTRY = "import sys\nsys.argv[0] = 'devnet'\nfrom devnet.__main__ import main\nmain()\n"
"""What the `devnet` console script and `python -m devnet` run."""


@pytest.mark.parametrize("args", [["--version"], ["--file", "x.toml", "--version"]])
def test_version_is_answered_before_typer_loads(args: list[str]) -> None:
    out, modules = _run(ENTRY, *args)
    assert out == f"devnet {devnet.__version__}\n"
    loaded = sorted(m for m in modules if m.split(".")[0] in ("typer", "click", "devnet"))
    assert loaded == ["devnet", "devnet.__main__"]


@pytest.mark.parametrize(
    ("args", "asked"),
    [
        (["--version"], True),
        (["-f", "x.toml", "--version"], True),
        (["--file=x.toml", "--version", "list"], True),
        (["--help", "--version"], False),  # the first eager option wins, as in Click
        (["-h", "--version"], False),
        (["list", "--version"], False),  # a command's own options
        (["--bogus", "--version"], False),  # the mistake is reported as before
        (["-f"], False),
        (["-f", "--version"], False),  # --version is the file's name here
        ([], False),
    ],
)
def test_version_asked(args: list[str], asked: bool) -> None:
    assert version_asked(args) is asked


@pytest.mark.parametrize(
    "args",
    [
        ["gaps", "--json", "--as-of", "2026-11-23"],
        ["due", "--json", "--as-of", "2026-11-23"],
        ["list", "--json"],
        ["show", "maria-chen", "--json"],
    ],
)
def test_json_output_imports_no_rich(args: list[str], tmp_path: Path) -> None:
    """Scripts read JSON: that path prints it without loading rich at all."""
    path = tmp_path / "net.toml"
    shutil.copy(EXAMPLE, path)
    out, modules = _run(ENTRY, "--file", str(path), *args)
    assert json.loads(out)
    assert sorted(m for m in modules if m == "rich" or m.startswith("rich.")) == []


NOT_FOR_READS = (
    "devnet.analysis.findings",
    "devnet.analysis.registry",
    "devnet.dates",
    "tomli_w",
)


@pytest.mark.parametrize(
    ("args", "unused"),
    [
        (["list"], NOT_FOR_READS),
        (["due"], NOT_FOR_READS),
        (["list", "--json"], NOT_FOR_READS),
        (["due", "--json"], NOT_FOR_READS),
    ],
)
def test_list_and_due_load_only_what_they_use(
    args: list[str], unused: tuple[str, ...], tmp_path: Path
) -> None:
    """`list` and `due` read the snapshot only: the findings' rules, the TOML writer
    and, with no date typed, the parser of typed dates stay unloaded."""
    path = tmp_path / "net.toml"
    shutil.copy(EXAMPLE, path)
    out, modules = _run(ENTRY, "--file", str(path), *args)
    assert "maria-chen" in out or "Maria Chen" in out
    assert sorted(m for m in modules if m.startswith(unused)) == []


def test_the_entry_point_turns_pydantic_plugins_off_unless_the_user_chose() -> None:
    """pydantic's search for plugins scans every installed distribution before the
    first model is built; devnet uses none, so its entry point turns it off, keeping
    a value the user set."""
    show = "import atexit, os\natexit.register(lambda: print(os.environ.get('{}')))\n"
    out, _ = _run(show.format("PYDANTIC_DISABLE_PLUGINS") + ENTRY, "--help")
    assert out.splitlines()[-1] == "__all__"


@pytest.mark.parametrize(
    "args",
    [
        ["checkin", "maria-chen", "--note", "Lunch"],
        ["add", "Ann Example", "--relation", "peer", "--context", "Guild"],
    ],
)
def test_a_change_with_its_confirmation_piped_imports_no_rich(
    args: list[str], tmp_path: Path
) -> None:
    path = tmp_path / "net.toml"
    shutil.copy(EXAMPLE, path)
    proc = subprocess.run(
        [sys.executable, "-c", DUMP_MODULES + ENTRY, "--file", str(path), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    talk, _, dumped = proc.stderr.rpartition("MODULES ")
    assert proc.returncode == 0, talk
    assert talk.strip()  # the confirmation was said
    assert sorted(m for m in json.loads(dumped) if m == "rich" or m.startswith("rich.")) == []


@pytest.mark.parametrize(
    "message",
    [
        "Added Maria Chen.",
        "a\tb\t\tc",
        "x" * 300,
        "Zoë 🌱 李 ",
        "one\n\ttwo",
        "\x1b[2J \u202eevil",
        "[b]x[/b]",
        "",
    ],
)
@pytest.mark.parametrize("terminal", [False, True])
def test_plain_talk_is_what_rich_would_print(message: str, terminal: bool) -> None:
    """Talk written without rich is the same text rich's stderr console prints."""
    import io

    from rich.console import Console

    from devnet.render import plain_line, text

    shown = io.StringIO()
    console = Console(
        file=shown, highlight=False, emoji=False, soft_wrap=True, force_terminal=terminal
    )
    console.print(text(message))
    assert plain_line(message) + "\n" == shown.getvalue()


def test_the_json_side_of_render_imports_no_rich() -> None:
    modules = _imported("import devnet.render, devnet.render.gaps, devnet.render.people")
    assert sorted(m for m in modules if m == "rich" or m.startswith("rich.")) == []


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


def test_each_command_word_names_the_modules_that_register_it() -> None:
    """A run imports only its command's module (`cli.COMMANDS`): the map must say,
    for every command and group of the whole app, exactly the modules that register
    it, or a command would go missing from its own run."""
    registered: dict[str, set[str]] = {}
    for c in cli.app.registered_commands:
        assert c.callback is not None
        name = c.name or c.callback.__name__.lower().replace("_", "-")
        registered.setdefault(name, set()).add(c.callback.__module__.rpartition(".")[2])
    for g in cli.app.registered_groups:
        assert g.name is not None and g.typer_instance is not None
        modules = registered.setdefault(g.name, set())
        for c in g.typer_instance.registered_commands:
            assert c.callback is not None
            modules.add(c.callback.__module__.rpartition(".")[2])
    assert {word: set(modules) for word, modules in cli.COMMANDS.items()} == registered
    assert set(cli.MODULES) == set().union(*registered.values())


@pytest.mark.parametrize(
    ("args", "unused"),
    [
        (["list", "--json"], ("devnet.cli.analyse", "devnet.cli.editor", "devnet.cli.exchange")),
        (["due", "--json"], ("devnet.cli.people", "devnet.cli.editor", "devnet.cli.ritual")),
    ],
)
def test_a_run_imports_only_the_module_of_its_command(
    args: list[str], unused: tuple[str, ...], tmp_path: Path
) -> None:
    path = tmp_path / "net.toml"
    shutil.copy(EXAMPLE, path)
    out, modules = _run(ENTRY, "--file", str(path), *args)
    assert json.loads(out)
    assert sorted(m for m in modules if m.startswith(unused)) == []


def test_completion_gets_every_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_DEVNET_COMPLETE", "complete_bash")
    assert cli._only("gaps") is cli.app
