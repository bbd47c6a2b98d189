"""Findings about the objectives themselves: none, too many (Collins: four or five),
past their target date, or a skill that nobody in the network can teach."""

from __future__ import annotations

from collections.abc import Iterator

from devnet.analysis.common import MAX_GOALS, join, matches
from devnet.analysis.registry import Finding, Kind, register
from devnet.analysis.snapshot import Snapshot


@register(
    Kind("no-goals", ("high",), "goals"),
    Kind("too-many-goals", ("medium",), "goals"),
    Kind("goal-overdue", ("low",), "goals"),
)
def objectives(snap: Snapshot) -> Iterator[Finding]:
    goals = snap.active_goals
    if not goals:
        yield Finding(
            "no-goals",
            "high",
            None,
            None,
            "You have no active objective, so nothing tells whom to ask for what.",
            "Write down four or five things you want to learn or achieve, each with the "
            "support it needs.",
            (("goal", "add", "TITLE", "--needs", "coaching,sponsorship"),),
        )
    if len(goals) > MAX_GOALS:
        yield Finding(
            "too-many-goals",
            "medium",
            None,
            None,
            f"You have {len(goals)} active objectives; with more than {MAX_GOALS} it is "
            "hard to take in what your mentors offer.",
            "Narrow to four or five: mark finished ones done, and drop or park the least urgent.",
            (("goal", "done", "ID"), ("goal", "drop", "ID")),
        )
    for gid, g in goals.items():
        if g.by is not None and g.by < snap.as_of:
            yield Finding(
                "goal-overdue",
                "low",
                gid,
                None,
                f"'{g.title}' was due by {g.by.isoformat()}.",
                "Decide: mark it done, set a new date, or drop it.",
                (
                    ("goal", "done", gid),
                    ("goal", "edit", gid, "--by", "YYYY-MM-DD"),
                    ("goal", "drop", gid),
                ),
            )


def known_skills(snap: Snapshot) -> set[str]:
    """What the network can teach: the expertise of active developers (not those whose
    relationship is closing: nothing new is asked of them), what was agreed to learn
    from them, and every skill logged as learned (all case-folded)."""
    known = {s.strip().casefold() for c in snap.checkins for s in c.skills if s.strip()}
    for p in snap.providers.values():
        known.update(e.strip().casefold() for e in p.expertise if e.strip())
        if p.learn and p.learn.strip():
            known.add(p.learn.strip().casefold())
    return known


@register(Kind("untaught-skill", ("low",), "goals"))
def untaught(snap: Snapshot) -> Iterator[Finding]:
    known = known_skills(snap)
    for gid, g in snap.active_goals.items():
        missing = [s for s in g.skills if s.strip() and not matches(s, known)]
        if not missing:
            continue
        quoted = join([f"'{m}'" for m in missing])
        yield Finding(
            "untaught-skill",
            "low",
            gid,
            None,
            f"For '{g.title}', nobody in your network knows {quoted}, and you have not "
            f"logged learning {'it' if len(missing) == 1 else 'them'}.",
            f"Make a specific request to someone who has done it ('could you teach me "
            f"{missing[0]}?'), or record an expert's topic; log what you learn.",
            (("edit", "ID", "--expertise", missing[0]), ("checkin", "ID", "--skill", missing[0])),
        )
