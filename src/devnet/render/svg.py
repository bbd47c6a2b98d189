"""`devnet map --svg`: the network drawn as a diagram for a slide. You at the centre,
your developers around you in one sector per kind of relation, your organization as
a shaded area, closeness as line weight, the functions they give as colour, a legend.
Hand-written SVG: every text from the file is sanitised and escaped, nothing refers
outside the file, and the same network on the same day gives the same bytes."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from devnet.analysis import ClosingReason, Snapshot, need_label, normalise, snapshot
from devnet.model import CLOSENESS_LABELS, FUNCTIONS, Network, Person
from devnet.render.clean import safe

WIDTH, HEIGHT = 1600, 900
"""A 16:9 canvas. The viewBox is fixed: every picture has the same frame."""
CX, CY = 590.0, 500.0
"""The centre of the diagram (you); the legend fills the right-hand side."""
STRETCH = 1.22
"""The rings are ellipses this much wider than tall: names are wide, a slide is too."""
LEGEND_X = 1206.0
FONTS = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, '
    '"Noto Sans", "Liberation Sans", "DejaVu Sans", sans-serif'
)
"""System fonts only: opening the picture fetches nothing."""

SECTORS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("supervisors & seniors", ("supervisor", "senior")),
    ("peers & circles", ("peer", "circle")),
    ("juniors", ("junior",)),
    ("family", ("family",)),
    ("external", ("external",)),
)
"""The sectors clockwise from the top, and the relations each one holds."""
FAMILY_COLOURS: dict[str, str] = {
    "career": "#0072b2",
    "psychosocial": "#e69f00",
    "role-modeling": "#009e73",
}
"""Okabe-Ito colours: told apart with the common colour-vision deficiencies."""
FAMILY_FUNCTIONS: dict[str, str] = {
    family: ", ".join(f for f, fam in FUNCTIONS.items() if fam == family)
    for family in FAMILY_COLOURS
}
LINE_WIDTHS = {1: 1.2, 2: 2.4, 3: 3.8, 4: 5.6}
"""Line weight by closeness (1 distant .. 4 especially close)."""
INK, MUTED, LINE = "#1f2937", "#64748b", "#475569"
NODE_R = 13.0
CENTRE_R = 38.0
STAGGER = 42.0
"""A crowded ring puts every other dot this much further out."""
NAME_SIZE, SUB_SIZE, NOTE_SIZE = 15.0, 12.0, 11.5
NAME_MAX, SUB_MAX = 175.0, 200.0
"""Widest name and second line in pixels; longer ones end with an ellipsis."""
CLOSING: dict[ClosingReason, str] = {
    "move-on": "agreed to move on",
    "period-ended": "the agreed period is over",
    "goal-reached": "the goals they served are reached",
}
"""Why a relationship is closing, in words (analysis.CLOSING_REASONS)."""
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""English month names, whatever the locale: the same bytes everywhere."""


# --- text --------------------------------------------------------------------------------------


def _xml(value: object) -> str:
    """File-derived text made inert for XML: controls, bidi and invisible characters
    as visible escapes (render.clean.safe), what XML 1.0 cannot hold replaced, and the
    five markup characters escaped (so it is safe in text and in attributes)."""
    text = "".join(
        "\ufffd" if 0xD800 <= ord(c) <= 0xDFFF or c in "\ufffe\uffff" else c for c in safe(value)
    )
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def _one_line(value: str) -> str:
    """A label: sanitised, its runs of whitespace as one space."""
    return " ".join(safe(value).split())


_NARROW = set("fijlrtI.,:;'!|()[]{} ")
_WIDE = set("mwMW@%")


def text_width(text: str, size: float, bold: bool = False) -> float:
    """An estimate of the width of `text` in pixels, on the generous side (DejaVu Sans
    is among the widest of the fonts the picture may fall back to)."""
    units = 0.0
    for c in text:
        if unicodedata.combining(c):
            continue
        if unicodedata.east_asian_width(c) in "WF":
            units += 1.0
        elif c in _NARROW:
            units += 0.36
        elif c in _WIDE:
            units += 0.95
        elif c.isupper() or c.isdigit():
            units += 0.74
        else:
            units += 0.63
    return units * size * (1.1 if bold else 1.0)


def shorten(text: str, size: float, limit: float, bold: bool = False) -> str:
    """`text` cut to fit `limit` pixels, ending with an ellipsis when cut."""
    if text_width(text, size, bold) <= limit:
        return text
    cut = text
    while cut and text_width(cut + "…", size, bold) > limit:
        cut = cut[:-1]
    return cut.rstrip() + "…"


def _n(value: float) -> str:
    """A coordinate with one decimal at most: the same network, the same bytes."""
    out = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if out == "-0" else out


def _day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _at(angle: float, radius: float) -> tuple[float, float]:
    """The point of the ring `radius` at `angle` (radians clockwise from the top)."""
    return CX + STRETCH * radius * math.sin(angle), CY - radius * math.cos(angle)


def _heading(angle: float) -> float:
    """The direction, seen from the centre, of the point of a ring at `angle`."""
    return math.atan2(STRETCH * math.sin(angle), math.cos(angle))


# --- layout ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    """One developer as drawn."""

    id: str
    person: Person
    state: str
    """active, paused or closing, that day."""
    reason: ClosingReason | None
    """Why it is closing (move-on, period-ended, goal-reached)."""
    inside: bool
    """Their context is your organization."""
    sector: int
    angle: float
    """Radians clockwise from the top."""
    radius: float

    @property
    def x(self) -> float:
        return _at(self.angle, self.radius)[0]

    @property
    def y(self) -> float:
        return _at(self.angle, self.radius)[1]

    @property
    def families(self) -> tuple[str, ...]:
        given = {FUNCTIONS[f] for f in self.person.functions}
        return tuple(f for f in FAMILY_COLOURS if f in given)


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlap(self, other: Box, pad: float = 3.0) -> float:
        w = min(self.x1, other.x1) - max(self.x0, other.x0) + pad
        h = min(self.y1, other.y1) - max(self.y0, other.y0) + pad
        return w * h if w > 0 and h > 0 else 0.0

    def outside(self) -> float:
        """How far the box reaches out of the canvas (0 inside)."""
        return (
            max(0.0, 8 - self.x0)
            + max(0.0, self.x1 - (WIDTH - 8))
            + max(0.0, 8 - self.y0)
            + max(0.0, self.y1 - (HEIGHT - 8))
        )


Line = tuple[str, float, bool]
"""One line of a label: its text (sanitised, not escaped), font size, bold."""


@dataclass(frozen=True)
class Label:
    """A block of lines of text and where it was placed."""

    lines: tuple[Line, ...]
    box: Box
    anchor: str
    """start, middle or end."""

    @property
    def x(self) -> float:
        if self.anchor == "start":
            return self.box.x0
        if self.anchor == "end":
            return self.box.x1
        return (self.box.x0 + self.box.x1) / 2


def _place(
    lines: Sequence[Line],
    x: float,
    y: float,
    gap: float,
    angles: Iterable[float],
    taken: list[Box],
    gaps: Sequence[float] = (0.0,),
) -> Label:
    """Put a text block next to the point (x, y), at least `gap` away from it, in the
    first direction of `angles` (radians clockwise from the top) where it overlaps
    nothing in `taken` and stays on the canvas; failing that, where it overlaps least.
    The box taken is added to `taken`."""
    width = max(text_width(t, size, bold) for t, size, bold in lines)
    height = sum(size * 1.25 for _, size, _ in lines)
    own = Box(x - gap, y - gap, x + gap, y + gap)
    best: tuple[float, Label] | None = None
    for extra in gaps:
        for angle in angles:
            ux, uy = math.sin(angle), -math.cos(angle)
            push = gap + extra
            while True:  # slide out along the direction until clear of the point
                cx = x + push * ux + ux * width / 2
                cy = y + push * uy + uy * height / 2
                box = Box(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
                if not box.overlap(own, 0):
                    break
                push += 1
            anchor = "start" if ux > 0.3 else "end" if ux < -0.3 else "middle"
            label = Label(tuple(lines), box, anchor)
            cost = sum(box.overlap(t) for t in taken) + 1000 * box.outside()
            if cost == 0:
                taken.append(box)
                return label
            if best is None or cost < best[0]:
                best = (cost, label)
    assert best is not None
    taken.append(best[1].box)
    return best[1]


def _around(angle: float, steps: Iterable[float]) -> list[float]:
    """`angle`, then turned a little more each way."""
    out = [angle]
    for step in steps:
        out += [angle + math.radians(step), angle - math.radians(step)]
    return out


@dataclass(frozen=True)
class Layout:
    nodes: tuple[Node, ...]
    sectors: tuple[tuple[int, float, float], ...]
    """(sector index, start angle, end angle) of each sector drawn."""
    inner: float
    """Radius of the ring of your organization (0 without one)."""
    boundary: float
    """Radius of its edge."""
    outer: float
    """Radius of the ring of everyone else."""
    edge: float
    """Radius of the sectors' outer edge."""


def layout(snap: Snapshot) -> Layout:
    """Where each developer present that day and not ended goes: a sector per kind
    of relation, as wide as it needs; in it, the people of your organization on an
    inner ring and everyone else on an outer one, each sorted by context and name, all
    at different angles so that no line runs under another dot; a crowded ring
    alternates between two radii."""
    network = snap.network
    org = network.profile.org
    home = normalise(org) if org else None
    people = {pid: ps for pid, ps in snap.people.items() if ps.state != "ended"}
    inner, boundary, outer = (0.0, 0.0, 235.0) if home is None else (138.0, 212.0, 262.0)
    edge = outer + STAGGER + 34

    def order(pid: str) -> tuple[str, str, str]:
        p = network.people[pid]
        return (normalise(p.context), p.name.casefold(), pid)

    members: list[tuple[list[str], list[str]]] = []
    for _, relations in SECTORS:
        pids = sorted(
            (pid for pid in people if network.people[pid].relation in relations), key=order
        )
        members.append(
            (
                [p for p in pids if normalise(network.people[p].context) == home],
                [p for p in pids if normalise(network.people[p].context) != home],
            )
        )
    spacing = 62.0
    demand = [
        max(
            len(i) * spacing / inner if i else 0.0,
            len(o) * spacing / outer,
            (len(i) + len(o)) * spacing / 2 / outer,
            0.6,
        )
        for i, o in members
    ]
    used = [k for k, (i, o) in enumerate(members) if i or o]
    total = sum(demand[k] for k in used)
    start = -demand[used[0]] * math.pi / total if used else 0.0
    nodes: list[Node] = []
    sectors = []
    for k in used:
        end = start + demand[k] * 2 * math.pi / total
        sectors.append((k, start, end))
        rings = members[k]
        # one angle each, the two rings interleaved
        slots = sorted(
            ((j + 0.5) / len(pids), r, j, pid)
            for r, pids in enumerate(rings)
            for j, pid in enumerate(pids)
        )
        step = (end - start) / len(slots)
        for slot, (_, r, j, pid) in enumerate(slots):
            radius = (inner, outer)[r]
            crowded = radius * (end - start) / len(rings[r]) < 84
            nodes.append(
                Node(
                    pid,
                    network.people[pid],
                    people[pid].state,
                    people[pid].reason,
                    home is not None and r == 0,
                    k,
                    start + (slot + 0.5) * step,
                    radius + (STAGGER if crowded and j % 2 else 0.0),
                )
            )
        start = end
    return Layout(tuple(nodes), tuple(sectors), inner, boundary, outer, edge)


# --- drawing -----------------------------------------------------------------------------------

STYLE = f"""
text {{ font-family: {FONTS}; fill: {INK}; }}
.title {{ font-size: 30px; font-weight: 700; }}
.subtitle {{ font-size: 16px; fill: {MUTED}; }}
.name {{ font-size: {_n(NAME_SIZE)}px; font-weight: 600; }}
.sub {{ font-size: {_n(SUB_SIZE)}px; fill: {MUTED}; }}
.sector {{ font-size: 12px; font-weight: 700; fill: {MUTED}; }}
.org {{ font-size: 13px; font-weight: 700; fill: {LINE}; }}
.you {{ font-size: 15px; font-weight: 700; fill: #ffffff; }}
.heading {{ font-size: 13px; font-weight: 700; fill: #334155; }}
.key {{ font-size: 13px; }}
.note {{ font-size: {_n(NOTE_SIZE)}px; fill: {MUTED}; }}
.chip {{ fill: #ffffff; fill-opacity: 0.82; }}
.node.paused, .tie.paused {{ opacity: 0.45; }}
.node.closing, .tie.closing {{ opacity: 0.75; }}
text.paused {{ fill-opacity: 0.5; }}
text.closing {{ fill-opacity: 0.75; }}
"""


def _line(node: Node) -> str:
    closeness = node.person.closeness
    width = LINE_WIDTHS.get(closeness or 0, 1.2)
    dash = ""
    if node.state != "active":
        dash = ' stroke-dasharray="9 6"'
    elif closeness is None:
        dash = ' stroke-dasharray="1.5 5" stroke-linecap="round"'
    heading = _heading(node.angle)
    x0, y0 = CX + CENTRE_R * math.sin(heading), CY - CENTRE_R * math.cos(heading)
    return (
        f'<line x1="{_n(x0)}" y1="{_n(y0)}" x2="{_n(node.x)}" y2="{_n(node.y)}" '
        f'stroke="{LINE}" stroke-width="{_n(width)}"{dash} class="tie {node.state}"/>'
    )


def _marker(x: float, y: float, r: float, families: Sequence[str]) -> list[str]:
    """A dot coloured by the function families given: one colour, or a pie split in
    equal parts for several, hollow for none."""
    if not families:
        return [
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="#ffffff" '
            f'stroke="{MUTED}" stroke-width="2"/>'
        ]
    if len(families) == 1:
        return [
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" '
            f'fill="{FAMILY_COLOURS[families[0]]}" stroke="#ffffff" stroke-width="2"/>'
        ]
    out = []
    part = 2 * math.pi / len(families)
    for i, family in enumerate(families):
        a0, a1 = i * part, (i + 1) * part
        x0, y0 = x + r * math.sin(a0), y - r * math.cos(a0)
        x1, y1 = x + r * math.sin(a1), y - r * math.cos(a1)
        out.append(
            f'<path d="M{_n(x)} {_n(y)} L{_n(x0)} {_n(y0)} A{_n(r)} {_n(r)} 0 0 1 '
            f'{_n(x1)} {_n(y1)} Z" fill="{FAMILY_COLOURS[family]}"/>'
        )
    out.append(
        f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="none" '
        f'stroke="#ffffff" stroke-width="2"/>'
    )
    return out


def _ident(pid: str) -> str:
    """An XML id from a developer id (ids are slugs; anything else becomes `-`)."""
    return "dev-" + "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in pid)


def _node(node: Node) -> list[str]:
    """The dot, with everything about the person in its <title> (the full name too,
    when the label shortens it)."""
    p = node.person
    closeness = "closeness not set" if p.closeness is None else CLOSENESS_LABELS[p.closeness]
    details = [
        p.name,
        p.relation,
        p.context,
        ", ".join(p.functions) or "no functions recorded",
        closeness,
    ]
    if node.state != "active":
        details.append(node.state + (f": {CLOSING[node.reason]}" if node.reason else ""))
    out = [
        f'<g class="node {node.state} {"inside" if node.inside else "outside"}" '
        f'id="{_ident(node.id)}">',
        f"<title>{' · '.join(_xml(d) for d in details)}</title>",
    ]
    if node.state == "closing":
        out.append(
            f'<circle cx="{_n(node.x)}" cy="{_n(node.y)}" r="{_n(NODE_R + 5)}" fill="none" '
            f'stroke="{INK}" stroke-width="1.5" stroke-dasharray="3 3"/>'
        )
    out += _marker(node.x, node.y, NODE_R, node.families)
    out.append("</g>")
    return out


def _label_lines(node: Node) -> list[Line]:
    """The name, and below it what the picture does not already say: the relation of
    a supervisor or a circle (their sectors hold two), the context outside your organization, a
    state other than active (never cut)."""
    p = node.person
    lines: list[Line] = [(shorten(_one_line(p.name), NAME_SIZE, NAME_MAX, True), NAME_SIZE, True)]
    head = [p.relation] if p.relation in ("supervisor", "circle") else []
    tail = [node.state] if node.state != "active" else []
    room = SUB_MAX - text_width(" · ".join([*head, *tail, ""]), SUB_SIZE)
    context = [] if node.inside else [shorten(_one_line(p.context), SUB_SIZE, room)]
    sub = " · ".join([*head, *context, *tail])
    if sub:
        lines.append((sub, SUB_SIZE, False))
    return lines


def _text(label: Label, classes: Sequence[str], chip: bool = True) -> list[str]:
    """The lines of a placed label, on a light chip that keeps them readable where
    they cross a line."""
    out = []
    b = label.box
    if chip:
        out.append(
            f'<rect x="{_n(b.x0 - 3)}" y="{_n(b.y0 - 1)}" width="{_n(b.x1 - b.x0 + 6)}" '
            f'height="{_n(b.y1 - b.y0 + 2)}" rx="4" class="chip"/>'
        )
    y = b.y0
    for (line, size, _), cls in zip(label.lines, classes, strict=False):
        y += size * 1.25
        out.append(
            f'<text x="{_n(label.x)}" y="{_n(y - size * 0.28)}" text-anchor="{label.anchor}" '
            f'class="{cls}">{_xml(line)}</text>'
        )
    return out


class _Legend:
    """The key, built top-down in the right-hand column."""

    def __init__(self) -> None:
        self.x = LEGEND_X
        self.y = 148.0
        self.out: list[str] = []

    def heading(self, text: str) -> None:
        self.y += 8
        self.out.append(f'<text x="{_n(self.x)}" y="{_n(self.y)}" class="heading">{text}</text>')
        self.y += 23

    def row(self, symbol: Iterable[str], text: str, note: str = "") -> None:
        """A symbol centred at (x + 16, y) and its meaning (`text`, already escaped),
        with a `note` in small print below it, wrapped to the column."""
        self.out.extend(symbol)
        if not note:
            self.out.append(
                f'<text x="{_n(self.x + 44)}" y="{_n(self.y + 4.5)}" class="key">{text}</text>'
            )
            self.y += 23
            return
        self.out.append(
            f'<text x="{_n(self.x + 44)}" y="{_n(self.y - 1)}" class="key">{text}</text>'
        )
        lines = [""]
        for word in note.split():
            wider = f"{lines[-1]} {word}".strip()
            if lines[-1] and text_width(wider, NOTE_SIZE) > WIDTH - 16 - (self.x + 44):
                lines.append(word)
            else:
                lines[-1] = wider
        for i, line in enumerate(lines):
            self.out.append(
                f'<text x="{_n(self.x + 44)}" y="{_n(self.y + 14 + 13 * i)}" class="note">'
                f"{_xml(line)}</text>"
            )
        self.y += 33 + 13 * (len(lines) - 1)

    def line(self, width: float, extra: str = "") -> str:
        x, y = self.x, self.y
        return (
            f'<line x1="{_n(x + 1)}" y1="{_n(y)}" x2="{_n(x + 31)}" y2="{_n(y)}" '
            f'stroke="{LINE}" stroke-width="{_n(width)}"{extra}/>'
        )


def _need_mark(x: float, y: float, status: str) -> str:
    if status == "gap":
        return (
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="7" fill="none" stroke="#c2410c" '
            f'stroke-width="2.5"/>'
        )
    return (
        f'<circle cx="{_n(x)}" cy="{_n(y)}" r="7" fill="none" stroke="#b45309" '
        f'stroke-width="2.5" stroke-dasharray="3 2.5"/>'
    )


def _legend(snap: Snapshot, org: str | None) -> list[str]:
    key = _Legend()
    x = key.x
    key.heading("WHERE")
    key.row([f'<circle cx="{_n(x + 16)}" cy="{_n(key.y)}" r="10" fill="{INK}"/>'], "you")
    if org:
        y = key.y
        key.row(
            [
                f'<rect x="{_n(x + 2)}" y="{_n(y - 10)}" width="28" height="20" rx="10" '
                f'fill="#dfe5ed" stroke="{MUTED}" stroke-dasharray="4 3"/>'
            ],
            "inside " + _xml(shorten(org, 13, 280)),
            "on the inner ring",
        )
        key.row(
            [
                f'<rect x="{_n(x + 2)}" y="{_n(key.y - 10)}" width="28" height="20" rx="4" '
                f'fill="#f1f5f9"/>'
            ],
            "outside it",
            "on the outer ring, with their context",
        )
    else:
        key.row([], "no organization set", "devnet profile --org ORG shows who is inside")
    y = key.y
    key.row(
        [
            f'<path d="M{_n(x + 16)} {_n(y + 10)} L{_n(x + 2)} {_n(y - 8)} A22 22 0 0 1 '
            f'{_n(x + 30)} {_n(y - 8)} Z" fill="#e8edf3" stroke="{MUTED}" stroke-width="1"/>'
        ],
        "sector",
        "how they relate to you",
    )
    key.heading("COLOUR: WHAT THEY GIVE")
    for family, colour in FAMILY_COLOURS.items():
        note = FAMILY_FUNCTIONS[family] if FAMILY_FUNCTIONS[family] != family else ""
        key.row(
            [f'<circle cx="{_n(x + 16)}" cy="{_n(key.y)}" r="10" fill="{colour}"/>'], family, note
        )
    key.row(_marker(x + 16, key.y, 10, tuple(FAMILY_COLOURS)), "several families: split")
    key.row(_marker(x + 16, key.y, 10, ()), "no function recorded")
    key.heading("LINE: HOW CLOSE")
    for level in (4, 3, 2, 1):
        key.row([key.line(LINE_WIDTHS[level])], CLOSENESS_LABELS[level])
    key.row([key.line(1.2, ' stroke-dasharray="1.5 5" stroke-linecap="round"')], "not recorded")
    key.heading("STATE")
    y = key.y
    key.row(
        [
            f'<g opacity="0.45"><line x1="{_n(x - 6)}" y1="{_n(y)}" x2="{_n(x + 18)}" '
            f'y2="{_n(y)}" stroke="{LINE}" stroke-width="2.4" stroke-dasharray="6 4"/>'
            f'<circle cx="{_n(x + 24)}" cy="{_n(y)}" r="9" fill="{FAMILY_COLOURS["career"]}"/>'
            f"</g>"
        ],
        "paused: dashed and faded",
    )
    y = key.y
    key.row(
        [
            f'<g opacity="0.75"><line x1="{_n(x - 6)}" y1="{_n(y)}" x2="{_n(x + 11)}" '
            f'y2="{_n(y)}" stroke="{LINE}" stroke-width="2.4" stroke-dasharray="6 4"/>'
            f'<circle cx="{_n(x + 24)}" cy="{_n(y)}" r="13" fill="none" stroke="{INK}" '
            f'stroke-width="1.5" stroke-dasharray="3 3"/>'
            f'<circle cx="{_n(x + 24)}" cy="{_n(y)}" r="9" fill="{FAMILY_COLOURS["career"]}"/>'
            f"</g>"
        ],
        "closing: ending by agreement",
        "moved on, period over or goal reached",
    )
    open_cells = sorted(
        ((gc, cell) for gc in snap.coverage for cell in gc.cells if cell.status in ("gap", "weak")),
        key=lambda item: item[1].status != "gap",
    )
    if open_cells:
        key.heading("OPEN NEEDS OF YOUR OBJECTIVES")
        key.row([_need_mark(x + 16, key.y, "gap")], "nobody gives it")
        key.row([_need_mark(x + 16, key.y, "weak")], "only weak ties give it")
        room = int((HEIGHT - 30 - key.y) // 22)
        shown = open_cells if len(open_cells) <= room else open_cells[: max(room - 1, 0)]
        for gc, cell in shown:
            need = need_label(cell.need)
            title = shorten(_one_line(gc.title), 12, WIDTH - x - 64 - text_width(need + " · ", 13))
            key.out.append(_need_mark(x + 16, key.y, cell.status))
            key.out.append(
                f'<text x="{_n(x + 44)}" y="{_n(key.y + 4.5)}" class="key">{need}'
                f'<tspan class="note"> · {_xml(title)}</tspan></text>'
            )
            key.y += 22
        if len(shown) < len(open_cells):
            key.row([], f"and {len(open_cells) - len(shown)} more: devnet gaps")
    top, bottom = 110.0, key.y + 6
    return [
        f'<rect x="{_n(x - 24)}" y="{_n(top)}" width="{_n(WIDTH - x + 12)}" '
        f'height="{_n(bottom - top)}" rx="14" fill="#f8fafc" stroke="#e2e8f0"/>',
        '<g class="legend">',
        *key.out,
        "</g>",
    ]


def map_svg(network: Network, as_of: date) -> str:
    """The network on `as_of` as a self-contained SVG diagram (1600 x 900)."""
    profile = network.profile
    snap = snapshot(network, as_of)
    plan = layout(snap)
    nodes = plan.nodes
    org = _one_line(profile.org) if profile.org else None
    name = shorten(_one_line(profile.name), 30, 1080, bold=True)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="svg-title">',
        f'<title id="svg-title">Developmental network of {_xml(profile.name)} '
        f"as of {as_of.isoformat()}</title>",
        f"<style>{STYLE}</style>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="40" y="58" class="title">Developmental network of {_xml(name)}</text>',
    ]
    inside = sum(n.inside for n in nodes)
    facts = [f"as of {_day(as_of)}", f"{profile.stage} career"]
    count = f"{len(nodes)} developer{'s' if len(nodes) != 1 else ''}"
    if org:
        facts.append(org)
        if nodes:
            count += f": {inside} inside, {len(nodes) - inside} outside"
    facts.append(count)
    subtitle = shorten(" · ".join(facts), 16, LEGEND_X - 100)
    out.append(f'<text x="40" y="88" class="subtitle">{_xml(subtitle)}</text>')
    taken = [
        Box(20, 20, 40 + text_width("Developmental network of " + name, 30, True), 68),
        Box(20, 68, 40 + text_width(subtitle, 16), 96),
        Box(LEGEND_X - 30, 100, WIDTH, HEIGHT),
        Box(CX - CENTRE_R - 4, CY - CENTRE_R - 4, CX + CENTRE_R + 4, CY + CENTRE_R + 4),
        *(
            Box(n.x - NODE_R - 2, n.y - NODE_R - 2, n.x + NODE_R + 2, n.y + NODE_R + 2)
            for n in nodes
        ),
    ]

    # sectors: alternating tints, a white gap between them; your organization on top
    out.append('<g class="sectors">')
    rx, ry = STRETCH * plan.edge, plan.edge
    for i, (_, a0, a1) in enumerate(plan.sectors):
        tint = "#eef2f6" if i % 2 == 0 else "#f6f8fa"
        if len(plan.sectors) == 1:
            out.append(
                f'<ellipse cx="{_n(CX)}" cy="{_n(CY)}" rx="{_n(rx)}" ry="{_n(ry)}" fill="{tint}"/>'
            )
            continue
        (x0, y0), (x1, y1) = _at(a0, plan.edge), _at(a1, plan.edge)
        large = 1 if a1 - a0 > math.pi else 0
        out.append(
            f'<path d="M{_n(CX)} {_n(CY)} L{_n(x0)} {_n(y0)} A{_n(rx)} {_n(ry)} 0 {large} 1 '
            f'{_n(x1)} {_n(y1)} Z" fill="{tint}"/>'
        )
    if org:
        out.append(
            f'<ellipse cx="{_n(CX)}" cy="{_n(CY)}" rx="{_n(STRETCH * plan.boundary)}" '
            f'ry="{_n(plan.boundary)}" fill="#dfe5ed" fill-opacity="0.8" stroke="{MUTED}" '
            f'stroke-width="1.5" stroke-dasharray="7 5" class="org-boundary"/>'
        )
    if len(plan.sectors) > 1:
        for _, a0, _ in plan.sectors:
            x0, y0 = _at(a0, plan.edge + 1)
            out.append(
                f'<line x1="{_n(CX)}" y1="{_n(CY)}" x2="{_n(x0)}" y2="{_n(y0)}" '
                f'stroke="#ffffff" stroke-width="4"/>'
            )
    out.append("</g>")

    out.append('<g class="ties">')
    out += [_line(n) for n in nodes]
    out.append("</g>")
    out.append(
        f'<g class="you"><title>{_xml(profile.name)}</title>'
        f'<circle cx="{_n(CX)}" cy="{_n(CY)}" r="{_n(CENTRE_R)}" fill="{INK}"/>'
        f'<text x="{_n(CX)}" y="{_n(CY + 5)}" text-anchor="middle" class="you">you</text></g>'
    )
    out.append('<g class="nodes">')
    for n in nodes:
        out += _node(n)
    out.append("</g>")

    # labels: each beside its dot, away from the centre, where nothing is yet
    out.append('<g class="labels">')
    for n in nodes:
        heading = _heading(n.angle)
        label = _place(
            _label_lines(n),
            n.x,
            n.y,
            NODE_R + 5,
            _around(heading, (20, 40, 65, 90, 120, 150)),
            taken,
            gaps=(0.0, 14.0),
        )
        out.append(f'<g class="label {n.state}">')
        faded = "" if n.state == "active" else f" {n.state}"
        out += _text(label, ["name" + faded, "sub" + faded])
        out.append("</g>")
    for k, a0, a1 in plan.sectors:
        members = sum(1 for n in nodes if n.sector == k)
        mid = (a0 + a1) / 2
        x, y = _at(mid, plan.edge)
        label = _place(
            [(f"{SECTORS[k][0].upper()} · {members}", 12.0, True)],
            x,
            y,
            6,
            _around(_heading(mid), (10, 20, 30)),
            taken,
            gaps=(0.0, 16.0),
        )
        out += _text(label, ["sector"], chip=False)
    if org:
        text = shorten(org.upper(), 13, 220, bold=True)
        half = text_width(text, 13, True) / 2 + 9
        boxes = []
        for deg in (180, 160, 200, 140, 220, 120, 240, 90, 270, 60, 300, 30, 330, 0):
            x, y = _at(math.radians(deg), plan.boundary)
            boxes.append(Box(x - half, y - 11, x + half, y + 11))
        # the first place clear of labels and dots, and of the lines as far as can be
        points = [
            (CX + (n.x - CX) * t / 20, CY + (n.y - CY) * t / 20) for n in nodes for t in range(21)
        ]

        def cost(b: Box) -> tuple[bool, int]:
            crossed = sum(
                b.x0 - 4 <= px <= b.x1 + 4 and b.y0 - 4 <= py <= b.y1 + 4 for px, py in points
            )
            return any(b.overlap(t, 0) for t in taken), crossed

        box = min(boxes, key=cost)
        taken.append(box)
        out.append(
            f'<rect x="{_n(box.x0)}" y="{_n(box.y0)}" width="{_n(box.x1 - box.x0)}" height="22" '
            f'rx="11" fill="#ffffff" stroke="{MUTED}"/>'
            f'<text x="{_n((box.x0 + box.x1) / 2)}" y="{_n(box.y0 + 15.5)}" '
            f'text-anchor="middle" class="org">{_xml(text)}</text>'
        )
    out.append("</g>")
    if not nodes:
        lines: list[Line] = [
            ("Nobody in the network on this day.", 16.0, False),
            ("devnet add NAME --relation senior --context ORG", 13.0, False),
        ]
        label = _place(lines, CX, CY + CENTRE_R + 12, 0, [math.pi], [])
        out += _text(label, ["subtitle", "note"])
    out += _legend(snap, org)
    out.append("</svg>")
    return "\n".join(out) + "\n"
