"""Commands about developers: add, edit, show, list, the relationship lifecycle
(pause, resume, end, remove) and logging a conversation (checkin)."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any

import typer

from devnet.cli.common import (
    PANEL_LOOK,
    PANEL_PEOPLE,
    PANEL_START,
    PANEL_WEEKLY,
    REQUIRED,
    DateOpt,
    JsonOpt,
    PersonArg,
    app,
    change,
    complete_goal,
    display,
    examples,
    goal_ids,
    happened_on,
    load,
    opt_date,
    opt_int,
    out,
    person_id,
    plain,
    print_json,
    say,
    today,
)
from devnet.errors import DuplicateError, UsageError

if TYPE_CHECKING:
    from devnet.model import Network, Person, PersonStatus

RELATION_HELP = "supervisor, senior, peer, junior, family, external, or circle (a peer group)."
CONTEXT_HELP = (
    "The social system they come from: an organization, school, association, community or family."
)
RelationOpt = Annotated[str | None, typer.Option(metavar="RELATION", help=RELATION_HELP)]
ContextOpt = Annotated[str | None, typer.Option(metavar="CONTEXT", help=CONTEXT_HELP)]
NeededRelationOpt = Annotated[
    str | None, typer.Option(metavar="RELATION", help=f"{RELATION_HELP} {REQUIRED}")
]
NeededContextOpt = Annotated[
    str | None, typer.Option(metavar="CONTEXT", help=f"{CONTEXT_HELP} {REQUIRED}")
]
IdOpt = Annotated[
    str | None, typer.Option("--id", metavar="ID", help="The id to use (default: from the name).")
]
FunctionsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--functions",
        metavar="LIST",
        help="Mentoring functions, comma-separated: sponsorship, exposure, coaching, "
        "protection, challenge, acceptance, counseling, friendship, role-modeling.",
    ),
]
GoalsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--goal",
        metavar="LIST",
        autocompletion=complete_goal,
        help="Goals they serve, comma-separated (none: every goal).",
    ),
]
CadenceOpt = Annotated[
    str | None,
    typer.Option(
        metavar="CADENCE",
        help="How often to talk: weekly, biweekly, monthly, quarterly, yearly, or Nd / Nw.",
    ),
]
SchedulerOpt = Annotated[
    str | None, typer.Option(metavar="WHO", help="Who sets up the meetings: me, them, both.")
]
LearnOpt = Annotated[
    str | None, typer.Option(metavar="TEXT", help="What you want to learn from them.")
]
OfferOpt = Annotated[str | None, typer.Option(metavar="TEXT", help="What you give back.")]
SplitOpt = Annotated[
    str | None, typer.Option(metavar="PERCENT", help="Percent of the time on your needs, e.g. 80.")
]
ClosenessOpt = Annotated[
    str | None,
    typer.Option(metavar="1-4", help="1 distant, 2 less than close, 3 close, 4 especially close."),
]
SinceOpt = Annotated[str | None, typer.Option(metavar="DATE", help="When the relationship began.")]
NewSinceOpt = Annotated[
    str | None,
    typer.Option(metavar="DATE", help="When the relationship began (default: today)."),
]
RequestOpt = Annotated[
    str | None,
    typer.Option(
        metavar="KIND", help="What you asked for: one-time, area, or period (with --until)."
    ),
]
UntilOpt = Annotated[str | None, typer.Option(metavar="DATE", help="End of a 'period' request.")]
ExpertiseOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--expertise",
        metavar="TOPIC",
        help="A topic they know well; repeat for several (may contain commas).",
    ),
]
MembersOpt = Annotated[
    str | None, typer.Option(metavar="N", help="Number of members of a circle (2-15).")
]


def _fields(options: Mapping[str, Any], network: Network) -> dict[str, Any]:
    """The developer options of `add` or `edit` that were given (`options` is the
    command's locals()), parsed; an empty string stands for 'clear'."""
    relation, context, functions, goals = (
        options[k] for k in ("relation", "context", "functions", "goal")
    )
    cadence, scheduler, learn, offer = (
        options[k] for k in ("cadence", "scheduler", "learn", "offer")
    )
    split, closeness, since, request = (
        options[k] for k in ("split", "closeness", "since", "request")
    )
    until, expertise, members = (options[k] for k in ("until", "expertise", "members"))
    from devnet.model import (
        MAX_CIRCLE_MEMBERS,
        RELATIONS,
        REQUESTS,
        SCHEDULERS,
        cadence_days,
        choice,
        parse_functions,
    )

    given: dict[str, Any] = {}

    def word(value: str | None, valid: tuple[str, ...], kind: str, key: str) -> None:
        if value is not None:
            given[key] = choice(value, valid, kind) if value.strip() else None

    word(relation, RELATIONS, "relation", "relation")
    word(scheduler, SCHEDULERS, "scheduler", "scheduler")
    word(request, REQUESTS, "request kind", "request")
    if context is not None:
        given["context"] = context.strip() or None
    if functions is not None:
        given["functions"] = parse_functions(functions)
    if goals is not None:
        given["goals"] = goal_ids(network, goals)
    if cadence is not None:
        if cadence.strip():
            try:
                cadence_days(cadence)
            except ValueError as exc:
                raise UsageError(str(exc)) from None
        given["cadence"] = cadence.strip().lower() or None
    for key, value in (("learn", learn), ("offer", offer)):
        if value is not None:
            given[key] = value if value.strip() else None
    if split is not None:
        given["split"] = opt_int(split, "--split", 0, 100)
    if closeness is not None:
        given["closeness"] = opt_int(closeness, "--closeness", 1, 4)
    if members is not None:
        given["members"] = opt_int(members, "--members", 2, MAX_CIRCLE_MEMBERS)
    if since is not None:
        given["since"] = opt_date(since, "--since date")
        if given["since"] is not None and given["since"] > today():
            raise UsageError(
                f"--since {given['since']} is in the future; add people when the "
                "relationship has begun"
            )
    if until is not None:
        given["until"] = opt_date(until, "--until date")
    if expertise is not None:
        given["expertise"] = [e.strip() for e in expertise if e.strip()]
    return given


def _person(data: dict[str, Any]) -> Person:
    """Build a developer, turning a broken rule into a usage error (exit 2)."""
    from pydantic import ValidationError

    from devnet.model import Person, validation_messages

    clean = {k: v for k, v in data.items() if v is not None}
    try:
        return Person.model_validate(clean)
    except ValidationError as exc:
        raise UsageError("; ".join(validation_messages(exc))) from None


def _new_id(network: Network, wanted: str | None, name: str) -> str:
    from devnet.model import is_valid_id, slugify

    if wanted is not None:
        pid = wanted.strip()
        if not is_valid_id(pid):
            raise UsageError(
                f"invalid --id {wanted!r}: use lower-case letters, digits and '-' (at most 64)"
            )
    else:
        pid = slugify(name)
        if not pid:
            raise UsageError(f"cannot make an id from the name {name!r}; pass --id")
    if pid in network.people:
        hint = "choose another --id" if wanted is not None else "pass --id to choose another id"
        raise DuplicateError(
            f"a developer with id {pid!r} already exists ({network.people[pid].name}); {hint}"
        )
    return pid


@app.command(
    rich_help_panel=PANEL_START,
    epilog=examples(
        'devnet add "Maria Chen" --relation senior --context Acme',
        'devnet add "Leo Park" --relation peer --context Acme --functions acceptance,friendship '
        "--cadence biweekly --scheduler both",
        'devnet add "Ruth Lee" --relation family --context Family --id aunt-ruth',
    ),
)
def add(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Their name.")],
    relation: NeededRelationOpt = None,
    context: NeededContextOpt = None,
    id_: IdOpt = None,
    functions: FunctionsOpt = None,
    goal: GoalsOpt = None,
    cadence: CadenceOpt = None,
    scheduler: SchedulerOpt = None,
    learn: LearnOpt = None,
    offer: OfferOpt = None,
    split: SplitOpt = None,
    closeness: ClosenessOpt = None,
    since: NewSinceOpt = None,
    request: RequestOpt = None,
    until: UntilOpt = None,
    expertise: ExpertiseOpt = None,
    members: MembersOpt = None,
) -> None:
    """Add a developer: someone who takes an active interest in your growth."""
    if relation is None or not relation.strip():
        raise UsageError(
            "missing --relation (supervisor, senior, peer, junior, family, external or circle)"
        )
    if context is None or not context.strip():
        raise UsageError(
            "missing --context: the organization, school, association, "
            "community or family they come from"
        )
    with change() as network:
        data = _fields(locals(), network)
        pid = _new_id(network, id_, name)
        data["name"] = name.strip()
        data.setdefault("since", today())
        if data["since"] is None:
            data["since"] = today()
        network.people[pid] = _person(data)
    person = network.people[pid]
    say(f"Added {person.name} as {pid}.")
    wanted = ("learn",) if person.request == "one-time" else ("cadence", "scheduler", "learn")
    missing = [k for k in wanted if getattr(person, k) is None]
    if missing:
        say(
            "Agree on "
            + ", ".join(f"--{m}" for m in missing)
            + f" with them, then: devnet edit {pid} ..."
        )


@app.command(
    rich_help_panel=PANEL_PEOPLE,
    epilog=examples(
        "devnet edit maria --cadence monthly --scheduler me",
        'devnet edit leo --offer "Review his design docs" --closeness 3',
        'devnet edit leo --cadence ""',
    ),
)
def edit(
    ref: PersonArg,
    name: Annotated[str | None, typer.Option(metavar="NAME", help="Their name.")] = None,
    relation: RelationOpt = None,
    context: ContextOpt = None,
    id_: Annotated[
        str | None, typer.Option("--id", metavar="ID", help="A new id (check-ins follow).")
    ] = None,
    functions: FunctionsOpt = None,
    goal: GoalsOpt = None,
    cadence: CadenceOpt = None,
    scheduler: SchedulerOpt = None,
    learn: LearnOpt = None,
    offer: OfferOpt = None,
    split: SplitOpt = None,
    closeness: ClosenessOpt = None,
    since: SinceOpt = None,
    request: RequestOpt = None,
    until: UntilOpt = None,
    expertise: ExpertiseOpt = None,
    members: MembersOpt = None,
) -> None:
    """Change a developer: a list option replaces the list, an empty value clears."""
    with change() as network:
        pid = person_id(network, ref)
        old = network.people[pid]
        given = _fields(locals(), network)
        if name is not None:
            given["name"] = name.strip()
        for required in ("name", "relation", "context", "since"):
            if required in given and not given[required]:
                raise UsageError(f"--{required} cannot be cleared")
        data = old.model_dump()
        data.update(given)
        if data.get("request") != "period" and "until" not in given:
            data["until"] = None  # a request that is no longer a period has no end date
        if data.get("relation") != "circle" and "members" not in given:
            data["members"] = None  # only a circle counts members
        new = _person(data)
        new_pid = pid
        if id_ is not None and id_.strip() != pid:
            new_pid = _new_id(network, id_, new.name)
            del network.people[pid]
            for checkin in network.checkins:
                if checkin.developer == pid:
                    checkin.developer = new_pid
        network.people[new_pid] = new
    if new == old and new_pid == pid:
        say(f"Nothing to change for {new.name}.")
    else:
        say(f"Updated {new.name} ({new_pid}).")


@app.command(
    rich_help_panel=PANEL_LOOK,
    epilog=examples("devnet show maria-chen", "devnet show chen", "devnet show leo --json"),
)
def show(ref: PersonArg, json: JsonOpt = False) -> None:
    """Show one developer, the agreement and every check-in."""
    from devnet.render import people as render

    network = load().network
    pid = person_id(network, ref)
    if json:
        print_json(render.person_with_checkins_json(network, pid))
    else:
        display(render.person_detail(network, pid, plain(), out().width))


@app.command(
    "list",
    rich_help_panel=PANEL_LOOK,
    epilog=examples("devnet list", "devnet list --all", "devnet list --json"),
)
def list_(
    all_: Annotated[bool, typer.Option("--all", help="Include ended relationships.")] = False,
    json: JsonOpt = False,
) -> None:
    """List active and paused developers (--all adds ended ones)."""
    from devnet.render import people as render

    network = load().network
    ids = sorted(
        (i for i, p in network.people.items() if all_ or p.status != "ended"),
        key=lambda i: (("active", "paused", "ended").index(network.people[i].status), i),
    )
    if json:
        print_json([render.person_json(i, network.people[i]) for i in ids])
    elif not ids:
        ended = sum(1 for p in network.people.values() if p.status == "ended")
        if ended:
            say(f"No active or paused developers; {ended} ended (devnet list --all).")
        else:
            say("No developers yet. Add one: devnet add NAME --relation senior --context ORG")
    else:
        display(render.people_table(network, ids, plain(), today(), out().width))


def _set_status(
    ref: str, status: PersonStatus, when: str | None, note: str | None = None
) -> Person:
    from devnet.errors import DevnetError

    day = happened_on(when)
    with change() as network:
        pid = person_id(network, ref)
        person = network.people[pid]
        if person.status == status:
            raise DevnetError(f"{person.name} is already {status}")
        if status == "paused" and person.status == "ended":
            raise DevnetError(f"{person.name} has ended; resume first to pause")
        if day < person.since:
            raise DevnetError(f"--date {day} is before the relationship began ({person.since})")
        if person.status_date is not None and day < person.status_date:
            raise DevnetError(
                f"--date {day} is before the last change of {person.name}'s status "
                f"({person.status} on {person.status_date})"
            )
        person.status = status
        person.status_date = day
        person.status_note = note if note else None
    return person


@app.command(
    rich_help_panel=PANEL_PEOPLE,
    epilog=examples("devnet pause leo", "devnet pause leo --date 2026-11-20"),
)
def pause(ref: PersonArg, date: DateOpt = None) -> None:
    """Pause a relationship: they provide nothing and are never overdue until resumed."""
    person = _set_status(ref, "paused", date)
    say(f"Paused {person.name} on {person.status_date}.")


@app.command(
    rich_help_panel=PANEL_PEOPLE,
    epilog=examples("devnet resume leo", "devnet resume leo --date 2026-12-01"),
)
def resume(ref: PersonArg, date: DateOpt = None) -> None:
    """Resume a paused or ended relationship."""
    person = _set_status(ref, "active", date)
    say(f"Resumed {person.name} on {person.status_date}.")


@app.command(
    rich_help_panel=PANEL_PEOPLE,
    epilog=examples("devnet end maria", 'devnet end maria --note "Promoted; thanked her"'),
)
def end(
    ref: PersonArg,
    date: DateOpt = None,
    note: Annotated[str | None, typer.Option(metavar="TEXT", help="Why, or how it went.")] = None,
) -> None:
    """End a relationship gracefully: the history stays, and a thank-you is suggested."""
    person = _set_status(ref, "ended", date, note)
    first = f"the members of {person.name}" if person.relation == "circle" else person.name
    say(
        f"Ended the relationship with {person.name} on {person.status_date}; "
        "the history is kept (devnet list --all)."
    )
    say(
        f"Close it well: thank {first} for their time and help, say what it changed for "
        'you, and offer to stay in touch. For example: "Thank you very much for your '
        "help. I don't want to take more of your time on this, but I'd like to stay in "
        'touch and let you know how things go."'
    )


@app.command(
    rich_help_panel=PANEL_PEOPLE,
    epilog=examples("devnet remove leo", "devnet remove leo --yes"),
)
def remove(
    ref: PersonArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
) -> None:
    """Delete a developer and their check-ins (asks first; `end` keeps the history)."""
    from devnet.errors import DevnetError

    with change() as network:
        pid = person_id(network, ref)
        person = network.people[pid]
        count = len(network.checkins_of(pid))
        if not yes:
            from devnet.render import safe

            question = (
                f"Delete {safe(person.name)} ({pid}) and {count} check-in(s)? "
                "This cannot be undone; `devnet end` keeps the history"
            )
            # Read the answer ourselves: Ctrl-C must stay an interruption (exit 130).
            sys.stderr.write(f"{question} [y/N]: ")
            sys.stderr.flush()
            answer = sys.stdin.readline()
            if not answer:
                sys.stderr.write("\n")
                raise DevnetError(
                    "no answer, so nothing was removed; pass --yes to remove without asking"
                )
            if answer.strip().lower() not in ("y", "yes"):
                raise DevnetError("nothing removed")
        del network.people[pid]
        network.checkins[:] = [c for c in network.checkins if c.developer != pid]
    say(f"Removed {person.name} and {count} check-in(s).")


@app.command(
    rich_help_panel=PANEL_WEEKLY,
    epilog=examples(
        'devnet checkin maria --note "Budget walkthrough"',
        "devnet checkin leo --date 2026-11-20 --functions acceptance --review continue",
        'devnet checkin maria --goal become --skill "Budget cycle" --gave "Intro to Lisbon"',
    ),
)
def checkin(
    ref: PersonArg,
    date: DateOpt = None,
    functions: Annotated[
        list[str] | None,
        typer.Option(
            "--functions",
            metavar="LIST",
            help="Functions this conversation exercised, comma-separated.",
        ),
    ] = None,
    goal: Annotated[
        list[str] | None,
        typer.Option(
            "--goal",
            metavar="LIST",
            autocompletion=complete_goal,
            help="Goals it advanced, comma-separated.",
        ),
    ] = None,
    skill: Annotated[
        list[str] | None,
        typer.Option(
            "--skill",
            metavar="SKILL",
            help="A skill or piece of knowledge learned; repeat for several.",
        ),
    ] = None,
    gave: Annotated[str | None, typer.Option(metavar="TEXT", help="What you gave back.")] = None,
    note: Annotated[
        str | None, typer.Option(metavar="TEXT", help="A note about the conversation.")
    ] = None,
    review: Annotated[
        str | None,
        typer.Option(
            metavar="OUTCOME",
            help="The quarterly 'is this working for us?': continue, adjust, move-on.",
        ),
    ] = None,
) -> None:
    """Log a conversation with a developer."""
    from pydantic import ValidationError

    from devnet.model import REVIEWS, Checkin, choice, parse_functions, validation_messages

    day = happened_on(date)
    data: dict[str, Any] = {"date": day}
    if functions:
        data["functions"] = parse_functions(functions)
    if review is not None and review.strip():
        data["review"] = choice(review, REVIEWS, "review outcome")
    if skill:
        data["skills"] = [s.strip() for s in skill if s.strip()]
    for key, value in (("gave", gave), ("note", note)):
        if value is not None and value.strip():
            data[key] = value
    with change() as network:
        pid = person_id(network, ref)
        data["developer"] = pid
        if goal:
            data["goals"] = goal_ids(network, goal)
        try:
            record = Checkin.model_validate(data)
        except ValidationError as exc:
            raise UsageError("; ".join(validation_messages(exc))) from None
        repeated = record in network.checkins
        network.checkins.append(record)
        person = network.people[pid]
    say(f"Logged a conversation with {person.name} on {day}.")
    if day < person.since:
        say(
            f"That is before the relationship began ({person.since}); if it began earlier, "
            f"say so: devnet edit {pid} --since {day}"
        )
    if person.status != "active":
        say(f"{person.name} is {person.status}; `devnet resume {pid}` makes them active again.")
    if repeated:
        say(
            "An identical check-in was already logged; if this was a mistake, "
            f"remove one by hand or with devnet restore (devnet show {pid} lists them)."
        )
    if record.review == "move-on":
        say(f"The review says move on: end it gracefully with `devnet end {pid}`.")
    elif record.review == "adjust":
        say(
            "The review says adjust: record the new terms, e.g. "
            f'devnet edit {pid} --cadence ... --learn "..." --split ...'
        )
