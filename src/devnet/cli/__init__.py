"""The devnet command line: a thin Typer layer over the model, store, analysis and
render modules. Each command module registers itself on the shared app when it is
imported; a run imports only the module of its command (`COMMANDS`), and `app`
(the whole command line: help, completion, tests) imports them all."""

from __future__ import annotations

import copy
import gc
import importlib
import os
import sys
from typing import Annotated

import typer

from devnet.cli import common
from devnet.cli.common import STATE, interrupted

COMMANDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("init", "where", "check", "profile"), ("files",)),
    **dict.fromkeys(
        ("add", "edit", "show", "list", "pause", "resume", "end", "remove", "checkin"),
        ("people",),
    ),
    **dict.fromkeys(("checkins", "search"), ("checkins",)),
    "goal": ("goals", "ritual"),
    **dict.fromkeys(("gaps", "due", "history"), ("analyse",)),
    **dict.fromkeys(("prep", "review"), ("ritual",)),
    **dict.fromkeys(("export", "import", "report", "map"), ("exchange",)),
    "open": ("editor",),
    **dict.fromkeys(("restore", "undo", "doctor"), ("safety",)),
}
"""The modules that register each command word (tests/test_startup.py holds it to
what the whole app registers). A word not here loads every module."""
MODULES = tuple(sorted({name for names in COMMANDS.values() for name in names}))
"""Every command module, in the order the whole app imports them."""


def load(word: str | None = None) -> typer.Typer:
    """The app with the commands of `word` registered (all of them for None or a word
    that is not a command): importing a command module registers its commands."""
    for name in COMMANDS.get(word or "", MODULES):
        importlib.import_module(f"devnet.cli.{name}")
    return common.app


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # the whole command line
        return load()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _version(value: bool) -> None:
    if value:
        from devnet import __version__

        typer.echo(f"devnet {__version__}")
        raise typer.Exit()


@common.app.callback()
def _global(
    file: Annotated[
        str | None,
        typer.Option(
            "--file",
            "-f",
            metavar="PATH",
            envvar=None,
            help="The network file (default: $DEVNET_FILE, else your user data "
            "folder; `devnet where` shows it).",
        ),
    ] = None,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never page long output (default on a terminal: $DEVNET_PAGER, else "
            "$PAGER, else less -FRX).",
        ),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="No talk on stderr (confirmations, hints); errors still show."
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Build and look after your developmental network: the people who take an active
    interest in your growth, and the objectives they help you reach."""
    if file is not None and not file.strip():
        # `--file "$NET"` with $NET unset must not fall back to the real network
        from devnet.errors import UsageError

        raise UsageError("--file is empty: give the network file's path, or leave --file out")
    STATE.file = file
    STATE.pager = not no_pager
    STATE.quiet = quiet


_GLOBAL_VALUE_OPTIONS = ("--file", "-f")
"""Global options that take a value in the next word."""


def _command_word(args: list[str]) -> str | None:
    """The command named on the command line, found without parsing it; None when
    help, the version or completion is asked for before any command."""
    words = iter(args)
    for word in words:
        if word in ("-h", "--help", "--version") or word.startswith("--install-completion"):
            return None
        if word in _GLOBAL_VALUE_OPTIONS:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def _only(word: str | None) -> typer.Typer:
    """The app with only the command that will run. Typer builds every command's
    parameters (signatures, type hints) before dispatching; one command instead of
    all of them saves that work on every run. Anything unusual gets the full app."""
    complete = bool(os.environ.get("_DEVNET_COMPLETE"))
    app = load(None if complete else word)
    if word is None or complete:
        return app
    commands = [
        c
        for c in app.registered_commands
        if c.callback is not None
        and (c.name or c.callback.__name__.lower().replace("_", "-")) == word
    ]
    groups = [g for g in app.registered_groups if g.name == word]
    if len(commands) + len(groups) != 1:
        return app
    only = copy.copy(app)
    only.registered_commands = commands
    only.registered_groups = groups
    return only


def main() -> None:
    # What a command loads lives until it ends, so the cyclic garbage collector only
    # re-scans it, more slowly as it grows: off, 50,000 check-ins load and save 25%
    # faster with the same peak memory (the models hold no reference cycles).
    gc.disable()
    try:
        _only(_command_word(sys.argv[1:]))()
    except SystemExit as exc:
        # Ctrl-C outside a command's body (while parsing, or as it returns): Typer
        # exits 130 silently; say what is true, once.
        if exc.code == 130 and not STATE.told_interrupt:
            sys.stderr.write(f"devnet: {interrupted()}\n")
        raise
    finally:
        gc.enable()


__all__ = ["app", "main"]
