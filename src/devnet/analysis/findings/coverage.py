"""Findings about the coverage grid: a need nobody gives (and whom to ask first), needs
resting only on weak ties or on one person, and a grid resting on one person alone
(Kram: no one person can give everything; Higgins & Kram: a network, not a mentor)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from devnet.analysis.advice import capital, expertise_fits, find_advice, fit, steps
from devnet.analysis.common import (
    OVER_RELIANCE_MIN_CELLS,
    distant,
    join,
    need_label,
    normalise,
    number,
    provides,
    serves,
    weak_ties,
)
from devnet.analysis.findings.people import add_functions, logged_unlisted
from devnet.analysis.registry import Command, Finding, Kind, register
from devnet.analysis.snapshot import Cell, GoalCoverage, Snapshot
from devnet.model import FAMILIES, FUNCTIONS, Person


def sole_cells(grid: Sequence[GoalCoverage]) -> tuple[int, dict[str, list[Cell]]]:
    """The number of cells, and the cells each developer provides alone."""
    cells = [c for gc in grid for c in gc.cells]
    alone: dict[str, list[Cell]] = {}
    for c in cells:
        if len(c.providers) == 1:
            alone.setdefault(c.providers[0], []).append(c)
    return len(cells), alone


def overloaded(grid: Sequence[GoalCoverage]) -> set[str]:
    """Developers who alone provide more than half of the grid's cells (at least
    OVER_RELIANCE_MIN_CELLS): the grid rests on them. Two people covering the same
    needs are not over-relied on."""
    total, alone = sole_cells(grid)
    if total < OVER_RELIANCE_MIN_CELLS:
        return set()
    return {pid for pid, cells in alone.items() if 2 * len(cells) > total}


def askable(snap: Snapshot) -> dict[str, Person]:
    """Who may be asked for more: active, not closing, not a one-time conversation,
    and not already the only provider of over half the grid."""
    spared = overloaded(snap.coverage)
    return {
        pid: p for pid, p in snap.providers.items() if pid not in spared and p.request != "one-time"
    }


def _gives(functions: Sequence[str], need: str) -> bool:
    if need in FAMILIES:
        return any(FUNCTIONS.get(f) == need for f in functions)
    return need in functions


def _already(people: Sequence[Person], goal_id: str) -> str:
    """'A or B, who already help with this goal' for people who list the goal, 'C, who
    already supports you' for those who list none; both joined with ', or '."""
    parts = []
    for lists, (one, many, what) in (
        (True, ("helps", "help", "with this goal")),
        (False, ("supports", "support", "you")),
    ):
        group = [p.name for p in people if (goal_id in p.goals) == lists]
        if group:
            verb = one if len(group) == 1 else many
            parts.append(f"{join(group, 'or')}, who already {verb} {what}")
    return ", or ".join(parts)


def _uncovered(snap: Snapshot, goal_id: str, need: str) -> Finding:
    """Whom to ask first: someone who gives the need for another goal; someone whose
    check-ins already record it; someone who serves this goal and gives something,
    ranked by expertise matching the goal, then by how their position fits the need
    at the owner's stage; a paused developer who gives it; else whom to look for.
    Nobody closing, on a one-time conversation, or carrying the grid is asked."""
    network, profile = snap.network, snap.network.profile
    goal = snap.goals[goal_id].goal
    label = need_label(need)
    pool = askable(snap)
    asks: list[str] = []
    commands: list[Command] = []
    elsewhere = sorted(
        (pid for pid, p in pool.items() if provides(p, need) and not serves(p, goal_id)),
        key=lambda pid: (-(pool[pid].closeness or 0), pid),
    )[:2]
    for pid in elsewhere:
        p = pool[pid]
        titles = join([f"'{network.goals[g].title}'" for g in p.goals if g in network.goals])
        asks.append(f"ask {p.name}, who gives you {label} for {titles}, to help with this goal too")
        commands.append(("edit", pid, "--goal", ",".join([*p.goals, goal_id])))
    logged = [
        pid
        for pid, p in pool.items()
        if serves(p, goal_id) and _gives(logged_unlisted(snap.people[pid], snap.as_of), need)
    ][:2]
    for pid in logged:
        ps = snap.people[pid]
        new = logged_unlisted(ps, snap.as_of)
        asks.append(f"your check-ins record {join(new)} from {ps.name}: if so, add it")
        commands.append(add_functions(pid, ps, new))
    order = fit(need, profile.stage)
    home = normalise(profile.org) if profile.org else None

    def rank(pid: str) -> tuple[bool, int, bool, bool, int, str]:
        p = pool[pid]
        inside = profile.stage == "mid" and home is not None and normalise(p.context) == home
        where = order.index(p.relation) if p.relation in order else len(order)
        return (not expertise_fits(p, goal), where, inside, goal_id not in p.goals,
                -(p.closeness or 0), pid)  # fmt: skip

    helpers = sorted(
        (
            pid
            for pid, p in pool.items()
            if pid not in logged
            and serves(p, goal_id)
            and p.functions  # "who already supports you" only of someone who gives something
            and not provides(p, need)
            and (p.relation in order or expertise_fits(p, goal))
        ),
        key=rank,
    )[:2]
    if helpers:
        asks.append(f"ask {_already([pool[pid] for pid in helpers], goal_id)}, for {label} too")
    paused = [pid for pid, ps in snap.having("paused").items() if provides(ps.person, need)][:2]
    if paused:
        names = join([snap.people[pid].name for pid in paused], "or")
        verb = "gives" if len(paused) == 1 else "give"
        asks.append(f"resume your relationship with {names}, who {verb} {label}")
        commands += [("resume", pid) for pid in paused]
    find = f"find {find_advice(need, profile)}"
    action = f"{', or '.join(asks)}; otherwise {find}" if asks else find
    gone = [
        ps.name
        for ps in snap.closing.values()
        if provides(ps.person, need) and serves(ps.person, goal_id)
    ]
    leavers = ""
    if gone:
        ending = "that relationship is" if len(gone) == 1 else "those relationships are"
        leavers = f" ({join(gone)} gave it; {ending} coming to an end)"
    return Finding(
        "uncovered-need",
        "high",
        goal_id,
        None,
        f"Nobody in your network gives you {label} for '{goal.title}'{leavers}.",
        capital(action) + ".",
        tuple(commands),
        need=need,
    )


def _said_once(snap: Snapshot, findings: list[Finding]) -> list[Finding]:
    """The same advice for several needs or goals is said once, naming them all."""
    groups: dict[tuple[str, tuple[Command, ...]], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.action, f.commands), []).append(f)
    out = []
    for group in groups.values():
        first = group[0]
        if len(group) == 1:
            out.append(first)
            continue
        ids = tuple(dict.fromkeys(f.goal for f in group if f.goal))
        needs = list(dict.fromkeys(need_label(f.need or "") for f in group))
        titles = join([f"'{snap.goals[g].title}'" for g in ids])
        message = f"Nobody in your network gives you {join(needs)} for {titles}."
        out.append(Finding(first.kind, first.severity, ids[0], None, message, first.action,
                           first.commands, first.need, ids if len(ids) > 1 else ()))  # fmt: skip
    return out


@register(Kind("uncovered-need", ("high",), "coverage"))
def uncovered(snap: Snapshot) -> list[Finding]:
    found = [
        _uncovered(snap, gc.id, c.need)
        for gc in snap.coverage
        for c in gc.cells
        if c.status == "gap"
    ]
    return _said_once(snap, found)


@register(Kind("weak-coverage", ("medium",), "coverage"))
def weak(snap: Snapshot) -> Iterator[Finding]:
    """One finding per goal, listing its weak needs and why each provider is weak."""
    for gc in snap.coverage:
        cells = [c for c in gc.cells if c.status == "weak"]
        if not cells:
            continue
        people = dict.fromkeys(pid for c in cells for pid in c.providers)
        reasons = []
        pairs: list[tuple[str, str]] = []
        for pid in people:
            ps = snap.people[pid]
            why = []
            if ps.overdue and ps.due is not None:
                why.append(f"no conversation for {ps.due.days} days")
            if distant(ps.person):
                why.append("a distant tie" if ps.person.closeness == 1 else "a less than close tie")
            # overdue-contact says how to restart it; refer to it, do not repeat it
            pairs.append(("catch-up" if ps.overdue else "invest", ps.name))
            reasons.append(f"{ps.name}: {join(why)}")
        ties = weak_ties(people, snap.providers, snap.overdue)
        needs = join([need_label(c.need) for c in cells])
        verb = "rests" if len(cells) == 1 else "rest"
        yield Finding(
            "weak-coverage",
            "medium",
            gc.id,
            None,
            f"For '{gc.title}', {needs} {verb} only on {ties} ties ({'; '.join(reasons)}).",
            capital(f"{steps(pairs)}, or add another person for {needs}."),
        )


@register(Kind("fragile-coverage", ("low",), "coverage"))
def fragile(snap: Snapshot) -> Iterator[Finding]:
    for gc in snap.coverage:
        cells = [c for c in gc.cells if c.status == "fragile"]
        if not cells:
            continue
        parts = [
            f"{need_label(c.need)} only from {snap.people[c.providers[0]].name}" for c in cells
        ]
        needs = join([need_label(c.need) for c in cells])
        yield Finding(
            "fragile-coverage",
            "low",
            gc.id,
            None,
            f"For '{gc.title}', {join(parts)}: one person away from a gap.",
            f"When you can, add a second person for {needs}.",
        )


@register(Kind("over-reliance", ("medium",), "coverage"))
def reliance(snap: Snapshot) -> Iterator[Finding]:
    total, alone = sole_cells(snap.coverage)
    for pid in sorted(overloaded(snap.coverage)):
        name = snap.people[pid].name
        sole = alone[pid]
        per_need = Counter(need_label(c.need) for c in sole)
        listed = [
            label if count == 1 else f"{label} for {number(count)} goals"
            for label, count in per_need.items()
        ]
        yield Finding(
            "over-reliance",
            "medium",
            None,
            pid,
            f"{name} alone provides {len(sole)} of the {total} needs in your grid; no one "
            "person can give everything you need.",
            f"Spread the load: losing {name} would leave {number(len(sole))} gaps "
            f"({join(listed)}); find a second person for those.",
        )
