"""`devnet report`: a Markdown review of the network for a performance evaluation or a
quarterly self-review (objectives and progress, who helped with what, what was given
back, the network's shape, gaps and next steps), and the same content as JSON
(`report --json`): both are drawn from one `ReportData`. Deterministic for a fixed
as-of."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from devnet.analysis import (
    HIGH_RANGE,
    STRONG_TIES,
    Cell,
    Finding,
    Gaps,
    Snapshot,
    gaps_of,
    join,
    need_label,
    snapshot,
    weak_ties,
)
from devnet.model import FUNCTIONS, Checkin, Network, Person, PersonChange
from devnet.render import iso, safe
from devnet.render.gaps import finding_json

TYPE_MEANING = {
    "receptive": "few contexts and weak ties: open to help, but little of it yet",
    "traditional": "few contexts and strong ties: deep support from one world",
    "opportunistic": "many contexts and weak ties: wide reach, little depth yet",
    "entrepreneurial": (
        "many contexts and strong ties: Higgins & Kram propose it supports development most"
    ),
}

# Characters that can start Markdown structure inside a line: emphasis, code, links,
# images, HTML, tables, headings, strikethrough. Escaping them keeps user text literal
# in any CommonMark renderer and costs one backslash in plain text.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def md(value: object) -> str:
    """User text as literal inline Markdown: controls shown as escapes, lines joined
    with ' / ', structure characters backslash-escaped."""
    raw = "" if value is None else str(value)
    lines = [line.strip() for line in re.split(r"\r\n|\r|\n", raw)]
    text = safe(" / ".join(line for line in lines if line))
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _ENTITY.sub(r"\\&", text)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _matches(skill: str, learned: str) -> bool:
    a, b = skill.strip().casefold(), learned.strip().casefold()
    return bool(a and b) and (a in b or b in a)


@dataclass
class _Period:
    start: date | None
    end: date
    checkins: list[Checkin] = field(default_factory=list)
    history: list[Checkin] = field(default_factory=list)
    """Every check-in up to `end`, the period's included."""

    def label(self) -> str:
        if self.start is None:
            return f"everything up to {self.end.isoformat()}"
        return f"{self.start.isoformat()} to {self.end.isoformat()}"


# --- the data -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Objective:
    """One objective shown in the review: an active one, or one achieved in the period."""

    id: str
    cells: tuple[Cell, ...] | None
    """The coverage cells of an active goal; None for an achieved one."""
    skills: tuple[tuple[str, Checkin | None], ...]
    """Each skill of the goal and the first check-in (up to as-of) that taught it."""
    also_learned: tuple[str, ...]
    """Skills learned in the period's check-ins for this goal that it does not list."""
    advanced: tuple[Checkin, ...]
    """The period's check-ins that advanced it."""


@dataclass(frozen=True)
class Helper:
    """Someone who helped in the period, or an active developer who has not (yet)."""

    id: str
    checkins: tuple[Checkin, ...]
    exercised: tuple[str, ...]
    """Functions exercised in the period's check-ins, in FUNCTIONS order."""
    goals: tuple[str, ...]
    """Ids of the existing goals those check-ins advanced."""
    taught: tuple[str, ...]


@dataclass(frozen=True)
class GivenBack:
    id: str
    offer: str
    gave: tuple[Checkin, ...]


@dataclass(frozen=True)
class ReportData:
    """Everything the review says, before it is written as Markdown or JSON."""

    period: _Period
    result: Gaps
    achieved: tuple[str, ...]
    objectives: tuple[Objective, ...]
    other_learning: tuple[Checkin, ...]
    """The period's check-ins without a goal that taught a skill."""
    helpers: tuple[Helper, ...]
    given_back: tuple[GivenBack, ...]
    nothing_given: tuple[str, ...]
    """Active developers with no offer and nothing given in the period."""
    snap: Snapshot
    """The network as it stood at the end of the period: every status is that day's."""
    reviews: tuple[Checkin, ...] = ()
    """The period's check-ins that recorded a review ("is this working for us?")."""
    endings: tuple[tuple[str, PersonChange], ...] = ()
    """The relationships that ended in the period, with the change that ended them."""
    closing: tuple[str, ...] = ()
    """Relationships still active at the end of the period but closing (Hunt)."""


def report_data(network: Network, as_of: date, since: date | None = None) -> ReportData:
    """What the review says, as things stood on `as_of`: goals and relationships with the
    status they had that day (from their history), check-ins up to it."""
    snap = snapshot(network, as_of)
    history = list(snap.checkins)
    in_period = [c for c in history if since is None or c.date >= since]
    period = _Period(since, as_of, in_period, history)
    result = gaps_of(snap)
    achieved = tuple(_achieved(network, period))
    cells = {gc.id: gc.cells for gc in result.goals}
    shown = [gid for gid, g in snap.goals.items() if g.status == "active"]
    objectives = tuple(
        _objective(network, period, gid, cells.get(gid)) for gid in [*shown, *achieved]
    )
    other = tuple(c for c in period.checkins if not c.goals and any(s.strip() for s in c.skills))
    people = {pid: ps.person for pid, ps in snap.people.items()}
    states = {pid: ps.state for pid, ps in snap.people.items()}
    given, nothing = _given(people, states, period)
    endings = tuple(
        (pid, change)
        for pid, ps in snap.people.items()
        for change in ps.person.history
        if change.status == "ended" and _within(change.date, period)
    )
    return ReportData(
        period,
        result,
        achieved,
        objectives,
        other,
        tuple(_helper_rows(network, people, states, period)),
        given,
        nothing,
        snap,
        tuple(c for c in period.checkins if c.review is not None),
        tuple(sorted(endings, key=lambda e: (e[1].date, e[0]))),
        tuple(snap.closing),
    )


def _goal_status(network: Network, gid: str, day: date) -> tuple[str, date | None]:
    """A goal's status on `day` and the date it took it (None: it always had it)."""
    g = network.goals[gid]
    changes = [c for c in g.history if c.date <= day]
    return g.status_on(day), changes[-1].date if changes else None


def _within(day: date, period: _Period) -> bool:
    return day <= period.end and (period.start is None or day >= period.start)


def _achieved(network: Network, period: _Period) -> list[str]:
    """Goals achieved within the period and still achieved at its end."""
    out = []
    for gid, g in sorted(network.goals.items()):
        if g.status_on(period.end) != "achieved":
            continue
        done = [c.date for c in g.history if c.status == "achieved" and c.date <= period.end]
        if not done or _within(done[-1], period):
            out.append(gid)
    return out


def _objective(
    network: Network, period: _Period, gid: str, cells: tuple[Cell, ...] | None
) -> Objective:
    g = network.goals[gid]
    learned = [(c, s) for c in period.history for s in c.skills if s.strip()]
    skills = tuple(
        (skill, next((c for c, s in learned if _matches(skill, s)), None)) for skill in g.skills
    )
    extra = [
        s
        for c in period.checkins
        if gid in c.goals
        for s in c.skills
        if s.strip() and not any(_matches(k, s) for k in g.skills)
    ]
    advanced = tuple(c for c in period.checkins if gid in c.goals)
    return Objective(gid, cells, skills, tuple(dict.fromkeys(extra)), advanced)


def _functions_order(functions: Iterable[str]) -> list[str]:
    order = list(FUNCTIONS)
    return sorted(set(functions), key=order.index)


def _helper_rows(
    network: Network, people: Mapping[str, Person], states: Mapping[str, str], period: _Period
) -> list[Helper]:
    """Everyone who helped in the period, most conversations first, and the active
    developers who did not (yet) appear in it; only those whose relationship had begun
    by the end of the period (`people`)."""
    counts = Counter(c.developer for c in period.checkins)
    ordered = sorted(people, key=lambda pid: (-counts[pid], people[pid].name.casefold(), pid))
    rows = []
    for pid in ordered:
        mine = tuple(c for c in period.checkins if c.developer == pid)
        if not mine and states[pid] not in ("active", "closing"):
            continue
        goals = tuple(
            g for g in dict.fromkeys(gid for c in mine for gid in c.goals) if g in network.goals
        )
        rows.append(
            Helper(
                pid,
                mine,
                tuple(_functions_order(f for c in mine for f in c.functions)),
                goals,
                tuple(dict.fromkeys(s for c in mine for s in c.skills if s.strip())),
            )
        )
    return rows


def _given(
    people: Mapping[str, Person], states: Mapping[str, str], period: _Period
) -> tuple[tuple[GivenBack, ...], tuple[str, ...]]:
    """Reciprocity: what was offered and what was given in the period, by name; and
    the active developers with neither (of `people`, those who had joined)."""
    rows: list[GivenBack] = []
    nothing: list[str] = []
    for pid, p in sorted(people.items(), key=lambda kv: (kv[1].name.casefold(), kv[0])):
        gave = tuple(c for c in period.checkins if c.developer == pid and c.gave and c.gave.strip())
        offer = p.offer.strip() if p.offer else ""
        active = states[pid] in ("active", "closing")
        if not gave and not offer:
            # a closing relationship is thanked, not asked what to offer; a one-time
            # request's give-back is the thank-you (Goodyear)
            if states[pid] == "active" and p.request != "one-time":
                nothing.append(pid)
            continue
        if not gave and not active:
            continue
        rows.append(GivenBack(pid, offer, gave))
    return tuple(rows), tuple(nothing)


# --- JSON ---------------------------------------------------------------------------------


def report_json(network: Network, as_of: date, since: date | None = None) -> dict[str, Any]:
    """The review's content as a JSON object: `{as_of, since, profile, summary,
    objectives, other_learning, helpers, given_back, nothing_given, network, gaps,
    findings}`. Developers and goals are named by id (with the name or title beside
    it); text is as stored, not escaped."""
    data = report_data(network, as_of, since)
    period = data.period
    s = data.result.shape

    def name(pid: str) -> str:
        person = network.people.get(pid)
        return person.name if person else pid

    def checkin(c: Checkin) -> dict[str, Any]:
        return {
            "date": c.date.isoformat(),
            "developer": c.developer,
            "name": name(c.developer),
            "functions": list(c.functions),
            "goals": list(c.goals),
            "skills": list(c.skills),
            "gave": c.gave,
            "note": c.note,
        }

    def objective(o: Objective) -> dict[str, Any]:
        g = network.goals[o.id]
        status, when = _goal_status(network, o.id, as_of)
        return {
            "id": o.id,
            "title": g.title,
            "status": status,
            "status_date": iso(when),
            "by": iso(g.by),
            "needs": list(g.needs),
            "cells": None
            if o.cells is None
            else [
                {"need": c.need, "status": c.status, "providers": list(c.providers)}
                for c in o.cells
            ],
            "skills": [
                {
                    "skill": skill,
                    "learned": c is not None,
                    "date": None if c is None else c.date.isoformat(),
                    "developer": None if c is None else c.developer,
                }
                for skill, c in o.skills
            ],
            "also_learned": list(o.also_learned),
            "checkins": [checkin(c) for c in o.advanced],
        }

    def helper(h: Helper) -> dict[str, Any]:
        p = network.people[h.id]
        return {
            "id": h.id,
            "name": p.name,
            "relation": p.relation,
            "context": p.context,
            "status": data.snap.people[h.id].state,
            "split": p.split,
            "functions": list(h.exercised),
            "agreed_functions": _functions_order(p.functions),
            "conversations": len(h.checkins),
            "last": h.checkins[-1].date.isoformat() if h.checkins else None,
            "goals": list(h.goals),
            "taught": list(h.taught),
        }

    learned = {s.strip().casefold() for c in period.checkins for s in c.skills if s.strip()}
    return {
        "as_of": as_of.isoformat(),
        "since": iso(since),
        "profile": {
            "name": network.profile.name,
            "stage": network.profile.stage,
            "org": network.profile.org,
        },
        "summary": {
            "conversations": len(period.checkins),
            "developers": len({c.developer for c in period.checkins}),
            "skills_learned": len(learned),
            "objectives_achieved": len(data.achieved),
            "active_developers": s.size,
        },
        "objectives": [objective(o) for o in data.objectives],
        "other_learning": [checkin(c) for c in data.other_learning],
        "helpers": [helper(h) for h in data.helpers],
        "given_back": [
            {
                "id": g.id,
                "name": name(g.id),
                "offer": g.offer or None,
                "gave": [{"date": c.date.isoformat(), "gave": c.gave} for c in g.gave],
            }
            for g in data.given_back
        ],
        "nothing_given": list(data.nothing_given),
        "reviews": [
            {
                "date": c.date.isoformat(),
                "developer": c.developer,
                "name": name(c.developer),
                "review": c.review,
                "note": c.note,
            }
            for c in data.reviews
        ],
        "endings": [
            {"id": pid, "name": name(pid), "date": ch.date.isoformat(), "note": ch.note}
            for pid, ch in data.endings
        ],
        "closing": [
            {"id": pid, "name": name(pid), "reason": data.snap.people[pid].reason}
            for pid in data.closing
        ],
        "network": {
            "size": s.size,
            "relations": dict(s.relations),
            "range": s.range,
            "high_range": s.high_range,
            "strength": None if s.strength is None else round(s.strength, 2),
            "strong_ties": s.strong_ties,
            "home_share": None if s.home_share is None else round(s.home_share, 2),
            "type": s.type,
        },
        "gaps": [
            {"goal": gc.id, "need": c.need, "status": c.status, "providers": list(c.providers)}
            for gc in data.result.goals
            for c in gc.cells
            if c.status in ("gap", "weak")
        ],
        "findings": [finding_json(f) for f in data.result.findings],
    }


# --- Markdown -------------------------------------------------------------------------------


def report_markdown(network: Network, as_of: date, since: date | None = None) -> str:
    """The whole review as Markdown text ending in one newline."""
    data = report_data(network, as_of, since)
    parts = [
        _header(network, data),
        _objectives(network, data),
        _helpers(network, data),
        _given_back(network, data),
        _reviews_and_endings(network, data),
        _shape(network, data.result),
        _next_steps(network, data.result),
    ]
    text = "\n\n".join(p.strip("\n") for p in parts if p.strip())
    return text + "\n"


def _header(network: Network, data: ReportData) -> str:
    p = network.profile
    period = data.period
    facts = [f"{p.stage.capitalize()} career"]
    if p.org:
        facts.append(md(p.org))
    facts.append(f"as of {period.end.isoformat()}")
    people = {c.developer for c in period.checkins}
    learned = {s.strip().casefold() for c in period.checkins for s in c.skills if s.strip()}
    summary = (
        f"In this period: {_plural(len(period.checkins), 'conversation')} with "
        f"{_plural(len(people), 'developer')}, {_plural(len(learned), 'skill')} learned, "
        f"{_plural(len(data.achieved), 'objective')} achieved. The network has "
        f"{_plural(data.result.shape.size, 'active developer')}."
    )
    return "\n".join(
        [
            f"# Developmental network review: {md(p.name)}",
            "",
            " · ".join(facts),
            "",
            f"Period: {period.label()}.",
            "",
            summary,
        ]
    )


def _name(network: Network, pid: str) -> str:
    person = network.people.get(pid)
    return md(person.name if person else pid)


def _objectives(network: Network, data: ReportData) -> str:
    lines = ["## Objectives and progress"]
    if not data.objectives:
        lines += ["", "No active objective in this period."]
        return "\n".join(lines)
    for o in data.objectives:
        g = network.goals[o.id]
        lines += ["", f"### {md(g.title)}", ""]
        status, when = _goal_status(network, o.id, data.period.end)
        if status != "active" and when is not None:
            status += f" on {when.isoformat()}"
        if g.by is not None:
            status += f", target {g.by.isoformat()}"
        lines.append(f"- Status: {status}")
        if o.cells is not None:
            needs = [
                f"{need_label(c.need)} ({c.status}"
                + (f": {join([_name(network, p) for p in c.providers])}" if c.providers else "")
                + ")"
                for c in o.cells
            ]
            lines.append(f"- Support: {'; '.join(needs)}")
        else:
            lines.append(f"- Needs: {', '.join(need_label(n) for n in g.needs)}")
        if o.skills:
            lines.append("- Skills:")
            for skill, c in o.skills:
                if c is not None:
                    lines.append(
                        f"  - [x] {md(skill)} (learned {c.date.isoformat()} from "
                        f"{_name(network, c.developer)})"
                    )
                else:
                    lines.append(f"  - [ ] {md(skill)}")
        if o.also_learned:
            lines.append(f"- Also learned: {', '.join(md(s) for s in o.also_learned)}")
        if o.advanced:
            lines.append(f"- Conversations that advanced it ({len(o.advanced)}):")
            for c in o.advanced:
                lines.append(f"  - {_checkin_line(network, c)}")
        else:
            lines.append("- Conversations that advanced it: none logged in this period")
    if data.other_learning:
        lines += ["", "### Other learning", ""]
        for c in data.other_learning:
            skills = ", ".join(md(s) for s in c.skills if s.strip())
            lines.append(f"- {c.date.isoformat()}, from {_name(network, c.developer)}: {skills}")
    return "\n".join(lines)


def _checkin_line(network: Network, c: Checkin) -> str:
    text = f"{c.date.isoformat()}, {_name(network, c.developer)}"
    if c.functions:
        text += f" ({', '.join(c.functions)})"
    if c.skills:
        text += f"; learned {', '.join(md(s) for s in c.skills)}"
    if c.note and c.note.strip():
        text += f": {md(c.note)}"
    return text


def _helpers(network: Network, data: ReportData) -> str:
    """Recognition by name and function."""
    lines = [
        "## Who helped with what",
        "",
        "Mentoring is work: these people gave their time and attention to my development.",
        "",
    ]
    for h in data.helpers:
        p = network.people[h.id]
        if h.exercised:
            what = join(list(h.exercised))
        elif p.functions:
            what = f"agreed: {join(_functions_order(p.functions))}"
        else:
            what = "no function recorded"
        facts = [what]
        if h.checkins:
            facts.append(
                f"{_plural(len(h.checkins), 'conversation')} "
                f"(last {h.checkins[-1].date.isoformat()})"
            )
        else:
            facts.append("no conversation logged in this period")
        if h.goals:
            facts.append("advanced " + join([md(network.goals[g].title) for g in h.goals]))
        if h.taught:
            facts.append("taught me " + join([md(s) for s in h.taught]))
        if p.split is not None:
            facts.append(f"agreed split: {p.split}% of our time on my needs")
        where = f"{p.relation}, {md(p.context)}"
        state = data.snap.people[h.id].state
        if state != "active":
            where += f", {state}"
        lines.append(f"- **{md(p.name)}** ({where}): {'; '.join(facts)}")
    if not data.helpers:
        lines.append("- Nobody in this period.")
    else:
        lines += [
            "",
            "Next step: thank each of them, and tell them what their help changed for me.",
        ]
    return "\n".join(lines)


def _given_back(network: Network, data: ReportData) -> str:
    lines = ["## What I gave back", ""]
    for g in data.given_back:
        p = network.people[g.id]
        parts = []
        if g.offer:
            parts.append(f"offer: {md(p.offer)}")
        if g.gave:
            parts.append(
                "gave " + "; ".join(f"{md(c.gave)} ({c.date.isoformat()})" for c in g.gave)
            )
        lines.append(f"- **{md(p.name)}**: {'; '.join(parts)}")
    if not data.given_back:
        lines.append("- Nothing recorded yet.")
    if data.nothing_given:
        names = join([_name(network, pid) for pid in data.nothing_given])
        lines += ["", f"Nothing recorded for {names}: agree what to offer in return."]
    return "\n".join(lines)


_REVIEW_WORDS = {
    "continue": "continue as we are",
    "adjust": "adjust how we work together",
    "move-on": "move on: the relationship has done its work",
}
_CLOSING_WORDS = {
    "move-on": "the last review said move on",
    "period-ended": "the agreed period is over",
    "goal-reached": "every goal they helped with is reached",
}


def _reviews_and_endings(network: Network, data: ReportData) -> str:
    """Kram's evaluation ("is this working for us?") and Hunt's ending, made visible."""
    lines = ["## Reviews and endings", ""]
    dated: list[tuple[date, str]] = []
    for c in data.reviews:
        review = _REVIEW_WORDS.get(c.review or "", c.review or "")
        line = f"- {c.date.isoformat()}, {_name(network, c.developer)}: {review}"
        if c.note and c.note.strip():
            line += f" ({md(c.note)})"
        dated.append((c.date, line))
    for pid, change in data.endings:
        line = f"- {change.date.isoformat()}, {_name(network, pid)}: the relationship ended"
        if change.note and change.note.strip():
            line += f" ({md(change.note)})"
        dated.append((change.date, line))
    lines += [line for _, line in sorted(dated, key=lambda d: d[0])]
    for pid in data.closing:
        reason = data.snap.people[pid].reason or ""
        lines.append(
            f"- {_name(network, pid)}: closing, {_CLOSING_WORDS.get(reason, reason)}; "
            "to thank them and end well, or agree a new focus"
        )
    if len(lines) == 2:
        lines.append("- No review or ending in this period.")
    return "\n".join(lines)


def _shape(network: Network, result: Gaps) -> str:
    s = result.shape
    mix = ", ".join(f"{n} {r}" for r, n in s.relations.items()) or "none"
    strength = "no active developer" if s.strength is None else f"mean closeness {s.strength:.1f}"
    high = "high" if s.range >= s.high_range else "low"
    strong = "strong" if s.strength is not None and s.strength >= s.strong_ties else "weak"
    lines = [
        "## The network",
        "",
        f"- Size: {_plural(s.size, 'active developer')} ({mix})",
        f"- Range: {_plural(s.range, 'context')}, {high} (high from {HIGH_RANGE} contexts)",
        f"- Strength: {strength} on a 1-4 scale, {strong} ties (strong from {STRONG_TIES:.1f})",
    ]
    if s.home_share is not None and network.profile.org:
        lines.append(f"- Inside {md(network.profile.org)}: {round(s.home_share * 100)}%")
    lines.append(f"- Type (Higgins & Kram 2001): **{s.type}**, {TYPE_MEANING.get(s.type, s.type)}")
    return "\n".join(lines)


def _next_steps(network: Network, result: Gaps) -> str:
    lines = ["## Open gaps and next steps", ""]
    open_cells = [
        (gc.title, c) for gc in result.goals for c in gc.cells if c.status in ("gap", "weak")
    ]
    if open_cells:
        for title, c in open_cells:
            if c.providers:
                ties = weak_ties(c.providers, network.people, result.overdue)
                who = f"only {ties} ties: " + join([_name(network, p) for p in c.providers])
            else:
                who = "nobody"
            lines.append(f"- {md(title)}: {need_label(c.need)} ({who})")
    elif result.goals:
        lines.append("- Every need of every active objective has someone.")
    else:
        lines.append("- No active objective in this period.")
    steps = _steps(result.findings)
    if steps:
        lines += ["", "Next steps:", ""]
        lines += [f"{i}. {step}" for i, step in enumerate(steps, 1)]
    return "\n".join(lines)


def _steps(findings: Sequence[Finding]) -> list[str]:
    return [f"({f.severity}) {md(f.message)} {md(f.action)}" for f in findings]
