"""The network as it stood on one day, computed once: who was present and in which
state (active, paused, ended, or closing and why), each goal's status that day, the
check-ins up to it, when to talk to whom, the coverage grid and the shape. Every
command reads this one snapshot, so no two commands disagree about a person."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from fractions import Fraction
from typing import NamedTuple

from devnet.analysis.common import (
    DUE_AT,
    HIGH_RANGE,
    OVERDUE_AT,
    STRENGTH_WINDOW_DAYS,
    STRONG_TIES,
    CellStatus,
    ClosingReason,
    DueStatus,
    NetworkType,
    State,
    add_days,
    closeness_from_checkins,
    distant,
    normalise,
    provides,
    serves,
)
from devnet.model import RELATIONS, Checkin, Goal, GoalStatus, Network, Person, Review


class Contact(NamedTuple):
    """What the check-ins up to the day say about one developer."""

    checkins: tuple[Checkin, ...] = ()
    last: date | None = None
    last_review: date | None = None
    review: Review | None = None
    gave: bool = False
    """Something was given back in a check-in."""
    recent: int = 0
    """Check-ins in the last STRENGTH_WINDOW_DAYS (stand in for an unset closeness)."""


class Due(NamedTuple):
    """When to talk to one active developer next."""

    id: str
    name: str
    last: date | None
    next: date | None
    """None without a cadence, and for a closing relationship (nothing is booked)."""
    status: DueStatus
    days: int
    """Days since the last check-in, or since the relationship began."""
    ratio: Fraction | None
    """`days` as a multiple of the cadence; None without a cadence."""


class PersonState(NamedTuple):
    """One relationship on the day: the record, its state and why it is closing."""

    id: str
    person: Person
    state: State
    reason: ClosingReason | None
    """Why it is closing (None unless `state` is closing)."""
    contact: Contact
    due: Due | None
    """None unless active or closing."""

    @property
    def name(self) -> str:
        return self.person.name

    @property
    def active(self) -> bool:
        """Still active that day (closing included)."""
        return self.state in ("active", "closing")

    @property
    def providing(self) -> bool:
        """Active and not closing: gives support and can be asked for more."""
        return self.state == "active"

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due.status == "overdue"


class GoalState(NamedTuple):
    """One goal and the status it had on the day."""

    id: str
    goal: Goal
    status: GoalStatus

    @property
    def title(self) -> str:
        return self.goal.title


class Cell(NamedTuple):
    """One need of one goal: its status and the ids of its providers."""

    need: str
    status: CellStatus
    providers: tuple[str, ...]


class GoalCoverage(NamedTuple):
    id: str
    title: str
    cells: tuple[Cell, ...]


class Shape(NamedTuple):
    """The research measures of the active network."""

    size: int
    range: int
    strength: float | None
    relations: Mapping[str, int]
    home_share: float | None
    type: NetworkType
    high_range: int = HIGH_RANGE
    strong_ties: float = STRONG_TIES


class Snapshot(NamedTuple):
    """The network on `as_of`. See the package docstring for the API."""

    as_of: date
    network: Network
    people: Mapping[str, PersonState]
    goals: Mapping[str, GoalState]
    checkins: tuple[Checkin, ...]
    due: tuple[Due, ...]
    coverage: tuple[GoalCoverage, ...]
    shape: Shape

    def state(self, pid: str) -> State | None:
        """The state of a developer that day; None when not yet begun (or unknown)."""
        ps = self.people.get(pid)
        return None if ps is None else ps.state

    def having(self, *states: State) -> dict[str, PersonState]:
        return {pid: ps for pid, ps in self.people.items() if ps.state in states}

    @property
    def active(self) -> dict[str, Person]:
        """Developers still active that day, closing ones included, by id."""
        return {pid: ps.person for pid, ps in self.people.items() if ps.active}

    @property
    def providers(self) -> dict[str, Person]:
        """Active, non-closing developers: those who give support and can be asked."""
        return {pid: ps.person for pid, ps in self.people.items() if ps.providing}

    @property
    def closing(self) -> dict[str, PersonState]:
        return self.having("closing")

    @property
    def active_goals(self) -> dict[str, Goal]:
        return {gid: gs.goal for gid, gs in self.goals.items() if gs.status == "active"}

    @property
    def overdue(self) -> frozenset[str]:
        return frozenset(d.id for d in self.due if d.status == "overdue")

    @property
    def names(self) -> dict[str, str]:
        """Every developer's name by id (for showing providers and references)."""
        return {pid: p.name for pid, p in self.network.people.items()}

    def checkins_of(self, pid: str) -> tuple[Checkin, ...]:
        ps = self.people.get(pid)
        return () if ps is None else ps.contact.checkins


# --- building it -----------------------------------------------------------------------


def _contacts(checkins: Sequence[Checkin], today: date) -> dict[str, Contact]:
    start = add_days(today, -STRENGTH_WINDOW_DAYS)
    mine: dict[str, list[Checkin]] = {}
    for c in checkins:
        mine.setdefault(c.developer, []).append(c)
    out: dict[str, Contact] = {}
    for pid, cs in mine.items():
        reviews = [c for c in cs if c.review is not None]
        out[pid] = Contact(
            checkins=tuple(cs),
            last=max(c.date for c in cs),
            last_review=reviews[-1].date if reviews else None,
            review=reviews[-1].review if reviews else None,
            gave=any(c.gave and c.gave.strip() for c in cs),
            recent=sum(c.date >= start for c in cs),
        )
    return out


def _closing_reason(
    person: Person, contact: Contact, goals: Mapping[str, GoalState], today: date
) -> ClosingReason | None:
    """The first of CLOSING_REASONS that holds for an active relationship."""
    if contact.review == "move-on" and contact.last_review is not None:
        # resuming after the move-on review starts afresh
        after = [c for c in person.history if contact.last_review < c.date <= today]
        if not any(c.status == "active" for c in after):
            return "move-on"
    if person.request == "period" and person.until is not None and person.until < today:
        return "period-ended"
    served = [goals[g] for g in person.goals if g in goals]
    if served and all(g.status in ("achieved", "dropped") for g in served):
        return "goal-reached"
    return None


def _due(pid: str, person: Person, contact: Contact, closing: bool, today: date) -> Due:
    last = contact.last
    base = last or person.since
    days = (today - base).days
    cadence = person.cadence_days
    if cadence is None:
        return Due(pid, person.name, last, None, "closing" if closing else "ok", days, None)
    ratio = Fraction(days, cadence)
    status: DueStatus
    if closing:
        return Due(pid, person.name, last, None, "closing", days, ratio)
    status = "overdue" if ratio >= OVERDUE_AT else "due" if ratio >= DUE_AT else "ok"
    return Due(pid, person.name, last, add_days(base, cadence), status, days, ratio)


def _due_order(d: Due) -> tuple[int, Fraction, str]:
    """Most urgent first (largest multiple of the cadence), then closing ones, then
    those without a cadence; ties by id."""
    group = 1 if d.status == "closing" else 2 if d.ratio is None else 0
    return (group, -(d.ratio or Fraction(0)) if group == 0 else Fraction(0), d.id)


def _cell(goal_id: str, need: str, providers: Mapping[str, Person], weak: set[str]) -> Cell:
    ids = tuple(pid for pid, p in providers.items() if provides(p, need) and serves(p, goal_id))
    status: CellStatus
    if not ids:
        status = "gap"
    elif all(pid in weak for pid in ids):
        status = "weak"
    elif len(ids) == 1:
        status = "fragile"
    else:
        status = "covered"
    return Cell(need, status, ids)


def network_type(range_: int, strength: float | None) -> NetworkType:
    """Higgins & Kram (2001): range (diversity) x tie strength."""
    high = range_ >= HIGH_RANGE
    strong = strength is not None and strength >= STRONG_TIES
    if high:
        return "entrepreneurial" if strong else "opportunistic"
    return "traditional" if strong else "receptive"


def _shape(org: str | None, people: Mapping[str, PersonState]) -> Shape:
    active = [ps for ps in people.values() if ps.active]
    size = len(active)
    range_ = len({normalise(ps.person.context) for ps in active})
    strength: float | None = None
    if size:
        total = sum(
            ps.person.closeness or closeness_from_checkins(ps.contact.recent) for ps in active
        )
        strength = total / size
    counts: Counter[str] = Counter(ps.person.relation for ps in active)
    relations = {r: counts[r] for r in RELATIONS if counts[r]}
    home_share: float | None = None
    if size and org is not None:
        home = normalise(org)
        home_share = sum(normalise(ps.person.context) == home for ps in active) / size
    return Shape(size, range_, strength, relations, home_share, network_type(range_, strength))


def snapshot(network: Network, day: date) -> Snapshot:
    """The network as it stood on `day`: people whose relationship had begun by then
    with the status they had, goals with theirs, check-ins up to it."""
    goals = {gid: GoalState(gid, g, g.status_on(day)) for gid, g in sorted(network.goals.items())}
    checkins = tuple(c for c in network.checkins if c.date <= day)
    contacts = _contacts(checkins, day)
    people: dict[str, PersonState] = {}
    for pid, p in sorted(network.people.items()):
        status = p.status_on(day)
        if status is None:
            continue
        contact = contacts.get(pid, Contact())
        if status != "active":
            people[pid] = PersonState(pid, p, status, None, contact, None)
            continue
        reason = _closing_reason(p, contact, goals, day)
        state: State = "active" if reason is None else "closing"
        due = _due(pid, p, contact, reason is not None, day)
        people[pid] = PersonState(pid, p, state, reason, contact, due)
    dues = tuple(sorted((ps.due for ps in people.values() if ps.due), key=_due_order))
    providers = {pid: ps.person for pid, ps in people.items() if ps.providing}
    weak = {pid for pid, p in providers.items() if people[pid].overdue or distant(p)}
    coverage = tuple(
        GoalCoverage(gid, gs.title, tuple(_cell(gid, n, providers, weak) for n in gs.goal.needs))
        for gid, gs in goals.items()
        if gs.status == "active"
    )
    return Snapshot(
        day, network, people, goals, checkins, dues, coverage, _shape(network.profile.org, people)
    )


# --- the names callers used before the snapshot (each one view of it) -------------------


def present(network: Network, today: date) -> dict[str, Person]:
    """Developers whose relationship had begun by `today`, of any status, by id."""
    return {pid: ps.person for pid, ps in snapshot(network, today).people.items()}


def leaving(network: Network, today: date) -> set[str]:
    """Developers closing on `today` (move-on, period ended, goal reached)."""
    return set(snapshot(network, today).closing)


def due(network: Network, today: date) -> tuple[Due, ...]:
    return snapshot(network, today).due


def coverage(network: Network, today: date) -> tuple[GoalCoverage, ...]:
    return snapshot(network, today).coverage


def shape(network: Network, today: date) -> Shape:
    return snapshot(network, today).shape
