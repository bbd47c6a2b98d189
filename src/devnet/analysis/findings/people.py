"""Findings about each active, non-closing relationship: the agreement (Collins: what
to learn, how often, who schedules), contact, the quarterly "is this working for us?",
reciprocity, and functions logged in check-ins but not listed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from devnet.analysis.advice import GIVE_BACK, GIVE_BACK_DEFAULT, capital, meet
from devnet.analysis.common import REVIEW_WINDOW_DAYS, UNLISTED_WINDOW_DAYS, add_days, join
from devnet.analysis.registry import Command, Finding, Kind, register
from devnet.analysis.snapshot import PersonState, Snapshot
from devnet.model import FUNCTIONS


def _agreement(pid: str, ps: PersonState) -> Finding | None:
    p = ps.person
    no_learn = not (p.learn and p.learn.strip())
    if p.request == "one-time":
        # Goodyear's one-time conversation: no cadence or scheduler to agree, but
        # knowing what to ask still makes it worth their time
        if not no_learn:
            return None
        return Finding(
            "unclear-agreement",
            "medium",
            None,
            pid,
            f"For your one-time conversation with {p.name} you have not noted what you want "
            "to learn from it.",
            f"Decide what to ask {p.name} before you meet, then record it.",
            (("edit", pid, "--learn", "..."),),
        )
    missing: list[str] = []
    options: list[str] = []
    if p.cadence is None:
        missing.append("how often you talk")
        options += ["--cadence", "monthly"]
    if p.scheduler is None:
        missing.append("who schedules")
        options += ["--scheduler", "me"]
    if no_learn:
        missing.append("what you want to learn from them")
        options += ["--learn", "..."]
    if not missing:
        return None
    if not p.functions and len(missing) == 3:
        # Ross and Julie: an assigned mentor with nothing agreed and nothing given yet;
        # the agreement is the first step, before asking them for anything
        message = (
            f"You have agreed nothing with {p.name} yet ({join(missing)}), and nothing they "
            "give you is recorded."
        )
        action = (
            f"Start here: at your next conversation agree with {p.name} what you want to "
            "learn, how often you talk and who schedules; then record it, and the functions "
            "they take on."
        )
    else:
        message = f"With {p.name} you have not agreed {join(missing)}."
        action = f"Agree it with {p.name} at your next conversation, then record it."
    return Finding(
        "unclear-agreement", "medium", None, pid, message, action, (("edit", pid, *options),)
    )


def _overdue(pid: str, ps: PersonState) -> Finding | None:
    p, d = ps.person, ps.due
    if d is None or d.status != "overdue":
        return None
    since = (
        f"since {d.last.isoformat()}"
        if d.last
        else f"since the relationship began on {p.since.isoformat()}"
    )
    return Finding(
        "overdue-contact",
        "medium",
        None,
        pid,
        f"No conversation with {p.name} {since}: {d.days} days against a {p.cadence} cadence.",
        f"{capital(meet(p))}, then log it.",
        (("checkin", pid),),
    )


def _review(pid: str, ps: PersonState, snap: Snapshot) -> Finding | None:
    p, h = ps.person, ps.contact
    # a one-time conversation has no ongoing relationship to review, and family is not
    # asked the quarterly question (Kram in Collins: it is for mentoring relationships)
    if p.request == "one-time" or p.relation == "family":
        return None
    window = max(REVIEW_WINDOW_DAYS, p.cadence_days or 0)
    age = (snap.as_of - p.since).days
    reviewed = h.last_review is not None and (snap.as_of - h.last_review).days <= window
    if age <= window or reviewed:
        return None
    return Finding(
        "review-due",
        "low",
        None,
        pid,
        f"You have not asked {p.name} 'is this working for us?' in the last {window} days.",
        "At your next conversation ask: continue, adjust or move on? Then log the answer.",
        (("checkin", pid, "--review", "continue"),),
    )


def _one_way(pid: str, ps: PersonState) -> Finding | None:
    p = ps.person
    # a one-time conversation is given back with a thank-you (Goodyear)
    if p.request == "one-time" or (p.offer and p.offer.strip()) or ps.contact.gave:
        return None
    return Finding(
        "one-way",
        "medium",
        None,
        pid,
        f"Nothing you give back to {p.name} is recorded: no offer, and no check-in where you "
        "gave something.",
        f"Mentoring works both ways: decide what you give {p.name} in return, for instance "
        f"{GIVE_BACK.get(p.relation, GIVE_BACK_DEFAULT)}; then record it.",
        (("edit", pid, "--offer", "..."),),
    )


def logged_unlisted(ps: PersonState, today: date) -> list[str]:
    """Functions recorded in this person's check-ins of the last year that they are
    not listed for, in FUNCTIONS order."""
    start = add_days(today, -UNLISTED_WINDOW_DAYS)
    seen = {f for c in ps.contact.checkins if c.date >= start for f in c.functions}
    return [f for f in FUNCTIONS if f in seen and f not in ps.person.functions]


def add_functions(pid: str, ps: PersonState, new: list[str]) -> Command:
    return ("edit", pid, "--functions", ",".join([*ps.person.functions, *new]))


def _unlisted(pid: str, ps: PersonState, snap: Snapshot) -> Finding | None:
    new = logged_unlisted(ps, snap.as_of)
    if not new:
        return None
    p = ps.person
    them = "it" if len(new) == 1 else "them"
    return Finding(
        "unlisted-function",
        "low",
        None,
        pid,
        f"Your check-ins with {p.name} record {join(new)}, which {p.name} is not listed for.",
        f"If {p.name} gives you {join(new)}, add {them}: what you log feeds what devnet knows.",
        (add_functions(pid, ps, new),),
    )


@register(
    Kind("unclear-agreement", ("medium",), "people", asks=True),
    Kind("overdue-contact", ("medium",), "people", asks=True),
    Kind("review-due", ("low",), "people", asks=True),
    Kind("one-way", ("medium",), "people", asks=True),
    Kind("unlisted-function", ("low",), "people", asks=True),
)
def relationships(snap: Snapshot) -> Iterator[Finding]:
    for pid, ps in snap.people.items():
        if not ps.providing:
            continue
        for finding in (
            _agreement(pid, ps),
            _overdue(pid, ps),
            _review(pid, ps, snap),
            _one_way(pid, ps),
            _unlisted(pid, ps, snap),
        ):
            if finding is not None:
                yield finding
