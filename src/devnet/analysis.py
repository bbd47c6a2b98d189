"""The analysis behind `devnet gaps` and `devnet due`: coverage of each objective's
needs, the network's shape (Higgins & Kram 2001), contact due dates and findings.
Pure functions of a Network and `today`; no printing, files, clock or environment."""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Literal

from devnet.model import FAMILIES, FUNCTIONS, RELATIONS, Goal, Network, Person

HIGH_RANGE = 3
"""Contexts at or above which a network has high range (devnet's default; Higgins &
Kram 2001 name the dimension but give no number)."""
STRONG_TIES = 3.0
"""Mean closeness at or above which ties count as strong (3 = "close" on the 1-4
scale; devnet's default, like HIGH_RANGE)."""
MAX_GOALS = 5
"""Collins, "360° mentoring": narrow to four or five objectives."""
SMALL_NETWORK = 5
"""Fewer active developers than this is a small network (Kram: "five to six")."""
VERY_SMALL_NETWORK = 3
"""Fewer than this is a high finding: no network to speak of."""
DUE_AT = Fraction(1)
OVERDUE_AT = Fraction(3, 2)
"""Multiples of the cadence at which a contact is due and overdue (an ideal and a
maximum, as personal-CRM users ask for)."""
REVIEW_WINDOW_DAYS = 90
"""The quarterly "is this working for us?" (Kram in Collins); a longer cadence
stretches the window to one cadence."""
STRENGTH_WINDOW_DAYS = 180
"""Check-ins this recent stand in for an unset closeness."""
OVER_RELIANCE_MIN_CELLS = 3


def add_days(day: date, days: int) -> date:
    """`day` moved by `days`, held within the calendar (0001-01-01 to 9999-12-31):
    `--as-of 0001-01-01` or a check-in in 9999 gets an answer, never an overflow."""
    ordinal = day.toordinal() + days
    return date.fromordinal(min(max(ordinal, date.min.toordinal()), date.max.toordinal()))


CellStatus = Literal["gap", "weak", "fragile", "covered"]
DueStatus = Literal["ok", "due", "overdue"]
Severity = Literal["high", "medium", "low"]
NetworkType = Literal["receptive", "traditional", "opportunistic", "entrepreneurial"]

SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low")
CELL_STATUSES: tuple[CellStatus, ...] = ("gap", "weak", "fragile", "covered")
FINDING_KINDS: tuple[str, ...] = (
    "no-goals",
    "too-many-goals",
    "uncovered-need",
    "weak-coverage",
    "fragile-coverage",
    "untaught-skill",
    "small-network",
    "narrow-range",
    "stage-mismatch",
    "unclear-agreement",
    "overdue-contact",
    "review-due",
    "one-way",
    "over-reliance",
    "move-on-pending",
    "goal-overdue",
    "period-ended",
)


# --- result objects ------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One need of one goal: its status and the ids of its providers."""

    need: str
    status: CellStatus
    providers: tuple[str, ...]


@dataclass(frozen=True)
class GoalCoverage:
    id: str
    title: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Shape:
    """The research measures of the active network."""

    size: int
    range: int
    strength: float | None
    relations: Mapping[str, int]
    home_share: float | None
    type: NetworkType
    high_range: int = HIGH_RANGE
    strong_ties: float = STRONG_TIES


@dataclass(frozen=True)
class Due:
    """When to talk to one active developer next."""

    id: str
    name: str
    last: date | None
    next: date | None
    status: DueStatus
    days: int
    """Days since the last check-in, or since the relationship began."""
    ratio: Fraction | None
    """`days` as a multiple of the cadence; None without a cadence."""


@dataclass(frozen=True)
class Finding:
    kind: str
    severity: Severity
    goal: str | None
    developer: str | None
    message: str
    action: str
    need: str | None = None
    """For uncovered-need: the need concerned (not part of the JSON shape)."""


@dataclass(frozen=True)
class Gaps:
    """Everything `devnet gaps` reports."""

    as_of: date
    goals: tuple[GoalCoverage, ...]
    shape: Shape
    findings: tuple[Finding, ...]
    names: Mapping[str, str] = field(default_factory=dict)
    """Developer id to name, for showing providers."""
    overdue: frozenset[str] = frozenset()
    """Ids of the overdue active developers, for saying why a cell is weak."""


# --- small helpers -------------------------------------------------------------------


def normalise(text: str) -> str:
    """Contexts compare case- and whitespace-insensitively: "Acme Corp" == "acmecorp"."""
    return "".join(text.split()).casefold()


def need_label(need: str) -> str:
    return f"{need} support" if need in FAMILIES else need


def provides(person: Person, need: str) -> bool:
    """A function need is met by that function; a family need by any of its functions."""
    if need in FAMILIES:
        return any(FUNCTIONS.get(f) == need for f in person.functions)
    return need in person.functions


def serves(person: Person, goal_id: str) -> bool:
    """A developer who lists no goal serves every goal."""
    return not person.goals or goal_id in person.goals


def join(items: Sequence[str], last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def present(network: Network, today: date) -> dict[str, Person]:
    """Developers whose relationship had begun by `today` (`since` on or before it), of
    any status, sorted by id: someone who had not yet joined is not in the network as of
    that day. The one rule behind gaps, due, map, report and the exports."""
    return {pid: p for pid, p in sorted(network.people.items()) if p.since <= today}


def _active(network: Network, today: date) -> dict[str, Person]:
    """Active developers whose relationship had begun by `today`."""
    return {pid: p for pid, p in present(network, today).items() if p.status == "active"}


def _active_goals(network: Network) -> dict[str, Goal]:
    return {gid: g for gid, g in sorted(network.goals.items()) if g.status == "active"}


@dataclass
class _History:
    """What the check-ins up to `today` say about one developer."""

    last: date | None = None
    last_review: date | None = None
    review: str | None = None
    gave: bool = False
    recent: int = 0


def _histories(network: Network, today: date) -> dict[str, _History]:
    """One pass over the check-ins, ignoring those after `today`."""
    start = add_days(today, -STRENGTH_WINDOW_DAYS)
    out: dict[str, _History] = {}
    for c in network.checkins:
        if c.date > today:
            continue
        h = out.get(c.developer)
        if h is None:
            h = out[c.developer] = _History()
        if h.last is None or c.date > h.last:
            h.last = c.date
        if c.review is not None and (h.last_review is None or c.date >= h.last_review):
            h.last_review, h.review = c.date, c.review
        if c.gave and c.gave.strip():
            h.gave = True
        if c.date >= start:
            h.recent += 1
    return out


def _leaving(active: Mapping[str, Person], histories: Mapping[str, _History]) -> set[str]:
    return {pid for pid in active if pid in histories and histories[pid].review == "move-on"}


def leaving(network: Network, today: date) -> set[str]:
    """Active developers whose latest review on or before `today` said move-on: the
    relationship is ending, so nothing new is booked or asked of them."""
    return _leaving(_active(network, today), _histories(network, today))


def _learned(network: Network, today: date) -> set[str]:
    return {
        s.strip().casefold()
        for c in network.checkins
        if c.date <= today
        for s in c.skills
        if s.strip()
    }


def closeness_from_checkins(count: int) -> int:
    """An unset closeness, derived from check-ins in the last 180 days."""
    if count == 0:
        return 1
    if count <= 2:
        return 2
    if count <= 5:
        return 3
    return 4


# --- due -------------------------------------------------------------------------------


def _due_one(pid: str, person: Person, history: _History | None, today: date) -> Due:
    last = history.last if history else None
    base = last or person.since
    days = (today - base).days
    cadence = person.cadence_days
    if cadence is None:
        return Due(pid, person.name, last, None, "ok", days, None)
    ratio = Fraction(days, cadence)
    status: DueStatus = "overdue" if ratio >= OVERDUE_AT else "due" if ratio >= DUE_AT else "ok"
    return Due(pid, person.name, last, add_days(base, cadence), status, days, ratio)


def _due_from(network: Network, today: date, histories: Mapping[str, _History]) -> list[Due]:
    entries = [
        _due_one(pid, p, histories.get(pid), today) for pid, p in _active(network, today).items()
    ]
    entries.sort(key=lambda d: (d.ratio is None, -(d.ratio or 0), d.id))
    return entries


def due(network: Network, today: date) -> tuple[Due, ...]:
    """Active developers who had joined by `today`, most urgent first (largest multiple
    of the cadence), those without a cadence last, ties by id."""
    return tuple(_due_from(network, today, _histories(network, today)))


# --- coverage ----------------------------------------------------------------------------


def _cell(goal_id: str, need: str, active: Mapping[str, Person], weak: set[str]) -> Cell:
    providers = tuple(pid for pid, p in active.items() if provides(p, need) and serves(p, goal_id))
    status: CellStatus
    if not providers:
        status = "gap"
    elif all(pid in weak for pid in providers):
        status = "weak"
    elif len(providers) == 1:
        status = "fragile"
    else:
        status = "covered"
    return Cell(need, status, providers)


def _weak_providers(active: Mapping[str, Person], dues: Iterable[Due]) -> set[str]:
    """Developers whose support is weak: overdue, or a recorded closeness of 1-2."""
    weak = {d.id for d in dues if d.status == "overdue"}
    weak.update(pid for pid, p in active.items() if _distant(p))
    return weak


def _distant(person: Person) -> bool:
    return person.closeness is not None and person.closeness <= 2


def weak_ties(pids: Iterable[str], people: Mapping[str, Person], overdue: Container[str]) -> str:
    """Why the providers of weak cells are weak, in the words gaps, map and report
    share: "overdue", "distant" or "overdue or distant" (as in "only overdue ties")."""
    chosen = list(pids)
    late = any(pid in overdue for pid in chosen)
    far = any(_distant(people[pid]) for pid in chosen if pid in people)
    return join([w for w, on in (("overdue", late), ("distant", far)) if on], "or") or "weak"


def _grid(network: Network, active: Mapping[str, Person], weak: set[str]) -> list[GoalCoverage]:
    return [
        GoalCoverage(gid, g.title, tuple(_cell(gid, n, active, weak) for n in g.needs))
        for gid, g in _active_goals(network).items()
    ]


def coverage(network: Network, today: date) -> tuple[GoalCoverage, ...]:
    """The goals x needs grid for the active goals."""
    active = _active(network, today)
    dues = _due_from(network, today, _histories(network, today))
    return tuple(_grid(network, active, _weak_providers(active, dues)))


# --- shape ---------------------------------------------------------------------------------


def network_type(range_: int, strength: float | None) -> NetworkType:
    """Higgins & Kram (2001): range (diversity) x tie strength."""
    high = range_ >= HIGH_RANGE
    strong = strength is not None and strength >= STRONG_TIES
    if high:
        return "entrepreneurial" if strong else "opportunistic"
    return "traditional" if strong else "receptive"


def _shape(
    network: Network, active: Mapping[str, Person], histories: Mapping[str, _History]
) -> Shape:
    size = len(active)
    range_ = len({normalise(p.context) for p in active.values()})
    strength: float | None = None
    if size:
        total = 0
        for pid, p in active.items():
            h = histories.get(pid)
            total += p.closeness or closeness_from_checkins(h.recent if h else 0)
        strength = total / size
    counts: Counter[str] = Counter(p.relation for p in active.values())
    relations = {r: counts[r] for r in RELATIONS if counts[r]}
    home_share: float | None = None
    org = network.profile.org
    if size and org is not None:
        home = normalise(org)
        home_share = sum(normalise(p.context) == home for p in active.values()) / size
    return Shape(size, range_, strength, relations, home_share, network_type(range_, strength))


def shape(network: Network, today: date) -> Shape:
    """Size, range, strength, relation mix, share inside the home org, and the type."""
    return _shape(network, _active(network, today), _histories(network, today))


# --- advice (Kram & Higgins by stage; Goodyear's Table 1; Collins) -----------------------


def _in_org(network: Network) -> str:
    org = network.profile.org
    return f" at {org}" if org else ""


def _find_advice(need: str, network: Network) -> str:
    """The kind of person to look for, by need and career stage."""
    stage = network.profile.stage
    org = network.profile.org
    outside = f"outside {org}" if org else "outside your organization"
    in_org = _in_org(network)
    if need == "sponsorship":
        return (
            f"a senior{in_org} who knows your work and can put your name forward "
            "(a skip-level manager or a leader you have delivered for)"
        )
    if need == "exposure":
        return (
            "a senior who can bring you where your work is seen: a leadership meeting, "
            "a cross-team project or a conference talk"
        )
    if need == "coaching":
        if stage == "early":
            return (
                "an experienced colleague who will teach you the skill, and peers who "
                "give honest feedback"
            )
        if stage == "mid":
            return (
                f"someone {outside} who has done it, for instance through a professional "
                "association"
            )
        return (
            "a peer leader who has done it, or a junior colleague with the expertise "
            "(reverse mentoring)"
        )
    if need == "protection":
        return f"a senior{in_org} who knows the politics and will warn you before a misstep"
    if need == "challenge":
        return (
            "your supervisor or a senior sponsor, for a stretch assignment such as leading "
            "a critical project or chairing a committee"
        )
    if need == "acceptance":
        return "a peer who builds your confidence: a colleague at your level or a Lean In circle"
    if need == "counseling":
        if stage == "senior":
            return "a peer outside your reporting line, or family, to talk through dilemmas"
        return "someone you trust outside your reporting line: a peer, a former colleague or family"
    if need == "friendship":
        return "peers to share the road with: colleagues at your level or a Working Out Loud circle"
    if need == "role-modeling":
        return (
            "someone whose path you admire, and ask for a one-time 'tell me about your career' "
            "conversation (a professional acquaintance or family member works too)"
        )
    if need == "career":
        return "a senior or your supervisor who can coach you, stretch you and speak up for you"
    return (
        "peers or a peer circle (Lean In, Working Out Loud) for confidence, counsel and camaraderie"
    )


# --- findings --------------------------------------------------------------------------------


def _goal_findings(network: Network, goals: Mapping[str, Goal], today: date) -> list[Finding]:
    out: list[Finding] = []
    if not goals:
        out.append(
            Finding(
                "no-goals",
                "high",
                None,
                None,
                "You have no active objective, so nothing tells whom to ask for what.",
                "Write down four or five things you want to learn or achieve, each with the "
                'support it needs: devnet goal add "TITLE" --needs coaching,sponsorship',
            )
        )
    if len(goals) > MAX_GOALS:
        out.append(
            Finding(
                "too-many-goals",
                "medium",
                None,
                None,
                f"You have {len(goals)} active objectives; with more than {MAX_GOALS} it is "
                "hard to take in what your mentors offer.",
                "Narrow to four or five: mark finished ones done (devnet goal done ID) and drop "
                "or park the least urgent (devnet goal drop ID).",
            )
        )
    for gid, g in goals.items():
        if g.by is not None and g.by < today:
            out.append(
                Finding(
                    "goal-overdue",
                    "low",
                    gid,
                    None,
                    f"'{g.title}' was due by {g.by.isoformat()}.",
                    f"Decide: mark it done (devnet goal done {gid}), set a new date "
                    f"(devnet goal edit {gid} --by YYYY-MM-DD), or drop it.",
                )
            )
    return out


def _meet_kind(p: Person) -> str:
    """How to restart contact: a circle meets, someone who schedules gets a note."""
    if p.relation == "circle":
        return "meeting"
    if p.scheduler == "them":
        return "note"
    return "book"


def _step(kind: str, names: Sequence[str]) -> str:
    """One next step, in lower case, for one or several people: the verb said once."""
    many = len(names) > 1
    who = join(list(names))
    if kind == "meeting":
        return f"go to the next {'meetings' if many else 'meeting'} of {who}"
    if kind == "note":
        note = f"send short notes to {who}" if many else f"send {who} a short note"
        return f"{note} (they usually schedule)"
    if kind == "invest":
        return f"invest in your {'ties' if many else 'tie'} with {who}"
    if kind == "successor":
        return f"find who takes over from {who}"
    if kind == "catch-up":
        return f"catch up with {who} (see overdue-contact)"
    return f"book {'conversations' if many else 'a conversation'} with {who}"


def _steps(steps: Iterable[tuple[str, str]]) -> str:
    """(kind, name) steps grouped by kind in first-seen order: "book conversations
    with A and B, and invest in your tie with C"."""
    grouped: dict[str, list[str]] = {}
    for kind, name in steps:
        grouped.setdefault(kind, []).append(name)
    parts = [_step(kind, names) for kind, names in grouped.items()]
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])}, and {parts[-1]}"


def _meet(p: Person) -> str:
    """The next step to restart contact with one person, in lower case."""
    return _step(_meet_kind(p), [p.name])


_FIT: dict[str, tuple[str, ...]] = {
    "sponsorship": ("senior", "supervisor"),
    "exposure": ("senior", "supervisor"),
    "protection": ("senior", "supervisor"),
    "challenge": ("supervisor", "senior"),
    "coaching": ("senior", "peer", "junior", "external", "supervisor"),
    "acceptance": ("peer", "circle", "family"),
    "counseling": ("peer", "circle", "family"),
    "friendship": ("peer", "circle", "family"),
    "role-modeling": ("senior", "family", "external"),
    "career": ("senior", "supervisor"),
    "psychosocial": ("peer", "circle", "family"),
}
"""Who is placed to give a need, best first (Goodyear's Table 1: the supervisor gives
challenging assignments; a professional senior sponsorship, visibility and coaching;
a peer acceptance; a junior technical coaching; family or an acquaintance role
modeling; Kram's psychosocial functions come from peers and those close to you)."""


def _goal_titles(network: Network, goal_ids: Iterable[str]) -> str:
    titles = [f"'{network.goals[g].title}'" for g in goal_ids if g in network.goals]
    return join(titles)


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


def _uncovered(
    network: Network,
    goal_id: str,
    goal: Goal,
    need: str,
    active: Mapping[str, Person],
    leaving: set[str],
    today: date,
) -> Finding:
    """Whom to ask first: someone who already gives the need for another goal, then
    someone who already serves this goal and whose position fits the need, then a
    paused developer who gives it; else the kind of person to find. A one-time
    conversation and someone moving on are never asked for more."""
    label = need_label(need)
    askable = {
        pid: p for pid, p in active.items() if pid not in leaving and p.request != "one-time"
    }
    elsewhere = sorted(
        (pid for pid, p in askable.items() if provides(p, need) and not serves(p, goal_id)),
        key=lambda pid: (-(askable[pid].closeness or 0), pid),
    )[:2]
    fit = _FIT.get(need, ())
    helpers = sorted(
        (
            pid
            for pid, p in askable.items()
            if serves(p, goal_id) and not provides(p, need) and p.relation in fit
        ),
        key=lambda pid: (
            fit.index(askable[pid].relation),
            goal_id not in askable[pid].goals,
            -(askable[pid].closeness or 0),
            pid,
        ),
    )[:2]
    paused = [
        pid
        for pid, p in present(network, today).items()
        if p.status == "paused" and provides(p, need)
    ][:2]
    asks: list[str] = []
    for pid in elsewhere:
        p = askable[pid]
        goals = ",".join([*p.goals, goal_id])
        asks.append(
            f"ask {p.name}, who gives you {label} for {_goal_titles(network, p.goals)}, to "
            f"help with this goal too (devnet edit {pid} --goal {goals})"
        )
    if helpers:
        asks.append(f"ask {_already([askable[pid] for pid in helpers], goal_id)}, for {label} too")
    if paused:
        names = join([network.people[pid].name for pid in paused], "or")
        verb = "gives" if len(paused) == 1 else "give"
        commands = join([f"devnet resume {pid}" for pid in paused], "or")
        asks.append(f"resume your relationship with {names}, who {verb} {label} ({commands})")
    find = f"find {_find_advice(need, network)}"
    action = f"{', or '.join(asks)}; otherwise {find}" if asks else find
    return Finding(
        "uncovered-need",
        "high",
        goal_id,
        None,
        f"Nobody in your network gives you {label} for '{goal.title}'.",
        action[0].upper() + action[1:] + ".",
        need=need,
    )


def _coverage_findings(
    network: Network,
    grid: Sequence[GoalCoverage],
    active: Mapping[str, Person],
    dues: Mapping[str, Due],
    leaving: set[str],
    today: date,
) -> list[Finding]:
    out: list[Finding] = []
    goals = network.goals
    # Nobody is asked to take on more who is leaving or already carries over half the grid.
    spared = leaving | _overloaded(grid)
    for gc in grid:
        goal = goals[gc.id]
        weak = [c for c in gc.cells if c.status == "weak"]
        fragile = [c for c in gc.cells if c.status == "fragile"]
        for c in gc.cells:
            if c.status == "gap":
                out.append(_uncovered(network, gc.id, goal, c.need, active, spared, today))
        if weak:
            people = dict.fromkeys(pid for c in weak for pid in c.providers)
            reasons = []
            steps: list[tuple[str, str]] = []
            for pid in people:
                p = active[pid]
                d = dues[pid]
                why = []
                if d.status == "overdue":
                    why.append(f"no conversation for {d.days} days")
                if _distant(p):
                    why.append("a distant tie" if p.closeness == 1 else "a less than close tie")
                if pid in leaving:
                    why.append("moving on")
                    steps.append(("successor", p.name))
                elif d.status == "overdue":
                    # overdue-contact says how to restart it; refer to it, do not repeat it
                    steps.append(("catch-up", p.name))
                else:
                    steps.append(("invest", p.name))
                reasons.append(f"{p.name}: {join(why)}")
            overdue = {pid for pid in people if dues[pid].status == "overdue"}
            ties = weak_ties(people, active, overdue)
            needs = join([need_label(c.need) for c in weak])
            verb = "rests" if len(weak) == 1 else "rest"
            action = f"{_steps(steps)}, or add another person for {needs}."
            out.append(
                Finding(
                    "weak-coverage",
                    "medium",
                    gc.id,
                    None,
                    f"For '{goal.title}', {needs} {verb} only on {ties} ties "
                    f"({'; '.join(reasons)}).",
                    action[0].upper() + action[1:],
                )
            )
        if fragile:
            parts = [
                f"{need_label(c.need)} only from {active[c.providers[0]].name}" for c in fragile
            ]
            needs = join([need_label(c.need) for c in fragile])
            out.append(
                Finding(
                    "fragile-coverage",
                    "low",
                    gc.id,
                    None,
                    f"For '{goal.title}', {join(parts)}: one person away from a gap.",
                    f"When you can, add a second person for {needs}.",
                )
            )
    return out


def _untaught(
    network: Network, goals: Mapping[str, Goal], active: Mapping[str, Person], today: date
) -> list[Finding]:
    known = _learned(network, today)
    known.update(e.strip().casefold() for p in active.values() for e in p.expertise if e.strip())
    out: list[Finding] = []
    for gid, g in goals.items():
        missing = []
        for skill in g.skills:
            s = skill.strip().casefold()
            if not s or s in known:
                continue
            if not any(s in k or k in s for k in known):
                missing.append(skill)
        if missing:
            quoted = join([f"'{m}'" for m in missing])
            out.append(
                Finding(
                    "untaught-skill",
                    "low",
                    gid,
                    None,
                    f"For '{g.title}', nobody in your network knows {quoted}, and you have not "
                    f"logged learning {'it' if len(missing) == 1 else 'them'}.",
                    f"Make a specific request to someone who has done it ('could you teach me "
                    f"{missing[0]}?'), or record an expert's topic with devnet edit ID "
                    f"--expertise; log what you learn with devnet checkin ID --skill.",
                )
            )
    return out


_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _number(n: int) -> str:
    """Small counts in words ("no", "one", ... "ten"), larger ones in digits."""
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def _all_at_home(network: Network, active: Mapping[str, Person]) -> bool:
    """Everyone (vacuously, no one) comes from the home org; False without an org."""
    org = network.profile.org
    if org is None:
        return False
    home = normalise(org)
    return all(normalise(p.context) == home for p in active.values())


def _missing(network: Network, active: Mapping[str, Person]) -> dict[str, str]:
    """Who the network lacks for the owner's career stage (Kram & Higgins; Goodyear's
    professional senior): a position key ("peer", "senior", "junior", "family",
    "outside") to whom to look for."""
    stage = network.profile.stage
    relations = {p.relation for p in active.values()}
    out: dict[str, str] = {}
    if stage == "early":
        # newcomers turn to the boss or an assigned mentor, and beyond them to peers
        if not relations & {"peer", "circle"}:
            out["peer"] = "a peer or a peer circle"
        if "senior" not in relations:
            out["senior"] = (
                "a senior beyond your boss"
                if "supervisor" in relations
                else "your boss or an assigned mentor"
            )
    elif stage == "mid":
        # other managers and people outside the organization
        if _all_at_home(network, active):
            out["outside"] = f"someone outside {network.profile.org}"
        if "senior" not in relations:
            out["senior"] = "a senior in your profession"
    else:
        # peers, family, and junior staff (reverse mentoring)
        if not relations & {"peer", "circle"}:
            out["peer"] = "peers"
        if "family" not in relations:
            out["family"] = "family"
        if "junior" not in relations:
            out["junior"] = "a junior colleague (reverse mentoring)"
    return out


def _stage_mismatch(network: Network, active: Mapping[str, Person]) -> tuple[str, Finding] | None:
    """Kram & Higgins' advice for the owner's stage, with the position it asks for."""
    stage = network.profile.stage
    org = network.profile.org
    relations = {p.relation for p in active.values()}
    if stage == "early" and not relations & {"peer", "circle"}:
        return "peer", Finding(
            "stage-mismatch",
            "medium",
            None,
            None,
            "Early in a career, peers give the most useful feedback, and you have no peer "
            "or peer circle.",
            "Ask a colleague at your level to trade feedback regularly, or join a Lean In "
            "or Working Out Loud circle.",
        )
    if stage == "mid" and _all_at_home(network, active):
        return "outside", Finding(
            "stage-mismatch",
            "medium",
            None,
            None,
            f"At mid career, people outside your organization bring new ideas, and "
            f"nobody in your network is outside {org}.",
            f"Find someone outside {org}: a professional association, a former "
            "colleague, or a Working Out Loud circle.",
        )
    if stage == "senior" and "junior" not in relations:
        return "junior", Finding(
            "stage-mismatch",
            "medium",
            None,
            None,
            "Senior people learn from peers, family and junior staff, and you have no "
            "junior in your network.",
            "Find a reverse mentor: a junior colleague with expertise you lack (new "
            "technology, how newer staff see the organization); offer sponsorship in return.",
        )
    return None


_OTHER_LEVELS: dict[str, tuple[tuple[str, str], ...]] = {
    "peer": (("senior", "a senior who can sponsor you"), ("junior", "a junior who can teach you")),
    "junior": (("senior", "a senior"), ("peer", "a peer")),
    "circle": (("senior", "a senior"), ("one-to-one", "someone one-to-one")),
}
"""For a network of one relation, the 360° positions to add (Collins)."""
_OTHER_LEVELS_DEFAULT = (("peer", "a peer"), ("junior", "a junior colleague"))


def _narrow_range(
    network: Network, active: Mapping[str, Person], shape_: Shape, stage_claim: str | None
) -> tuple[set[str], Finding] | None:
    """All from one context and/or all of one relation, leaving out the cause that the
    stage-mismatch finding's remedy already resolves: nobody outside the home org (at
    mid career) or one relation lacking a peer or a junior (early or senior)."""
    size = shape_.size
    if size < 2:
        return None
    org = network.profile.org
    spellings = Counter(" ".join(p.context.split()) for p in active.values())
    relations = {p.relation for p in active.values()}
    narrow = []
    steps = []
    claims: set[str] = set()
    if shape_.range == 1 and stage_claim != "outside":
        ctx = min(spellings, key=lambda c: (-spellings[c], c))
        if org is not None and normalise(org) == normalise(ctx):
            ctx = org  # the owner's own spelling
        narrow.append(f"from {ctx}")
        steps.append(
            f"Add someone outside {ctx}: a professional association, a former colleague "
            "or a Working Out Loud circle."
        )
        claims.add("outside")
    if len(relations) == 1 and stage_claim not in {"peer", "junior"}:
        rel = next(iter(relations))
        narrow.append(f"of one kind ({rel})")
        early = network.profile.stage == "early"
        others = [
            # newcomers look first to the boss or an assigned mentor (Kram & Higgins)
            (key, "your boss or an assigned mentor" if early and key == "senior" else text)
            for key, text in _OTHER_LEVELS.get(rel, _OTHER_LEVELS_DEFAULT)
            if not (key == "junior" and early)
        ]
        claims.update(key for key, _ in others)
        steps.append(f"Add {join([text for _, text in others])} (360° mentoring).")
    if not narrow:
        return None
    everyone = "Both developers" if size == 2 else f"All {_number(size)} developers"
    return claims, Finding(
        "narrow-range",
        "medium",
        None,
        None,
        f"{everyone} are {' and '.join(narrow)}; a narrow network brings one view of your work.",
        " ".join(steps),
    )


def _small_network(
    network: Network, active: Mapping[str, Person], size: int, said: set[str]
) -> Finding:
    """Fewer than five: who is still missing for the stage, leaving out the positions
    another finding already asks for."""
    n = _number(size)
    if size == 0:
        message = "You have no active developers yet; Kram suggests a network of five or six."
    elif size < VERY_SMALL_NETWORK:
        people = "person" if size == 1 else "people"
        message = (
            f"You have {n} active {'developer' if size == 1 else 'developers'}; {n} {people} "
            "cannot give everything you need, and Kram suggests five or six."
        )
    else:
        message = (
            f"You have {n} active developers; Kram suggests five or six, so that no need "
            "rests on one person."
        )
    lacking = [text for key, text in _missing(network, active).items() if key not in said]
    if lacking:
        action = (
            f"Add people where your objectives have gaps, starting with who is missing: "
            f"{join(lacking)}."
        )
    else:
        action = (
            "Add people where the grid shows a gap, a weak tie or a single provider: ask "
            "each for one specific thing."
        )
    return Finding(
        "small-network",
        "high" if size < VERY_SMALL_NETWORK else "low",
        None,
        None,
        message,
        action,
    )


def _network_findings(
    network: Network, active: Mapping[str, Person], shape_: Shape
) -> list[Finding]:
    """small-network, narrow-range and stage-mismatch, each cause said once: the stage
    advice is the most specific, then the range, and the size names only what is left."""
    out: list[Finding] = []
    said: set[str] = set()
    stage = _stage_mismatch(network, active)
    if stage is not None:
        said.add(stage[0])
        out.append(stage[1])
    narrow = _narrow_range(network, active, shape_, stage[0] if stage else None)
    if narrow is not None:
        said.update(narrow[0])
        out.append(narrow[1])
    if shape_.size < SMALL_NETWORK:
        out.append(_small_network(network, active, shape_.size, said))
    return out


_UPWARD = (
    "a view of your part of the business, a new tool, or your generation's view of the work "
    "(reverse mentoring)"
)
_GIVE_BACK: dict[str, str] = {
    "family": "your time and support, and telling them how things go",
    "junior": "sponsorship, or a view of how decisions are made",
    "senior": _UPWARD,
    "supervisor": _UPWARD,
    "peer": "feedback on their work, or contacts of yours",
    "circle": "your contributions to the group: feedback, encouragement, your own progress",
}
"""What to give back, by relation (Collins and Flagg: reciprocity; Goodyear: reverse
mentoring)."""
_GIVE_BACK_DEFAULT = "an introduction, an insight from your field, or help with their work"


def _person_findings(
    network: Network,
    active: Mapping[str, Person],
    histories: Mapping[str, _History],
    dues: Mapping[str, Due],
    today: date,
) -> list[Finding]:
    out: list[Finding] = []
    for pid, p in active.items():
        h = histories.get(pid) or _History()
        d = dues[pid]
        if h.review == "move-on":
            # the relationship is ending: its agreement, contact and reciprocity are moot
            out.append(
                Finding(
                    "move-on-pending",
                    "medium",
                    None,
                    pid,
                    f"Your last review with {p.name} said move on, but the relationship is "
                    "still active.",
                    f"Close it gracefully: thank {p.name} for their help, say you would like to "
                    f"stay in touch and let them know how things go, then: devnet end {pid}",
                )
            )
            continue
        no_learn = not (p.learn and p.learn.strip())
        if p.request == "one-time":
            # Goodyear's one-time conversation: no cadence or scheduler to agree, but
            # knowing what to ask still makes it worth their time
            if no_learn:
                out.append(
                    Finding(
                        "unclear-agreement",
                        "medium",
                        None,
                        pid,
                        f"For your one-time conversation with {p.name} you have not noted what "
                        "you want to learn from it.",
                        f"Decide what to ask {p.name} before you meet, then record it: "
                        f'devnet edit {pid} --learn "..."',
                    )
                )
        else:
            missing = []
            options = []
            if p.cadence is None:
                missing.append("how often you talk")
                options.append("--cadence monthly")
            if p.scheduler is None:
                missing.append("who schedules")
                options.append("--scheduler me")
            if no_learn:
                missing.append("what you want to learn from them")
                options.append('--learn "..."')
            if missing:
                out.append(
                    Finding(
                        "unclear-agreement",
                        "medium",
                        None,
                        pid,
                        f"With {p.name} you have not agreed {join(missing)}.",
                        f"Agree it with {p.name} at your next conversation, then record it: "
                        f"devnet edit {pid} {' '.join(options)}",
                    )
                )
        if d.status == "overdue":
            since = (
                f"since {d.last.isoformat()}"
                if d.last
                else f"since the relationship began on {p.since.isoformat()}"
            )
            who = _meet(p)
            who = who[0].upper() + who[1:]
            out.append(
                Finding(
                    "overdue-contact",
                    "medium",
                    None,
                    pid,
                    f"No conversation with {p.name} {since}: {d.days} days against a "
                    f"{p.cadence} cadence.",
                    f"{who}, then log it: devnet checkin {pid}",
                )
            )
        window = max(REVIEW_WINDOW_DAYS, p.cadence_days or 0)
        age = (today - p.since).days
        reviewed = h.last_review is not None and (today - h.last_review).days <= window
        # a one-time conversation has no ongoing relationship to review
        if p.request != "one-time" and age > window and not reviewed:
            out.append(
                Finding(
                    "review-due",
                    "low",
                    None,
                    pid,
                    f"You have not asked {p.name} 'is this working for us?' in the last "
                    f"{window} days.",
                    f"At your next conversation ask: continue, adjust or move on? Then log it: "
                    f"devnet checkin {pid} --review continue",
                )
            )
        if not (p.offer and p.offer.strip()) and not h.gave:
            out.append(
                Finding(
                    "one-way",
                    "medium",
                    None,
                    pid,
                    f"Nothing you give back to {p.name} is recorded: no offer, and no "
                    "check-in where you gave something.",
                    f"Mentoring works both ways: decide what you give {p.name} in return, "
                    f"for instance {_GIVE_BACK.get(p.relation, _GIVE_BACK_DEFAULT)}; then "
                    f'record it: devnet edit {pid} --offer "..."',
                )
            )
        if p.request == "period" and p.until is not None and p.until < today:
            out.append(
                Finding(
                    "period-ended",
                    "medium",
                    None,
                    pid,
                    f"The period you asked {p.name} for ended on {p.until.isoformat()}.",
                    f"Thank {p.name} and end it (devnet end {pid}), or agree a new period "
                    f"(devnet edit {pid} --until YYYY-MM-DD).",
                )
            )
    return out


def _overloaded(grid: Sequence[GoalCoverage]) -> set[str]:
    """Developers who provide more than half of the grid's cells (over-reliance)."""
    cells = [c for gc in grid for c in gc.cells]
    if len(cells) < OVER_RELIANCE_MIN_CELLS:
        return set()
    counts = Counter(pid for c in cells for pid in c.providers)
    return {pid for pid, n in counts.items() if 2 * n > len(cells)}


def _reliance(
    grid: Sequence[GoalCoverage], active: Mapping[str, Person], leaving: set[str]
) -> list[Finding]:
    """More than half the cells from one developer; someone moving on gets only
    move-on-pending."""
    cells = [c for gc in grid for c in gc.cells]
    if len(cells) < OVER_RELIANCE_MIN_CELLS:
        return []
    counts = Counter(pid for c in cells for pid in c.providers)
    out = []
    for pid, n in sorted(counts.items()):
        if 2 * n <= len(cells) or pid in leaving:
            continue
        name = active[pid].name
        sole = [c for c in cells if c.providers == (pid,)]
        if sole:
            per_need = Counter(need_label(c.need) for c in sole)
            alone = [
                label if count == 1 else f"{label} for {_number(count)} goals"
                for label, count in per_need.items()
            ]
            gaps_ = "one gap" if len(sole) == 1 else f"{_number(len(sole))} gaps"
            action = (
                f"Spread the load: losing {name} would leave {gaps_} ({join(alone)}); find "
                "a second person for those first, then for more of what they give."
            )
        else:
            action = (
                f"Spread the load: everything {name} gives also comes from someone else, so "
                f"losing them would leave no gap; ask those others for more of it, so that "
                f"you do not turn to {name} for everything."
            )
        out.append(
            Finding(
                "over-reliance",
                "medium",
                None,
                pid,
                f"{name} provides {n} of the {len(cells)} needs in your grid; no one person "
                "can give everything you need.",
                action,
            )
        )
    return out


_SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}


def _sort_key(f: Finding) -> tuple[int, str, str, str, str]:
    return (_SEVERITY_RANK[f.severity], f.kind, f.goal or "", f.developer or "", f.need or "")


def gaps(network: Network, today: date) -> Gaps:
    """The whole `devnet gaps` report as of `today`."""
    active = _active(network, today)
    goals = _active_goals(network)
    histories = _histories(network, today)
    due_list = _due_from(network, today, histories)
    dues = {d.id: d for d in due_list}
    leaving = _leaving(active, histories)
    weak = _weak_providers(active, due_list)
    grid = _grid(network, active, weak)
    shape_ = _shape(network, active, histories)
    findings = [
        *_goal_findings(network, goals, today),
        *_coverage_findings(network, grid, active, dues, leaving, today),
        *_untaught(network, goals, active, today),
        *_network_findings(network, active, shape_),
        *_person_findings(network, active, histories, dues, today),
        *_reliance(grid, active, leaving),
    ]
    findings.sort(key=_sort_key)
    names = {pid: p.name for pid, p in network.people.items()}
    overdue = frozenset(d.id for d in due_list if d.status == "overdue")
    return Gaps(today, tuple(grid), shape_, tuple(findings), names, overdue)
