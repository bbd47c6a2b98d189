"""The analysis commands: `gaps` (coverage, shape, findings) and `due` (who to talk
to next). Heavy imports stay inside the commands to keep startup fast."""

from __future__ import annotations

from typing import Annotated

import typer

from devnet.cli.common import (
    PANEL_WEEKLY,
    AsOfOpt,
    JsonOpt,
    app,
    as_of,
    display,
    examples,
    load,
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
