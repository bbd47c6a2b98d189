"""The devnet command line: a thin Typer layer over the model, store, analysis and
render modules. Each command module registers itself on the shared app."""

from __future__ import annotations

from typing import Annotated

import typer

from devnet.cli import analyse, exchange, files, goals, people, safety  # noqa: F401 (they register commands)
from devnet.cli.common import STATE, app


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"devnet {version('devnet')}")
        raise typer.Exit()


@app.callback()
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
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Build and look after your developmental network: the people who take an active
    interest in your growth, and the objectives they help you reach."""
    STATE.file = file


def main() -> None:
    app()


__all__ = ["app", "main"]
