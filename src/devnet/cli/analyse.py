"""The analysis commands: `gaps` (coverage, shape, findings) and `due` (who to talk
to next). Heavy imports stay inside the commands to keep startup fast."""

from __future__ import annotations

from typing import Annotated, cast

import typer

from devnet.cli.common import (
    DATE_HELP,
    PANEL_LOOK,
    PANEL_WEEKLY,
    AsOfOpt,
    JsonOpt,
    app,
    as_of,
    display,
    examples,
    load,
    opt_date,
    out,
    plain,
    print_json,
    say,
)


@app.command(
    rich_help_panel=PANEL_WEEKLY,
    epilog=examples(
        "devnet gaps", "devnet gaps --as-of 2026-12-31 --verbose", "devnet gaps --check"
    ),
)
def gaps(
    as_of_: AsOfOpt = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Exit 1 when any high-severity finding exists."),
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Show low-severity findings in full."),
    ] = False,
    json: JsonOpt = False,
) -> None:
    """What is missing, for which objective, and what to do next."""
    from devnet import analysis
    from devnet.errors import CheckFailed
    from devnet.render import gaps as render

    day = as_of(as_of_)
    network = load().network
    result = analysis.gaps_of(analysis.snapshot(network, day))
    if json:
        print_json(render.gaps_json(result))
    else:
        display(render.gaps_view(result, network.profile.org, plain=plain(), verbose=verbose))
    if check:
        high = sum(1 for f in result.findings if f.severity == "high")
        if high:
            plural = "s" if high > 1 else ""
            raise CheckFailed(f"gaps --check: {high} high-severity finding{plural}")


@app.command(
    rich_help_panel=PANEL_WEEKLY,
    epilog=examples("devnet due", "devnet due --as-of 2026-12-01 --json"),
)
def due(as_of_: AsOfOpt = None, json: JsonOpt = False) -> None:
    """Who to talk to next, most urgent first."""
    from devnet import analysis
    from devnet.render import gaps as render

    day = as_of(as_of_)
    entries = analysis.snapshot(load().network, day).due
    if json:
        print_json(render.due_json(entries))
    elif not entries:
        say("Nobody active in your network yet. Add someone: devnet add NAME --relation ...")
    else:
        display(render.due_table(entries, plain(), out().width))


@app.command(
    rich_help_panel=PANEL_LOOK,
    epilog=examples(
        "devnet history",
        "devnet history --since 2025-01-01 --every quarter",
        "devnet history --since soy --json",
    ),
)
def history(
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help=f"The first period holds this day (default: a year back). {DATE_HELP}",
        ),
    ] = None,
    every: Annotated[
        str,
        typer.Option(
            "--every",
            metavar="PERIOD",
            help="One row per month or per quarter.",
            autocompletion=lambda: ["month", "quarter"],
        ),
    ] = "month",
    as_of_: AsOfOpt = None,
    json: JsonOpt = False,
) -> None:
    """How the network changed: size, range, strength, type and each goal's coverage
    at the end of each month or quarter."""
    from devnet.analysis import history as analysis
    from devnet.errors import UsageError
    from devnet.model import choice

    period = cast("analysis.Every", choice(every, analysis.EVERY, "period for --every"))
    day = as_of(as_of_)
    network = load().network
    start = opt_date(since, "--since date") or analysis.default_since(network, day)
    if start > day:
        raise UsageError(f"--since {start} is after the as-of date {day}")
    try:
        points = analysis.history(network, start, day, period)
    except ValueError:
        raise UsageError(
            f"--since {start} gives more than {analysis.MAX_PERIODS} periods; use "
            "--every quarter or a later --since"
        ) from None
    if json:
        from devnet.render.history import history_json

        print_json(history_json(points, start, day, period))
    else:
        from devnet.render.history import history_view

        display(history_view(points, period, plain=plain()))
