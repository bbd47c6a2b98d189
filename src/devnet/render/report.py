"""`devnet report`: a Markdown review of the network for a performance evaluation or a
quarterly self-review (objectives and progress, who helped with what, what was given
back, the network's shape, gaps and next steps). Deterministic for a fixed as-of."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from devnet.analysis import (
    HIGH_RANGE,
    STRONG_TIES,
    Finding,
    Gaps,
    gaps,
    join,
    need_label,
)
from devnet.model import FUNCTIONS, Checkin, Network
from devnet.render import safe

TYPE_MEANING = {
    "receptive": "few contexts and weak ties: open to help, but little of it yet",
    "traditional": "few contexts and strong ties: deep support from one world",
    "opportunistic": "many contexts and weak ties: wide reach, little depth yet",
    "entrepreneurial": "many contexts and strong ties: the most developmental kind",
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


def report_markdown(network: Network, as_of: date, since: date | None = None) -> str:
    """The whole review as Markdown text ending in one newline."""
    history = [c for c in network.checkins if c.date <= as_of]
    in_period = [c for c in history if since is None or c.date >= since]
    period = _Period(since, as_of, in_period, history)
    result = gaps(network, as_of)
    parts = [
        _header(network, period, result),
        _objectives(network, period, result),
        _helpers(network, period),
        _given_back(network, period),
        _shape(network, result),
        _next_steps(network, result),
    ]
    text = "\n\n".join(p.strip("\n") for p in parts if p.strip())
    return text + "\n"


# --- sections -----------------------------------------------------------------------------


def _header(network: Network, period: _Period, result: Gaps) -> str:
    p = network.profile
    facts = [f"{p.stage.capitalize()} career"]
    if p.org:
        facts.append(md(p.org))
    facts.append(f"as of {period.end.isoformat()}")
    people = {c.developer for c in period.checkins}
    learned = {s.strip().casefold() for c in period.checkins for s in c.skills if s.strip()}
    achieved = _achieved(network, period)
    summary = (
        f"In this period: {_plural(len(period.checkins), 'conversation')} with "
        f"{_plural(len(people), 'developer')}, {_plural(len(learned), 'skill')} learned, "
        f"{_plural(len(achieved), 'objective')} achieved. The network has "
        f"{_plural(result.shape.size, 'active developer')}."
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


def _achieved(network: Network, period: _Period) -> list[str]:
    out = []
    for gid, g in sorted(network.goals.items()):
        if g.status != "achieved":
            continue
        when = g.status_date
        if when is not None and (
            when > period.end or (period.start is not None and when < period.start)
        ):
            continue
        out.append(gid)
    return out


def _name(network: Network, pid: str) -> str:
    person = network.people.get(pid)
    return md(person.name if person else pid)


def _objectives(network: Network, period: _Period, result: Gaps) -> str:
    lines = ["## Objectives and progress"]
    cells = {gc.id: gc.cells for gc in result.goals}
    achieved = _achieved(network, period)
    shown = [gid for gid, g in sorted(network.goals.items()) if g.status == "active"] + achieved
    if not shown:
        lines += ["", "No active objective. Set four or five with `devnet goal add`."]
        return "\n".join(lines)
    for gid in shown:
        g = network.goals[gid]
        lines += ["", f"### {md(g.title)}", ""]
        status: str = g.status
        if g.status == "achieved" and g.status_date:
            status += f" on {g.status_date.isoformat()}"
        if g.by is not None:
            status += f", target {g.by.isoformat()}"
        lines.append(f"- Status: {status}")
        if gid in cells:
            needs = [
                f"{need_label(c.need)} ({c.status}"
                + (f": {join([_name(network, p) for p in c.providers])}" if c.providers else "")
                + ")"
                for c in cells[gid]
            ]
            lines.append(f"- Support: {'; '.join(needs)}")
        else:
            lines.append(f"- Needs: {', '.join(need_label(n) for n in g.needs)}")
        lines += _skills(network, period, gid)
        advanced = [c for c in period.checkins if gid in c.goals]
        if advanced:
            lines.append(f"- Conversations that advanced it ({len(advanced)}):")
            for c in advanced:
                lines.append(f"  - {_checkin_line(network, c)}")
        else:
            lines.append("- Conversations that advanced it: none logged in this period")
    loose = [s for c in period.checkins if not c.goals for s in c.skills if s.strip()]
    if loose:
        lines += ["", "### Other learning", ""]
        for c in period.checkins:
            if not c.goals and any(s.strip() for s in c.skills):
                skills = ", ".join(md(s) for s in c.skills if s.strip())
                lines.append(
                    f"- {c.date.isoformat()}, from {_name(network, c.developer)}: {skills}"
                )
    return "\n".join(lines)


def _skills(network: Network, period: _Period, gid: str) -> list[str]:
    g = network.goals[gid]
    learned = [(c, s) for c in period.history for s in c.skills if s.strip()]
    lines: list[str] = []
    if g.skills:
        lines.append("- Skills:")
        for skill in g.skills:
            hits = [(c, s) for c, s in learned if _matches(skill, s)]
            if hits:
                c = hits[0][0]
                lines.append(
                    f"  - [x] {md(skill)} (learned {c.date.isoformat()} from "
                    f"{_name(network, c.developer)})"
                )
            else:
                lines.append(f"  - [ ] {md(skill)}")
    extra = [
        s
        for c in period.checkins
        if gid in c.goals
        for s in c.skills
        if s.strip() and not any(_matches(k, s) for k in g.skills)
    ]
    if extra:
        lines.append(f"- Also learned: {', '.join(md(s) for s in dict.fromkeys(extra))}")
    return lines


def _checkin_line(network: Network, c: Checkin) -> str:
    text = f"{c.date.isoformat()}, {_name(network, c.developer)}"
    if c.functions:
        text += f" ({', '.join(c.functions)})"
    if c.skills:
        text += f"; learned {', '.join(md(s) for s in c.skills)}"
    if c.note and c.note.strip():
        text += f": {md(c.note)}"
    return text


def _functions_order(functions: Iterable[str]) -> list[str]:
    order = list(FUNCTIONS)
    return sorted(set(functions), key=order.index)


def _helpers(network: Network, period: _Period) -> str:
    """Recognition by name and function: everyone who helped in the period, and the
    active developers who did not (yet) appear in it."""
    lines = [
        "## Who helped with what",
        "",
        "Mentoring is work: these people gave their time and attention to my development.",
        "",
    ]
    counts = Counter(c.developer for c in period.checkins)
    ordered = sorted(
        network.people,
        key=lambda pid: (-counts[pid], network.people[pid].name.casefold(), pid),
    )
    shown = 0
    for pid in ordered:
        p = network.people[pid]
        mine = [c for c in period.checkins if c.developer == pid]
        if not mine and p.status != "active":
            continue
        shown += 1
        exercised = _functions_order(f for c in mine for f in c.functions)
        if exercised:
            what = join(exercised)
        elif p.functions:
            what = f"agreed: {join(_functions_order(p.functions))}"
        else:
            what = "no function recorded"
        facts = [what]
        if mine:
            facts.append(f"{_plural(len(mine), 'conversation')} (last {mine[-1].date.isoformat()})")
        else:
            facts.append("no conversation logged in this period")
        goals = [
            g for g in dict.fromkeys(gid for c in mine for gid in c.goals) if g in network.goals
        ]
        if goals:
            facts.append("advanced " + join([md(network.goals[g].title) for g in goals]))
        taught = list(dict.fromkeys(s for c in mine for s in c.skills if s.strip()))
        if taught:
            facts.append("taught me " + join([md(s) for s in taught]))
        where = f"{p.relation}, {md(p.context)}"
        if p.status != "active":
            where += f", {p.status}"
        lines.append(f"- **{md(p.name)}** ({where}): {'; '.join(facts)}")
    if not shown:
        lines.append("- Nobody yet: add the people who help you with `devnet add`.")
    else:
        lines += [
            "",
            "Next step: thank each of them, and tell them what their help changed for me.",
        ]
    return "\n".join(lines)


def _given_back(network: Network, period: _Period) -> str:
    """Reciprocity: what was offered and what was given in the period."""
    lines = ["## What I gave back", ""]
    nothing: list[str] = []
    for pid, p in sorted(network.people.items(), key=lambda kv: (kv[1].name.casefold(), kv[0])):
        gave = [c for c in period.checkins if c.developer == pid and c.gave and c.gave.strip()]
        offer = p.offer.strip() if p.offer else ""
        if not gave and not offer:
            if p.status == "active":
                nothing.append(md(p.name))
            continue
        if not gave and p.status != "active":
            continue
        parts = []
        if offer:
            parts.append(f"offer: {md(p.offer)}")
        if gave:
            parts.append("gave " + "; ".join(f"{md(c.gave)} ({c.date.isoformat()})" for c in gave))
        lines.append(f"- **{md(p.name)}**: {'; '.join(parts)}")
    if len(lines) == 2:
        lines.append("- Nothing recorded yet.")
    if nothing:
        lines += ["", f"Nothing recorded for {join(nothing)}: agree what to offer in return."]
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
            who = (
                "nobody"
                if not c.providers
                else "only weak ties: " + join([_name(network, p) for p in c.providers])
            )
            lines.append(f"- {md(title)}: {need_label(c.need)} ({who})")
    else:
        lines.append("- Every need of every active objective has someone.")
    steps = _steps(result.findings)
    if steps:
        lines += ["", "Next steps:", ""]
        lines += [f"{i}. {step}" for i, step in enumerate(steps, 1)]
    return "\n".join(lines)


def _steps(findings: Sequence[Finding]) -> list[str]:
    return [f"({f.severity}) {md(f.message)} {md(f.action)}" for f in findings]
