"""Commands about objectives: goal add, list, done, drop and edit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from devnet.cli.common import (
    DATE_HELP,
    REQUIRED,
    AsOfOpt,
    DateOpt,
    GoalArg,
    JsonOpt,
    as_of,
    change,
    complete_list,
    display,
    examples,
    goal_app,
    goal_id,
    happened_on,
    load,
    opt_date,
    out,
    plain,
    print_json,
    say,
    today,
)
from devnet.errors import DevnetError, DuplicateError, UsageError

if TYPE_CHECKING:
    from datetime import date

    from devnet.model import Goal, GoalStatus, Network

NEEDS_HELP = (
    "Functions or families it requires, comma-separated: sponsorship, exposure, coaching, "
    "protection, challenge, acceptance, counseling, friendship, role-modeling, or career / "
    "psychosocial."
)
NeedsOpt = Annotated[
    list[str] | None,
    typer.Option("--needs", metavar="LIST", help=NEEDS_HELP, autocompletion=complete_list("need")),
]
NeededNeedsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--needs",
        metavar="LIST",
        help=f"{NEEDS_HELP} {REQUIRED}",
        autocompletion=complete_list("need"),
    ),
]
SkillOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--skill",
        metavar="SKILL",
        help="A concrete skill or piece of knowledge it breaks down into; repeat.",
    ),
]
ByOpt = Annotated[
    str | None, typer.Option("--by", metavar="DATE", help=f"Target date. {DATE_HELP}")
]
MAX_ACTIVE_GOALS = 5


def _goal(data: dict[str, Any]) -> Goal:
    from pydantic import ValidationError

    from devnet.model import Goal, validation_messages

    try:
        return Goal.model_validate({k: v for k, v in data.items() if v is not None})
    except ValidationError as exc:
        raise UsageError("; ".join(validation_messages(exc))) from None


def _needs(values: list[str]) -> list[str]:
    from devnet.model import parse_needs

    needs = parse_needs(values)
    if not needs:
        raise UsageError("--needs: name at least one function or family")
    return needs


@goal_app.command(
    "add",
    epilog=examples(
        'devnet goal add "Become a people manager" --needs sponsorship,coaching,role-modeling',
        'devnet goal add "Present at a conference" --needs exposure,coaching '
        '--skill "Public speaking" --by 2027-03-31',
        'devnet goal add "Stay sane" --needs psychosocial --id sane',
    ),
)
def goal_add(
    title: Annotated[str, typer.Argument(metavar="TITLE", help="The objective, in your words.")],
    needs: NeededNeedsOpt = None,
    id_: Annotated[
        str | None, typer.Option("--id", metavar="ID", help="The id (default: from the title).")
    ] = None,
    skill: SkillOpt = None,
    by: ByOpt = None,
    json: Annotated[
        bool, typer.Option("--json", help="Print the goal added, with its id, as JSON.")
    ] = False,
) -> None:
    """Add an objective and the mentoring functions it needs."""
    from devnet.model import is_valid_id, slugify

    if not needs:
        raise UsageError("missing --needs: the functions or families this goal requires")
    data: dict[str, Any] = {
        "title": title.strip(),
        "needs": _needs(needs),
        "skills": [s.strip() for s in skill or [] if s.strip()],
        "by": opt_date(by, "--by date", target=True),
    }
    with change() as network:
        gid = (id_ or slugify(title)).strip()
        if not is_valid_id(gid):
            raise UsageError(
                f"invalid --id {gid!r}: use lower-case letters, digits and '-' (at most 64)"
                if id_ is not None
                else f"cannot make an id from the title {title!r}; pass --id"
            )
        if gid in network.goals:
            hint = "choose another --id" if id_ is not None else "pass --id to choose another"
            raise DuplicateError(f"a goal with id {gid!r} already exists; {hint}")
        network.check_title(data["title"], gid)
        network.goals[gid] = _goal(data)
        active = sum(1 for g in network.goals.values() if g.status == "active")
    if json:
        from devnet.render.people import goal_json

        print_json(goal_json(gid, network.goals[gid]))
    say(f"Added goal {gid}" + (f" (by {data['by']})." if data["by"] else "."))
    if data["by"] is not None and data["by"] < today():
        say(
            f"Its target date {data['by']} has passed: gaps will show it as overdue until "
            f"you move it (devnet goal edit {gid} --by DATE), or mark it done or dropped."
        )
    if active > MAX_ACTIVE_GOALS:
        say(
            f"You now have {active} active goals. Narrow to four or five: with more, it is "
            "hard to take in what your mentors offer (devnet goal drop ID)."
        )


@goal_app.command(
    "list",
    epilog=examples(
        "devnet goal list", "devnet goal list --json", "devnet goal list --as-of 2026-09-30"
    ),
)
def goal_list(as_of_: AsOfOpt = None, json: JsonOpt = False) -> None:
    """List objectives: active first, then achieved and dropped."""
    from devnet.render import people as render

    network = load().network
    day = as_of(as_of_)
    statuses = {gid: goal.status_on(day) for gid, goal in network.goals.items()}
    order = ("active", "achieved", "dropped")
    ids = sorted(network.goals, key=lambda i: (order.index(statuses[i]), i))
    if json:
        print_json([render.goal_json(i, network.goals[i], statuses[i]) for i in ids])
    elif not ids:
        say(
            'No goals yet. Add one: devnet goal add "Become a people manager" '
            "--needs sponsorship,coaching"
        )
    else:
        display(render.goals_table(network, ids, plain(), out().width, statuses))


def _set_status(ref: str, status: GoalStatus, when: str | None) -> tuple[str, date, Network]:
    day = happened_on(when)
    with change() as network:
        gid = goal_id(network, ref)
        goal = network.goals[gid]
        if goal.status == status:
            raise DevnetError(f"goal {gid} is already {status}")
        if status != "active" and goal.status != "active":
            raise DevnetError(
                f"goal {gid} is {goal.status} since {goal.status_date or 'earlier'}; "
                f"reopen it first if that was a mistake: devnet goal reopen {gid}"
            )
        if status == "active":
            network.check_title(goal.title, gid)
        goal.set_status(status, day)
    return gid, day, network


@goal_app.command(
    "done",
    epilog=examples("devnet goal done become", "devnet goal done present --date 2026-11-20"),
)
def goal_done(ref: GoalArg, date: DateOpt = None) -> None:
    """Mark an objective achieved, and see whom to thank for it."""
    gid, day, network = _set_status(ref, "achieved", date)
    from devnet.analysis.ritual import helpers

    helped = helpers(network, gid)
    say(f"Goal {gid} achieved on {day}.")
    if not helped:
        say("Thank whoever helped you reach it, and say what their help changed for you.")
        return
    names = [
        network.people[pid].name + (f" ({n} conversation{'s' * (n != 1)})" if n else "")
        for pid, n in helped
    ]
    say(
        f"Thank the people who helped: {', '.join(names)}. Tell them what their help "
        "changed for you; a short note goes a long way."
    )
    done = [
        network.people[pid].name
        for pid, _ in helped
        if network.people[pid].status == "active"
        and network.people[pid].goals
        and all(network.goals[g].status != "active" for g in network.people[pid].goals)
    ]
    if done:
        say(
            f"{', '.join(done)} helped only with goals now reached: end gracefully or "
            "agree a new focus (devnet gaps)."
        )


@goal_app.command(
    "drop",
    epilog=examples("devnet goal drop analytics", "devnet goal drop present --date 2026-10-01"),
)
def goal_drop(ref: GoalArg, date: DateOpt = None) -> None:
    """Drop an objective that no longer matters."""
    gid, day, _ = _set_status(ref, "dropped", date)
    say(f"Goal {gid} dropped on {day}.")


@goal_app.command("reopen", epilog=examples("devnet goal reopen present"))
def goal_reopen(ref: GoalArg, date: DateOpt = None) -> None:
    """Make an achieved or dropped objective active again."""
    gid, day, _ = _set_status(ref, "active", date)
    say(f"Goal {gid} is active again (reopened on {day}).")


@goal_app.command(
    "edit",
    epilog=examples(
        "devnet goal edit present --needs exposure,coaching,acceptance",
        "devnet goal edit become --by 2027-06-30",
        'devnet goal edit become --title "Lead a team of five" --id lead',
    ),
)
def goal_edit(
    ref: GoalArg,
    title: Annotated[
        str | None, typer.Option(metavar="TITLE", help="The objective, in your words.")
    ] = None,
    needs: NeedsOpt = None,
    id_: Annotated[
        str | None, typer.Option("--id", metavar="ID", help="A new id (references follow).")
    ] = None,
    skill: SkillOpt = None,
    by: ByOpt = None,
) -> None:
    """Change an objective: a list option replaces the list, an empty value clears."""
    from devnet.model import is_valid_id

    with change() as network:
        gid = goal_id(network, ref)
        data = network.goals[gid].model_dump()
        if title is not None:
            if not title.strip():
                raise UsageError("--title cannot be cleared")
            data["title"] = title.strip()
        if needs is not None:
            data["needs"] = _needs(needs)
        if skill is not None:
            data["skills"] = [s.strip() for s in skill if s.strip()]
        if by is not None:
            data["by"] = opt_date(by, "--by date", target=True)
        new = _goal(data)
        if title is not None and new.status == "active":
            network.check_title(new.title, gid)
        new_id = gid
        if id_ is not None and id_.strip() != gid:
            new_id = id_.strip()
            if not is_valid_id(new_id):
                raise UsageError(f"invalid --id {id_!r}: use lower-case letters, digits and '-'")
            network.rename_goal(gid, new_id)
        network.goals[new_id] = new
    target = f" (by {new.by})" if by and new.by is not None else ""
    say(f"Updated goal {new_id}{target}.")
