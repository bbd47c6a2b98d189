"""Findings about the network as a whole (Higgins & Kram's range; Kram & Higgins on
whom to look for at each career stage; Collins' 360° mentoring): too small, too
narrow, or lacking the position the owner's stage calls for. Each cause said once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from devnet.analysis.common import SMALL_NETWORK, VERY_SMALL_NETWORK, join, normalise, number
from devnet.analysis.registry import Finding, Kind, register
from devnet.analysis.snapshot import Shape, Snapshot
from devnet.model import Network, Person


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


@register(
    Kind("small-network", ("high", "low"), "network"),
    Kind("narrow-range", ("medium",), "network"),
    Kind("stage-mismatch", ("medium",), "network"),
)
def shape_findings(snap: Snapshot) -> list[Finding]:
    """small-network, narrow-range and stage-mismatch, each cause said once: the stage
    advice is the most specific, then the range, and the size names only what is left."""
    network, active, shape_ = snap.network, snap.active, snap.shape
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
