"""The conversation commands: `goal show` (one goal), `prep` (one screen before a
conversation) and `review` (the weekly ritual: asks, on a terminal, about whoever
is due, overdue or closing, logs what you say, ends with the top gaps). Each reads
one snapshot of the network (analysis.snapshot), so they agree with `due` and `gaps`."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from devnet.cli.common import (
    PANEL_WEEKLY,
    AsOfOpt,
    GoalArg,
    JsonOpt,
    PersonArg,
    app,
    as_of,
    change,
    display,
    examples,
    goal_app,
    goal_id,
    interactive,
    load,
    person_id,
    plain,
    print_json,
    say,
    today,
)
from devnet.errors import DevnetError, NotFoundError, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable

    from devnet.analysis import Snapshot
    from devnet.analysis.ritual import AgendaItem
    from devnet.model import Network


def _snapshot(day: date) -> Snapshot:
    from devnet import analysis

    return analysis.snapshot(load().network, day)


def _begun(snap: Snapshot, pid: str) -> None:
    """A developer whose relationship began after the as-of day is not in it."""
    if pid not in snap.people:
        since = snap.network.people[pid].since
        raise NotFoundError(
            f"{pid}: the relationship began on {since}, after {snap.as_of}; try a later --as-of"
        )


# --- goal show ---------------------------------------------------------------------------


@goal_app.command(
    "show",
    epilog=examples(
        "devnet goal show become",
        "devnet goal show present --as-of 2026-11-01",
        "devnet goal show become --json",
    ),
)
def goal_show(ref: GoalArg, as_of_: AsOfOpt = None, json: JsonOpt = False) -> None:
    """One objective: coverage, skills and teachers, check-ins, history.

    Its needs with their status that day and who provides them (as in gaps), its
    skills and who teaches them, the check-ins that advanced it, its changes of status."""
    from devnet.analysis.ritual import goal_view
    from devnet.render import ritual as render

    day = as_of(as_of_)
    snap = _snapshot(day)
    gid = goal_id(snap.network, ref)
    view = goal_view(snap, gid)
    if json:
        print_json(render.goal_show_json(view, snap))
    else:
        display(render.goal_show_view(view, snap, plain()))


# --- prep --------------------------------------------------------------------------------


@app.command(
    rich_help_panel=PANEL_WEEKLY,
    epilog=examples("devnet prep maria", "devnet prep leo --json"),
)
def prep(ref: PersonArg, as_of_: AsOfOpt = None, json: JsonOpt = False) -> None:
    """Before a conversation: the agreement, skills to learn, notes.

    What you agreed (learn, cadence, who schedules, split, request), the skills still
    open in the goals they serve, what you offered and gave, the last two notes, days
    since you talked, and whether to ask "is this working for us?" (or, for a closing
    relationship, how to end it well)."""
    from devnet import analysis
    from devnet.analysis.ritual import review_due, verdict
    from devnet.render import ritual as render

    day = as_of(as_of_)
    snap = _snapshot(day)
    pid = person_id(snap.network, ref)
    _begun(snap, pid)
    found = analysis.gaps_of(snap)
    data = render.prep_json(snap, pid, review_due(found, pid), verdict(found, pid))
    if json:
        print_json(data)
    else:
        display(render.prep_view(data, plain()))


# --- review ------------------------------------------------------------------------------


class _Stop(Exception):
    """The review ends early: end of input (Ctrl-D)."""


def _tell(message: str) -> None:
    """A line of the conversation on stderr (not silenced by --quiet: it is the
    review itself)."""
    from devnet.render import plain_line

    sys.stderr.write(plain_line(message) + "\n")
    sys.stderr.flush()


def _ask(question: str) -> str:
    """Ask on stderr, read one line; Ctrl-C stays an interruption, Ctrl-D stops."""
    from devnet.render import plain_line

    sys.stderr.write(plain_line(question) + " ")
    sys.stderr.flush()
    answer = sys.stdin.readline()
    if not answer:
        sys.stderr.write("\n")
        raise _Stop
    return answer.strip()


def _until_valid(question: str, parse: Callable[[str], Any]) -> Any:
    """Ask until `parse` accepts the answer; its UsageError is said and asked again."""
    while True:
        answer = _ask(question)
        try:
            return parse(answer)
        except DevnetError as exc:  # a typo is asked again, never the end of the review
            _tell(f"  {exc.message}")


def _pick(answer: str, words: tuple[str, ...], kind: str) -> str:
    """One of `words`, or a unique prefix of one (`c` for continue)."""
    from devnet.model import choice

    typed = answer.strip().lower().replace(" ", "-")
    if not typed:
        raise UsageError(f"please answer {' or '.join(words)}")
    found = [w for w in words if w.startswith(typed)] if typed else []
    return found[0] if len(found) == 1 else choice(answer, words, kind)


def _yes_no(question: str) -> bool:
    answer: str = _until_valid(f"{question} [y/n]", lambda a: _pick(a, ("yes", "no"), "answer"))
    return answer == "yes"


def _talked_on(item: AgendaItem, day: date) -> date:
    from devnet.dates import parse_past

    def parse(answer: str) -> date:
        when = day if not answer else parse_past(answer, day, "date")
        if item.last is not None and when < item.last:
            raise UsageError(
                f"{when} is before your last conversation ({item.last}); give a later date"
            )
        return when

    when: date = _until_valid(f"  When? [{day.isoformat()}]", parse)
    if when != day:
        _tell(f"  on {when}")
    return when


def _functions(answer: str) -> list[str]:
    from devnet.model import parse_functions

    return parse_functions([answer])


def _log(pid: str, data: dict[str, Any]) -> str:
    """One check-in, saved at once under the lock; returns its ref."""
    from devnet.cli.people import checkin_record, say_backdated

    with change() as network:
        person = network.people.get(pid)
        if person is None:
            raise NotFoundError(f"{pid} is no longer in the file; nothing logged for them")
        began = person.since
        record = checkin_record({**data, "developer": pid})
        network.add_checkin(record)
        ref = next(r for r, c in network.with_refs() if c is record)
    say_backdated(person, began)
    return ref


def _save(pid: str, act: Callable[[Network], object]) -> None:
    with change() as network:
        if pid not in network.people:
            raise NotFoundError(f"{pid} is no longer in the file; nothing changed for them")
        act(network)


class _Review:
    """The weekly review on a terminal. Every answer that changes the file is saved
    at once, under the lock (the lock is never held while waiting for an answer), so
    Ctrl-C loses nothing already answered."""

    def __init__(self, day: date) -> None:
        self.day = day
        self.saved: list[str] = []

    def run(self, items: tuple[AgendaItem, ...]) -> None:
        count = len(items)
        _tell(
            f"Weekly review, {self.day}: {count} {'person' if count == 1 else 'people'} "
            "to go through (Ctrl-C stops; what you answered is kept)."
        )
        for n, item in enumerate(items, 1):
            self.person(n, count, item)

    def person(self, n: int, count: int, item: AgendaItem) -> None:
        from devnet.render.ritual import why

        _tell("")
        _tell(f"{n}/{count} {item.name} ({item.id}) · {why(item)}")
        learn = item.person.person.learn
        if learn:
            _tell(f"  you agreed to learn: {learn}")
        since = f"since {item.last}" if item.last else "yet"
        checkin: dict[str, Any] | None = None
        if _yes_no(f"Did you talk to {item.name} {since}?"):
            checkin = self.conversation(item)
        if item.status == "closing":
            self.ending(item, checkin)

    def conversation(self, item: AgendaItem) -> dict[str, Any]:
        from devnet.model import REVIEWS

        when = _talked_on(item, self.day)
        note = _ask("  A note (empty for none):")
        functions = _until_valid(
            "  Functions they gave, comma-separated (empty for none):", _functions
        )
        data: dict[str, Any] = {"date": when, "note": note or None, "functions": functions}
        if item.review is not None:
            outcome = _until_valid(
                "  Is this working for you both? continue / adjust / move-on (empty: not asked):",
                lambda a: _pick(a, REVIEWS, "review outcome") if a else None,
            )
            data["review"] = outcome
        ref = _log(item.id, data)
        data["ref"] = ref
        self.saved.append(f"checkin {ref}")
        _tell(f"  Logged {ref}.")
        if data.get("review") == "move-on":
            _tell(
                f"  The review says move on: thank {item.name}, then end it gracefully "
                f"(devnet end {item.id})."
            )
        elif data.get("review") == "adjust":
            _tell(f'  Record the new terms: devnet edit {item.id} --cadence ... --learn "..."')
        return data

    def ending(self, item: AgendaItem, checkin: dict[str, Any] | None) -> None:
        """The graceful-ending question for a closing relationship."""
        if item.verdict is not None:
            _tell(f"  {item.verdict.message}")
        choice = _until_valid(
            "  End it now (with a note), agree a new focus and keep it, or skip? [end/keep/skip]",
            lambda a: _pick(a, ("end", "keep", "skip"), "answer"),
        )
        if choice == "end":
            self.end(item, checkin)
        elif choice == "keep":
            self.keep(item, checkin)

    def end(self, item: AgendaItem, checkin: dict[str, Any] | None) -> None:
        when: date = checkin["date"] if checkin else self.day
        note = _ask("  A note for the ending (empty for none):") or None

        def act(network: Network) -> None:
            person = network.people[item.id]
            network.backdate(item.id, when)
            person.set_status("ended", when, note)

        _save(item.id, act)
        self.saved.append(f"end {item.id} {when}")
        _tell(
            f"  Ended the relationship with {item.name} on {when}; the history is kept. "
            "Thank them for their time and help, and offer to stay in touch."
        )

    def keep(self, item: AgendaItem, checkin: dict[str, Any] | None) -> None:
        """A new focus that clears the reason the relationship was closing."""
        if item.reason == "move-on":
            if checkin is None:
                _tell(
                    "  Agree the new focus when you talk, and log it: "
                    f"devnet checkin {item.id} --review adjust"
                )
                return
            # the latest review decides: this conversation's `adjust` supersedes move-on
            ref = checkin["ref"]
            _save(item.id, lambda network: network.edit_checkin(ref, {"review": "adjust"}))
            self.saved.append(f"review adjust {ref}")
            _tell(f"  Recorded the review of {ref} as adjust: {item.name} stays.")
        elif item.reason == "period-ended":
            until: date = _until_valid("  Until when is the new period?", self.new_until)
            self.edit(item, {"until": until}, f"the new period runs until {until}")
        elif item.reason == "goal-reached":
            network = load().network
            goals: list[str] = _until_valid(
                "  Which goals will they help with now? (ids, comma-separated)",
                lambda a: self.new_goals(network, a),
            )
            self.edit(item, {"goals": goals}, f"they now help with {', '.join(goals)}")
        learn = _ask(f"  What do you want to learn from {item.name} now? (empty keeps it)")
        if learn:
            self.edit(item, {"learn": learn}, "the new focus is recorded")

    def new_until(self, answer: str) -> date:
        from devnet.dates import parse

        if not answer:
            raise UsageError("give the day the new period ends")
        until = parse(answer, self.day, target=True, option="date")
        if until <= self.day:
            raise UsageError(f"{until} has passed; give a later day")
        return until

    def new_goals(self, network: Network, answer: str) -> list[str]:
        from devnet.cli.common import goal_ids

        goals = goal_ids(network, [answer])
        if not any(network.goals[g].status == "active" for g in goals):
            raise UsageError("name at least one active goal (devnet goal list)")
        return goals

    def edit(self, item: AgendaItem, changes: dict[str, Any], said: str) -> None:
        from devnet.cli.people import _person

        def act(network: Network) -> None:
            data = network.people[item.id].model_dump()
            data.update(changes)
            network.people[item.id] = _person(data)

        _save(item.id, act)
        self.saved.append(f"edit {item.id}")
        _tell(f"  Saved: {said}.")


@app.command(
    rich_help_panel=PANEL_WEEKLY,
    epilog=examples("devnet review", "devnet review --plan", "devnet review --plan --json"),
)
def review(
    as_of_: AsOfOpt = None,
    plan: Annotated[
        bool,
        typer.Option("--plan", help="Print the agenda only and ask nothing (also when piped)."),
    ] = False,
    json: Annotated[
        bool, typer.Option("--json", help="Print the agenda as JSON (implies --plan).")
    ] = False,
) -> None:
    """The weekly ritual: walk through who is due, then the top gaps.

    On a terminal, for each person due, overdue or closing: did you talk (never
    assumed)? When, a note, the functions; the quarterly question where due; for a
    closing relationship, end it, keep it with a new focus, or skip. Each answer is
    saved at once, so Ctrl-C keeps what you answered. With --as-of, the review is held
    as of that day (the dates you type are read from it). Piped or with --plan: the
    agenda only, nothing asked."""
    from devnet import analysis
    from devnet.analysis.ritual import agenda, top_gaps
    from devnet.render import ritual as render

    day = as_of(as_of_)
    snap = _snapshot(day)
    found = analysis.gaps_of(snap)
    items = agenda(snap, found)
    top = top_gaps(found)
    if json:
        print_json(render.agenda_json(day, items, top))
        return
    if plan or not interactive():
        display(render.agenda_view(day, items, top, plain()))
        if not plan:
            sys.stdout.flush()
            say(
                "Standard input is not a terminal, so this is the agenda only; run devnet "
                "review on a terminal to go through it."
            )
        return
    if day > today():
        raise UsageError(
            f"--as-of {day} is in the future: a review records what happened; "
            "devnet review --plan shows the agenda of a later day"
        )
    session = _Review(day)
    try:
        session.run(items)
        if items:
            _tell("")
        if session.saved:
            _tell(_kept(session.saved))
            # what was just logged may have closed a gap: read the file again
            top = top_gaps(analysis.gaps_of(_snapshot(day)))
        display(render.top_gaps_view(top, plain()))
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        raise _interrupted(session.saved) from None
    except _Stop:
        _tell(f"Stopped at the end of input. {_kept(session.saved)}")


def _kept(saved: list[str]) -> str:
    if not saved:
        return "Nothing was changed."
    return f"Saved {len(saved)} change{'s' * (len(saved) != 1)}: {'; '.join(saved)}."


def _interrupted(saved: list[str]) -> typer.Exit:
    """Ctrl-C: what is true of the file, then exit 130."""
    if saved:
        message = f"devnet: interrupted; the answers before it are saved ({'; '.join(saved)})"
    else:
        message = "devnet: interrupted; the file is as it was"
    from devnet.render import plain_line

    sys.stderr.write(plain_line(message) + "\n")
    return typer.Exit(130)


__all__ = ["goal_show", "prep", "review"]
