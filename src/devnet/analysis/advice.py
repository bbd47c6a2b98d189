"""Who to look for, who to ask, and how to say a next step: advice drawn from the
seeds (Kram & Higgins by career stage, Goodyear's Table 1, Collins on reciprocity)
and shared by the finding modules, so that the same situation gets the same words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from devnet.analysis.common import join
from devnet.model import Goal, Person, Profile

PSYCHOSOCIAL = frozenset({"acceptance", "counseling", "friendship", "psychosocial"})
"""Needs of balance: Kram's psychosocial functions and their family."""

FIT: dict[str, tuple[str, ...]] = {
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


def fit(need: str, stage: str) -> tuple[str, ...]:
    """FIT reordered by career stage (Kram & Higgins): early, peers and circles first
    for what they can give; senior, juniors first for coaching (reverse mentoring)
    and family first for balance."""
    base = FIT.get(need, ())
    if stage == "early":
        first: tuple[str, ...] = ("peer", "circle")
    elif stage == "senior":
        first = ("junior",) if need == "coaching" else ("family",) if need in PSYCHOSOCIAL else ()
    else:
        first = ()
    return (*[r for r in first if r in base], *[r for r in base if r not in first])


_STOP = frozenset(
    {"the", "and", "for", "with", "from", "into", "how", "our", "your", "their", "get"}
    | {"become", "lead", "run", "make", "new", "more", "better", "good", "work", "team"}
)
"""Words too common to say that an expertise fits a goal."""


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.casefold()) if len(w) >= 3 and w not in _STOP}


def expertise_fits(person: Person, goal: Goal) -> bool:
    """The person's expertise matches the goal's title or one of its skills: a text
    contains the other, or they share a significant word ("ERP systems" and "Lead the
    ERP migration")."""
    texts = [goal.title, *goal.skills]
    for topic in person.expertise:
        t = topic.strip().casefold()
        if not t:
            continue
        for text in texts:
            s = text.strip().casefold()
            if s and (t in s or s in t or _words(t) & _words(s)):
                return True
    return False


def find_advice(need: str, profile: Profile) -> str:
    """The kind of person to look for, by need and career stage (Kram & Higgins:
    early, peers and circles; mid, outside the organization; senior, juniors for
    technical expertise and family or friends for balance)."""
    stage, org = profile.stage, profile.org
    outside = f"outside {org}" if org else "outside your organization"
    in_org = f" at {org}" if org else ""
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
                "an experienced colleague who will teach you the skill, and peers or a "
                "peer circle who give honest feedback"
            )
        if stage == "mid":
            return (
                f"someone {outside} who has done it, for instance through a professional "
                "association"
            )
        return (
            "a junior colleague with the expertise (reverse mentoring), or a peer leader "
            "who has done it"
        )
    if need == "protection":
        return f"a senior{in_org} who knows the politics and will warn you before a misstep"
    if need == "challenge":
        return (
            "your supervisor or a senior sponsor, for a stretch assignment such as leading "
            "a critical project or chairing a committee"
        )
    if need in PSYCHOSOCIAL and stage == "senior":
        return (
            "family or friends, for balance, and peers outside your reporting line to talk "
            "things through"
        )
    if need == "acceptance":
        return "a peer who builds your confidence: a colleague at your level or a Lean In circle"
    if need == "counseling":
        if stage == "mid":
            return f"someone you trust {outside} or outside your reporting line, or family"
        return "someone you trust outside your reporting line: a peer, a peer circle or family"
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


_UPWARD = (
    "a view of your part of the business, a new tool, or your generation's view of the work "
    "(reverse mentoring)"
)
GIVE_BACK: dict[str, str] = {
    "family": "your time and support, and telling them how things go",
    "junior": "sponsorship, or a view of how decisions are made",
    "senior": _UPWARD,
    "supervisor": _UPWARD,
    "peer": "feedback on their work, or contacts of yours",
    "circle": "your contributions to the group: feedback, encouragement, your own progress",
}
"""What to give back, by relation (Collins and Flagg: reciprocity; Goodyear: reverse
mentoring)."""
GIVE_BACK_DEFAULT = "an introduction, an insight from your field, or help with their work"


def meet_kind(p: Person) -> str:
    """How to restart contact: a circle meets, someone who schedules gets a note."""
    if p.relation == "circle":
        return "meeting"
    if p.scheduler == "them":
        return "note"
    return "book"


def step(kind: str, names: Sequence[str]) -> str:
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
    if kind == "catch-up":
        return f"catch up with {who} (see overdue-contact)"
    return f"book {'conversations' if many else 'a conversation'} with {who}"


def steps(pairs: Iterable[tuple[str, str]]) -> str:
    """(kind, name) steps grouped by kind in first-seen order: "book conversations
    with A and B, and invest in your tie with C"."""
    grouped: dict[str, list[str]] = {}
    for kind, name in pairs:
        grouped.setdefault(kind, []).append(name)
    parts = [step(kind, names) for kind, names in grouped.items()]
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])}, and {parts[-1]}"


def meet(p: Person) -> str:
    """The next step to restart contact with one person, in lower case."""
    return step(meet_kind(p), [p.name])


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]
