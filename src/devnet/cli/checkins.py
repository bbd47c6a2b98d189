"""Check-ins as records: `checkins list`, `checkins edit REF`, `checkins remove REF`
(a group of its own, so that no developer id can clash with a subcommand), and
`search` over everything written down."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from devnet.cli.common import (
    DATE_HELP,
    PANEL_LOOK,
    PANEL_WEEKLY,
    DateOpt,
    Group,
    JsonOpt,
    app,
    change,
    complete_goal,
    complete_person,
    confirm,
    display,
    examples,
    goal_ids,
    happened_on,
    load,
    opt_date,
    out,
    person_id,
    plain,
    print_json,
    say,
    today,
)
from devnet.cli.people import (
    CheckinFunctionsOpt,
    CheckinGoalsOpt,
    GaveOpt,
    NoteOpt,
    ReviewOpt,
    SkillOpt,
    checkin_fields,
    read_note,
    say_backdated,
)
from devnet.errors import DevnetError, UsageError

if TYPE_CHECKING:
    from devnet.model import Network

checkins_app = typer.Typer(
    cls=Group,
    help="Check-ins as records: list them, fix one, remove one (each has a ref such as "
    "maria-chen@2026-11-01).",
    no_args_is_help=True,
    rich_markup_mode=None,
    epilog=examples(
        "devnet checkins list maria --since som",
        'devnet checkins edit maria-chen@2026-11-01 --note "Budget cycle, part 2"',
        "devnet checkins remove maria@last --yes",
    ),
)
app.add_typer(checkins_app, name="checkins", rich_help_panel=PANEL_WEEKLY)

RefArg = Annotated[
    str,
    typer.Argument(
        metavar="REF",
        help="A check-in's ref, ID@DATE (maria-chen@2026-11-01, #2 for a second one that "
        "day) as `checkins list` shows it; the ID may be a prefix or name, the DATE any "
        "date form, or `last` for their latest check-in.",
    ),
]


def resolve_ref(network: Network, ref: str) -> str:
    """A ref as people type it (`maria@yesterday`, `chen@last`, `maria-chen@2026-11-01#2`)
    made exact: the developer resolved like any id, the date like any date."""
    from devnet.dates import parse

    who, at, rest = ref.strip().partition("@")
    if not at or not who.strip() or not rest.strip():
        raise UsageError(
            f"invalid check-in ref {ref!r}: expected ID@DATE such as maria-chen@2026-11-01 "
            "(devnet checkins list shows them)"
        )
    pid = person_id(network, who)
    when, hash_, nth = rest.partition("#")
    if hash_ and not (nth.isdigit() and 0 < int(nth) < 10_000):
        raise UsageError(f"invalid check-in ref {ref!r}: after '#' comes a number, e.g. #2")
    suffix = f"#{int(nth)}" if hash_ else ""
    if when.strip().lower() in ("last", "latest"):
        mine = [r for r, c in network.with_refs() if c.developer == pid]
        if not mine:
            raise DevnetError(f"{network.people[pid].name} has no check-ins yet")
        if suffix:
            raise UsageError(f"invalid check-in ref {ref!r}: @last takes no '#'")
        return mine[-1]
    day = parse(when, today(), option="check-in date")
    return f"{pid}@{day.isoformat()}{suffix}"


@checkins_app.command(
    "list",
    epilog=examples(
        "devnet checkins list",
        "devnet checkins list maria --since soq",
        "devnet checkins list --goal become --json",
    ),
)
def checkins_list(
    ref: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="Only this developer's check-ins (an id, prefix or name).",
            autocompletion=complete_person,
        ),
    ] = None,
    goal: Annotated[
        list[str] | None,
        typer.Option(
            "--goal",
            metavar="LIST",
            autocompletion=complete_goal,
            help="Only check-ins that advanced one of these goals, comma-separated.",
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(metavar="DATE", help=f"Only check-ins on or after this day. {DATE_HELP}"),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help=f"Only check-ins on or before this day (a weekday is the last one). {DATE_HELP}",
        ),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """List check-ins in date order, each with its ref (for checkins edit / remove)."""
    from devnet.render.checkins import checkins_json, checkins_table

    start = opt_date(since, "--since date")
    end = opt_date(until, "--until date")
    if start is not None and end is not None and start > end:
        raise UsageError(f"--since {start} is after --until {end}")
    network = load().network
    pid = None if ref is None else person_id(network, ref)
    goals = set(goal_ids(network, goal or []))
    rows = [
        (r, c)
        for r, c in network.with_refs()
        if (pid is None or c.developer == pid)
        and (not goals or goals & set(c.goals))
        and (start is None or c.date >= start)
        and (end is None or c.date <= end)
    ]
    if json:
        print_json(checkins_json(rows))
    elif not rows:
        filtered = ref is not None or goal or since is not None or until is not None
        if filtered:
            say("No check-ins match.")
        else:
            say("No check-ins yet. Log one: devnet checkin ID --note TEXT")
    else:
        display(checkins_table(network, rows, plain(), out().width))


@checkins_app.command(
    "edit",
    epilog=examples(
        'devnet checkins edit maria-chen@2026-11-01 --note "Budget cycle, part 2"',
        "devnet checkins edit maria@last --date yesterday --functions coaching,counseling",
        'devnet checkins edit leo@2026-11-20#2 --review ""',
    ),
)
def checkins_edit(
    ref: RefArg,
    date: DateOpt = None,
    functions: CheckinFunctionsOpt = None,
    goal: CheckinGoalsOpt = None,
    skill: SkillOpt = None,
    gave: GaveOpt = None,
    note: NoteOpt = None,
    review: ReviewOpt = None,
) -> None:
    """Fix a check-in: a list option replaces the list, an empty value clears a field."""
    day = None if date is None else happened_on(date)
    note = read_note(note)
    with change() as network:
        exact = resolve_ref(network, ref)
        old = network.checkin(exact)
        changes = checkin_fields(network, functions, goal, skill, gave, note, review)
        if day is not None:
            changes["date"] = day
        began = network.people[old.developer].since
        new = network.edit_checkin(exact, changes)
        new_ref = next(r for r, c in network.with_refs() if c is new)
    person = network.people[new.developer]
    if new == old:
        say(f"Nothing to change in {exact}.")
        return
    moved = f", now {new_ref}" if new_ref != exact else ""
    say(f"Updated the check-in {exact} with {person.name}{moved}.")
    say_backdated(person, began)


@checkins_app.command(
    "remove",
    epilog=examples(
        "devnet checkins remove maria-chen@2026-11-01",
        "devnet checkins remove maria@last --yes",
    ),
)
def checkins_remove(
    ref: RefArg,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes", "-y", help="Do not ask (needed when standard input is not a terminal)."
        ),
    ] = False,
) -> None:
    """Delete one check-in (asks first on a terminal; elsewhere pass --yes)."""
    from devnet.render import safe

    with change() as network:
        exact = resolve_ref(network, ref)
        record = network.checkin(exact)
        if not yes:
            about = record.note or record.gave or ", ".join(record.functions) or "no note"
            first = (about.strip().splitlines() or [about])[0]
            confirm(f"Remove the check-in {exact} ({safe(first[:60])})?", "nothing was removed")
        network.remove_checkin(exact)
        name = network.people[record.developer].name
    say(f"Removed the check-in {exact} with {name}.")


@app.command(
    rich_help_panel=PANEL_LOOK,
    epilog=examples(
        "devnet search budget",
        'devnet search "lisbon team" --json',
    ),
)
def search(
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The words to look for.")],
    json: JsonOpt = False,
) -> None:
    """Find every developer, goal and check-in whose text holds TEXT (any case)."""
    from devnet.render.checkins import search_json, search_table

    if not text.strip():
        raise UsageError("search for what? give some text, e.g. devnet search budget")
    network = load().network
    found = network.matching(text)
    if json:
        print_json(search_json(network, found))
    elif not (found.developers or found.goals or found.checkins):
        say(f"Nothing holds {text.strip()!r}.")
    else:
        display(search_table(network, found, text.strip(), plain(), out().width))
