"""What the conversation commands read from one snapshot (`goal show`, `prep`,
`review`): a goal's needs, skills and who teaches them, the open skills of a
person's goals, the weekly agenda. Views of the snapshot and of its findings: no
state, due date, coverage or finding rule is computed twice."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from devnet.analysis import KINDS, Finding, Gaps
from devnet.analysis.common import ClosingReason, DueStatus, matches, provides, serves
from devnet.analysis.snapshot import Cell, PersonState, Snapshot
from devnet.model import Checkin, GoalChange, Network

AGENDA_STATUSES: tuple[DueStatus, ...] = ("overdue", "due", "closing")
"""Who the weekly review goes through: whoever `due` shows as due, overdue or closing."""
REVIEW_KIND = "review-due"
TOP_GAPS = 3


def _known(texts: Iterable[str | None]) -> set[str]:
    return {t.strip().casefold() for t in texts if t and t.strip()}


def learned(snap: Snapshot) -> set[str]:
    """Every skill a check-in up to the day recorded as learned (case-folded)."""
    return _known(s for c in snap.checkins for s in c.skills)


def is_learned(skill: str, snap: Snapshot) -> bool:
    """Recorded as learned, matched as untaught-skill matches (either text holds the other)."""
    return matches(skill, learned(snap))


@dataclass(frozen=True)
class Teacher:
    """An active developer who can teach a skill, and why: their `expertise` or what
    the owner agreed to `learn` from them."""

    id: str
    name: str
    via: str


def teachers(snap: Snapshot, skill: str) -> tuple[Teacher, ...]:
    """The active developers, not closing (as for untaught-skill: nothing new is asked
    of someone whose relationship is ending), whose expertise or agreed `learn`
    matches `skill`."""
    out: list[Teacher] = []
    for pid, p in snap.providers.items():
        if matches(skill, _known(p.expertise)):
            out.append(Teacher(pid, p.name, "expertise"))
        elif matches(skill, _known([p.learn])):
            out.append(Teacher(pid, p.name, "learn"))
    return tuple(out)


def with_refs(snap: Snapshot, checkins: Iterable[Checkin]) -> list[tuple[str, Checkin]]:
    """`checkins` with their refs (taken from the whole file, so they are stable)."""
    wanted = {id(c) for c in checkins}
    return [(ref, c) for ref, c in snap.network.with_refs() if id(c) in wanted]


@dataclass(frozen=True)
class SkillView:
    skill: str
    teachers: tuple[Teacher, ...]
    learned_in: tuple[tuple[str, Checkin], ...]
    """The check-ins (with refs) that recorded the skill as learned."""


@dataclass(frozen=True)
class GoalView:
    """One goal on the day: its status, the cells of its needs (None when the goal
    is not active that day: only active goals have a coverage grid), its skills, the
    check-ins that advanced it and its changes of status up to the day."""

    id: str
    title: str
    status: str
    by: date | None
    needs: tuple[str, ...]
    cells: tuple[Cell, ...] | None
    skills: tuple[SkillView, ...]
    checkins: tuple[tuple[str, Checkin], ...]
    history: tuple[GoalChange, ...]


def goal_view(snap: Snapshot, gid: str) -> GoalView:
    gs = snap.goals[gid]
    goal = gs.goal
    cells = next((gc.cells for gc in snap.coverage if gc.id == gid), None)
    refs = with_refs(snap, snap.checkins)
    skills = tuple(
        SkillView(
            skill,
            teachers(snap, skill),
            tuple((r, c) for r, c in refs if matches(skill, _known(c.skills))),
        )
        for skill in goal.skills
    )
    advanced = tuple((r, c) for r, c in refs if gid in c.goals)
    history = tuple(h for h in goal.history if h.date <= snap.as_of)
    return GoalView(
        gid, gs.title, gs.status, goal.by, tuple(goal.needs), cells, skills, advanced, history
    )


def served_goals(snap: Snapshot, pid: str) -> list[str]:
    """The goals active that day that a developer serves (all of them when they list none)."""
    person = snap.people[pid].person
    return [gid for gid in snap.active_goals if serves(person, gid)]


def open_skills(snap: Snapshot, pid: str) -> dict[str, list[str]]:
    """For each active goal the developer serves, its skills not yet recorded as
    learned in a check-in."""
    return {
        gid: [s for s in snap.goals[gid].goal.skills if s.strip() and not is_learned(s, snap)]
        for gid in served_goals(snap, pid)
    }


def about(gaps: Gaps, pid: str, kinds: Iterable[str]) -> Finding | None:
    """The first finding of one of `kinds` about a developer."""
    wanted = set(kinds)
    return next((f for f in gaps.findings if f.developer == pid and f.kind in wanted), None)


def review_due(gaps: Gaps, pid: str) -> Finding | None:
    """The review-due finding about a developer: the quarterly "is this working for
    us?" is due (the rule is the finding's, in analysis.findings)."""
    return about(gaps, pid, (REVIEW_KIND,))


def verdict(gaps: Gaps, pid: str) -> Finding | None:
    """A closing relationship's one finding (a kind registered as a verdict): close it
    gracefully or agree a new focus."""
    return about(gaps, pid, (k for k, kind in KINDS.items() if kind.verdict))


@dataclass(frozen=True)
class AgendaItem:
    """One person the weekly review goes through."""

    person: PersonState
    status: DueStatus
    reason: ClosingReason | None
    last: date | None
    days: int
    review: Finding | None
    """The review-due finding, when the quarterly question is due."""
    verdict: Finding | None
    """For a closing person: the graceful-ending advice."""

    @property
    def id(self) -> str:
        return self.person.id

    @property
    def name(self) -> str:
        return self.person.name


def agenda(snap: Snapshot, gaps: Gaps) -> tuple[AgendaItem, ...]:
    """Whoever is due, overdue or closing on the day, in `due`'s order (most urgent
    first, closing ones after them)."""
    items: list[AgendaItem] = []
    for d in snap.due:
        if d.status not in AGENDA_STATUSES:
            continue
        ps = snap.people[d.id]
        items.append(
            AgendaItem(
                ps, d.status, ps.reason, d.last, d.days, review_due(gaps, d.id), verdict(gaps, d.id)
            )
        )
    return tuple(items)


def top_gaps(gaps: Gaps, count: int = TOP_GAPS) -> tuple[Finding, ...]:
    """The most important findings: gaps' own order (by severity, then kind)."""
    return gaps.findings[:count]


def helpers(network: Network, goal_id: str) -> list[tuple[str, int]]:
    """Who helped with a goal, with the number of check-ins that advanced it: anyone
    with such a check-in, and anyone who took it on (serves it) with a function it
    needs. Most check-ins first, then by name (for `goal done`'s thank-you)."""
    goal = network.goals[goal_id]
    counts = {
        pid: 0
        for pid, p in network.people.items()
        if serves(p, goal_id) and any(provides(p, n) for n in goal.needs)
    }
    for checkin in network.checkins:
        if goal_id in checkin.goals:
            counts[checkin.developer] = counts.get(checkin.developer, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], network.people[item[0]].name))
