"""Commands that move the network in and out and show it whole: export, import,
report (a Markdown review) and map (a picture, also as SVG)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from devnet.cli.common import (
    DATE_HELP,
    PANEL_FILES,
    PANEL_LOOK,
    AsOfOpt,
    JsonOpt,
    app,
    as_of,
    change,
    complete_word,
    display,
    err,
    examples,
    file_path,
    load,
    opt_date,
    out,
    plain,
    print_json,
    say,
    today,
    warn,
)
from devnet.errors import DataFileError, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable


OutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to this file (created private to you) instead of standard output.",
    ),
]
PROGRESS_FROM = 1000
"""Imports with at least this many records show a progress bar on a terminal."""


def _write(payload: bytes, output: str | None) -> None:
    """Bytes to stdout, or atomically to `output` (never over the network file)."""
    if output is None or output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return
    from devnet.store import real_path, same_file, write_atomic

    target = real_path(Path(output).expanduser())
    if same_file(target, real_path(file_path())):
        raise UsageError(f"--output {output!r} is the network file itself; choose another file")
    if not target.parent.is_dir():
        raise DataFileError(f"{output}: the folder does not exist")
    if target.exists() and not target.is_file():
        raise DataFileError(f"{output}: not a regular file")
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o600
    write_atomic(target, payload, mode)
    say(f"Wrote {output}.")


@app.command(
    rich_help_panel=PANEL_FILES,
    epilog=examples(
        "devnet export --output network.json",
        "devnet export --format csv > developers.csv",
        "devnet export --format ics --output devnet.ics",
    ),
)
def export(
    format_: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            autocompletion=complete_word("format"),
            help="json (everything, lossless), csv (developers, for a spreadsheet), ics "
            "(next conversations for a calendar) or dot (a Graphviz graph). Default: from "
            "the --output extension, else json.",
        ),
    ] = None,
    as_of_: AsOfOpt = None,
    output: OutputOpt = None,
) -> None:
    """Export the network as JSON, CSV, iCalendar or Graphviz DOT."""
    from devnet.exchange import export_format

    fmt = export_format(format_, output)
    day = as_of(as_of_)
    payload = fmt.write(load().network, day if as_of_ else None, day)
    _write(payload, output)


def _read_input(source: str) -> tuple[bytes, str]:
    from devnet.exchange import MAX_IMPORT_BYTES

    if source == "-":
        return sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1), "<stdin>"
    path = Path(source).expanduser()
    try:
        if not path.is_file():
            what = "no such file" if not path.exists() else "not a regular file"
            raise DataFileError(f"{source}: {what}")
        with path.open("rb") as handle:
            return handle.read(MAX_IMPORT_BYTES + 1), source
    except OSError as exc:
        raise DataFileError(f"{source}: cannot read: {exc.strerror or exc}") from None


def _progress_bar(total: int) -> tuple[Callable[[int], None] | None, Callable[[], None]]:
    """A rich progress bar on stderr for a large import on a terminal; else nothing."""
    console = err()
    if total < PROGRESS_FROM or not console.is_terminal:
        return None, lambda: None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bar = Progress(
        TextColumn("checking records"), BarColumn(), MofNCompleteColumn(), console=console
    )
    task = bar.add_task("import", total=total)
    bar.start()
    return (lambda done: bar.update(task, completed=done)), bar.stop


@app.command(
    "import",
    rich_help_panel=PANEL_FILES,
    epilog=examples(
        "devnet import network.json",
        "devnet import developers.csv --update",
        "devnet export | devnet --file copy.toml import -",
    ),
)
def import_(
    source: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="A devnet JSON export or a developer CSV (by extension, else by "
            "content); '-' reads standard input.",
        ),
    ],
    update: Annotated[
        bool,
        typer.Option("--update", help="Replace goals and developers whose id already exists."),
    ] = False,
    skip_invalid: Annotated[
        bool,
        typer.Option("--skip-invalid", help="Import the valid records and report the others."),
    ] = False,
) -> None:
    """Import goals, developers and check-ins; re-running the same import adds nothing."""
    from devnet import exchange

    raw, name = _read_input(source)
    records = exchange.read_import(raw, name)
    progress, stop = _progress_bar(len(records.entries))
    try:
        # without --skip-invalid the first problems refuse the import: stop looking there
        stop_after = None if skip_invalid else 10 * exchange.MAX_PROBLEMS
        incoming = exchange.validate(records, today(), progress, stop_after)
    finally:
        stop()
    with change() as network:
        result = exchange.merge(network, incoming, update=update, skip_invalid=skip_invalid)
    for problem in result.problems[: exchange.MAX_PROBLEMS]:
        warn(f"left out {problem}")
    if len(result.problems) > exchange.MAX_PROBLEMS:
        warn(f"... and {len(result.problems) - exchange.MAX_PROBLEMS} more problems")
    for line in result.warnings():
        warn(line)
    summary = result.summary()
    say(summary[:1].upper() + summary[1:] + ".")


@app.command(
    rich_help_panel=PANEL_LOOK,
    epilog=examples(
        "devnet report --since 2026-07-01 > review.md",
        "devnet report --since 2026-01-01 --as-of 2026-12-31 --output 2026.md",
    ),
)
def report(
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help=f"Start of the period under review, e.g. soq (this quarter). {DATE_HELP}",
        ),
    ] = None,
    as_of_: AsOfOpt = None,
    output: OutputOpt = None,
    json: Annotated[
        bool, typer.Option("--json", help="Print the review's content as JSON instead.")
    ] = False,
) -> None:
    """A Markdown review for a performance evaluation: objectives, who helped, what you gave."""
    from devnet.render.clean import dumps
    from devnet.render.report import report_json, report_markdown

    day = as_of(as_of_)
    start = opt_date(since, "--since date")
    if start is not None and start > day:
        raise UsageError(f"--since {start} is after the as-of date {day}")
    network = load().network
    if json:
        doc = dumps(report_json(network, day, start))
        _write((doc + "\n").encode(), output)
    elif output in (None, "-") and sys.stdout.isatty():
        # read on a terminal: wrapped between words to its width, through the pager
        from rich.console import Group
        from rich.text import Text

        from devnet.render.wrap import wrap_markdown

        wrapped = wrap_markdown(report_markdown(network, day, start), out().width)
        # in a Group, a Text keeps no_wrap: a command wider than the screen stays whole
        display(Group(Text(wrapped, no_wrap=True, overflow="ignore", end="")))
    else:
        _write(report_markdown(network, day, start).encode(), output)


@app.command(
    "map",
    rich_help_panel=PANEL_LOOK,
    epilog=examples("devnet map", "devnet map --svg network.svg"),
)
def map_(
    as_of_: AsOfOpt = None,
    svg: Annotated[
        str | None,
        typer.Option(
            "--svg",
            metavar="FILE",
            help="Save a diagram of the network for a slide (SVG) instead of showing the tree.",
        ),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """A picture of the network: who, from where, giving what, how close and how recent."""
    from devnet.render.map import map_json, network_map
    from devnet.render.svg import map_svg

    if json and svg is not None:
        raise UsageError("--json and --svg cannot be combined; choose one")
    day = as_of(as_of_)
    network = load().network
    if json:
        print_json(map_json(network, day))
    elif svg is None:
        display(network_map(network, day, plain()))
    else:
        _write(map_svg(network, day).encode("utf-8"), svg)
