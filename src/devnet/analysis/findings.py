"""The findings of `devnet gaps`, each computed from one Snapshot: what is missing,
for which objective, and what to do next (Kram; Higgins & Kram; Collins; Goodyear)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from devnet.analysis.common import (
    MAX_GOALS,
    OVER_RELIANCE_MIN_CELLS,
    REVIEW_WINDOW_DAYS,
    SEVERITIES,
    SMALL_NETWORK,
    VERY_SMALL_NETWORK,
    Severity,
    distant,
    join,
    need_label,
    normalise,
    number,
    provides,
    serves,
    weak_ties,
)
from devnet.analysis.snapshot import Cell, GoalCoverage, Shape, Snapshot, snapshot
from devnet.model import Goal, Network, Person

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
    "goal-reached",
)


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
    spared: set[str],
    snap: Snapshot,
) -> Finding:
    """Whom to ask first: someone who already gives the need for another goal, then
    someone who already serves this goal and whose position fits the need, then a
    paused developer who gives it; else the kind of person to find. A one-time
    conversation and someone moving on are never asked for more."""
    label = need_label(need)
    askable = {pid: p for pid, p in active.items() if pid not in spared and p.request != "one-time"}
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
    paused = [pid for pid, ps in snap.having("paused").items() if provides(ps.person, need)][:2]
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
    gone = [
        ps.name
        for ps in snap.closing.values()
        if provides(ps.person, need) and serves(ps.person, goal_id)
    ]
    leavers = ""
    if gone:
        leavers = f" ({join(gone)}, who gave it, {'is' if len(gone) == 1 else 'are'} moving on)"
    find = f"find {_find_advice(need, network)}"
    action = f"{', or '.join(asks)}; otherwise {find}" if asks else find
    return Finding(
        "uncovered-need",
        "high",
        goal_id,
        None,
        f"Nobody in your network gives you {label} for '{goal.title}'{leavers}.",
        action[0].upper() + action[1:] + ".",
        need=need,
    )


def _coverage_findings(snap: Snapshot) -> list[Finding]:
    out: list[Finding] = []
    network = snap.network
    grid = snap.coverage
    active = snap.providers
    dues = {d.id: d for d in snap.due}
    goals = network.goals
    # Nobody is asked to take on more who already carries over half the grid alone.
    spared = _overloaded(grid)
    for gc in grid:
        goal = goals[gc.id]
        weak = [c for c in gc.cells if c.status == "weak"]
        fragile = [c for c in gc.cells if c.status == "fragile"]
        for c in gc.cells:
            if c.status == "gap":
                out.append(_uncovered(network, gc.id, goal, c.need, active, spared, snap))
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
                if distant(p):
                    why.append("a distant tie" if p.closeness == 1 else "a less than close tie")
                if d.status == "overdue":
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


def _untaught(snap: Snapshot) -> list[Finding]:
    """A goal's skill nobody active knows or was asked to teach, and nobody logged."""
    goals = snap.active_goals
    known = {s.strip().casefold() for c in snap.checkins for s in c.skills if s.strip()}
    for p in snap.active.values():
        known.update(e.strip().casefold() for e in p.expertise if e.strip())
        if p.learn and p.learn.strip():
            known.add(p.learn.strip().casefold())
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
    everyone = "Both developers" if size == 2 else f"All {number(size)} developers"
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
    n = number(size)
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


def _closing(snap: Snapshot) -> list[Finding]:
    """The one verdict for a closing relationship: close it gracefully or agree a new
    focus (Collins: end with thanks; Hunt: the goal is reached)."""
    out: list[Finding] = []
    for pid, ps in snap.closing.items():
        p = ps.person
        if ps.reason == "move-on":
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
        elif ps.reason == "period-ended":
            assert p.until is not None
            out.append(
                Finding(
                    "period-ended",
                    "medium",
                    None,
                    pid,
                    f"The period you asked {p.name} for ended on {p.until.isoformat()}.",
                    f"Thank {p.name} and end it gracefully (devnet end {pid}), or agree a new "
                    f"period (devnet edit {pid} --until YYYY-MM-DD).",
                )
            )
        else:
            titles = join([f"'{snap.goals[g].title}'" for g in p.goals if g in snap.goals])
            out.append(
                Finding(
                    "goal-reached",
                    "medium",
                    None,
                    pid,
                    f"Every goal {p.name} helps with is done ({titles}).",
                    f"Thank {p.name} for what they helped you reach; end it gracefully "
                    f"(devnet end {pid}) or agree a new focus (devnet edit {pid} --goal ID).",
                )
            )
    return out


def _person_findings(snap: Snapshot) -> list[Finding]:
    """Agreement, contact, review and reciprocity of each active, non-closing person."""
    out: list[Finding] = []
    today = snap.as_of
    for pid, ps in snap.people.items():
        if not ps.providing or ps.due is None:
            continue
        p, h, d = ps.person, ps.contact, ps.due
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
        if p.request != "one-time" and p.relation != "family" and age > window and not reviewed:
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
        gives = bool(p.offer and p.offer.strip()) or h.gave
        if p.request != "one-time" and not gives:
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
    return out


def _sole(grid: Sequence[GoalCoverage]) -> tuple[int, dict[str, list[Cell]]]:
    """The number of cells, and the cells each developer provides alone."""
    cells = [c for gc in grid for c in gc.cells]
    alone: dict[str, list[Cell]] = {}
    for c in cells:
        if len(c.providers) == 1:
            alone.setdefault(c.providers[0], []).append(c)
    return len(cells), alone


def _overloaded(grid: Sequence[GoalCoverage]) -> set[str]:
    """Developers who alone provide more than half of the grid's cells: the grid rests
    on them (two people covering the same needs are not over-relied on)."""
    total, alone = _sole(grid)
    if total < OVER_RELIANCE_MIN_CELLS:
        return set()
    return {pid for pid, cells in alone.items() if 2 * len(cells) > total}


def _reliance(snap: Snapshot) -> list[Finding]:
    total, alone = _sole(snap.coverage)
    out = []
    for pid in sorted(_overloaded(snap.coverage)):
        name = snap.people[pid].name
        sole = alone[pid]
        per_need = Counter(need_label(c.need) for c in sole)
        listed = [
            label if count == 1 else f"{label} for {number(count)} goals"
            for label, count in per_need.items()
        ]
        out.append(
            Finding(
                "over-reliance",
                "medium",
                None,
                pid,
                f"{name} alone provides {len(sole)} of the {total} needs in your grid; no one "
                "person can give everything you need.",
                f"Spread the load: losing {name} would leave {number(len(sole))} gaps "
                f"({join(listed)}); find a second person for those.",
            )
        )
    return out


_SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}


def _sort_key(f: Finding) -> tuple[int, str, str, str, str]:
    return (_SEVERITY_RANK[f.severity], f.kind, f.goal or "", f.developer or "", f.need or "")


def gaps(network: Network, today: date) -> Gaps:
    """The whole `devnet gaps` report as of `today`."""
    return gaps_of(snapshot(network, today))


def gaps_of(snap: Snapshot) -> Gaps:
    """The findings of one snapshot, with its grid and shape."""
    findings = [
        *_goal_findings(snap.network, snap.active_goals, snap.as_of),
        *_coverage_findings(snap),
        *_untaught(snap),
        *_network_findings(snap.network, snap.active, snap.shape),
        *_closing(snap),
        *_person_findings(snap),
        *_reliance(snap),
    ]
    findings.sort(key=_sort_key)
    return Gaps(snap.as_of, snap.coverage, snap.shape, tuple(findings), snap.names, snap.overdue)
