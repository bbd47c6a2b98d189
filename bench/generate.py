"""Synthetic developmental networks for the benchmark, built through devnet's own
model and store: realistic names, contexts, functions, goals and years of check-ins,
deterministic for a given size and seed."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from devnet.model import Network


@dataclass(frozen=True)
class Size:
    """One benchmark network: how many developers and check-ins, over how many years."""

    name: str
    people: int
    checkins: int
    years: int


SIZES: dict[str, Size] = {
    "tiny": Size("tiny", 3, 10, 1),
    "typical": Size("typical", 20, 400, 4),
    "heavy": Size("heavy", 150, 6_000, 20),
    "extreme": Size("extreme", 1_000, 50_000, 35),
}
QUICK_SIZES: dict[str, Size] = {
    "tiny": Size("tiny", 3, 10, 1),
    "typical": Size("typical", 8, 60, 2),
    "heavy": Size("heavy", 30, 400, 4),
    "extreme": Size("extreme", 60, 1_500, 6),
}
AS_OF = date(2026, 6, 1)
"""The benchmark's fixed "today": every network ends here, so runs are comparable."""

FIRST = (
    "Maria",
    "Sam",
    "Aisha",
    "Jonas",
    "Priya",
    "Kenji",
    "Lucia",
    "Omar",
    "Grace",
    "Mateo",
    "Ingrid",
    "Tunde",
    "Mei",
    "Rafael",
    "Noor",
    "Elena",
    "Dmitri",
    "Fatima",
    "Lars",
    "Chloe",
    "Ahmed",
    "Sofia",
    "Kwame",
    "Hana",
    "Diego",
    "Amara",
    "Felix",
    "Yuki",
    "Ravi",
    "Camille",
    "Tomas",
    "Leila",
    "Hugo",
    "Zainab",
    "Nils",
    "Beatriz",
    "Arjun",
    "Olga",
    "Malik",
    "Esther",
    "Pablo",
    "Ines",
    "Viktor",
    "Naledi",
    "Emil",
    "Rosa",
    "Tariq",
    "Freya",
    "Jin",
    "Adaeze",
)
LAST = (
    "Chen",
    "Lee",
    "Okafor",
    "Novak",
    "Sharma",
    "Tanaka",
    "Garcia",
    "Haddad",
    "Murphy",
    "Rossi",
    "Berg",
    "Adeyemi",
    "Wang",
    "Silva",
    "Khan",
    "Petrova",
    "Ivanov",
    "Ali",
    "Jensen",
    "Martin",
    "Hassan",
    "Costa",
    "Mensah",
    "Kim",
    "Lopez",
    "Diallo",
    "Weber",
    "Sato",
    "Patel",
    "Dubois",
    "Horvat",
    "Nasser",
    "Laurent",
    "Bello",
    "Larsen",
    "Santos",
    "Gupta",
    "Volkova",
    "Ahmed",
    "Fischer",
    "Moreno",
    "Nunes",
    "Kowalski",
    "Dlamini",
    "Schmidt",
    "Ortega",
    "Rahman",
    "Nilsson",
    "Park",
    "Eze",
)
ORGS = (
    "Acme",
    "Globex",
    "Initech",
    "Umbrella Health",
    "Stark Industries",
    "Wayne Foundation",
    "Hooli",
    "Vandelay Imports",
    "Soylent Labs",
    "Tyrell Systems",
)
OTHER_CONTEXTS = (
    "MIT alumni",
    "State University",
    "IEEE",
    "Women in Tech Berlin",
    "Lean In circle",
    "Working Out Loud",
    "Toastmasters",
    "Python Software Foundation",
    "Family",
    "Rotary Club",
    "Chess club",
    "Open source community",
    "Product Guild",
    "Local meetup",
)
GOALS = (
    ("Become a people manager", ("sponsorship", "coaching", "role-modeling")),
    ("Lead a cross-team project", ("exposure", "challenge", "career")),
    ("Speak at an international conference", ("exposure", "coaching", "acceptance")),
    ("Move into product strategy", ("sponsorship", "coaching", "protection")),
    ("Keep a sustainable pace", ("counseling", "friendship", "psychosocial")),
    ("Learn distributed systems", ("coaching", "challenge")),
    ("Get promoted to staff engineer", ("sponsorship", "exposure", "protection")),
    ("Mentor juniors well", ("role-modeling", "acceptance", "coaching")),
    ("Start a side business", ("counseling", "challenge", "exposure")),
    ("Write a book", ("coaching", "acceptance", "friendship")),
)
SKILLS = (
    "Budget cycles",
    "Hiring interviews",
    "Giving feedback",
    "Roadmapping",
    "Negotiation",
    "Public speaking",
    "Consensus protocols",
    "Writing proposals",
    "Stakeholder maps",
    "Delegation",
)
NOTES = (
    "Budget walkthrough",
    "Talked about the reorg",
    "Mock interview",
    "Coffee, caught up on the project",
    "Reviewed my talk outline",
    "Career plan for next year",
    "Went through a hard conversation",
    "Lunch; introductions to two leads",
    "Pairing on the design doc",
    "Quarterly review of how this is going",
)
GIFTS = ("Intro to a recruiter", "Reviewed their slides", "Shared my notes", "Coffee")
RELATIONS = ("senior", "senior", "peer", "peer", "junior", "supervisor", "external", "circle")
CADENCES = ("weekly", "biweekly", "monthly", "monthly", "quarterly", "6w", None)


def _names(count: int, rng: random.Random) -> list[str]:
    pairs = [f"{f} {last}" for f in FIRST for last in LAST]
    rng.shuffle(pairs)
    names = pairs[:count]
    # Beyond 2,500 people a suffix keeps names (and so ids) unique.
    names += [f"{pairs[i % len(pairs)]} {i // len(pairs) + 1}" for i in range(len(names), count)]
    return names


def network(size: Size, seed: int = 6) -> Network:
    """A validated network of `size`, the same for the same size and seed."""
    # devnet is imported here so that the benchmark's parent process stays small:
    # a child's peak RSS starts from its parent's size at fork.
    from devnet.model import (
        FUNCTIONS,
        SCHEMA_VERSION,
        Checkin,
        Goal,
        Network,
        Person,
        Profile,
        slugify,
    )

    rng = random.Random(f"{size.name}-{seed}")
    start = AS_OF - timedelta(days=365 * size.years)
    span = (AS_OF - start).days

    goals: dict[str, Goal] = {}
    n_goals = min(len(GOALS), 3 + size.years // 4)
    for i, (title, needs) in enumerate(GOALS[:n_goals]):
        # The last five goals are the current ones; the older were reached or dropped.
        old = i < n_goals - 5
        data: dict[str, Any] = {
            "title": title,
            "needs": list(needs),
            "skills": rng.sample(SKILLS, rng.randint(0, 3)),
        }
        if old:
            data["history"] = [
                {
                    "date": start + timedelta(days=rng.randrange(span)),
                    "status": rng.choice(("achieved", "achieved", "dropped")),
                }
            ]
        elif rng.random() < 0.5:
            data["by"] = AS_OF + timedelta(days=rng.randint(-60, 400))
        goals[slugify(title)] = Goal.model_validate(data)
    goal_ids = list(goals)

    people: dict[str, Person] = {}
    for name in _names(size.people, rng):
        pid = slugify(name)
        relation = rng.choice(RELATIONS)
        since = start + timedelta(days=rng.randrange(max(1, span - 30)))
        org_weight = 0.6 if relation in ("senior", "peer", "junior", "supervisor") else 0.1
        context = rng.choice(ORGS) if rng.random() < org_weight else rng.choice(OTHER_CONTEXTS)
        data = {
            "name": name,
            "relation": relation,
            "context": context,
            "functions": rng.sample(list(FUNCTIONS), rng.randint(1, 3)),
            "goals": rng.sample(goal_ids, rng.randint(0, 2)),
            "since": since,
        }
        cadence = rng.choice(CADENCES)
        if cadence is not None:
            data["cadence"] = cadence
        if rng.random() < 0.7:
            data["scheduler"] = rng.choice(("me", "them", "both"))
        if rng.random() < 0.7:
            data["learn"] = rng.choice(SKILLS)
        if rng.random() < 0.6:
            data["offer"] = rng.choice(GIFTS)
        if rng.random() < 0.5:
            data["closeness"] = rng.randint(1, 4)
        if rng.random() < 0.3:
            data["expertise"] = rng.sample(SKILLS, 2)
        if relation == "circle":
            data["members"] = rng.randint(3, 12)
        # Long networks: most old relationships have ended or paused.
        age = (AS_OF - since).days
        if age > 3 * 365 and rng.random() < 0.7:
            change: dict[str, Any] = {
                "date": since + timedelta(days=rng.randint(30, age)),
                "status": "ended" if rng.random() < 0.85 else "paused",
            }
            if rng.random() < 0.3:
                change["note"] = "Moved on; stayed in touch"
            data["history"] = [change]
        people[pid] = Person.model_validate(data)

    ids = list(people)
    checkins: list[Checkin] = []
    for _ in range(size.checkins):
        pid = rng.choice(ids)
        person = people[pid]
        last = person.status_date if person.status != "active" and person.status_date else AS_OF
        first = person.since
        days = max(0, (last - first).days)
        data = {
            "date": first + timedelta(days=rng.randint(0, days)),
            "developer": pid,
            "functions": rng.sample(person.functions, rng.randint(0, len(person.functions))),
        }
        if rng.random() < 0.4:
            data["note"] = rng.choice(NOTES)
        if person.goals and rng.random() < 0.3:
            data["goals"] = [rng.choice(person.goals)]
        if rng.random() < 0.1:
            data["skills"] = [rng.choice(SKILLS)]
        if rng.random() < 0.15:
            data["gave"] = rng.choice(GIFTS)
        if rng.random() < 0.04:
            data["review"] = rng.choice(("continue", "continue", "adjust", "move-on"))
        checkins.append(Checkin.model_validate(data))

    return Network.model_validate(
        {
            "schema": SCHEMA_VERSION,
            "profile": Profile(name="Sam Lee", stage="mid", org="Acme"),
            "goals": goals,
            "people": people,
            "checkins": checkins,
        }
    )


def write(size: Size, folder: Path, seed: int = 6) -> Path:
    """Generate the network of `size` and save it with devnet's store."""
    from devnet.store import create

    path = folder / f"{size.name}.toml"
    if path.exists():
        path.unlink()
    create(path, network(size, seed))
    return path


def busiest_active(net: Network) -> str:
    """The active developer with the most check-ins: the target of `checkin`."""
    counts: dict[str, int] = {}
    for c in net.checkins:
        if net.people[c.developer].status == "active":
            counts[c.developer] = counts.get(c.developer, 0) + 1
    if not counts:
        return next(i for i, p in net.people.items() if p.status == "active")
    return max(counts, key=lambda i: (counts[i], i))


def main(argv: list[str]) -> None:
    """`generate.py NAME PATH [--quick]`: write one network, print its facts as JSON."""
    import json

    from devnet.store import MAX_FILE_BYTES, create

    sizes = QUICK_SIZES if "--quick" in argv else SIZES
    name, path = argv[0], Path(argv[1])
    net = network(sizes[name])
    create(path, net)
    facts = {"bytes": path.stat().st_size, "cap": MAX_FILE_BYTES, "target": busiest_active(net)}
    print(json.dumps(facts))


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
