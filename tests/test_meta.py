"""Checks on the project itself: every command has help, the README names every
command, the module import rules of ENGINEERING.md hold, every example loads."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from tests.conftest import built
from typer.testing import CliRunner

from devnet.cli import app

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "devnet"

# Which devnet modules each layer may import (ENGINEERING.md, "Shape of the code").
ALLOWED = {
    "errors": set(),
    "model": {"errors"},
    "migrate": set(),
    "dates": {"errors"},
    "analysis": {"model", "errors", "analysis"},  # its own modules
    "store": {"model", "migrate", "errors"},
    "exchange": {
        "model",
        "migrate",
        "analysis",
        "render",
        "errors",
    },  # render.clean: the sanitisers
    "render": {"model", "analysis", "render", "errors"},
    "cli": {
        "cli",
        "dates",
        "model",
        "store",
        "analysis",
        "render",
        "exchange",
        "errors",
        "__init__",
    },
    "__init__": set(),
    "__main__": {"cli", "__init__"},  # __init__: the version, answered before the cli loads
}


def commands() -> list[tuple[str, object]]:
    group = built(app)
    found: list[tuple[str, object]] = []

    def walk(prefix: str, command: object) -> None:
        subs = getattr(command, "commands", None)
        if subs:
            for name, sub in subs.items():
                walk(f"{prefix} {name}".strip(), sub)
        else:
            found.append((prefix, command))

    walk("", group)
    return found


def test_every_command_has_help() -> None:
    names = [name for name, _ in commands()]
    assert {"init", "add", "checkin", "goal add", "list"} <= set(names)
    for name, command in commands():
        assert (getattr(command, "help", None) or "").strip(), f"{name} has no help"


def test_the_readme_names_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, _ in commands():
        assert f"`{name}`" in readme or f"devnet {name}" in readme, name


def devnet_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "devnet" and len(parts) > 1:
                found.add(parts[1])
            elif name == "devnet" and isinstance(node, ast.ImportFrom):
                # `from devnet import __version__` reads the package itself
                found.update(
                    "__init__" if alias.name.startswith("__") else alias.name
                    for alias in node.names
                )
    return found


def layer(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_imports_point_one_way(path: Path) -> None:
    allowed = ALLOWED.get(layer(path))
    assert allowed is not None, f"{path.name}: add its layer to the import table"
    assert devnet_imports(path) <= allowed, f"{path.name} imports {devnet_imports(path)}"


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_every_module_says_what_it_is_for(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"{path.name} has no module docstring"


EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))


def test_there_are_examples_from_the_seeds() -> None:
    names = {p.stem for p in EXAMPLES}
    assert {"early-career", "mid-career", "senior-executive"} <= names


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_loads_checks_and_analyses(path: Path) -> None:
    from datetime import date

    from typer.testing import CliRunner

    from devnet import analysis
    from devnet.store import load

    network = load(path).network
    assert network.people and network.goals and network.checkins
    result = analysis.gaps(network, date(2026, 11, 23))
    assert result.goals
    runner = CliRunner()
    checked = runner.invoke(app, ["--file", str(path), "check"])
    assert (checked.exit_code, checked.stdout) == (0, "")


def test_quick_start_has_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(
        r"^#+\s*quick\s*start.*?$(.*?)^```[a-z]*\n(.*?)^```", readme, re.I | re.M | re.S
    )
    assert block is not None
    lines = [line for line in block.group(2).splitlines() if line.strip()]
    assert len(lines) == 2
    assert "devnet" in lines[0] and "gaps --as-of" in lines[0]  # output that does not drift
    assert "pytest" in lines[1]
    # a system Python refuses `pip install` (PEP 668): both create or use a venv
    for line in lines:
        assert line.index(".venv/bin/activate") < line.index("pip install"), line


def test_version_is_the_one_in_pyproject() -> None:
    import tomllib

    import devnet

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert devnet.__version__ == pyproject["project"]["version"]
    result = CliRunner().invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"devnet {devnet.__version__}\n")


def test_the_wheel_has_a_license_and_metadata() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert project["classifiers"] and project["keywords"] and project["urls"]
    typer_pin = next(d for d in project["dependencies"] if d.startswith("typer"))
    assert "<0.30" in typer_pin  # devnet imports typer._click, a private module


# --- help: sections, examples, required options ------------------------------------------


def _help(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--help"])
    assert result.exit_code == 0, result.output
    return result.stdout


def _example_lines(command: object) -> list[str]:
    epilog = getattr(command, "epilog", None) or ""
    return [line.strip() for line in epilog.splitlines() if line.strip().startswith("devnet")]


def _group_nodes() -> list[tuple[str, object]]:
    group = built(app)
    return [
        ("", group),
        *((f"{n}", c) for n, c in group.commands.items() if hasattr(c, "commands")),
    ]


def _example_commands(line: str) -> list[list[str]]:
    """The devnet command lines of an example, without `VAR=value`, redirections,
    `devnet` and a global `--file PATH`."""
    import shlex

    found = []
    for part in line.split("|"):
        words = shlex.split(part.split(">")[0])
        while words and "=" in words[0]:
            words.pop(0)
        assert words[0] == "devnet", line
        words = words[1:]
        if words[:1] in (["--file"], ["-f"]):
            words = words[2:]
        found.append(words)
    return found


def _parses(words: list[str]) -> None:
    """The command line is accepted by the parser: the command and options exist and
    their values fit (nothing runs)."""
    group = built(app)
    ctx = group.make_context("devnet", list(words))
    with ctx:
        name, command, rest = group.resolve_command(ctx, list(words))
        if hasattr(command, "commands"):
            name, command, rest = command.resolve_command(ctx, rest)
        command.make_context(name, list(rest), parent=ctx)


@pytest.mark.parametrize("name", [name for name, _ in commands()])
def test_every_command_help_shows_examples_that_parse(name: str) -> None:
    command = dict(commands())[name]
    lines = _example_lines(command)
    assert 1 <= len(lines) <= 3, f"{name}: give one to three examples"
    assert "Examples:" in _help(*name.split())
    for line in lines:
        found = _example_commands(line)
        assert any(" ".join(words).startswith(name) for words in found), line
        for words in found:
            if words != ["COMMAND", "--help"]:
                _parses(words)


def test_groups_show_examples_too() -> None:
    for name, group in _group_nodes():
        assert _example_lines(group), f"devnet {name} --help has no example"
    assert "devnet init" in _help()


def test_top_help_groups_commands_by_use_with_init_first() -> None:
    from devnet.cli.common import PANELS

    text = _help()
    headings = [line.rstrip(":") for line in text.splitlines() if line.endswith(":")]
    sections = [h for h in headings if h in PANELS]
    assert sections == [p for p in PANELS if p in sections] and len(sections) >= 4
    assert "Commands" not in headings  # every command has a section
    first = text.split(f"{PANELS[0]}:\n")[1].split()[0]
    assert first == "init"
    listed = {
        line.split()[0] for line in text.splitlines() if line.startswith("  ") and line.split()
    }
    top = {name.split()[0] for name, _ in commands()}
    assert top <= listed


REQUIRED_OPTIONS = {
    ("init", "--name"),
    ("init", "--stage"),
    ("add", "--relation"),
    ("add", "--context"),
    ("goal add", "--needs"),
}
"""Options a command refuses to run without (devnet checks them itself)."""


def test_required_options_are_marked_the_same_way() -> None:
    marked = set()
    for name, command in commands():
        for param in command.params:
            help_text = getattr(param, "help", None) or ""
            assert "Required." not in help_text, (name, param.name)
            if help_text.endswith("[required]") and param.param_type_name == "option":
                marked.add((name, param.opts[0]))
    assert marked == REQUIRED_OPTIONS


@pytest.mark.parametrize(("name", "option"), sorted(REQUIRED_OPTIONS))
def test_a_missing_required_option_is_named(name: str, option: str, tmp_path: Path) -> None:
    args = {"init": [], "add": ["Maria"], "goal add": ["Lead"]}[name]
    full = {
        "init": ["--name", "Sam", "--stage", "mid"],
        "add": ["--relation", "peer", "--context", "Acme"],
        "goal add": ["--needs", "coaching"],
    }[name]
    index = full.index(option)
    without = full[:index] + full[index + 2 :]
    result = CliRunner().invoke(
        app, ["--file", str(tmp_path / "n.toml"), *name.split(), *args, *without]
    )
    assert result.exit_code == 2
    assert f"missing {option}" in result.stderr


def test_every_date_option_states_the_date_forms() -> None:
    from devnet.cli.common import DATE_HELP

    dated = []
    for name, command in commands():
        for param in command.params:
            if param.metavar == "DATE":
                dated.append((name, param.opts[0]))
                assert DATE_HELP in (param.help or ""), (name, param.opts[0])
    assert ("due", "--as-of") in dated and ("goal add", "--by") in dated
