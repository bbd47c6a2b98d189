"""The floor of devnet's stack: the least a Typer + tomli + pydantic + rich program
can do for one devnet command. A Typer app with devnet's global options (`--file`,
`-f`, an eager `--version`) whose one command reads the network file, parses it with
tomli, validates one pydantic model per person and prints them as a rich table.

`python bench/floor.py --file net.toml list` is timed beside every devnet command
(bench/run.py); what devnet takes beyond it is devnet's own. It is deliberately
naive: no lazy imports and no tricks, the way the libraries' documentation shows."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import tomli
import typer
from pydantic import BaseModel, ConfigDict, Field
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None)


class Person(BaseModel):
    """One developer, with the fields the table shows (the rest is ignored)."""

    model_config = ConfigDict(extra="ignore")

    name: str
    relation: str
    context: str = ""
    functions: list[str] = Field(default_factory=list)
    cadence: str | None = None
    since: date | None = None
    status: str = "active"


class State:
    file: Path = Path("network.toml")


def _version(value: bool) -> None:
    if value:
        typer.echo("floor 1.0")
        raise typer.Exit()


@app.callback()
def _global(
    file: Annotated[
        str | None, typer.Option("--file", "-f", metavar="PATH", help="The network file.")
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """The floor app."""
    if file:
        State.file = Path(file)


def _people(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The people of a devnet file: a table of tables by id, or a list with ids."""
    people = doc.get("people", {})
    if isinstance(people, dict):
        return list(people.items())
    return [(str(p.get("id", i)), p) for i, p in enumerate(people)]


@app.command("list")
def list_() -> None:
    """Everyone in the file, as a table."""
    doc = tomli.loads(State.file.read_text(encoding="utf-8"))
    people = [(pid, Person.model_validate(raw)) for pid, raw in _people(doc)]
    table = Table("id", "name", "relation", "context", "functions", "since")
    for pid, p in people:
        since = p.since.isoformat() if p.since else ""
        table.add_row(pid, p.name, p.relation, p.context, ", ".join(p.functions), since)
    Console().print(table)


if __name__ == "__main__":
    sys.argv[0] = "floor"
    app()
