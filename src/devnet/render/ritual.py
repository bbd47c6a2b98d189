"""`goal show`, `prep` and `review` as rich renderables and JSON-ready dicts: one
goal with its coverage, skills and check-ins; one screen before a conversation; the
weekly review's agenda and its closing top gaps."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from devnet.analysis import Finding, Snapshot
from devnet.analysis.ritual import AgendaItem, GoalView, open_skills, served_goals
from devnet.model import CLOSENESS_LABELS, Checkin
from devnet.render import iso, text
from devnet.render.gaps import CELL_STYLE, DUE_STYLE, SEVERITY_STYLE, finding_json

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

NOTES = 2
"""How many of the latest notes `prep` shows."""

WHY: dict[str, str] = {
    "move-on": "the last review said move on",
    "period-ended": "the period you asked for has ended",
    "goal-reached": "every goal they help with is done",
}
"""Why a relationship is closing, in the words of the agenda."""
VIA = {"expertise": "expertise", "learn": "you agreed to learn it from them"}


def _heading(title: str, plain: bool) -> Text:
    return text(title, "" if plain else "bold")


def _blank() -> Text:
    return text("")


def _days(days: int | None) -> str:
    if days is None:
        return "never"
    return "today" if days == 0 else f"{days} day{'s' * (days != 1)} ago"


def _ref_json(ref: str, c: Checkin) -> dict[str, Any]:
    return {"ref": ref, "date": c.date.isoformat(), "developer": c.developer}


# --- goal show ---------------------------------------------------------------------------


def goal_show_json(view: GoalView, snap: Snapshot) -> dict[str, Any]:
    """The `goal show --json` object."""
    names = snap.names
    cells = {c.need: c for c in view.cells or ()}
    return {
        "as_of": snap.as_of.isoformat(),
        "id": view.id,
        "title": view.title,
        "status": view.status,
        "by": iso(view.by),
        "needs": [
            {
                "need": need,
                "status": cells[need].status if need in cells else None,
                "providers": [
                    {"id": pid, "name": names[pid]}
                    for pid in (cells[need].providers if need in cells else ())
                ],
            }
            for need in view.needs
        ],
        "skills": [
            {
                "skill": s.skill,
                "teachers": [{"id": t.id, "name": t.name, "via": t.via} for t in s.teachers],
                "learned": [_ref_json(r, c) for r, c in s.learned_in],
            }
            for s in view.skills
        ],
        "checkins": [
            {
                **_ref_json(r, c),
                "name": names[c.developer],
                "functions": list(c.functions),
                "skills": list(c.skills),
                "note": c.note,
            }
            for r, c in view.checkins
        ],
        "history": [
            {"date": h.date.isoformat(), "status": h.status, "note": h.note} for h in view.history
        ],
    }


def goal_show_view(view: GoalView, snap: Snapshot, plain: bool) -> RenderableType:
    from rich.console import Group

    names = snap.names
    head = f"{view.title} ({view.id}) · {view.status}"
    if view.by is not None:
        head += f" · by {view.by.isoformat()}"
    lines: list[RenderableType] = [_heading(head, plain), _blank(), _heading("Needs", plain)]
    if view.cells is None:
        lines.append(text(f"  {', '.join(view.needs)} (no coverage: the goal is {view.status})"))
    else:
        width = max(len(c.need) for c in view.cells)
        for c in view.cells:
            line = text(f"  {c.need.ljust(width)}  ")
            line.append_text(text(c.status.ljust(7), "" if plain else CELL_STYLE[c.status]))
            who = ", ".join(names[p] for p in c.providers) or "nobody"
            line.append_text(text(f"  {who}"))
            lines.append(line)
    lines += [_blank(), _heading("Skills", plain)]
    if not view.skills:
        lines.append(text(f"  none listed (devnet goal edit {view.id} --skill SKILL)"))
    for s in view.skills:
        parts = []
        if s.teachers:
            taught = [f"{t.name} ({VIA[t.via]})" for t in s.teachers]
            parts.append("taught by " + ", ".join(taught))
        if s.learned_in:
            parts.append("learned in " + ", ".join(r for r, _ in s.learned_in))
        if not parts:
            parts.append("nobody teaches it yet, and no check-in records it as learned")
        lines.append(text(f"  {s.skill}: {'; '.join(parts)}"))
    lines += [_blank(), _heading(f"Check-ins that advanced it ({len(view.checkins)})", plain)]
    if not view.checkins:
        lines.append(text(f"  none yet (devnet checkin ID --goal {view.id})"))
    for r, checkin in view.checkins:
        note = f": {checkin.note}" if checkin.note else ""
        lines.append(text(f"  {checkin.date.isoformat()}  {names[checkin.developer]}  ({r}){note}"))
    lines += [_blank(), _heading("History", plain)]
    if not view.history:
        lines.append(text("  active since it was added (no change of status)"))
    for h in view.history:
        note = f" ({h.note})" if h.note else ""
        lines.append(text(f"  {h.date.isoformat()}  {h.status}{note}"))
    return Group(*lines)


# --- prep --------------------------------------------------------------------------------


def _asked(finding: Finding | None) -> dict[str, Any] | None:
    return None if finding is None else finding_json(finding)


def prep_json(
    snap: Snapshot, pid: str, review: Finding | None, verdict: Finding | None
) -> dict[str, Any]:
    """The `prep --json` object: the agreement, open skills, give and take, the latest
    notes, days since you talked, and the question to ask (`review`: the quarterly
    review when due; `ending`: the graceful-ending advice for a closing relationship)."""
    ps = snap.people[pid]
    p = ps.person
    mine = _mine(snap, pid)
    gave = [(r, c) for r, c in mine if c.gave and c.gave.strip()]
    notes = [(r, c) for r, c in mine if c.note and c.note.strip()][-NOTES:][::-1]
    last = ps.contact.last
    skills = open_skills(snap, pid)
    return {
        "as_of": snap.as_of.isoformat(),
        "id": pid,
        "name": p.name,
        "relation": p.relation,
        "context": p.context,
        "state": ps.state,
        "reason": ps.reason,
        "closeness": p.closeness,
        "agreement": {
            "learn": p.learn,
            "cadence": p.cadence,
            "scheduler": p.scheduler,
            "split": p.split,
            "request": p.request,
            "until": iso(p.until),
            "missing": [k for k in ("learn", "cadence", "scheduler") if getattr(p, k) is None],
        },
        "goals": [
            {"id": gid, "title": snap.goals[gid].title, "open_skills": skills[gid]}
            for gid in served_goals(snap, pid)
        ],
        "offer": p.offer,
        "gave": [{**_ref_json(r, c), "gave": c.gave} for r, c in gave],
        "notes": [{**_ref_json(r, c), "note": c.note} for r, c in notes],
        "last": iso(last),
        "days_since": None if last is None else (snap.as_of - last).days,
        "due": None if ps.due is None else {"next": iso(ps.due.next), "status": ps.due.status},
        "review_due": review is not None,
        "review": _asked(review),
        "ending": _asked(verdict),
    }


def _mine(snap: Snapshot, pid: str) -> list[tuple[str, Checkin]]:
    from devnet.analysis.ritual import with_refs

    return with_refs(snap, snap.checkins_of(pid))


_AGREE = {
    "learn": "what you want to learn",
    "cadence": "how often you talk",
    "scheduler": "who schedules",
}


def prep_view(data: dict[str, Any], plain: bool) -> RenderableType:
    """`prep` on screen, from its JSON object (one source for both)."""
    from rich.console import Group

    head = f"{data['name']} ({data['id']}) · {data['relation']}, {data['context']}"
    lines: list[RenderableType] = [_heading(head, plain)]
    state = data["state"]
    status = state if data["reason"] is None else f"{state}: {WHY[data['reason']]}"
    talked = "never talked yet" if data["last"] is None else f"last talked {data['last']}"
    line = text(f"{status} · {talked} ({_days(data['days_since'])})")
    if data["due"] is not None and data["due"]["status"] != "closing":
        due = data["due"]
        line.append_text(text(" · "))
        line.append_text(text(due["status"], "" if plain else DUE_STYLE[due["status"]]))
        if due["next"]:
            line.append_text(text(f" (next {due['next']})"))
    lines.append(line)
    if data["closeness"] is not None:
        lines.append(text(f"closeness {data['closeness']} ({CLOSENESS_LABELS[data['closeness']]})"))

    a = data["agreement"]
    lines += [_blank(), _heading("The agreement", plain)]
    request = a["request"] or "-"
    if a["until"]:
        request += f" until {a['until']}"
    for label, value in (
        ("learn", a["learn"]),
        ("cadence", a["cadence"]),
        ("scheduler", a["scheduler"]),
        ("split", None if a["split"] is None else f"{a['split']}% on your needs"),
        ("request", request if a["request"] else None),
    ):
        lines.append(text(f"  {label}: {value if value is not None else '-'}"))
    missing = [_AGREE[k] for k in a.get("missing", [])]
    if missing and data["ending"] is None:
        lines.append(
            text(
                f"  Not agreed yet: {', '.join(missing)}. Agree it at this conversation "
                f"(Collins), then: devnet edit {data['id']} --learn ... --cadence ... "
                "--scheduler ..."
            )
        )

    lines += [_blank(), _heading("Open skills of the goals they serve", plain)]
    if not data["goals"]:
        lines.append(text("  no active goal"))
    for g in data["goals"]:
        skills = "; ".join(g["open_skills"]) or "none open"
        lines.append(text(f"  {g['title']}: {skills}"))

    lines += [_blank(), _heading("Give and take", plain)]
    lines.append(text(f"  you offered: {data['offer'] or '-'}"))
    if not data["gave"]:
        lines.append(text("  you gave: nothing recorded yet"))
    for g in data["gave"]:
        lines.append(text(f"  you gave on {g['date']}: {g['gave']}"))

    lines += [_blank(), _heading("Latest notes", plain)]
    if not data["notes"]:
        lines.append(text("  none yet"))
    for n in data["notes"]:
        lines.append(text(f"  {n['date']}: {n['note']}"))

    ask = data["ending"] or data["review"]
    if ask is not None:
        title = "Close it well" if data["ending"] else "Ask: is this working for us?"
        lines += [_blank(), _heading(title, plain)]
        lines.append(text(f"  {ask['message']}"))
        lines.append(text(f"  {ask['action']}", "" if plain else "italic"))
    return Group(*lines)


# --- review ------------------------------------------------------------------------------


def why(item: AgendaItem) -> str:
    """Why someone is on the agenda: "overdue: 74 days since you talked"."""
    if item.status == "closing" and item.reason is not None:
        return f"closing: {WHY[item.reason]}"
    since = "since you talked" if item.last is not None else "since it began, never talked"
    return f"{item.status}: {item.days} day{'s' * (item.days != 1)} {since}"


def agenda_item_json(item: AgendaItem) -> dict[str, Any]:
    p = item.person.person
    return {
        "id": item.id,
        "name": item.name,
        "status": item.status,
        "reason": item.reason,
        "why": why(item),
        "last": iso(item.last),
        "days": item.days,
        "cadence": p.cadence,
        "learn": p.learn,
        "review_due": item.review is not None,
        "ending": _asked(item.verdict),
    }


def agenda_json(
    as_of: date, items: Sequence[AgendaItem], gaps: Sequence[Finding]
) -> dict[str, Any]:
    """The `review --plan --json` object: `{as_of, agenda, gaps}`."""
    return {
        "as_of": as_of.isoformat(),
        "agenda": [agenda_item_json(i) for i in items],
        "gaps": [finding_json(f) for f in gaps],
    }


def agenda_view(
    as_of: date, items: Sequence[AgendaItem], gaps: Sequence[Finding], plain: bool
) -> RenderableType:
    """The agenda of the weekly review, and the gaps it ends with."""
    from rich.console import Group

    lines: list[RenderableType] = [_heading(f"Weekly review, {as_of.isoformat()}", plain)]
    if not items:
        lines.append(text("Nobody is due, overdue or closing."))
    for n, item in enumerate(items, 1):
        lines.append(_blank())
        line = text(f"{n}. {item.name} ({item.id}) · ")
        line.append_text(text(why(item), "" if plain else DUE_STYLE[item.status]))
        lines.append(line)
        last = item.last.isoformat() if item.last else "never"
        lines.append(text(f"   last: {last}"))
        learn = item.person.person.learn
        lines.append(text(f"   you agreed to learn: {learn or '-'}"))
        if item.review is not None:
            lines.append(text("   ask: is this working for you both? (continue, adjust, move on)"))
        if item.verdict is not None:
            lines.append(text(f"   {item.verdict.message}"))
    lines += [_blank(), top_gaps_view(gaps, plain)]
    return Group(*lines)


def top_gaps_view(gaps: Sequence[Finding], plain: bool) -> RenderableType:
    """The most important gaps, each with its next step (on a terminal, under a
    hanging indent; piped, as plain lines)."""
    from rich.console import Group
    from rich.table import Table

    lines: list[RenderableType] = [_heading("The most important gaps", plain)]
    if not gaps:
        lines.append(text("None: every objective is covered and every relationship is on track."))
        return Group(*lines)
    items = Table.grid(padding=(0, 1, 0, 0))
    items.add_column(no_wrap=True)
    items.add_column()
    for n, f in enumerate(gaps, 1):
        data = finding_json(f)
        if plain:
            lines.append(text(f"{n}. {f.kind}: {data['message']}"))
            lines.append(text(f"   next: {data['action']}"))
            continue
        body = text(f.kind, SEVERITY_STYLE[f.severity])
        body.append_text(text(f": {data['message']}\nnext: "))
        body.append_text(text(data["action"], "italic"))
        items.add_row(f"{n}.", body)
    if not plain:
        lines.append(items)
    return Group(*lines)
