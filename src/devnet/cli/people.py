"""Commands about developers: add, edit, show, list, the relationship lifecycle
(pause, resume, end, remove) and logging a conversation (checkin)."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any

import typer

from devnet.cli.common import (
    DATE_HELP,
    PANEL_LOOK,
    PANEL_PEOPLE,
    PANEL_START,
    PANEL_WEEKLY,
    REQUIRED,
    AsOfOpt,
    DateOpt,
    JsonOpt,
    PersonArg,
    app,
    as_of,
    change,
    complete_goal,
    complete_list,
    complete_person,
    complete_word,
    confirm,
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
    from datetime import date

    from devnet.model import Checkin, Network, Person, PersonStatus

RELATION_HELP = "supervisor, senior, peer, junior, family, external, or circle (a peer group)."
CONTEXT_HELP = (
    "The social system they come from: an organization, school, association, community or family."
)
RelationOpt = Annotated[
    str | None,
    typer.Option(metavar="RELATION", help=RELATION_HELP, autocompletion=complete_word("relation")),
]
ContextOpt = Annotated[str | None, typer.Option(metavar="CONTEXT", help=CONTEXT_HELP)]
NeededRelationOpt = Annotated[
    str | None,
    typer.Option(
        metavar="RELATION",
        help=f"{RELATION_HELP} {REQUIRED}",
        autocompletion=complete_word("relation"),
    ),
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
        autocompletion=complete_list("function"),
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
        autocompletion=complete_word("cadence"),
        help="How often to talk: weekly, biweekly, monthly, quarterly, yearly, or Nd / Nw.",
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        metavar="WHO",
        help="Who sets up the meetings: me, them, both.",
        autocompletion=complete_word("scheduler"),
    ),
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
SinceOpt = Annotated[
    str | None,
    typer.Option(metavar="DATE", help=f"When the relationship began. {DATE_HELP}"),
]
NewSinceOpt = Annotated[
    str | None,
    typer.Option(metavar="DATE", help=f"When the relationship began (default: today). {DATE_HELP}"),
]
RequestOpt = Annotated[
    str | None,
    typer.Option(
        metavar="KIND",
        help="What you asked for: one-time, area, or period (with --until).",
        autocompletion=complete_word("request"),
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option(metavar="DATE", help=f"End of a 'period' request. {DATE_HELP}"),
]
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
        given["until"] = opt_date(until, "--until date", target=True)
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
    json: Annotated[
        bool, typer.Option("--json", help="Print the developer added, with its id, as JSON.")
    ] = False,
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
    if json:
        from devnet.render.people import person_json

        print_json(person_json(pid, person))
    began = f" (since {person.since})" if since else ""
    say(f"Added {person.name} as {pid}{began}.")
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
        if given.get("since") is not None:
            network.check_since(pid, given["since"])
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
            network.rename_person(pid, new_pid)
        network.people[new_pid] = new
    if new == old and new_pid == pid:
        say(f"Nothing to change for {new.name}.")
    else:
        dates = [f"{k} {given[k]}" for k in ("since", "until") if given.get(k) is not None]
        say(f"Updated {new.name} ({new_pid})" + (f": {', '.join(dates)}." if dates else "."))


@app.command(
    rich_help_panel=PANEL_LOOK,
    epilog=examples("devnet show maria-chen", "devnet show chen", "devnet show leo --json"),
)
def show(ref: PersonArg, json: JsonOpt = False) -> None:
    """Show one developer, the agreement and every check-in."""
    from devnet.analysis import snapshot
    from devnet.render import people as render

    network = load().network
    pid = person_id(network, ref)
    state = snapshot(network, today()).people.get(pid)  # closing, as list and due say
    if json:
        print_json(render.person_with_checkins_json(network, pid, state))
    else:
        display(render.person_detail(network, pid, plain(), out().width, state))


@app.command(
    "list",
    rich_help_panel=PANEL_LOOK,
    epilog=examples(
        "devnet list",
        "devnet list --relation peer,senior --function coaching --goal become",
        "devnet list --status paused,ended --json",
    ),
)
def list_(
    all_: Annotated[bool, typer.Option("--all", help="Include ended relationships.")] = False,
    relation: Annotated[
        list[str] | None,
        typer.Option(
            metavar="RELATION",
            help=f"Only these relations, comma-separated: {RELATION_HELP}",
            autocompletion=complete_list("relation"),
        ),
    ] = None,
    context: Annotated[
        list[str] | None,
        typer.Option(
            metavar="CONTEXT",
            help="Only people from this context (case and spaces ignored); repeat for several.",
        ),
    ] = None,
    goal: Annotated[
        list[str] | None,
        typer.Option(
            "--goal",
            metavar="LIST",
            autocompletion=complete_goal,
            help="Only people who serve one of these goals (someone who lists no goal serves all).",
        ),
    ] = None,
    function: Annotated[
        list[str] | None,
        typer.Option(
            "--function",
            metavar="LIST",
            autocompletion=complete_list("need"),
            help="Only people who provide one of these functions or families "
            "(career, psychosocial), comma-separated.",
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            metavar="LIST",
            autocompletion=complete_list("status"),
            help="Only these statuses, comma-separated: active, paused, ended, closing "
            "(still active, but ending); naming ended needs no --all.",
        ),
    ] = None,
    as_of_: AsOfOpt = None,
    json: JsonOpt = False,
) -> None:
    """List active and paused developers (--all adds ended ones); the filters combine."""
    from devnet.analysis import snapshot
    from devnet.model import NEEDS, PERSON_STATUSES, RELATIONS, choice, dedupe, split_list
    from devnet.render import people as render

    relations = dedupe(choice(r, RELATIONS, "relation") for r in split_list(relation or []))
    needs = dedupe(choice(f, NEEDS, "function") for f in split_list(function or []))
    statuses = dedupe(
        choice(s, (*PERSON_STATUSES, "closing"), "status") for s in split_list(status or [])
    )
    contexts = [c.strip() for c in context or [] if c.strip()]
    day = as_of(as_of_)
    network = load().network
    snap = snapshot(network, day)
    keep = _Filter(network, relations, contexts, goal_ids(network, goal or []), needs, statuses)
    order = ("active", "closing", "paused", "ended")
    ids = sorted(
        (
            pid
            for pid, ps in snap.people.items()
            if (all_ or keep.ended_asked or ps.state != "ended") and keep(ps.person, ps.state)
        ),
        key=lambda pid: (order.index(snap.people[pid].state), pid),
    )
    if json:
        print_json([render.person_json(i, network.people[i], snap.people[i]) for i in ids])
    elif not ids and keep.any:
        say("No developers match these filters." + keep.hint)
    elif not ids:
        ended = sum(1 for ps in snap.people.values() if ps.state == "ended")
        if ended:
            say(f"No active or paused developers; {ended} ended (devnet list --all).")
        elif as_of_ is not None and network.people:
            say(f"No relationship had begun by {day}.")
        else:
            say("No developers yet. Add one: devnet add NAME --relation senior --context ORG")
    else:
        states = {pid: snap.people[pid].state for pid in ids}
        display(render.people_table(network, ids, plain(), day, out().width, states))


class _Filter:
    """The filters of `list`, validated once; each given filter must hold."""

    def __init__(
        self,
        network: Network,
        relations: list[str],
        contexts: list[str],
        goals: list[str],
        needs: list[str],
        statuses: list[str],
    ) -> None:
        from devnet.analysis import normalise

        self.relations, self.goals, self.needs, self.statuses = relations, goals, needs, statuses
        self.contexts = {normalise(c) for c in contexts}
        self.any = bool(relations or contexts or goals or needs or statuses)
        self.ended_asked = "ended" in statuses
        self.hint = ""
        known = {normalise(p.context): p.context for p in network.people.values()}
        unknown = [c for c in contexts if normalise(c) not in known]
        if unknown:
            from devnet.model import did_you_mean

            self.hint = (
                f" No one has the context {unknown[0]!r}"
                + (did_you_mean(unknown[0], sorted(known.values())) or "")
                + "."
            )

    def __call__(self, person: Person, state: str) -> bool:
        """`state`: the relationship's state on the day (closing is still active)."""
        from devnet.analysis import normalise, provides, serves

        status = "active" if state == "closing" else state
        return (
            (not self.relations or person.relation in self.relations)
            and (not self.contexts or normalise(person.context) in self.contexts)
            and (not self.goals or any(serves(person, g) for g in self.goals))
            and (not self.needs or any(provides(person, n) for n in self.needs))
            and (not self.statuses or status in self.statuses or state in self.statuses)
        )


def _set_status(
    ref: str, status: PersonStatus, when: str | None, note: str | None = None
) -> Person:

    day = happened_on(when)
    with change() as network:
        pid = person_id(network, ref)
        person = network.people[pid]
        began = person.since
        person.set_status(status, day, note)  # the model's rules, `since` moved back included
    say_backdated(person, began)
    return person


def say_backdated(person: Person, began: date) -> None:
    """PRODUCT (Dates): an event before `since` moved it back; say so."""
    if person.since < began:
        say(
            f"{person.name}'s relationship now begins on {person.since} (it was {began}): "
            "what happened that day shows it began earlier."
        )


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
    yes: Annotated[
        bool,
        typer.Option(
            "--yes", "-y", help="Do not ask (needed when standard input is not a terminal)."
        ),
    ] = False,
) -> None:
    """Delete a developer and their check-ins (asks first; `end` keeps the history)."""

    asked = None
    if not yes:
        # Ask before taking the lock: an unanswered question must not block other
        # devnets. The change below re-reads the file and checks the answer still fits.
        network = load().network
        pid = person_id(network, ref)
        person = network.people[pid]
        count = len(network.checkins_of(pid))
        from devnet.render import safe

        confirm(
            f"Delete {safe(person.name)} ({pid}) and {count} check-in(s)? "
            "`devnet undo` brings them back; `devnet end` keeps the history instead",
            "nothing was removed",
        )
        asked = (pid, person.name, count)
    with change() as network:
        pid = person_id(network, ref)
        person = network.people[pid]
        count = len(network.checkins_of(pid))
        if asked is not None and (pid, person.name, count) != asked:
            from devnet.errors import DevnetError

            raise DevnetError(
                "the file changed while you were answering; nothing was removed. "
                "Run the command again"
            )
        network.remove_person(pid)
    say(f"Removed {person.name} and {count} check-in(s).")


CheckinFunctionsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--functions",
        metavar="LIST",
        autocompletion=complete_list("function"),
        help="Functions this conversation exercised, comma-separated.",
    ),
]
CheckinGoalsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--goal",
        metavar="LIST",
        autocompletion=complete_goal,
        help="Goals it advanced, comma-separated.",
    ),
]
SkillOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--skill",
        metavar="SKILL",
        help="A skill or piece of knowledge learned; repeat for several.",
    ),
]
GaveOpt = Annotated[str | None, typer.Option(metavar="TEXT", help="What you gave back.")]
NoteOpt = Annotated[
    str | None,
    typer.Option(
        metavar="TEXT", help="A note about the conversation; - reads it from standard input."
    ),
]
ReviewOpt = Annotated[
    str | None,
    typer.Option(
        metavar="OUTCOME",
        autocompletion=complete_word("review"),
        help="The quarterly 'is this working for us?': continue, adjust, move-on.",
    ),
]


def read_note(value: str | None) -> str | None:
    """`--note -` reads the note from standard input (a heredoc, a pipe, or typed
    and ended with Ctrl-D); the final line break is not part of it."""
    if value != "-":
        return value
    if sys.stdin.isatty():
        sys.stderr.write("Type the note; end it with Ctrl-D on a line of its own.\n")
    note = sys.stdin.read()
    return note.removesuffix("\n").removesuffix("\r")


def checkin_fields(
    network: Network,
    functions: list[str] | None,
    goal: list[str] | None,
    skill: list[str] | None,
    gave: str | None,
    note: str | None,
    review: str | None,
) -> dict[str, Any]:
    """The check-in options that were given, parsed; an empty value stands for none
    (on `checkins edit`: clear it)."""
    from devnet.model import REVIEWS, choice, parse_functions

    data: dict[str, Any] = {}
    if functions is not None:
        data["functions"] = parse_functions(functions)
    if review is not None:
        data["review"] = choice(review, REVIEWS, "review outcome") if review.strip() else None
    if skill is not None:
        data["skills"] = [s.strip() for s in skill if s.strip()]
    for key, value in (("gave", gave), ("note", note)):
        if value is not None:
            data[key] = value if value.strip() else None
    if goal is not None:
        data["goals"] = goal_ids(network, goal)
    return data


def checkin_record(data: dict[str, Any]) -> Checkin:
    """A check-in from parsed fields, a broken rule turned into a usage error."""
    from pydantic import ValidationError

    from devnet.model import Checkin, validation_messages

    try:
        return Checkin.model_validate({k: v for k, v in data.items() if v not in (None, [])})
    except ValidationError as exc:
        raise UsageError("; ".join(validation_messages(exc))) from None


@app.command(
    rich_help_panel=PANEL_WEEKLY,
    epilog=examples(
        'devnet checkin maria --date yesterday --note "Budget walkthrough"',
        "devnet checkin ana bo chris --date 'last friday' --functions acceptance",
        "devnet checkin maria --note - < notes.txt",
    ),
)
def checkin(
    refs: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...",
            help="Who you talked with: one developer, or several for one conversation "
            "with all of them (a circle meeting); each gets a check-in.",
            autocompletion=complete_person,
        ),
    ],
    date: DateOpt = None,
    functions: CheckinFunctionsOpt = None,
    goal: CheckinGoalsOpt = None,
    skill: SkillOpt = None,
    gave: GaveOpt = None,
    note: NoteOpt = None,
    review: ReviewOpt = None,
    json: Annotated[
        bool, typer.Option("--json", help="Print the check-ins logged, with their refs.")
    ] = False,
) -> None:
    """Log a conversation with one developer, or with several at once."""
    from devnet.model import dedupe

    day = happened_on(date)
    note = read_note(note)
    with change() as network:
        pids = dedupe(person_id(network, ref) for ref in refs)  # all known before any write
        data = checkin_fields(network, functions, goal, skill, gave, note, review)
        data["date"] = day
        began = {pid: network.people[pid].since for pid in pids}
        records = [checkin_record({**data, "developer": pid}) for pid in pids]
        same_day = {(c.developer, c.date) for c in records}
        earlier = [c for c in network.checkins if (c.developer, c.date) in same_day]
        repeated = [r for r in records if r in earlier]
        for record in records:
            network.add_checkin(record)
        refs_of = network.refs_of(records)
    logged = [(refs_of[id(r)], r) for r in records]
    if json:
        from devnet.render.people import checkin_json

        print_json([{"ref": ref, **checkin_json(r)} for ref, r in logged])
    for ref, record in logged:
        person = network.people[record.developer]
        say(f"Logged a conversation with {person.name} on {day} ({ref}).")
        say_backdated(person, began[record.developer])
        if person.status != "active":
            say(
                f"{person.name} is {person.status}; `devnet resume {record.developer}` "
                "makes them active again."
            )
    for ref, record in logged:
        if record in repeated:
            say(
                f"An identical check-in was already logged for {record.developer} that day; "
                f"if this one is a mistake: devnet checkins remove {ref}"
            )
    review_outcome = records[0].review
    if review_outcome == "move-on":
        ends = "; ".join(f"devnet end {pid}" for pid in pids)
        say(f"The review says move on: end it gracefully with `{ends}`.")
    elif review_outcome == "adjust":
        say(
            "The review says adjust: record the new terms, e.g. "
            f'devnet edit {pids[0]} --cadence ... --learn "..." --split ...'
        )
